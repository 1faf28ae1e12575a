import CasemarkCore
import Foundation
import Testing

@testable import CasemarkTUI

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Session clock")
struct SessionTests {
    /// The hand-made timestamp agrees with Foundation's ISO 8601 formatter, second for second.
    @Test(arguments: [0, 951_782_400, 1_763_890_000, 1_763_890_059.999, 4_102_444_799])
    func timestampsAreISO8601InUTC(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        #expect(Session(now: { date }).timestamp() == formatter.string(from: date))
    }

    /// Who is at work has one answer for locks, history and review: with no login variables set
    /// (cron, a service) it is the account's own name, never "unknown" (replies and "answered"
    /// were signed "unknown" while the case's lock named the account).
    @Test func theUserIsTheAccountWhenNoLoginVariableIsSet() throws {
        let account = try #require(
            getpwuid(getuid())?.pointee.pw_name.map {
                String(decoding: UnsafeRawBufferPointer(start: $0, count: strlen($0)), as: UTF8.self)
            })
        #expect(Session.defaultUser(environment: [:]) == account)
        #expect(Session.defaultUser(environment: ["CASEMARK_USER": "  ", "LOGNAME": "Ann"]) == "Ann")
        #expect(Session.defaultUser(environment: ["CASEMARK_USER": " Pat Manager ", "USER": "root"]) == "Pat Manager")
        #expect(LockHolder.current(environment: [:]).user == Session.defaultUser(environment: [:]))
    }

    @Test func theWallClockIsHoursMinutesAndSeconds() {
        let clock = AppRunner.wallClock()
        #expect(clock.count == 8)
        #expect(clock.split(separator: ":").map { Int($0) ?? -1 }.allSatisfy { (0...60).contains($0) })
    }
}
