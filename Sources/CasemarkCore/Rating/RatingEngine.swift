/// Applies a framework's published rating rules: key-question bands on the exact share of
/// applicable cases judged sufficient, standard = lowest key-question band, direct ratings and
/// ratings-panel discretion, the score of the core standards, the overall band and limiting rules.
public struct RatingEngine: Sendable {
    public let framework: Framework

    public init(framework: Framework) {
        self.framework = framework
    }

    // MARK: - Key questions

    /// Index into `framework.keyQuestionBands` of the band `yes` of `applicable` reaches; nil when
    /// nothing applies.
    ///
    /// Compared on the exact fraction: yes × 100 ≥ threshold × applicable.
    public func bandIndex(yes: Int, applicable: Int) -> Int? {
        guard applicable > 0 else { return nil }
        return framework.keyQuestionBands.firstIndex { yes * 100 >= $0.atLeastPercent * applicable }
    }

    public func band(yes: Int, applicable: Int) -> RatingLevel? {
        bandIndex(yes: yes, applicable: applicable).flatMap { framework.rating(framework.keyQuestionBands[$0].rating) }
    }

    /// The percentage as the reports print it: rounded half up to a whole number, except that it
    /// never reads as reaching a band threshold the exact fraction does not reach (79.6% of a
    /// Good key question reads 79%, not 80%).
    public func displayPercent(yes: Int, applicable: Int) -> Int? {
        guard applicable > 0 else { return nil }
        var rounded = (200 * yes + applicable) / (2 * applicable)
        if let index = bandIndex(yes: yes, applicable: applicable), index > 0 {
            let better = framework.keyQuestionBands[index - 1].atLeastPercent
            if rounded >= better { rounded = better - 1 }
        }
        return rounded
    }

    /// The smallest number of `no` judgements that, turned to `yes`, lift the key question to the
    /// next band up; nil at the top band or when nothing applies.
    public func toNextBandUp(yes: Int, applicable: Int) -> Int? {
        guard let index = bandIndex(yes: yes, applicable: applicable), index > 0 else { return nil }
        let threshold = framework.keyQuestionBands[index - 1].atLeastPercent
        return ceilingDivide(threshold * applicable, by: 100) - yes
    }

    /// The smallest number of `yes` judgements that, turned to `no`, drop the key question below
    /// its band; nil at the bottom band or when nothing applies.
    public func toNextBandDown(yes: Int, applicable: Int) -> Int? {
        guard let index = bandIndex(yes: yes, applicable: applicable),
            index < framework.keyQuestionBands.count - 1
        else { return nil }
        let threshold = framework.keyQuestionBands[index].atLeastPercent
        return yes - ceilingDivide(threshold * applicable, by: 100) + 1
    }

    private func ceilingDivide(_ numerator: Int, by denominator: Int) -> Int {
        (numerator + denominator - 1) / denominator
    }

    public func keyQuestionResult(
        _ question: KeyQuestion, tally: KeyQuestionTally, prompts: [KeyQuestionTally] = [],
        promptDenominator: PromptDenominator = .applicable
    ) -> KeyQuestionResult {
        let yes = tally.yes
        let applicable = tally.applicable
        let index = bandIndex(yes: yes, applicable: applicable)
        let bands = framework.keyQuestionBands
        var result = KeyQuestionResult(
            number: question.number,
            text: question.text,
            tally: tally,
            percent: displayPercent(yes: yes, applicable: applicable),
            band: index.flatMap { framework.rating(bands[$0].rating) },
            toNextBandUp: toNextBandUp(yes: yes, applicable: applicable),
            nextBandUp: index.flatMap { $0 > 0 ? framework.rating(bands[$0 - 1].rating) : nil },
            toNextBandDown: toNextBandDown(yes: yes, applicable: applicable),
            nextBandDown: index.flatMap { $0 < bands.count - 1 ? framework.rating(bands[$0 + 1].rating) : nil })
        result.interval = ScoreInterval.wilson(yes: yes, applicable: applicable)
        result.intervalCrosses = result.interval?.crossing(bandThresholds) ?? []
        result.prompts = zip(
            question.prompts, prompts.count == question.prompts.count ? prompts : question.prompts.map { _ in KeyQuestionTally() }
        )
        .map { PromptResult(letter: $0.letter, shownLetter: $0.shownLetter, text: $0.text, tally: $1, rule: promptDenominator) }
        return result
    }

    /// The key-question band thresholds above 0, in whole percent, lowest first: 50, 65, 80.
    public var bandThresholds: [Int] {
        framework.keyQuestionBands.map(\.atLeastPercent).filter { $0 > 0 }.sorted()
    }

    // MARK: - Standards and the overall rating

    /// Rates every standard and the inspection from the tallies and `inspection.json`.
    public func rate(
        tally: InspectionTally, inspection: InspectionFile, promptDenominator: PromptDenominator = .applicable
    ) -> InspectionRatings {
        var standards: [StandardResult] = []
        var missing: [String] = []
        for standard in framework.standards {
            let result = rate(standard, tally: tally, inspection: inspection, promptDenominator: promptDenominator)
            if standard.core, result.final == nil, let reason = result.unratedReason {
                missing.append("\(standard.number) \(standard.title): \(reason)")
            }
            standards.append(result)
        }
        var ratings = InspectionRatings(standards: standards, missing: missing)
        guard missing.isEmpty else { return ratings }
        let score = standards.filter(\.core).reduce(0) { $0 + ($1.final?.score ?? 0) }
        ratings.score = score
        guard let band = framework.overallBands.first(where: { score >= $0.minScore }),
            var overall = framework.rating(band.rating)
        else { return ratings }
        ratings.scoreRating = overall
        for rule in framework.limitingRules {
            guard let limited = standards.first(where: { $0.number == rule.standard }),
                limited.final?.id == rule.whenRating,
                let cap = framework.rating(rule.overallAtMost), overall.score > cap.score
            else { continue }
            overall = cap
            ratings.limitedBy = rule
        }
        ratings.overall = overall
        return ratings
    }

    public func rate(
        _ standard: Standard, tally: InspectionTally, inspection: InspectionFile,
        promptDenominator: PromptDenominator = .applicable
    ) -> StandardResult {
        var result = StandardResult(
            number: standard.number, title: standard.title, core: standard.core, rated: standard.rated)
        switch standard.rated {
        case .cases:
            result.keyQuestions = standard.keyQuestions.map {
                keyQuestionResult(
                    $0, tally: tally[$0.number], prompts: tally.promptCounts($0.number), promptDenominator: promptDenominator)
            }
            // The lowest printed figure is marked on every key question holding it.
            if let lowest = result.lowestPercent {
                for index in result.keyQuestions.indices where result.keyQuestions[index].percent == lowest {
                    result.keyQuestions[index].lowest = true
                }
            }
            let unrated = result.keyQuestions.filter { $0.band == nil }
            // A key question every case was judged not applicable to (and none is still to
            // judge) has nothing to say about the standard: it is rated from the others, with
            // a warning (README, "Rating rules", 5). One with cases still to judge keeps the
            // standard unrated, and so does a standard none of whose key questions applies.
            let notApplicable = unrated.filter { $0.tally.unanswered == 0 && $0.tally.notApplicable > 0 }
            let banded = result.keyQuestions.compactMap(\.band)
            if standard.keyQuestions.isEmpty {
                result.unratedReason = "no key questions in the framework"
            } else if !unrated.isEmpty && (notApplicable.count < unrated.count || banded.isEmpty) {
                let numbers = unrated.map(\.number)
                result.unratedReason =
                    (numbers.count == 1 ? "key question " : "key questions ") + numbers.joined(separator: ", ")
                    + " \(numbers.count == 1 ? "has" : "have") no applicable case"
            } else {
                result.computed = banded.min { $0.score < $1.score }
                result.ratedWithout = notApplicable.map(\.number)
            }
        case .directly:
            if let entry = inspection.ratings[standard.number] {
                result.computed = framework.rating(entry.rating)
                result.note = entry.note
            } else {
                result.unratedReason = "no direct rating recorded"
            }
        }
        if let decision = inspection.discretion[standard.number], let level = framework.rating(decision.rating) {
            result.discretion = decision
            result.final = level
        } else {
            result.final = result.computed
            result.declinedDiscretion = inspection.declinedDiscretion[standard.number]
        }
        return result
    }
}
