import CasemarkCore

/// One place the cursor can stand while marking: a prompt of a key question, or the key
/// question's own judgement (which comes after its prompts).
public struct MarkingItem: Equatable, Sendable {
    public var keyQuestion: String
    /// Nil for the key-question judgement.
    public var prompt: String?
}

/// What a case is marked on under its framework: its domain's case-rated standards and key
/// questions, and which of them apply to it.
///
/// Pure functions of the framework and the case.
public struct CaseOutline: Sendable {
    public let framework: Framework
    public let standards: [Standard]

    public init(framework: Framework, domain: String) {
        self.framework = framework
        self.standards = framework.domain(domain)?.standards.filter { $0.rated == .cases } ?? []
    }

    public var keyQuestions: [KeyQuestion] { standards.flatMap(\.keyQuestions) }

    /// Whether a key question applies to this case (not ruled out by a condition).
    public func applies(_ question: KeyQuestion, to file: CaseFile) -> Bool {
        question.applicability?.applies(to: file) ?? true
    }

    /// Every stop of the cursor, in order: each applicable key question's prompts, then its judgement.
    public func items(for file: CaseFile) -> [MarkingItem] {
        keyQuestions.filter { applies($0, to: file) }.flatMap { question in
            question.prompts.map { MarkingItem(keyQuestion: question.number, prompt: $0.letter) }
                + [MarkingItem(keyQuestion: question.number, prompt: nil)]
        }
    }

    /// Key questions judged and to judge (those ruled out by a condition are not counted).
    public func progress(of file: CaseFile) -> (judged: Int, total: Int) {
        let applicable = keyQuestions.filter { applies($0, to: file) }
        return (applicable.filter { file.answers[$0.number]?.judgement != nil }.count, applicable.count)
    }

    /// Prompt answers of a key question: yes, no, n/a and open counts.
    public func promptTally(_ question: KeyQuestion, in file: CaseFile) -> (yes: Int, no: Int, na: Int, open: Int) {
        let prompts = file.answers[question.number]?.prompts ?? [:]
        var result = (yes: 0, no: 0, na: 0, open: 0)
        for prompt in question.prompts {
            switch prompts[prompt.letter] {
            case .yes: result.yes += 1
            case .no: result.no += 1
            case .na: result.na += 1
            case nil: result.open += 1
            }
        }
        return result
    }
}
