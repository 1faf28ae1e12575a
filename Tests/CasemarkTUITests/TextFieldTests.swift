import CasemarkCore
import Foundation
import Testing

@testable import CasemarkTUI

@Suite("Text fields")
struct TextFieldTests {
    /// A layout measures each character as drawn without making a string of it; it must agree
    /// with measuring the escaped string.
    @Test func aCharacterIsMeasuredAsItIsDrawn() {
        let characters: [Character] = ["a", " ", "é", "e\u{301}", "日", "🧒🏽", "\u{1B}", "\u{7}", "\0", "\r\n", "\u{85}", "\u{2028}", "\t"]
        for character in characters {
            #expect(
                TextLayout.shownWidth(character) == DisplayWidth.of(TerminalText.escaped(String(character))),
                "\(String(character).unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func aCursorMovesOverWideAndEscapedCharacters() {
        var field = TextField("日\u{1B}x")
        #expect(field.layout(width: 20).position == (0, 5))
        _ = field.handle(.left)
        #expect(field.layout(width: 20).position == (0, 4))
        _ = field.handle(.left)
        #expect(field.layout(width: 20).position == (0, 2))
    }
}

@Suite("Long notes")
struct LongNoteTests {
    /// The rows kept and mended around each edit are the rows a whole layout gives, and so is
    /// the cursor's place, after every one of thousands of random edits and moves.
    @Test func theRowsMendedAfterEachKeyAreTheWholeLayout() {
        var generator = SplitMix64(seed: 0xC0FFEE)
        let pieces: [Character] = [
            "a", "b", " ", " ", "\n", "日", "e\u{301}", "\u{1B}", "x", "y", "-", "🧒🏽", "\u{202E}", "\u{301}", "\u{200D}", "👩",
        ]
        let keys: [Key] = [.backspace, .delete, .left, .right, .home, .end, .up, .down, .left, .left, .up]
        for width in [1, 3, 7, 20] {
            var field = TextField("", limit: 100_000)
            for step in 0..<2_500 {
                let roll = Int(generator.next() % 10)
                if roll < 6 {
                    _ = field.handle(.character(pieces[Int(generator.next() % UInt64(pieces.count))]), wrapWidth: width)
                } else {
                    _ = field.handle(keys[Int(generator.next() % UInt64(keys.count))], wrapWidth: width)
                }
                guard step % 7 == 0 || step > 2_450 else { continue }
                let whole = field.layout(width: width)
                let shown = field.visibleRows(width: width, height: 1_000_000)
                #expect(shown.rows == whole.rows.map(\.text), "width \(width), step \(step)")
                #expect(
                    shown.firstRow + shown.cursor.row == whole.position.row && shown.cursor.column == whole.position.column,
                    "width \(width), step \(step)")
                #expect(field.count == field.text.count)
                if shown.rows != whole.rows.map(\.text) { return }
            }
        }
    }

    /// A 50,000-character paste, typed key by key into the note prompt and drawn as it goes, takes
    /// time in proportion to its length: it took over four minutes when each key copied and laid
    /// out the whole note.
    ///
    /// The time bound only guards against a hang.
    @Test func aLongPasteIntoANoteIsLinear() throws {
        let harness = try Harness(cases: [court("C01")])
        harness.type(Key.enter)
        var app = harness.app
        _ = app.handle(.character("e"))
        #expect(app.prompt != nil, "e opens the note")
        var pasted = ""
        let words = ["evidence ", "of ", "the ", "child's ", "plan, ", "reviewed, ", "日本 ", "e\u{301}t\u{E9} "]
        var index = 0
        while pasted.count < 50_000 {
            pasted += words[index % words.count]
            index += 3
        }
        pasted = String(pasted.prefix(50_000))
        let start = Date()
        var drawn = 0
        for (number, character) in pasted.enumerated() {
            _ = app.handle(.character(character))
            if number % 100 == 0 {
                drawn += app.render().lines.count
            }
        }
        // Back a few characters, in the middle, then on to the end: editing in place.
        _ = app.handle(.home)
        _ = app.handle(.character(">"))
        _ = app.handle(.end)
        let seconds = Date().timeIntervalSince(start)
        guard case .note(let field) = app.prompt else {
            Issue.record("the note prompt closed")
            return
        }
        let asTyped = field.text == ">" + pasted
        #expect(asTyped, "the note as typed (\(field.text.count) characters)")
        #expect(drawn > 0)
        #expect(seconds < 30, "\(seconds) s")
        let effects = app.handle(.enter)
        #expect(
            effects.contains { if case .saveCase(let file) = $0 { file.answers["2.1.1"]?.promptNotes["a"] == ">" + pasted } else { false } }
        )
    }
}
