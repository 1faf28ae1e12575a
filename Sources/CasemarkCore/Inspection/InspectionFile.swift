/// An inspection's own file, `inspection.json`: the service inspected, the framework revision,
/// the ratings of directly rated standards, and the ratings panel's discretion decisions.
public struct InspectionFile: Equatable, Sendable {
    public static let format = "casemark/inspection"
    public static let supportedVersion = 1

    public var version: Int = supportedVersion
    public var service: String
    public var framework: String
    /// Ratings of the directly rated standards, by standard number.
    public var ratings: [String: DirectRating] = [:]
    /// Ratings panel decisions, by standard number.
    public var discretion: [String: Discretion] = [:]
    /// Decisions the ratings panel considered and did not apply, by standard number: kept in the
    /// file's `discretion` object as `{"declined": true, "reason": ...}`.
    ///
    /// A standard with an applied decision in `discretion` has none here (the applied one is
    /// written).
    public var declinedDiscretion: [String: DeclinedDiscretion] = [:]
    /// What `casemark sample` drew the cases from, when it drew them (`sample`).
    public var drawnSample: DrawnSample?
    public var unknown = JSONObject()

    public init(service: String, framework: String) {
        self.service = service
        self.framework = framework
    }
}

/// A directly rated standard's rating, with the evidence for it.
public struct DirectRating: Equatable, Sendable {
    public var rating: String
    public var note: String?
    public var unknown = JSONObject()

    public init(rating: String, note: String? = nil) {
        self.rating = rating
        self.note = note
    }
}

/// A ratings panel decision: the standard's final rating and why the panel set it.
public struct Discretion: Equatable, Sendable {
    public var rating: String
    public var reason: String
    public var unknown = JSONObject()

    public init(rating: String, reason: String) {
        self.rating = rating
        self.reason = reason
    }
}

/// A ratings panel decision considered and not applied: the computed rating stands, and the
/// reason says why ("we decided against this, as the areas for improvement related to work to
/// protect victims").
public struct DeclinedDiscretion: Equatable, Sendable {
    public var reason: String
    public var unknown = JSONObject()

    public init(reason: String) {
        self.reason = reason
    }
}
