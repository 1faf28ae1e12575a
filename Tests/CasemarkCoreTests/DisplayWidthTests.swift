import Testing

@testable import CasemarkCore

@Suite("Display width and wrapping")
struct DisplayWidthTests {
    @Test func wideAccentedAndCombiningCharactersTakeTheirColumns() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("café") == 4)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("日本") == 4)
        #expect(DisplayWidth.truncated("Assessment", to: 6) == "Asses…")
    }

    @Test func wordsWrapAtSpacesAndKeepLineBreaks() {
        #expect(DisplayWidth.wrap("the plan was reviewed", width: 10) == ["the plan", "was", "reviewed"])
        #expect(DisplayWidth.wrap("one\n\ntwo", width: 10) == ["one", "", "two"])
        // A word that fits by its columns, though not by its bytes, is not broken.
        #expect(DisplayWidth.wrap("a café", width: 6) == ["a café"])
    }

    @Test func aWordLongerThanALineIsBrokenIntoFullPieces() {
        #expect(DisplayWidth.wrap("ab abcdefghij", width: 4) == ["ab", "abcd", "efgh", "ij"])
        #expect(DisplayWidth.wrap("日本語", width: 4) == ["日本", "語"])
    }

    @Test func aCharacterWiderThanTheLineStillMovesOn() {
        // Used to loop for ever: nothing of a wide character fits one column.
        #expect(DisplayWidth.wrap("日本", width: 1) == ["日", "本"])
    }

    @Test func maxLinesStopsEarlyOnAMegabyteWord() {
        let word = String(repeating: "x", count: 1 << 20)
        #expect(DisplayWidth.wrap(word, width: 78, maxLines: 3) == Array(repeating: String(repeating: "x", count: 78), count: 3))
        let pieces = DisplayWidth.wrap(word, width: 1_000)
        #expect(pieces.count == (1 << 20) / 1_000 + 1)
        #expect(pieces.joined() == word)
    }
}

@Suite("Wrapping ASCII on bytes gives the lines wrapping by characters gives")
struct WrapASCIITests {
    @Test func randomTextsAndWidths() {
        var random = SplitMix64(seed: 0x3A9)
        let pieces = ["a", "bb", "word", "longerword", "x", " ", "  ", "\n", "\n\n", "-", "0123456789abcdefghij"]
        for _ in 0..<3_000 {
            let text = (0..<Int(random.next() % 30)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            let width = 1 + Int(random.next() % 25)
            let maxLines = random.next() % 3 == 0 ? 1 + Int(random.next() % 4) : Int.max
            let fast = DisplayWidth.wrapASCII(text, width: width, maxLines: maxLines)
            let slow = DisplayWidth.wrapCharacters(text, width: width, maxLines: maxLines)
            #expect(fast == slow, "\(text.debugDescription) at width \(width), \(maxLines) lines")
        }
    }
}
