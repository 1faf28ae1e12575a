import CasemarkCore
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
