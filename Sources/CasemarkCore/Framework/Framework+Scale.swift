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
    struct Domain: Sendable {
        /// The domain's key questions marked from cases, in order, with their applicability.
        var questions: [(number: String, applicability: Applicability?)]
        /// The required details asked in the domain, in the declared order.
        var requiredDetails: [String]
    }

    let domains: [String: Domain]

    public init(_ framework: Framework) {
        var domains: [String: Domain] = [:]
        for domain in framework.caseDomains {
            domains[domain.number] = Domain(
                questions: framework.caseKeyQuestions(domain: domain.number).map { ($0.number, $0.applicability) },
                requiredDetails: framework.details(forDomain: domain.number).filter(\.required).map(\.id))
        }
        self.domains = domains
    }
}

extension Framework {
    /// What a case marked complete still lacks, by the framework.
    ///
    /// The ids of the required details it does not record (but the classifications a
    /// sub-sample needs, which `deciding` names), and the key questions that apply to it and are
    /// not judged; both empty for a case that is done. `validate` names each as a problem, and
    /// the report lists the cases. `deciding` is `deciding(file)` and `index` the framework's
    /// `CompletionIndex`, when the caller has them already.
    public func completionGaps(
        _ file: CaseFile, deciding undecided: [(classification: Classification, keyQuestions: [String])]? = nil,
        index: CompletionIndex? = nil
    ) -> (details: [String], keyQuestions: [String]) {
        guard let domain = (index ?? CompletionIndex(self)).domains[file.domain] else { return ([], []) }
        var details: [String] = []
        var named: Set<String>?
        for id in domain.requiredDetails where file.details.value(of: id) == nil {
            let classifications = named ?? Set((undecided ?? deciding(file)).map(\.classification.rawValue))
            named = classifications
            if !classifications.contains(id) { details.append(id) }
        }
        var open: [String] = []
        domain.questions.withUnsafeBufferPointer { questions in
            for position in questions.indices {
                // The judgement looked at in place: a copy of each answer was a retain and a
                // release of each of its arrays.
                if let found = file.answers.index(forKey: questions[position].number), file.answers.values[found].judgement != nil {
                    continue
                }
                if questions[position].applicability?.applies(to: file) ?? true { open.append(questions[position].number) }
            }
        }
        return (details, open)
    }
}
