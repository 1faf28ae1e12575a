import CasemarkCore

/// "What if": for the highlighted key question, the band, standard rating and score the
/// inspection would have if this case's judgement were the other way. For trainers showing how
/// one answer moves a band, and for inspectors weighing a borderline judgement. Nothing is changed.
extension MarkingScreen {
    /// The what-if box for the highlighted key question; nil when nothing is highlighted.
    func whatIf(inputs: MarkingInputs) -> App.Overlay? {
        let file = inputs.file
        let tally = inputs.tally
        guard let item = current(inputs.items) else { return nil }
        let number = item.keyQuestion
        let current = file.answers[number]?.judgement
        let alternatives: [Judgement] = current == .yes ? [.no] : current == .no ? [.yes] : [.yes, .no]
        let engine = RatingEngine(framework: inputs.framework)
        guard let standardNumber = inputs.framework.standard(ofKeyQuestion: number)?.number else { return nil }
        let now = inputs.ratings
        var lines = ["Now (\(current?.label ?? "not judged")):"] + describe(now, number: number, standard: standardNumber)
        for judgement in alternatives {
            var changed = file
            var answer = changed.answers[number] ?? Answer()
            answer.judgement = judgement
            changed.answers[number] = answer
            var alternative = tally
            alternative.replace(file, with: changed)
            let rated = engine.rate(tally: alternative, inspection: inputs.inspection)
            lines +=
                ["", "If \(file.ref)'s judgement were \(judgement.label):"]
                + describe(rated, number: number, standard: standardNumber, against: now)
        }
        return .message(title: "What if: \(number) in case \(file.ref) (nothing is changed)", lines: lines)
    }

    private func describe(_ ratings: InspectionRatings, number: String, standard: String, against before: InspectionRatings? = nil)
        -> [String]
    {
        let result = ratings.standard(standard)
        let question = result?.keyQuestions.first { $0.number == number }
        let tally = question.map { "\($0.tally.yes)/\($0.tally.applicable)" } ?? "-"
        let percent = question?.percent.map { "\($0)%" } ?? "-"
        let band = question?.band?.label ?? "no band"
        func moved(_ now: String, _ was: String?) -> String {
            guard let was, was != now else { return now }
            return "\(now) (was \(was))"
        }
        let oldQuestion = before?.standard(standard)?.keyQuestions.first { $0.number == number }
        var lines = ["  \(number): \(tally) \(percent) " + moved(band, before == nil ? nil : oldQuestion?.band?.label ?? "no band")]
        let rating = result?.final?.label ?? "not rated"
        lines.append("  standard \(standard): " + moved(rating, before.map { $0.standard(standard)?.final?.label ?? "not rated" }))
        if let result, result.discretion != nil {
            // A ratings panel decision sets the standard's rating whatever its key questions say.
            let computed = result.computed?.label ?? "none"
            let wasComputed = before?.standard(standard)?.computed?.label ?? "none"
            lines.append(
                before != nil && computed != wasComputed
                    ? "  held at \(rating) by the ratings panel's decision: computed \(computed) (was \(wasComputed))"
                    : "  held at \(rating) by the ratings panel's decision (computed \(computed))")
        }
        let score = ratings.score.map { "\($0)" } ?? "no score yet"
        let overall = ratings.overall?.label ?? "no overall rating yet"
        lines.append(
            "  score: " + moved(score, before.map { $0.score.map { "\($0)" } ?? "no score yet" }) + " · overall: "
                + moved(overall, before.map { $0.overall?.label ?? "no overall rating yet" }))
        return lines
    }
}
