import Dispatch

/// Everything a report shows about an inspection: who was inspected, under which framework, how
/// many cases, and the ratings.
///
/// Built once and handed to each renderer.
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
    /// Refs of cases whose sign-off a challenge opened after it has put back in review, in order.
    public var challengedSignOffs: [String] = []
    /// Reviewers' challenges not yet settled (agreed or cleared by the reviewer), case by case.
    public var openChallenges: [OpenChallenge] = []
    /// Merge conflicts still to resolve: "C03: 2.1.1 judgement: yes (ann) ≠ no (bob)".
    public var unresolvedConflicts: [String] = []
    /// Cases that do not record a classification a sub-sample rule needs, and so count in it
    /// whatever they are: "C04: safety and wellbeing not recorded (counted in 2.2.2, 2.3.2)".
    public var undecidedCases: [String] = []
    /// Cases marked complete that still lack something (`Framework.completionGaps`), one line
    /// each in ref order: "C12: 2.1.1, 2.3.2 not judged; prompt 2.2.1/b not answered; required
    /// detail startDate not recorded".
    public var completedWithGaps: [String] = []
    /// The cases counted by disposal type and by each detail the framework tabulates.
    public var casesAssessed = CasesAssessed(domains: [], tables: [])
    /// The rule prompt percentages follow, stated in every output.
    public var promptDenominator: PromptDenominator = .applicable
    /// Whether the review (statuses, out-of-date sign-offs, open challenges, conflicts) is shown;
    /// false for a version to publish (`--no-review`).
    public var includeReview = true
    /// When the report was made ("2026-12-01T09:45:00Z") and from which folder, for a page that
    /// is handed on; nil leaves them out.
    public var generatedAt: String?
    public var folderPath: String?

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
            "\(ref) \(item)" + (by.map { " (\($0))" } ?? "") + (comment.map { ": \($0)" } ?? "")
                + (answered ? " [answered, awaiting the reviewer]" : "")
        }
    }

    public init(service: String, framework: Framework, ratings: InspectionRatings, caseCounts: [String: Int], unansweredCount: Int) {
        self.service = service
        self.framework = framework
        self.ratings = ratings
        self.caseCounts = caseCounts
        self.unansweredCount = unansweredCount
    }

    /// Rates a loaded inspection.
    ///
    /// Damaged cases are not the report's concern: callers refuse to report on a folder with any (a
    /// report never silently leaves a case out).
    public init(folder: InspectionFolder, promptDenominator: PromptDenominator = .applicable) {
        var fold = Fold(framework: folder.framework)
        fold.add(folder.cases)
        self = fold.report(service: folder.inspection.service, inspection: folder.inspection, promptDenominator: promptDenominator)
    }

    /// Reads and rates the inspection at `path` case by case, keeping no case: memory stays flat
    /// however many cases there are.
    ///
    /// Throws the problems of every damaged file (all of them read first), as a report never leaves
    /// a case out.
    public static func read(
        folder path: String, catalog: FrameworkCatalog, promptDenominator: PromptDenominator = .applicable
    ) throws -> InspectionReport {
        let (read, fold) = try InspectionFolder.foldCaseByCase(
            path, catalog: catalog, start: { Fold(framework: $0) }, add: { fold, file, position in fold.add(file, position: position) },
            join: { $0.join($1) })
        guard read.damaged.isEmpty else { throw DamagedCases(files: read.damaged) }
        return fold.report(service: read.inspection.service, inspection: read.inspection, promptDenominator: promptDenominator)
    }

    /// Case files with problems, which stop a report.
    public struct DamagedCases: Error, Sendable {
        public var files: [FileProblems]
    }

    /// What a report needs of the cases, gathered case by case: the tally, review statuses,
    /// challenges and conflicts.
    ///
    /// Cases may be folded in any order, into several folds joined afterwards (one per core):
    /// what is listed case by case carries the case's position in ref order, and is put in that
    /// order when the report is made.
    struct Fold {
        var tally: InspectionTally
        var reviewCounts: [ReviewStatus: Int] = [:]
        var outOfDate: [String] = []
        var challengedSignOffs: [String] = []
        var challenges: [(position: Int, item: OpenChallenge)] = []
        var conflicts: [(position: Int, item: String)] = []
        var undecided: [(position: Int, item: String)] = []
        var gaps: [(position: Int, item: String)] = []
        var assessed: CasesAssessed.Fold
        let completion: CompletionIndex

        init(framework: Framework) {
            tally = InspectionTally(framework: framework)
            completion = CompletionIndex(framework)
            assessed = CasesAssessed.Fold(framework: framework)
        }

        /// Every case of a loaded inspection, in ref order (review statuses worked out on every
        /// core when there are many).
        mutating func add(_ cases: [CaseFile]) {
            for (position, status) in InspectionReport.reviewStatuses(of: cases).enumerated() {
                add(cases[position], position: position, status: status)
            }
        }

        /// One case, at `position` in ref order.
        mutating func add(_ file: CaseFile, position: Int, status: ReviewStatus? = nil) {
            tally.add(file)
            assessed.add(file)
            let status = status ?? file.reviewStatus
            reviewCounts[status, default: 0] += 1
            if status == .outOfDate { outOfDate.append(file.ref) }
            if status == .inReview, file.review.outcome?.kind == .signedOff { challengedSignOffs.append(file.ref) }
            if !file.review.items.isEmpty || !file.conflicts.isEmpty {
                for (key, item) in file.review.challenges {
                    challenges.append(
                        (
                            position,
                            OpenChallenge(ref: file.ref, item: key, by: item.by, comment: item.comment, answered: item.answered != nil)
                        ))
                }
                conflicts += file.conflicts.map { (position, "\(file.ref): " + $0.summary) }
            }
            let deciding = tally.framework.deciding(file)
            if file.status == .complete {
                let found = tally.framework.completionGaps(file, deciding: deciding, index: completion)
                let (details, notJudged, prompts) = (found.details, found.notJudged, found.unansweredPrompts)
                var parts: [String] = []
                if !notJudged.isEmpty { parts.append("\(notJudged.joined(separator: ", ")) not judged") }
                if !prompts.isEmpty {
                    parts.append("prompt\(prompts.count == 1 ? "" : "s") \(prompts.joined(separator: ", ")) not answered")
                }
                if !details.isEmpty {
                    parts.append(
                        "required detail\(details.count == 1 ? "" : "s") \(details.joined(separator: ", ")) not recorded")
                }
                if !parts.isEmpty { gaps.append((position, "\(file.ref): " + parts.joined(separator: "; "))) }
            }
            for missing in deciding {
                undecided.append(
                    (
                        position,
                        "\(file.ref): \(missing.classification.label.lowercased()) not recorded (counted in \(missing.keyQuestions.joined(separator: ", ")))"
                    )
                )
            }
        }

        /// Adds the cases another fold of the same framework holds.
        mutating func join(_ other: Fold) {
            tally.add(other.tally)
            assessed.join(other.assessed)
            for (status, count) in other.reviewCounts { reviewCounts[status, default: 0] += count }
            outOfDate += other.outOfDate
            challengedSignOffs += other.challengedSignOffs
            challenges += other.challenges
            conflicts += other.conflicts
            undecided += other.undecided
            gaps += other.gaps
        }

        /// The lines of `listed` in ref order, each case's own in the order it gave them.
        private static func inOrder<Item>(_ listed: [(position: Int, item: Item)]) -> [Item] {
            listed.indices.sorted { (listed[$0].position, $0) < (listed[$1].position, $1) }.map { listed[$0].item }
        }

        func report(service: String, inspection: InspectionFile, promptDenominator: PromptDenominator) -> InspectionReport {
            let engine = RatingEngine(framework: tally.framework)
            var report = InspectionReport(
                service: service, framework: tally.framework,
                ratings: engine.rate(tally: tally, inspection: inspection, promptDenominator: promptDenominator),
                caseCounts: tally.caseCounts, unansweredCount: tally.unansweredCount)
            report.promptDenominator = promptDenominator
            report.reviewCounts = reviewCounts
            report.outOfDateSignOffs = outOfDate.sorted(by: numberingOrder)
            report.challengedSignOffs = challengedSignOffs.sorted(by: numberingOrder)
            report.openChallenges = Self.inOrder(challenges)
            report.unresolvedConflicts = Self.inOrder(conflicts)
            report.undecidedCases = Self.inOrder(undecided)
            report.completedWithGaps = Self.inOrder(gaps)
            report.casesAssessed = assessed.result
            report.casesAssessed.population = inspection.drawnSample
            return report
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
                    guard let base = slots.baseAddress else { return }
                    for position in stride(from: part, to: cases.count, by: parts) {
                        (base + position).initialize(to: cases[position].reviewStatus)
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

    /// Standards with a ratings panel decision, applied or considered and not applied,
    /// numbered in order for footnotes.
    var discretionNotes: [(number: String, result: StandardResult)] {
        ratings.standards.filter { $0.discretion != nil || $0.declinedDiscretion != nil }.map { ($0.number, $0) }
    }

    /// The footnote number of each standard with a ratings panel decision, by standard number.
    var footnoteNumbers: [String: Int] {
        Dictionary(uniqueKeysWithValues: discretionNotes.enumerated().map { ($1.number, $0 + 1) })
    }

    /// The footnote of a panel decision, unescaped: "computed Good, rated Outstanding by the
    /// ratings panel.
    ///
    /// why" or "computed Requires improvement; discretion considered; not applied: why".
    static func decisionText(_ result: StandardResult) -> String {
        let computed = result.computed?.label ?? "unrated"
        if let declined = result.declinedDiscretion, result.discretion == nil {
            return "computed \(computed); ratings panel discretion considered; not applied: \(declined.reason)"
        }
        return "computed \(computed), rated \(result.final?.label ?? "unrated") by the ratings panel. \(result.discretion?.reason ?? "")"
    }

    /// "Standards for inspecting youth offending services (revised September 2020) [hmip-yos-2020-09]",
    /// unescaped: the title once, then the id.
    var frameworkLine: String {
        "\(framework.title) [\(framework.id)]"
    }

    /// "5 court disposals, 1 out-of-court disposal", unescaped: the domain titles as the seed
    /// reports write them in prose (hyphenated "out-of-court"), singular for one case.
    public var caseSummary: String {
        framework.caseDomains.map { domain in
            let count = caseCounts[domain.number] ?? 0
            var title = domain.title.lowercased()
            if title.hasPrefix("out of court ") { title = "out-of-court " + title.dropFirst("out of court ".count) }
            if count == 1, title.hasSuffix("s") { title.removeLast() }
            return "\(count) \(title)"
        }.joined(separator: ", ")
    }

    public var maximumScore: Int { framework.maximumScore }

    /// The band legend as the annexes print it: "Minority: <50%", "Too few: 50–64%",
    /// "Reasonable majority: 65–79%", "Large majority: 80%+", worst first, each with its rating.
    var bandLegend: [(text: String, rating: String)] {
        let bands = framework.keyQuestionBands
        return bands.indices.reversed().map { index in
            let band = bands[index]
            let range: String
            if index == 0 {
                range = "\(band.atLeastPercent)%+"
            } else if band.atLeastPercent == 0 {
                range = "<\(bands[index - 1].atLeastPercent)%"
            } else {
                range = "\(band.atLeastPercent)–\(bands[index - 1].atLeastPercent - 1)%"
            }
            return ((band.label.map { "\($0): " } ?? "") + range, framework.label(of: band.rating))
        }
    }

    /// The scoring rule as the reports state it, from the framework's scale and overall bands.
    var scoringRule: String {
        let core = framework.standards.filter(\.core).count
        let scale = framework.ratingScale.reversed().map { "'\($0.label)' = \($0.score)" }.joined(separator: "; ")
        let lowest = framework.ratingScale.last?.score ?? 0
        let best = framework.ratingScale.first?.score ?? 0
        var bands: [String] = []
        let overall = framework.overallBands
        for index in overall.indices.reversed() {
            let top = index == 0 ? maximumScore : overall[index - 1].minScore - 1
            bands.append("\(overall[index].minScore)–\(top) = '\(framework.label(of: overall[index].rating))'")
        }
        var rule =
            "Each of the \(core) core standards is scored on a \(lowest)–\(best) scale in which \(scale). Adding these scores produces a total score ranging from 0–\(maximumScore), which is banded to produce the overall rating: \(bands.joined(separator: ", "))."
        for limit in framework.limitingRules {
            rule +=
                " If standard \(limit.standard) is rated '\(framework.label(of: limit.whenRating))', the overall rating is at most '\(framework.label(of: limit.overallAtMost))'."
        }
        return rule
    }

    /// The rule a standard's rating follows, for the legend.
    static let standardRule = "The rating for each standard is the band of its lowest key-question figure, marked as the lowest."

    /// What the intervals are, for every output.
    static let intervalStatement =
        "Intervals are 80% Wilson score intervals for the share of applicable cases judged sufficient: advice on how sure a figure is, never a change to a rating. One that crosses a band threshold is flagged, and so is a figure from a sub-sample (fewer cases than the domain's sample)."
}

/// How `casemark report` lays the results out.
public enum ReportLayout: String, CaseIterable, Sendable {
    /// Every figure: counts, margins, intervals and prompts, per standard.
    case tables
    /// As the inspection reports' annex prints it: per domain, each standard with its statement,
    /// its key questions with "% yes", the rating, the lowest figure marked, the legend and the
    /// scoring rule.
    case annex
}

/// The output formats of `casemark report`.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text
    case markdown
    case csv
    case json
    case html

    public func render(_ report: InspectionReport, layout: ReportLayout = .tables) -> String {
        switch (self, layout) {
        case (.text, .tables): TextReportRenderer(width: 100).render(report)
        case (.text, .annex): TextReportRenderer(width: 100).renderAnnex(report)
        case (.markdown, .tables): MarkdownReportRenderer().render(report)
        case (.markdown, .annex): MarkdownReportRenderer().renderAnnex(report)
        case (.csv, _): CSVReportRenderer().render(report)
        case (.json, _): JSONReportRenderer().render(report)
        case (.html, .tables): HTMLReportRenderer().render(report)
        case (.html, .annex): HTMLReportRenderer().renderAnnex(report)
        }
    }

    /// Whether the format has the annex layout (CSV and JSON are data, one shape each).
    public var hasAnnexLayout: Bool { self == .text || self == .markdown || self == .html }
}
