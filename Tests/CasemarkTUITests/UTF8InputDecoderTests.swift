import CasemarkCore
import Testing

@testable import CasemarkTUI

/// Keyboard bytes decoded into characters: text pasted or typed with accents and curly quotes
/// arrives whole, and broken or hostile bytes never swallow the keys that follow them.
@Suite("Keyboard bytes are decoded as UTF-8 without losing keys")
struct UTF8InputDecoderTests {
    func decode(_ bytes: [UInt8], abandonAfter: Set<Int> = []) -> String {
        var decoder = UTF8InputDecoder()
        var text = String.UnicodeScalarView()
        for (index, byte) in bytes.enumerated() {
            text.append(contentsOf: decoder.feed(byte))
            if abandonAfter.contains(index) { decoder.abandon() }
        }
        return String(text)
    }

    @Test func accentsQuotesDashesAndEmojiDecode() {
        let text = "Café – “seen by the YOT” 👍"
        #expect(decode(Array(text.utf8)) == text)
    }

    @Test func aCharacterBrokenOffByATimeoutIsDroppedAndTheRestKept() {
        // “ is E2 80 9C: the time-out after E2 80 drops it; the text after it survives.
        let bytes: [UInt8] = [0x61, 0xE2, 0x80, 0x9C, 0x62, 0x63, 0x0A]
        #expect(decode(bytes, abandonAfter: [2]) == "abc\n")
    }

    @Test func aByteThatCannotContinueStartsAfresh() {
        // E2 then "x": the broken character is dropped, the x is not.
        #expect(decode([0xE2, 0x78, 0xC3, 0xA9]) == "xé")
        #expect(decode([0xE2, 0x80, 0xE2, 0x80, 0x93]) == "–")
    }

    @Test func invalidBytesYieldNothingAndSwallowNothing() {
        #expect(decode([0x80, 0xBF, 0xFF, 0xC0, 0xAF, 0x41]) == "A")  // stray, invalid, overlong "/"
        #expect(decode([0xED, 0xA0, 0x80, 0x42]) == "B")  // a UTF-16 surrogate
        #expect(decode([0xF4, 0x90, 0x80, 0x80, 0x43]) == "C")  // past U+10FFFF
        #expect(decode([0xE0, 0x80, 0xAF, 0x44]) == "D")  // overlong three-byte form
    }

    @Test func randomBytesNeverLoseTheAsciiThatFollows() {
        var generator = SplitMix64(seed: 20_261_123)
        for _ in 0..<500 {
            let noise = (0..<Int.random(in: 0...12, using: &generator)).map { _ in UInt8.random(in: 0x80...0xFF, using: &generator) }
            // Whatever the noise, a following run of ASCII arrives intact (at most its first byte
            // can be taken as a continuation, and an ASCII byte never is).
            #expect(decode(noise + Array("q\n".utf8)).hasSuffix("q\n"))
        }
    }
}
