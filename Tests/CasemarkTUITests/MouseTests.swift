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

/// Clicks on the marking screen: an answer cell (a prompt's rows or the judgement's) or a key
/// question of the outline is selected, as the view lays them out around the cursor.
@Suite("Mouse on the marking screen")
struct MarkingMouseTests {
    /// The row of the screen whose text holds `text`, first from the top.
    func row(_ harness: Harness, _ text: String) throws -> Int {
        try #require(harness.lines.firstIndex { $0.contains(text) }, "no row shows \(text):\n\(harness.app.render().text)")
    }

    @Test func aClickOnAPromptOrItsWrappedLinesOrTheJudgementSelectsIt() throws {
        let harness = try Harness(cases: [court("C01")])
        harness.type(Key.enter)
        #expect(harness.app.currentItem == MarkingItem(keyQuestion: "2.1.1", prompt: "a"))
        // Prompt b's first row, on its answer cell.
        let bRow = try row(harness, "b) [ ]")
        harness.type(Key.mouse(.click, x: 7, y: bRow))
        #expect(harness.app.currentItem == MarkingItem(keyQuestion: "2.1.1", prompt: "b"))
        #expect(harness.lines[bRow].hasPrefix(" > b) [ ]"))
        // The second row of prompt c's wrapped text selects c too.
        let cRow = try row(harness, "c) [ ]")
        #expect(harness.lines[cRow + 1].hasPrefix("          "))
        harness.type(Key.mouse(.click, x: 30, y: cRow + 1))
        #expect(harness.app.currentItem == MarkingItem(keyQuestion: "2.1.1", prompt: "c"))
        // The answer keys then work on what was clicked.
        harness.type("y")
        #expect(harness.app.markingCase?.answers["2.1.1"]?.prompts["c"] == .yes)
        // A click on the question's own text or the header selects nothing new.
        let before = harness.app.markingCursor
        harness.type(Key.mouse(.click, x: 5, y: 3), Key.mouse(.click, x: 5, y: 0))
        #expect(harness.app.markingCursor == before)
        // The judgement, scrolled into view by moving to the last prompt first.
        harness.type("g", Key.tab, Key.character("k"))
        let judgement = try row(harness, "Judgement: not judged")
        harness.type(Key.mouse(.click, x: 4, y: judgement))
        #expect(harness.app.currentItem?.prompt == nil)
        #expect(harness.lines[judgement].hasPrefix(" > Judgement: not judged"))
    }

    @Test func aClickOnAKeyQuestionsMarkInTheOutlineGoesToItsFirstPrompt() throws {
        let harness = try Harness(cases: [court("C01")])
        harness.type(Key.enter)
        // " 2.1 ···  2.2 ···": the second mark of 2.2 is 2.2.2.
        let strip = harness.lines[1]
        let start = try #require(strip.range(of: "2.2 "))
        let column = strip.distance(from: strip.startIndex, to: start.upperBound)
        harness.type(Key.mouse(.click, x: column + 1, y: 1))
        #expect(harness.app.currentItem == MarkingItem(keyQuestion: "2.2.2", prompt: "a"))
        #expect(harness.lines[3].hasPrefix(" 2.2.2 "))
        // Wide: a key question's row in the outline column.
        let wide = try Harness(cases: [court("C01")], width: 140, height: 45)
        wide.type(Key.enter)
        let outlineRow = try row(wide, "  2.3.2   ·")
        wide.type(Key.mouse(.click, x: 3, y: outlineRow))
        #expect(wide.app.currentItem == MarkingItem(keyQuestion: "2.3.2", prompt: "a"))
        // And an answer cell of the pane beside it.
        let bRow = try row(wide, "b) [ ]")
        wide.type(Key.mouse(.click, x: 30, y: bRow))
        #expect(wide.app.currentItem == MarkingItem(keyQuestion: "2.3.2", prompt: "b"))
    }

    @Test func theWheelMovesThroughTheItemsAndClicksWaitWhileTyping() throws {
        let harness = try Harness(cases: [court("C01")])
        harness.type(Key.enter, Key.mouse(.wheelDown, x: 10, y: 10))
        #expect(harness.app.currentItem == MarkingItem(keyQuestion: "2.1.1", prompt: "d"))
        harness.type(Key.mouse(.wheelUp, x: 10, y: 10))
        #expect(harness.app.currentItem == MarkingItem(keyQuestion: "2.1.1", prompt: "a"))
        harness.type("e")
        let bRow = try row(harness, "b) [ ]")
        harness.type(Key.mouse(.click, x: 7, y: bRow))
        #expect(harness.app.currentItem == MarkingItem(keyQuestion: "2.1.1", prompt: "a"))
    }
}
