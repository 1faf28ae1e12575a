/// Makes an inspection's files from a `PublishedSample`: one case file per sampled case, with
/// disposals and classifications as published, and judgements placed so that every key question's
/// yes and applicable counts are the published ones.
///
/// Prompts with published figures are placed to give them; the others are answered in line with
/// each judgement, so the cases can be opened and walked through in the marking screen.
public struct SampleBuilder: Sendable {
    public let sample: PublishedSample
    public let framework: Framework

    public init(sample: PublishedSample, framework: Framework) {
        self.sample = sample
        self.framework = framework
    }

    /// What went wrong: the published figures cannot be placed on the sample as described.
    public struct Inconsistency: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public func inspection() -> InspectionFile {
        var file = InspectionFile(service: sample.service, framework: framework.id)
        for (number, rating) in sample.directRatings {
            file.ratings[number] = DirectRating(rating: rating, note: "As published in: \(sample.report).")
        }
        file.discretion = sample.discretion
        file.declinedDiscretion = sample.declinedDiscretion
        return file
    }

    /// The case files, court cases `C01`...
    ///
    /// then out-of-court cases `O01`....
    public func cases() throws -> [CaseFile] {
        var result: [CaseFile] = []
        for domain in framework.caseDomains {
            guard let domainSample = sample.samples[domain.number] else { continue }
            let prefix = domain.number == "2" ? "C" : domain.number == "3" ? "O" : "D\(domain.number)-"
            var cases: [CaseFile] = []
            for (disposal, count) in domainSample.disposals {
                for _ in 0..<count {
                    let ref = prefix + (cases.count + 1 < 10 ? "0" : "") + String(cases.count + 1)
                    var file = CaseFile(ref: ref, framework: framework.id, domain: domain.number, disposal: disposal)
                    file.status = .complete
                    file.details.inspector = "Sample inspector"
                    file.details.caseManagerInterviewed = true
                    cases.append(file)
                }
            }
            // The last cases of the domain are the ones judged low, as many as published.
            for classification in Classification.allCases {
                let lowCount = sample.lowClassifications[domain.number]?[classification] ?? 0
                for index in cases.indices {
                    let level: ClassificationLevel = index >= cases.count - lowCount ? .low : .medium
                    switch classification {
                    case .riskOfSeriousHarm: cases[index].details.riskOfSeriousHarm = level
                    case .safetyAndWellbeing: cases[index].details.safetyAndWellbeing = level
                    }
                }
            }
            try placeDetails(on: &cases, domain: domain.number)
            for question in framework.caseKeyQuestions(domain: domain.number) {
                guard let count = sample.keyQuestions[question.number] else {
                    throw Inconsistency(description: "\(sample.name): no published figures for key question \(question.number)")
                }
                let eligible = cases.indices.filter { index in
                    question.applicability?.applies(to: cases[index]) ?? true
                }
                guard count.applicable <= eligible.count, count.yes <= count.applicable else {
                    throw Inconsistency(
                        description:
                            "\(sample.name): key question \(question.number) needs \(count.yes)/\(count.applicable) but only \(eligible.count) cases can apply"
                    )
                }
                let promptCounts = sample.prompts[question.number] ?? [:]
                for (letter, promptCount) in promptCounts
                where question.prompt(letter) == nil || promptCount.applicable > eligible.count || promptCount.yes > promptCount.applicable
                {
                    throw Inconsistency(
                        description:
                            "\(sample.name): prompt \(question.number) \(letter) needs \(promptCount.yes)/\(promptCount.applicable) of \(eligible.count) cases, or is not in the framework"
                    )
                }
                for index in cases.indices {
                    let position = eligible.firstIndex(of: index)
                    func placed(_ count: PublishedSample.Count) -> Judgement {
                        position.map { $0 < count.yes ? .yes : $0 < count.applicable ? .no : .na } ?? .na
                    }
                    let judgement = placed(count)
                    var answer = Answer(judgement: judgement)
                    // A published prompt figure is placed on its own; otherwise the prompt is
                    // answered as the key question is judged.
                    for prompt in question.prompts {
                        answer.prompts[prompt.letter] = promptCounts[prompt.letter].map(placed) ?? judgement
                    }
                    cases[index].answers[question.number] = answer
                }
            }
            result += cases
        }
        return result
    }

    /// Places the published case details on a domain's cases, each value on as many cases as the
    /// sample says, in order from the first case; then the case manager's classifications, where
    /// the sample gives none: the inspector's where the inspector agreed, one level lower where
    /// not (the reports' disagreements are classifications "too low").
    func placeDetails(on cases: inout [CaseFile], domain: String) throws {
        for (detail, values) in sample.caseDetails[domain] ?? [] {
            guard let declaration = framework.detail(detail), declaration.applies(toDomain: domain) else {
                throw Inconsistency(description: "\(sample.name): \(framework.id) declares no case detail \(detail) for domain \(domain)")
            }
            var index = 0
            for (text, count) in values {
                guard let value = declaration.value(fromText: text) else {
                    throw Inconsistency(description: "\(sample.name): \"\(text)\" is not a value of \(detail)")
                }
                for _ in 0..<count where index < cases.count {
                    cases[index].details.set(value, for: detail)
                    index += 1
                }
            }
        }
        let pairs = [
            ("caseManagerRiskOfSeriousHarm", "agreedRiskOfSeriousHarm", Classification.riskOfSeriousHarm),
            ("caseManagerSafetyAndWellbeing", "agreedSafetyAndWellbeing", Classification.safetyAndWellbeing),
        ]
        for (caseManager, agreed, classification) in pairs where framework.detail(caseManager) != nil {
            for index in cases.indices where cases[index].details.recorded[caseManager] == nil {
                guard let level = cases[index].classification(classification), case .flag(let same)? = cases[index].details.recorded[agreed]
                else { continue }
                let levels = ClassificationLevel.allCases
                let position = levels.firstIndex(of: level) ?? 0
                let given = same ? level : levels[max(0, position - 1)]
                cases[index].details.recorded[caseManager] = .text(given.rawValue)
            }
        }
    }

    /// Writes the sample as a new inspection folder at `path`.
    @discardableResult
    public func write(to path: String) throws -> InspectionFolder {
        var folder = try InspectionFolder.create(at: path, service: sample.service, framework: framework)
        folder.inspection = inspection()
        try folder.saveInspection()
        folder.cases = try cases()
        for file in folder.cases { try folder.save(file) }
        return folder
    }
}
