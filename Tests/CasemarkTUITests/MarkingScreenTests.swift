import CasemarkCore
import Testing

@testable import CasemarkTUI

@Suite("Marking screen")
struct MarkingScreenTests {
    @Test func answeringAPromptSavesItAndMovesOn() throws {
        let harness = try Harness(cases: [court("C01")])
        var screen = harness.type(Key.enter)
        #expect(
            screen.contains("> a) [ ] Does assessment sufficiently analyse the factors related to offending?")
                || screen.contains("> a) [ ]"))
        screen = harness.type("y")
        // On disk before the screen says so.
        #expect(try harness.saved("C01").answers["2.1.1"]?.prompts == ["a": .yes])
        #expect(harness.lines.last == "Saved case C01 at 12:00:00")
        #expect(screen.contains("  a) [Y]"))
        #expect(screen.contains("> b) [ ]"))
        harness.type("n", "x")
        #expect(try harness.saved("C01").answers["2.1.1"]?.prompts == ["a": .yes, "b": .no, "c": .na])
    }

    @Test func theJudgementComesAfterThePromptsWithTheTallyBeside() throws {
        let harness = try Harness(cases: [court("C01")])
        harness.type(Key.enter, "yyyynnn")  // 2.1.1 has seven prompts
        #expect(harness.screen.contains("> Judgement: not judged   (prompts: 4 yes · 3 no · 0 n/a · 0 open)"))
        harness.type("y")
        #expect(try harness.saved("C01").answers["2.1.1"]?.judgement == .yes)
        // The banding panel (compact at 80 columns) shows the key question's count and band.
        // What the judgement moved is marked (Δ, and what it was) until the next key.
        #expect(harness.screen.contains("Δ2.1.1     1/1 100%  ★ Outstanding ←0/0"))
        #expect(harness.lines.last == "Saved case C01 at 12:00:00 · 2.1.1 0/0 → 1/1 (no band → Outstanding)")
        harness.type(Key.down, Key.up)
        #expect(harness.screen.contains(" 2.1.1     1/1 100%  ★ Outstanding\n"))
        // The cursor moved to the next key question's first prompt.
        #expect(harness.app.currentItem == MarkingItem(keyQuestion: "2.1.2", prompt: "a"))
    }

    @Test func thePanelShowsTheMarginToTheNextBand() throws {
        // Four cases judged yes on 2.1.1, one no: 80%.
        var cases: [CaseFile] = []
        for index in 1...5 {
            var file = court("C0\(index)")
            file.answers["2.1.1"] = Answer(judgement: index == 5 ? .no : .yes)
            cases.append(file)
        }
        let harness = try Harness(cases: cases + [court("C06")])
        harness.type(Key.end, Key.enter)
        #expect(harness.app.markingRef == "C06")
        #expect(harness.screen.contains("2.1.1     4/5  80%  ★ Outstanding"))
        #expect(harness.screen.contains("2.1.1 -1 yes: Good"))
        // Judging C06 no on 2.1.1 moves the band at once: 4/6 = 67% Good.
        harness.type(Key.tab, Key.backTab)
        harness.type(Key.character("J"), Key.character("K"))
        for _ in 0..<7 { harness.type(Key.down) }
        #expect(harness.app.currentItem == MarkingItem(keyQuestion: "2.1.1", prompt: nil))
        harness.type("n")
        #expect(harness.screen.contains("2.1.1     4/6  67%  ● Good"))
        harness.type(Key.up, Key.up)  // back on 2.1.1
        #expect(harness.screen.contains("2.1.1 +1 yes: Outstanding · -1 yes: Req. improvement"))
    }

    @Test func undoRestoresEarlierVersionsOnDisk() throws {
        let harness = try Harness(cases: [court("C01")])
        harness.type(Key.enter, "yn")
        harness.type("u")
        #expect(try harness.saved("C01").answers["2.1.1"]?.prompts == ["a": .yes])
        harness.type("u")
        #expect(try harness.saved("C01").answers["2.1.1"] == nil)
        harness.type("u")
        #expect(harness.lines.last == "Nothing to undo")
    }

    @Test func notesEditUTF8TextAndAreSaved() throws {
        let harness = try Harness(cases: [court("C01")])
        harness.type(Key.enter, Key.character("e"))
        harness.type("Café – “quoted” ✓")
        harness.type(Key.backspace, Key.home, Key.delete, "K", Key.end, "!")
        #expect(harness.screen.contains("Note (Enter saves, Ctrl-J new line, Esc cancels):"))
        harness.type(Key.enter)
        #expect(try harness.saved("C01").answers["2.1.1"]?.promptNotes["a"] == "Kafé – “quoted” !")
        #expect(harness.screen.contains("note: Kafé – “quoted” !"))
        // Esc leaves the note as it was.
        harness.type(Key.character("e"), "zzz", Key.escape, "y")
        #expect(try harness.saved("C01").answers["2.1.1"]?.promptNotes["a"] == "Kafé – “quoted” !")
    }

    @Test func aLongNoteWrapsAndScrollsInItsField() throws {
        let harness = try Harness(cases: [court("C01")])
        harness.type(Key.enter, Key.down, Key.down, Key.down, Key.down, Key.down, Key.down, Key.down, Key.character("e"))
        let words = Array(repeating: "evidence", count: 200).joined(separator: " ")
        harness.type(words)
        let buffer = harness.app.render()
        #expect(buffer.cursor != nil)
        #expect(buffer.text.contains("evidence evidence"))
        harness.type(Key.up, Key.up, "X", Key.enter)
        let note = try #require(try harness.saved("C01").answers["2.1.1"]?.note)
        #expect(note.count == words.count + 1)
        #expect(note.contains("X"))
    }

    @Test func completeListsWhatIsMissingThenAcceptsAWholeCase() throws {
        let harness = try Harness(cases: [court("C01")])
        harness.type(Key.enter, "c")
        #expect(harness.screen.contains("Not complete: 12 key question(s) still open"))
        #expect(harness.screen.contains("2.1.1: prompts a, b, c, d, e, f, g; judgement"))
        harness.type(Key.escape)
        // A whole court case of the 2020 framework: only the keystrokes of its answers.
        let framework = Harness.framework("hmip-yos-2020-09")
        let answers = framework.caseKeyQuestions(domain: "2").reduce(0) { $0 + $1.prompts.count + 1 }
        #expect(answers == 64)
        harness.type(String(repeating: "y", count: answers))
        harness.type("c")
        let saved = try harness.saved("C01")
        #expect(saved.status == .complete)
        #expect(saved.answers.count == 12)
        #expect(harness.screen.contains("complete · 12/12 judged"))
        // A complete case refuses changes until reopened.
        harness.type(Key.home, "n")
        #expect(harness.lines.last?.hasPrefix("This case is complete: press c to reopen it") == true)
        harness.type("c")
        #expect(try harness.saved("C01").status == .inProgress)
    }

    @Test func notApplicableJudgementSkipsItsPrompts() throws {
        let harness = try Harness(cases: [court("C01")])
        harness.type(Key.enter)
        for _ in 0..<7 { harness.type(Key.down) }
        harness.type("x")
        #expect(harness.app.currentItem == MarkingItem(keyQuestion: "2.1.2", prompt: "a"))
        harness.type("c")
        #expect(!harness.screen.contains("2.1.1:"))
    }

    @Test func applicabilityConditionsSkipKeyQuestionsThatDoNotApply() throws {
        let caution = CaseFile(ref: "O01", framework: "hmip-yos-2018", domain: "3", disposal: "youth-caution")
        let harness = try Harness(framework: "hmip-yos-2018", cases: [caution])
        harness.type(Key.enter)
        // 3.4.2 applies only to youth conditional cautions: shown as "/" and never visited.
        #expect(harness.lines[1].contains("3.4 ·/"))
        #expect(!harness.app.markingItems.contains { $0.keyQuestion == "3.4.2" })
        #expect(harness.screen.contains("key question 1 of 10"))
    }

    @Test func movingBetweenKeyQuestionsStandardsAndUnanswered() throws {
        let harness = try Harness(cases: [court("C01")])
        harness.type(Key.enter, Key.tab)
        #expect(harness.app.currentItem == MarkingItem(keyQuestion: "2.1.2", prompt: "a"))
        harness.type("]")
        #expect(harness.app.currentItem == MarkingItem(keyQuestion: "2.2.1", prompt: "a"))
        harness.type("[", "[")
        #expect(harness.app.currentItem == MarkingItem(keyQuestion: "2.1.1", prompt: "a"))
        harness.type("yy", Key.home, "f")
        #expect(harness.app.currentItem == MarkingItem(keyQuestion: "2.1.1", prompt: "c"))
    }

    @Test func searchFindsPromptText() throws {
        let harness = try Harness(cases: [court("C01")])
        harness.type(Key.enter, "/", "contingency", Key.enter)
        #expect(harness.app.currentItem == MarkingItem(keyQuestion: "2.2.2", prompt: "d"))
        harness.type("/", Key.enter)
        #expect(harness.app.currentItem == MarkingItem(keyQuestion: "2.2.3", prompt: "e"))
        harness.type("/", "zebra", Key.enter)
        #expect(harness.lines.last == "No match for \"zebra\"")
    }

    @Test func helpListsEveryKeyOfTheScreen() throws {
        let harness = try Harness(cases: [court("C01")])
        harness.type(Key.enter, "?")
        let screen = harness.screen
        #expect(screen.contains("Keys: marking (j/k scroll, any other key closes)"))
        #expect(screen.contains("y               answer yes and move on"))
        #expect(screen.contains("u               undo the last change to this case (several levels)"))
        harness.type("z")
        #expect(harness.app.overlay == nil)
    }

    @Test func theFullPanelToggles() throws {
        let harness = try Harness(cases: [court("C01")])
        harness.type(Key.enter, "b")
        let screen = harness.screen
        #expect(screen.contains("Banding · 1 case · court disposals"))
        #expect(screen.contains("2.4 Reviewing"))
        #expect(screen.contains("No score yet: 12 core standard(s) unrated"))
        harness.type("b")
        #expect(!harness.screen.contains("2.4 Reviewing"))
    }

    /// Issue 13: the full panel says how sure the highlighted figure is and gives its prompts'
    /// figures, where rows are left over.
    @Test func theFullPanelShowsTheIntervalAndPromptFigures() throws {
        var first = court("C01"), second = court("C02"), third = court("C03")
        first.answers["2.1.1"] = Answer(judgement: .yes, prompts: ["a": .yes, "b": .no])
        second.answers["2.1.1"] = Answer(judgement: .yes, prompts: ["a": .yes, "b": .yes])
        third.answers["2.1.1"] = Answer(judgement: .no, prompts: ["a": .no, "b": .na])
        let harness = try Harness(cases: [first, second, third], width: 100, height: 50)
        harness.type(Key.enter, "b")
        let screen = harness.screen
        // 2 of 3: the Wilson interval at 80%, and the thresholds inside it.
        let interval = try #require(ScoreInterval.wilson(yes: 2, applicable: 3))
        #expect(screen.contains("2.1.1 80% interval \(interval.text) (Wilson)"))
        #expect(screen.contains("crosses " + interval.crossing([50, 65, 80]).map { "\($0)%" }.joined(separator: ", ")))
        // Prompt a: 2 of 3; b: 1 of 2 applicable (one not applicable).
        #expect(screen.contains("  a        2/3  67%"))
        #expect(screen.contains("  b        1/2  50%"))
    }

    @Test func hostileTextFromAFileIsShownEscaped() throws {
        var file = court("C01")
        file.answers["2.1.1"] = Answer(judgement: nil, prompts: [:], note: "\u{1B}]0;owned\u{07}\u{1B}[2J")
        file.details.inspector = "Eve\u{1B}[31m"
        let harness = try Harness(cases: [file])
        #expect(harness.screen.contains("Eve\\e[31m"))
        harness.type(Key.enter)
        for _ in 0..<7 { harness.type(Key.down) }
        let buffer = harness.app.render()
        #expect(buffer.text.contains("Note: \\e]0;owned\\u{7}\\e[2J"))
        #expect(!buffer.cells.contains { $0.text.unicodeScalars.contains { $0.value < 0x20 } })
    }
}
