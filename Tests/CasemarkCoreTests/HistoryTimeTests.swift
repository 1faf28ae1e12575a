import Testing

@testable import CasemarkCore

/// History times are kept packed when written the usual way; every time must read back as the
/// exact text it was given.
@Suite("History times")
struct HistoryTimeTests {
    @Test func everyTimeReadsBackAsItsText() {
        var random = SplitMix64(seed: 99)
        var texts = ["2026-11-23T10:02:03Z", "0000-00-00T00:00:00Z", "9999-99-99T99:99:99Z"]
        texts += ["", "2026-11-23T10:02:03", "2026-11-23T10:02:03.5Z", "2026-11-23t10:02:03Z", "2026-11-23T10:02:0xZ"]
        texts += ["２026-11-23T10:02:03Z", " 2026-11-23T10:02:03Z", "2026-11-23T10:02:03Z ", "yesterday", "\u{0}"]
        for _ in 0..<2_000 {
            let digits = (0..<14).map { _ in String(random.next() % 10) }
            texts.append(
                digits[0..<4].joined() + "-" + digits[4..<6].joined() + "-" + digits[6..<8].joined() + "T" + digits[8..<10].joined()
                    + ":" + digits[10..<12].joined() + ":" + digits[12..<14].joined() + "Z")
        }
        for text in texts {
            #expect(HistoryTime(text).text == text)
            var direct: [UInt8] = []
            HistoryTime(text).writeJSON(into: &direct)
            var written: [UInt8] = []
            JSONWriter.writeString(text, into: &written)
            #expect(direct == written, "\(text)")
            var entry = HistoryEntry(at: text, by: "Ann", field: .prompt, item: "2.1.1/a", old: nil, new: "yes")
            #expect(entry.at == text)
            entry.at = "2026-01-01T00:00:00Z"
            #expect(entry.at == "2026-01-01T00:00:00Z")
        }
        #expect(HistoryTime("2026-11-23T10:02:03Z") != HistoryTime("2026-11-23T10:02:04Z"))
        #expect(HistoryTime("2026-11-23T10:02:03Z") == HistoryTime("2026-11-23T10:02:03Z"))
        #expect(HistoryTime("yesterday") != HistoryTime("2026-11-23T10:02:03Z"))
    }

    @Test func onlyTheUsualFormIsPackedFromBytes() {
        func packs(_ text: String) -> Bool {
            Array(text.utf8).withUnsafeBufferPointer { HistoryTime(packing: $0) != nil }
        }
        #expect(packs("2026-11-23T10:02:03Z"))
        #expect(!packs("2026-11-23T10:02:03.5Z"))
        #expect(!packs("2026-11-23 10:02:03Z"))
        #expect(!packs(""))
    }
}
