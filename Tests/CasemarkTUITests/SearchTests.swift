import CasemarkCore
import Testing

@testable import CasemarkTUI

@Suite("Search: counts, notes, n and N")
struct SearchTests {
    @Test func theCaseListCountsMatchesAndNAndNMoveBetweenThem() throws {
        var second = court("C02")
        second.details.inspector = "Ann Smith"
        var fourth = court("C04")
        fourth.details.inspector = "Ann Jones"
        let harness = try Harness(cases: [court("C01"), second, court("C03"), fourth])
        harness.type("/", "ann", Key.enter)
        #expect(harness.app.caseCursor == 1)
        #expect(harness.lines.last?.hasPrefix("\"ann\": match 1 of 2") == true)
        harness.type("n")
        #expect(harness.app.caseCursor == 3)
        #expect(harness.lines.last?.hasPrefix("\"ann\": match 2 of 2") == true)
        harness.type("n")
        #expect(harness.app.caseCursor == 1)
        harness.type("N")
        #expect(harness.app.caseCursor == 3)
        // The help says what the case list's search looks in.
        harness.type("?")
        #expect(harness.screen.contains("search refs, inspectors and disposals"))
    }

    @Test func nBeforeAnySearchSaysHow() throws {
        let harness = try Harness(cases: [court("C01")])
        harness.type("n")
        #expect(harness.lines.last == "No search yet: / searches")
    }

    @Test func theMarkingScreenFindsNotesAndCounts() throws {
        let harness = try Harness(cases: [court("C01")])
        harness.type(Key.enter, Key.down, Key.down, "e", "Spoke to the zookeeper", Key.enter, Key.home)
        #expect(harness.app.markingCursor == 0)
        harness.type("/", "zookeeper", Key.enter)
        #expect(harness.app.currentItem == MarkingItem(keyQuestion: "2.1.1", prompt: "c"))
        #expect(harness.lines.last?.hasPrefix("\"zookeeper\": match 1 of 1") == true)
        // n answers No on the marking screen: / then Enter repeats the search there.
        harness.type("/", Key.enter)
        #expect(harness.app.currentItem == MarkingItem(keyQuestion: "2.1.1", prompt: "c"))
        harness.type("?")
        #expect(harness.screen.contains("search question and prompt text and notes"))
    }
}
