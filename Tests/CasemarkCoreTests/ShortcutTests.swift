import Testing

@testable import CasemarkCore

/// The reader's and writer's shortcuts, against the plain definitions they stand for.
@Suite("Shortcuts in reading and writing")
struct ShortcutTests {
    /// A history entry's field is found from its bytes by its first letter: every field must be
    /// found so, and nothing else.
    @Test func everyHistoryFieldIsFoundFromItsBytes() {
        for field in HistoryEntry.Field.allCases {
            var name = field.rawValue
            #expect(name.withUTF8 { HistoryEntry.Field(bytes: $0) } == field, "\(field)")
            for other in [name + "s", String(name.dropLast()), name.uppercased(), ""] {
                var text = other
                #expect(text.withUTF8 { HistoryEntry.Field(bytes: $0) } == HistoryEntry.Field(rawValue: other), "\(other)")
            }
        }
    }

    /// The quoted judgements the writer copies are what `writeString` writes for each.
    @Test func quotedJudgementsAreWrittenStrings() {
        for judgement in Judgement.allCases {
            var written: [UInt8] = []
            JSONWriter.writeString(judgement.rawValue, into: &written)
            var copied: [UInt8] = []
            JSONWriter.append(judgement.quoted, into: &copied)
            #expect(copied == written, "\(judgement)")
        }
        for level in 0..<40 {
            var spaces: [UInt8] = []
            JSONWriter.indent(level, into: &spaces)
            #expect(spaces == Array(repeating: UInt8(ascii: " "), count: level * 2))
        }
    }

    /// A sign-off's digest is compared as a number, read from its text: it must agree with
    /// comparing the text `hex` writes, for the digest itself and for texts that are not it.
    @Test func aDigestIsReadAsItsTextCompares() {
        var random = SplitMix64(seed: 79)
        for _ in 0..<2_000 {
            let hash = random.next() >> (random.next() % 64)
            let text = FNV1a.hex(hash)
            #expect(text.count == 16 && FNV1a.isHexDigest(text, of: hash), "\(text)")
            for other in [
                text.uppercased(), String(text.dropFirst()), text + "0", "0" + text, " " + text.dropFirst(), "", "x", FNV1a.hex(hash ^ 1),
            ]
            where other != text {
                #expect(!FNV1a.isHexDigest(other, of: hash), "\(other) for \(text)")
            }
        }
    }
}
