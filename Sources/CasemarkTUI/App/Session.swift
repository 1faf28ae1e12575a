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
    /// How the refs this user suggests for new cases begin ("AI" → AI01, AI02), so that
    /// inspectors adding cases in their own copies never pick the same ref.
    public var refPrefix: String

    public init(
        role: Role = .inspector, user: String = Session.defaultUser(), refPrefix: String = Session.defaultRefPrefix(),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.role = role
        self.user = user
        self.refPrefix = refPrefix
        self.now = now
    }

    /// `CASEMARK_REF_PREFIX`, else the initials of `CASEMARK_USER` ("Ann Inspector" → "AI"), else
    /// "C" (one person alone: C01, C02, ...).
    public static func defaultRefPrefix(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let prefix = environment["CASEMARK_REF_PREFIX"], CaseChecker.isSafeRef(prefix + "01") { return prefix }
        guard let user = environment["CASEMARK_USER"] else { return "C" }
        return initials(of: user)
    }

    /// The initials of a name, letters only, upper case: "Ann Inspector" → "AI", "ann" → "AN".
    public static func initials(of name: String) -> String {
        let words = name.split { !$0.isLetter }.filter { $0.first?.isASCII == true }
        let letters: String
        if words.count >= 2 {
            letters = String(words.prefix(3).compactMap(\.first))
        } else {
            letters = String(words.first?.prefix(2) ?? "C")
        }
        let upper = letters.uppercased()
        return upper.isEmpty ? "C" : upper
    }

    /// `CASEMARK_USER`, else the login name (`LockHolder.currentUser`), else "unknown".
    public static func defaultUser(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        LockHolder.currentUser(environment: environment) ?? "unknown"
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
