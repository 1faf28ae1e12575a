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
        for file in cases { add(file) }
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
