import CasemarkCore
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
        Timestamp.iso8601(now())
    }

    /// Today's date in the local time zone, `YYYY-MM-DD`, for sign-offs.
    public func today() -> String {
        let components = Calendar.current.dateComponents([.year, .month, .day], from: now())
        return String(format: "%04d-%02d-%02d", components.year ?? 0, components.month ?? 0, components.day ?? 0)
    }
}
