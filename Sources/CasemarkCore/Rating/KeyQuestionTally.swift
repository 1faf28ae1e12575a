import Dispatch

/// How an inspection's cases stand on one key question.
public struct KeyQuestionTally: Equatable, Sendable {
    public var yes = 0
    public var no = 0
    public var notApplicable = 0
    public var unanswered = 0

    public init(yes: Int = 0, no: Int = 0, notApplicable: Int = 0, unanswered: Int = 0) {
        self.yes = yes
        self.no = no
        self.notApplicable = notApplicable
        self.unanswered = unanswered
    }

    /// Cases the key question applies to and that are judged: yes + no.
    public var applicable: Int { yes + no }

    mutating func add(_ other: KeyQuestionTally) {
        yes += other.yes
        no += other.no
        notApplicable += other.notApplicable
        unanswered += other.unanswered
    }

    mutating func count(_ judgement: Judgement?, by step: Int) {
        switch judgement {
        case .yes: yes += step
        case .no: no += step
        case .na: notApplicable += step
        case nil: unanswered += step
        }
    }
}

/// Per-key-question counts over an inspection's cases, kept up to date one case at a time, so
/// that a changed answer costs time proportional to that case, not to the inspection.
public struct InspectionTally: Sendable {
    public let framework: Framework
    public private(set) var counts: [String: KeyQuestionTally] = [:]
    /// How many cases of each domain are counted.
    public private(set) var caseCounts: [String: Int] = [:]

    /// `framework.caseKeyQuestions(domain:)` for each domain, worked out once: counting a case
    /// looks them up for every case.
    private var questionsByDomain: [String: [KeyQuestion]] = [:]

    public init(framework: Framework, cases: some Sequence<CaseFile> = [CaseFile]()) {
        self.framework = framework
        for domain in framework.caseDomains {
            for question in framework.caseKeyQuestions(domain: domain.number) {
                counts[question.number] = KeyQuestionTally()
            }
        }
        for domain in framework.domains where questionsByDomain[domain.number] == nil {
            questionsByDomain[domain.number] = framework.caseKeyQuestions(domain: domain.number)
        }
        let countedInParallel = cases.withContiguousStorageIfAvailable { countInParallel($0) } ?? false
        if !countedInParallel {
            for file in cases { add(file) }
        }
    }

    /// Counts many cases on every core, each part into a tally of its own, then adds the parts
    /// up. False, with nothing counted, when there are too few cases to be worth it.
    private mutating func countInParallel(_ cases: UnsafeBufferPointer<CaseFile>) -> Bool {
        let parts = min(8, cases.count / 1_000)
        guard parts >= 2 else { return false }
        var tallies = [InspectionTally](repeating: self, count: parts)
        tallies.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let slots = slots
            nonisolated(unsafe) let cases = cases
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                for position in stride(from: part, to: cases.count, by: parts) {
                    slots[part].add(cases[position])
                }
            }
        }
        for tally in tallies {
            for (number, part) in tally.counts {
                counts[number, default: KeyQuestionTally()].add(part)
            }
            for (domain, count) in tally.caseCounts {
                caseCounts[domain, default: 0] += count
            }
        }
        return true
    }

    public subscript(number: String) -> KeyQuestionTally {
        counts[number] ?? KeyQuestionTally()
    }

    /// The judgement a case counts as on a key question: not applicable when an applicability
    /// condition rules the case out, whatever it holds; nil when not yet judged.
    public static func effectiveJudgement(of file: CaseFile, on question: KeyQuestion) -> Judgement? {
        if let condition = question.applicability,
            !condition.applies(disposal: file.disposal, classifications: file.classifications)
        {
            return .na
        }
        return file.answers[question.number]?.judgement
    }

    public mutating func add(_ file: CaseFile) {
        adjust(file, by: 1)
    }

    public mutating func remove(_ file: CaseFile) {
        adjust(file, by: -1)
    }

    /// Replaces one case's contribution by its new version.
    public mutating func replace(_ old: CaseFile, with new: CaseFile) {
        adjust(old, by: -1)
        adjust(new, by: 1)
    }

    private mutating func adjust(_ file: CaseFile, by step: Int) {
        guard file.framework == framework.id else { return }
        guard let questions = questionsByDomain[file.domain], !questions.isEmpty else { return }
        caseCounts[file.domain, default: 0] += step
        // `effectiveJudgement(of:on:)`, with the case's classifications worked out once.
        let classifications = file.classifications
        for question in questions {
            let judgement: Judgement?
            if let condition = question.applicability,
                !condition.applies(disposal: file.disposal, classifications: classifications)
            {
                judgement = .na
            } else {
                judgement = file.answers[question.number]?.judgement
            }
            counts[question.number, default: KeyQuestionTally()].count(judgement, by: step)
        }
    }
}
