/// A key question's figures: counts, percentage, band, and the margins a ratings panel weighs.
public struct KeyQuestionResult: Equatable, Sendable {
    public var number: String
    public var text: String
    public var tally: KeyQuestionTally
    /// Whole-number percentage as printed in reports; nil when no case applies.
    public var percent: Int?
    /// Nil when no case applies.
    public var band: RatingLevel?
    /// How many more cases judged sufficient would lift the band, and to what.
    public var toNextBandUp: Int?
    public var nextBandUp: RatingLevel?
    /// How many fewer cases judged sufficient would drop the band, and to what.
    public var toNextBandDown: Int?
    public var nextBandDown: RatingLevel?
    /// The 80% Wilson score interval of the share judged sufficient; nil when no case applies.
    public var interval: ScoreInterval?
    /// The band thresholds, in whole percent, inside the interval, lowest first.
    public var intervalCrosses: [Int] = []
    /// Whether the figure is over part of the domain's sample: some cases are not applicable
    /// (a sub-sample, such as 2018's safety and risk questions, or cases judged not applicable).
    public var isSubSample: Bool { tally.notApplicable > 0 }
    /// The cases of the domain counted on the key question: the sample the figure is from.
    public var sampleSize: Int { tally.yes + tally.no + tally.notApplicable + tally.unanswered }
    /// Whether this key question holds its standard's lowest figure (every tie is marked).
    public var lowest = false
    /// The prompts' figures, in framework order.
    public var prompts: [PromptResult] = []
}

/// Which answers a prompt's percentage is out of.
public enum PromptDenominator: String, CaseIterable, Sendable {
    /// yes / (yes + no): not-applicable answers are left out, as they are for key questions.
    case applicable
    /// yes / (yes + no + not applicable): every case that answered the prompt.
    case all

    /// The rule in words, for every output.
    public var statement: String {
        switch self {
        case .applicable:
            "Prompt percentages are yes out of applicable answers (yes + no); not-applicable answers are left out, as for key questions."
        case .all:
            "Prompt percentages are yes out of all answers (yes + no + not applicable), as most of the 2022 annex figures are."
        }
    }
}

/// A lettered prompt's figures over the cases: the inspectors' answers, never a rating.
public struct PromptResult: Equatable, Sendable {
    /// The prompt's identity, as case files key it.
    public var letter: String
    /// The letter as printed (2022's second 2.4.1 d is `d2`, printed "d").
    public var shownLetter: String
    public var text: String
    public var tally: KeyQuestionTally
    /// The denominator under the rule the report uses.
    public var denominator: Int
    /// Whole-number percentage, rounded half up; nil when the denominator is 0.
    public var percent: Int?

    public init(letter: String, shownLetter: String? = nil, text: String, tally: KeyQuestionTally, rule: PromptDenominator) {
        self.letter = letter
        self.shownLetter = shownLetter ?? letter
        self.text = text
        self.tally = tally
        denominator = rule == .applicable ? tally.applicable : tally.applicable + tally.notApplicable
        percent = denominator > 0 ? (200 * tally.yes + denominator) / (2 * denominator) : nil
    }
}

/// A standard's ratings: computed (from cases or the direct rating), final (after discretion).
public struct StandardResult: Equatable, Sendable {
    public var number: String
    public var title: String
    public var core: Bool
    public var rated: RatingMethod
    public var computed: RatingLevel?
    public var final: RatingLevel?
    public var discretion: Discretion?
    /// A ratings panel decision considered and not applied (nil when one was applied).
    public var declinedDiscretion: DeclinedDiscretion?
    /// The lowest printed key-question figure, nil when none applies; the key questions holding
    /// it have `lowest` set.
    public var lowestPercent: Int? { keyQuestions.compactMap(\.percent).min() }
    /// The evidence note of a direct rating.
    public var note: String?
    public var keyQuestions: [KeyQuestionResult] = []
    /// Why the standard has no computed rating.
    public var unratedReason: String?
    /// Key questions left out of the rating because every case was judged not applicable to
    /// them (a 2018 inspection with no youth conditional caution: 3.4.2); the standard is rated
    /// from its other key questions.
    public var ratedWithout: [String] = []

    /// "rated without 3.4.2: no case it applies to", or nil.
    public var ratedWithoutWarning: String? {
        guard !ratedWithout.isEmpty else { return nil }
        return "rated without \(ratedWithout.joined(separator: ", ")): no case \(ratedWithout.count == 1 ? "it applies" : "they apply") to"
    }

    public init(number: String, title: String, core: Bool, rated: RatingMethod) {
        self.number = number
        self.title = title
        self.core = core
        self.rated = rated
    }
}

/// The whole inspection's ratings: every standard, the score and the overall rating, or what is
/// still missing for them.
public struct InspectionRatings: Equatable, Sendable {
    public var standards: [StandardResult]
    /// Total of the core standards' final scores; nil while any core standard is unrated.
    public var score: Int?
    /// The overall band the score reaches, before limiting rules.
    public var scoreRating: RatingLevel?
    /// The overall rating after limiting rules; nil while any core standard is unrated.
    public var overall: RatingLevel?
    /// The limiting rule that lowered the overall rating, if one did.
    public var limitedBy: LimitingRule?
    /// Core standards without a rating, with the reason, in framework order.
    public var missing: [String]

    public init(standards: [StandardResult], missing: [String]) {
        self.standards = standards
        self.missing = missing
    }

    public func standard(_ number: String) -> StandardResult? {
        standards.first { $0.number == number }
    }
}
