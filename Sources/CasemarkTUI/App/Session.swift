import Foundation

/// Who is using the front end and in which role, and the clock that stamps their changes.
public struct Session: Sendable {
    public enum Role: Equatable, Sendable {
        /// Marks cases: answers, notes, ratings.
        case inspector
        /// Reviews a colleague's cases: verdicts, comments, return and sign-off; never the answers.
        case reviewer
    }

    public var role: Role
    /// The name written in history entries and reviews.
    public var user: String
    public var now: @Sendable () -> Date

    public init(role: Role = .inspector, user: String = Session.defaultUser(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.role = role
        self.user = user
        self.now = now
    }

    /// `CASEMARK_USER`, else the login name, else "unknown".
    public static func defaultUser(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        for key in ["CASEMARK_USER", "USER", "LOGNAME"] {
            if let name = environment[key]?.trimmingCharacters(in: .whitespaces), !name.isEmpty { return name }
        }
        return "unknown"
    }

    /// Now, as an ISO 8601 UTC time to the second, for history entries.
    public func timestamp() -> String {
        // Formatted by hand: an ISO8601DateFormatter costs more to create than a whole answer
        // should take, and every change stamps a history entry.
        var seconds = time_t(now().timeIntervalSince1970.rounded(.down))
        var parts = tm()
        guard gmtime_r(&seconds, &parts) != nil else { return "1970-01-01T00:00:00Z" }
        return Self.digits(Int(parts.tm_year) + 1900, 4) + "-" + Self.digits(Int(parts.tm_mon) + 1, 2) + "-"
            + Self.digits(Int(parts.tm_mday), 2) + "T" + Self.digits(Int(parts.tm_hour), 2) + ":"
            + Self.digits(Int(parts.tm_min), 2) + ":" + Self.digits(Int(parts.tm_sec), 2) + "Z"
    }

    /// `value` in decimal, zero-padded to `width` digits.
    static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    /// Today's date in the local time zone, `YYYY-MM-DD`, for sign-offs.
    public func today() -> String {
        let components = Calendar.current.dateComponents([.year, .month, .day], from: now())
        return String(format: "%04d-%02d-%02d", components.year ?? 0, components.month ?? 0, components.day ?? 0)
    }
}
