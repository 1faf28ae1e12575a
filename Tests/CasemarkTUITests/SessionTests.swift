import Foundation
import Testing

@testable import CasemarkTUI

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

    @Test func theWallClockIsHoursMinutesAndSeconds() {
        let clock = AppRunner.wallClock()
        #expect(clock.count == 8)
        #expect(clock.split(separator: ":").map { Int($0) ?? -1 }.allSatisfy { (0...60).contains($0) })
    }
}
