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
    /// The evidence note of a direct rating.
    public var note: String?
    public var keyQuestions: [KeyQuestionResult] = []
    /// Why the standard has no computed rating.
    public var unratedReason: String?

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
