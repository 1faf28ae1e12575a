import CasemarkCore
import Foundation
import Testing

@testable import CasemarkTUI

@Suite struct PasteAndDiscardTests {
    static let evidence = "Line one of pasted evidence.\nLine two: second paragraph.\nLine three."

    /// A case C01 open on the marking screen, at its first prompt.
    func marking() throws -> Harness {
        let harness = try Harness(cases: [court("C01")])
        harness.type(Key.enter)
        #expect(harness.app.mode == .marking)
        return harness
    }

    @Test func aPasteGoesIntoTheNoteWholeAndRunsNoKeys() throws {
        let harness = try marking()
        let item = try #require(harness.app.currentItem)
        harness.type("e", Key.paste(Self.evidence))
        // Still typing: the line breaks did not save, the letters answered nothing.
        guard case .note(let field) = harness.app.prompt else {
            Issue.record("the note prompt closed: \(String(describing: harness.app.prompt))")
            return
        }
        #expect(field.text == Self.evidence)
        #expect(harness.app.currentItem == item)
        #expect(harness.lines.contains { $0.contains("Line two: second paragraph.") })
        harness.type(Key.enter)
        let saved = try harness.saved("C01")
        let answer = try #require(saved.answers[item.keyQuestion])
        #expect(answer.prompts.isEmpty && answer.judgement == nil)
        #expect(item.prompt.map { answer.promptNotes[$0] } ?? answer.note == Self.evidence)
        // History records the note's length, never its text.
        #expect(saved.history.last?.summary.contains("characters") == true)
    }

    @Test func carriageReturnsFromTheTerminalBecomeLineBreaks() {
        var field = TextField("", limit: 100)
        field.insert("a\r\nb\rc\td\u{7}e", lineBreaks: true)
        #expect(field.text == "a\nb\nc de")
        var single = TextField("", limit: 5)
        single.insert("one\ntwo", lineBreaks: false)
        #expect(single.text == "one t")
    }

    @Test func ctrlJStartsANewLineAndEnterStillSaves() throws {
        let harness = try marking()
        let item = try #require(harness.app.currentItem)
        harness.type("e", "first", Key.control("j"), "second", Key.enter)
        #expect(harness.app.prompt == nil)
        let answer = try #require(try harness.saved("C01").answers[item.keyQuestion])
        #expect(item.prompt.map { answer.promptNotes[$0] } ?? answer.note == "first\nsecond")
    }

    @Test func aMultiLineNoteIsShownLineByLine() throws {
        let harness = try marking()
        // The key question's own note: move to its judgement row (past the prompts).
        let items = harness.app.markingItems
        let judgement = try #require(items.firstIndex { $0.prompt == nil })
        for _ in 0..<judgement { harness.type(Key.down) }
        harness.type("e", Key.paste(Self.evidence), Key.enter)
        let lines = harness.lines
        #expect(lines.contains { $0.contains("Note: Line one of pasted evidence.") })
        #expect(lines.contains { $0.contains("      Line two: second paragraph.") }, "\(harness.screen)")
        #expect(!harness.screen.contains("\\n"))
    }

    @Test func aPasteOutsideATextIsIgnoredAndSaysSo() throws {
        let harness = try marking()
        let before = try harness.saved("C01")
        harness.type(Key.paste("nnn yes e"))
        #expect(harness.app.prompt == nil)
        #expect(harness.app.status.text == "Pasted text ignored: open a note (e) first")
        #expect(try harness.saved("C01") == before)
    }

    @Test func aPasteGoesIntoSearchAndFormsOnOneLine() throws {
        let harness = try Harness(cases: [court("C01")])
        harness.type("/", Key.paste("C0\n1"))
        guard case .search(let field) = harness.app.prompt else {
            Issue.record("no search prompt")
            return
        }
        #expect(field.text == "C0 1")
        let setup = Harness(emptyWidth: 80, height: 24)
        setup.type(Key.paste("Youth\nService"))
        #expect(setup.app.setup.service.text == "Youth Service")
    }

    @Test func escWithTypingAsksBeforeDiscarding() throws {
        let harness = try marking()
        harness.type("e", "half a note", Key.escape)
        #expect(harness.screen.contains("Discard what you typed?"))
        #expect(harness.screen.contains("y discards, any other key goes back"))
        // Any other key goes back to the typing, untouched.
        harness.type("n")
        guard case .note(let field) = harness.app.prompt else {
            Issue.record("the note was thrown away")
            return
        }
        #expect(field.text == "half a note")
        harness.type(Key.escape, "y")
        #expect(harness.app.prompt == nil)
        #expect(harness.app.status.text == "Discarded what you typed")
        // Nothing typed: Esc closes at once.
        harness.type("e", Key.escape)
        #expect(harness.app.prompt == nil && harness.app.overlay == nil)
    }

    @Test func ctrlCWithTypingAsksAndOtherwiseEndsAsASignal() throws {
        let harness = try marking()
        harness.type("e", "typed")
        var app = harness.app
        #expect(app.handle(.control("c")) == [])
        #expect(app.overlay == .confirmDiscard(quitting: true))
        #expect(app.handle(.character("x")) == [])
        #expect(app.prompt?.hasUnsavedTyping == true)
        _ = app.handle(.control("c"))
        #expect(app.handle(.character("y")).last == .interrupt)
        // With nothing typed, Ctrl-C ends at once, as a terminating signal does.
        #expect(app.handle(.control("c")) == [.interrupt])
    }

    @Test func aReplyAndAnEvidenceNoteAskToo() throws {
        let harness = try Harness(cases: [court("C01")])
        harness.type("r")
        #expect(harness.app.mode == .ratings)
        harness.type("e")
        if harness.app.prompt != nil {
            harness.type("evidence", Key.escape)
            #expect(harness.app.overlay == .confirmDiscard(quitting: false))
        }
    }
}
