import CasemarkCore
import Testing

@testable import CasemarkTUI

@Suite("Mouse: a click selects a row, the wheel scrolls")
struct MouseTests {
    @Test func theAdaptersButtonNumbersAreDecoded() {
        #expect(Key.MouseEvent(button: 1) == .click)
        #expect(Key.MouseEvent(button: 4) == .wheelUp)
        #expect(Key.MouseEvent(button: 5) == .wheelDown)
        #expect(Key.MouseEvent(button: 0) == nil)
        #expect(Key.MouseEvent(button: -1) == nil)
    }

    @Test func aClickSelectsACaseAndTheWheelMoves() throws {
        let harness = try Harness(cases: [court("C01"), court("C02"), court("C03"), court("C04"), court("C05")])
        // Row 2 is the first case (under the header and the column titles).
        harness.type(Key.mouse(.click, x: 3, y: 4))
        #expect(harness.app.caseCursor == 2)
        #expect(harness.lines[4].contains("C03"))
        harness.type(Key.mouse(.wheelUp, x: 0, y: 10))
        #expect(harness.app.caseCursor == 0)
        harness.type(Key.mouse(.wheelDown, x: 0, y: 10))
        #expect(harness.app.caseCursor == 3)
        // A click below the list selects nothing new.
        harness.type(Key.mouse(.click, x: 3, y: 20))
        #expect(harness.app.caseCursor == 3)
    }

    @Test func aClickSelectsAStandardOnTheRatingsScreenAndNothingWhileTyping() throws {
        let harness = try Harness(cases: [court("C01")])
        harness.type("r", Key.mouse(.click, x: 5, y: 5))
        #expect(harness.app.ratingsCursor == 3)
        harness.type("g", "e")
        #expect(harness.app.prompt != nil)
        harness.type(Key.mouse(.click, x: 5, y: 2))
        #expect(harness.app.ratingsCursor == 3)
    }

    @Test func theWheelScrollsAHelpScreen() throws {
        let harness = try Harness(cases: [court("C01")])
        harness.type(Key.enter, "?", Key.mouse(.wheelDown, x: 0, y: 5))
        #expect(harness.app.overlay == .help(.marking, offset: 3))
    }
}
