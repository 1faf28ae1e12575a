import Dispatch

/// Everything a report shows about an inspection: who was inspected, under which framework, how
/// many cases, and the ratings. Built once and handed to each renderer.
public struct InspectionReport: Sendable {
    public var service: String
    public var framework: Framework
    public var ratings: InspectionRatings
    /// Cases counted per domain number.
    public var caseCounts: [String: Int]
    /// Key-question answers still to give across all cases.
    public var unansweredCount: Int
    /// How many cases stand at each review status.
    public var reviewCounts: [ReviewStatus: Int] = [:]
    /// Refs of cases whose sign-off is out of date (answers changed after it), in order.
    public var outOfDateSignOffs: [String] = []
    /// Reviewers' challenges not yet settled (agreed or cleared by the reviewer), case by case.
    public var openChallenges: [OpenChallenge] = []
    /// Merge conflicts still to resolve: "C03: 2.1.1 judgement: yes (ann) ≠ no (bob)".
    public var unresolvedConflicts: [String] = []

    /// A challenge still open in a case, for the report's list.
    public struct OpenChallenge: Equatable, Sendable {
        public var ref: String
        public var item: String
        public var by: String?
        public var comment: String?
        /// Whether the inspector has marked it answered (then it waits for the reviewer).
        public var answered: Bool

        /// "C01 2.1.1/a (Pat): why? [answered]", unescaped.
        public var line: String {
            "\(ref) \(item)" + (by.map { " (\($0))" } ?? "") + (comment.map { ": \($0)" } ?? "") + (answered ? " [answered, awaiting the reviewer]" : "")
        }
    }

    public init(service: String, framework: Framework, ratings: InspectionRatings, caseCounts: [String: Int], unansweredCount: Int) {
        self.service = service
        self.framework = framework
        self.ratings = ratings
        self.caseCounts = caseCounts
        self.unansweredCount = unansweredCount
    }

    /// Rates a loaded inspection. Damaged cases are not the report's concern: callers refuse to
    /// report on a folder with any (a report never silently leaves a case out).
    public init(folder: InspectionFolder) {
        let tally = InspectionTally(framework: folder.framework, cases: folder.cases)
        let engine = RatingEngine(framework: folder.framework)
        self.init(
            service: folder.inspection.service, framework: folder.framework,
            ratings: engine.rate(tally: tally, inspection: folder.inspection), caseCounts: tally.caseCounts,
            unansweredCount: tally.unansweredCount)
        let statuses = Self.reviewStatuses(of: folder.cases)
        for (position, status) in statuses.enumerated() {
            reviewCounts[status, default: 0] += 1
            if status == .outOfDate { outOfDateSignOffs.append(folder.cases[position].ref) }
        }
        outOfDateSignOffs.sort(by: numberingOrder)
        for file in folder.cases where !file.review.items.isEmpty || !file.conflicts.isEmpty {
            for (key, item) in file.review.challenges {
                openChallenges.append(OpenChallenge(ref: file.ref, item: key, by: item.by, comment: item.comment, answered: item.answered != nil))
            }
            unresolvedConflicts += file.conflicts.map { "\(file.ref): " + $0.summary }
        }
    }

    /// The review status of each case, worked out on every core when there are many: a signed-off
    /// case's status needs a digest of its answers (their JSON), which for 10,000 cases was a
    /// sixth of a report.
    static func reviewStatuses(of cases: [CaseFile]) -> [ReviewStatus] {
        let parts = min(8, cases.count / 500)
        guard parts >= 2 else { return cases.indices.map { cases[$0].reviewStatus } }
        return [ReviewStatus](unsafeUninitializedCapacity: cases.count) { buffer, initialized in
            nonisolated(unsafe) let slots = buffer
            cases.withUnsafeBufferPointer { cases in
                nonisolated(unsafe) let cases = cases
                DispatchQueue.concurrentPerform(iterations: parts) { part in
                    for position in stride(from: part, to: cases.count, by: parts) {
                        (slots.baseAddress! + position).initialize(to: cases[position].reviewStatus)
                    }
                }
            }
            initialized = cases.count
        }
    }

    /// "Review: 3 signed off, 1 returned, 22 not reviewed", in the order of `ReviewStatus`.
    public var reviewSummary: String {
        let parts = ReviewStatus.allCases.compactMap { status in
            reviewCounts[status].map { "\($0) \(status.rawValue)" }
        }
        return parts.isEmpty ? "Review: no cases" : "Review: " + parts.joined(separator: ", ")
    }

    /// Standards with discretion, numbered in order for footnotes.
    var discretionNotes: [(number: String, result: StandardResult)] {
        ratings.standards.filter { $0.discretion != nil }.map { ($0.number, $0) }
    }
}

/// The output formats of `casemark report`.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text
    case markdown
    case csv
    case json
    case html

    public func render(_ report: InspectionReport) -> String {
        switch self {
        case .text: TextReportRenderer(width: 100).render(report)
        case .markdown: MarkdownReportRenderer().render(report)
        case .csv: CSVReportRenderer().render(report)
        case .json: JSONReportRenderer().render(report)
        case .html: HTMLReportRenderer().render(report)
        }
    }
}
