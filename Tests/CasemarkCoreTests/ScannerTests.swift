import Testing

@testable import CasemarkCore

/// The scanner's shortcuts, against the plain definitions they stand for.
@Suite("The scanner's word-at-a-time shortcuts")
struct ScannerTests {
    /// `plainText` tests eight bytes at a time; it must stop where a byte-by-byte scan stops, in
    /// both modes, wherever the stopping byte falls in a word and whatever the bytes around it.
    @Test func plainTextStopsWhereAByteByByteScanStops() {
        var random = SplitMix64(seed: 77)
        // Bytes that stop a scan, and bytes next to them in value (off-by-one in a bit trick).
        let stops: [UInt8] = [0x22, 0x5C, 0x00, 0x1F, 0x80, 0xFF, 0xC3]
        let near: [UInt8] = [0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7F, 0x41, 0x61, 0x01]
        var checked = 0
        for _ in 0..<20_000 {
            let count = Int(random.next() % 40)
            var bytes = (0..<count).map { _ in random.next() % 3 == 0 ? near[Int(random.next() % UInt64(near.count))] : UInt8(0x20 + random.next() % 0x5F) }
            if count > 0, random.next() % 4 != 0 {
                bytes[Int(random.next() % UInt64(count))] = stops[Int(random.next() % UInt64(stops.count))]
            }
            let start = count > 0 ? Int(random.next() % UInt64(count)) : 0
            for stoppingAtNonASCII in [false, true] {
                var end = start
                while end < bytes.count {
                    let byte = bytes[end]
                    if byte == 0x22 || byte == 0x5C || byte < 0x20 || (stoppingAtNonASCII && byte >= 0x80) { break }
                    end += 1
                }
                let ascii = bytes[start..<end].allSatisfy { $0 < 0x80 }
                let found = bytes.withUnsafeBufferPointer { JSONParser.plainText(in: $0, from: start, stoppingAtNonASCII: stoppingAtNonASCII) }
                #expect(found.end == end && found.ascii == ascii, "\(bytes) from \(start), stopping at non-ASCII: \(stoppingAtNonASCII)")
                checked += 1
            }
        }
        #expect(checked == 40_000)
    }

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
}
