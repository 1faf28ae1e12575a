/// What the rating scale says once, for everyone who needs it: the best score, a rating's place.
extension Framework {
    /// The highest total the core standards can score: each at the top of the scale (36 for
    /// twelve standards scored 3, 2, 1, 0).
    public var maximumScore: Int {
        standards.filter(\.core).count * (ratingScale.map(\.score).max() ?? 0)
    }

    /// A rating's place on the scale, 0 for the best: what screens colour and mark it by, so no
    /// screen spells out rating ids.
    public func rank(of ratingID: String?) -> Int? {
        guard let ratingID else { return nil }
        return ratingScale.sorted { $0.score > $1.score }.firstIndex { $0.id == ratingID }
    }
}

extension Framework {
    /// The classifications a case of `domain` must record for the framework's applicability rules
    /// to decide its sub-samples (the 2018 safety and risk questions), with the key questions each
    /// decides.
    ///
    /// A case that does not record one counts in every such sub-sample.
    public func deciding(_ file: CaseFile) -> [(classification: Classification, keyQuestions: [String])] {
        Classification.allCases.compactMap { classification in
            guard file.classification(classification) == nil else { return nil }
            let questions = caseKeyQuestions(domain: file.domain).filter { $0.applicability?.excludeWhen[classification] != nil }.map(
                \.number)
            return questions.isEmpty ? nil : (classification, questions)
        }
    }
}

/// What `Framework.completionGaps` looks at in a case of each domain, found once for the many
/// cases of a report or a folder: a report lists the gaps of every case marked complete, and
/// finding the key questions and details afresh for each (copying each key question, its
/// prompts and texts) was a seventh of a report of complete cases.
public struct CompletionIndex: Sendable {
    struct Question: Sendable {
        var number: String
        var applicability: Applicability?
        /// Its prompts' letters, and the same as `PromptAnswers.answeredSlots` has them (nil
        /// when one is not a letter from `a` to `z`).
        var letters: [String]
        var slots: UInt64?
    }

    struct Domain: Sendable {
        /// The domain's key questions marked from cases, in order.
        var questions: [Question]
        /// The required details asked in the domain, in the declared order.
        var requiredDetails: [String]
    }

    let domains: [String: Domain]

    public init(_ framework: Framework) {
        var domains: [String: Domain] = [:]
        for domain in framework.caseDomains {
            domains[domain.number] = Domain(
                questions: framework.caseKeyQuestions(domain: domain.number).map { question in
                    let letters = question.prompts.map(\.letter)
                    return Question(
                        number: question.number, applicability: question.applicability, letters: letters,
                        slots: PromptAnswers.slots(of: letters))
                },
                requiredDetails: framework.details(forDomain: domain.number).filter(\.required).map(\.id))
        }
        self.domains = domains
    }
}

/// What a case still lacks before it is complete: the one definition of complete, which the
/// marking screen asks before a case is marked complete and `validate` and the report check of
/// every case marked so.
public struct CompletionGaps: Equatable, Sendable {
    /// A key question that applies and is not fully answered.
    public struct Open: Equatable, Sendable {
        public var keyQuestion: String
        /// Its prompts not answered, in order (none asked when it is judged not applicable).
        public var prompts: [String]
        public var judged: Bool
    }

    /// The ids of the required details not recorded, in the declared order (but the
    /// classifications a sub-sample needs, which `Framework.deciding` names).
    public var details: [String] = []
    /// The key questions that apply and lack their judgement or a prompt's answer, in order.
    public var keyQuestions: [Open] = []

    public var isEmpty: Bool { details.isEmpty && keyQuestions.isEmpty }

    /// The key questions not judged.
    public var notJudged: [String] { keyQuestions.filter { !$0.judged }.map(\.keyQuestion) }

    /// The prompts not answered of the key questions judged, as review items name them
    /// (`2.1.1/a`): one not judged is named by `notJudged`, its prompts with it.
    public var unansweredPrompts: [String] {
        keyQuestions.filter(\.judged).flatMap { open in open.prompts.map { open.keyQuestion + "/" + $0 } }
    }
}

extension Framework {
    /// What a case still lacks before it is complete, by the framework.
    ///
    /// The required details it does not record, and each key question that applies to it
    /// without its judgement, or, unless judged not applicable, without an answer to each of its
    /// prompts; empty for a case that is done. The marking screen lists them when asked to
    /// complete a case, `validate` names them as problems of a case marked complete, and the
    /// report lists such cases. `deciding` is `deciding(file)` and `index` the framework's
    /// `CompletionIndex`, when the caller has them already.
    public func completionGaps(
        _ file: CaseFile, deciding undecided: [(classification: Classification, keyQuestions: [String])]? = nil,
        index: CompletionIndex? = nil
    ) -> CompletionGaps {
        var gaps = CompletionGaps()
        guard let domain = (index ?? CompletionIndex(self)).domains[file.domain] else { return gaps }
        var named: Set<String>?
        for id in domain.requiredDetails where file.details.value(of: id) == nil {
            let classifications = named ?? Set((undecided ?? deciding(file)).map(\.classification.rawValue))
            named = classifications
            if !classifications.contains(id) { gaps.details.append(id) }
        }
        domain.questions.withUnsafeBufferPointer { questions in
            for position in questions.indices {
                let question = questions[position]
                // The answer looked at in place: a copy of each answer was a retain and a
                // release of each of its arrays.
                let found = file.answers.index(forKey: question.number)
                let judgement = found.flatMap { file.answers.values[$0].judgement }
                if judgement == .na { continue }
                let answered: Bool
                if let found {
                    let prompts = file.answers.values[found].prompts
                    if let slots = question.slots, prompts.holdsLettersOnly {
                        answered = slots & ~prompts.answeredSlots == 0
                    } else {
                        answered = question.letters.allSatisfy { prompts[$0] != nil }
                    }
                } else {
                    answered = question.letters.isEmpty
                }
                if judgement != nil && answered { continue }
                guard question.applicability?.applies(to: file) ?? true else { continue }
                let prompts = found.map { file.answers.values[$0].prompts }
                gaps.keyQuestions.append(
                    CompletionGaps.Open(
                        keyQuestion: question.number, prompts: answered ? [] : question.letters.filter { prompts?[$0] == nil },
                        judged: judgement != nil))
            }
        }
        return gaps
    }
}
