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
