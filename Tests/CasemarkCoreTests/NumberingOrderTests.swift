import Testing

@testable import CasemarkCore

@Suite("Numbering order")
struct NumberingOrderTests {
    @Test func numbersSortPartByPartNumerically() {
        let shuffled = ["2.10.1", "2.9.1", "10", "2.1.1/b", "C10", "2.1", "2.1.1", "C9", "2", "2.1.1/a", "O1", "C01x", "1.2.10", "1.2.9"]
        #expect(
            shuffled.sorted(by: numberingOrder) == [
                "1.2.9", "1.2.10", "2", "2.1", "2.1.1", "2.1.1/a", "2.1.1/b", "2.9.1", "2.10.1", "10", "C01x", "C10", "C9", "O1",
            ])
    }

    @Test func isAStrictOrder() {
        let numbers = ["1", "01", "1.0", "1.00", "a", "", ".", "1.", "é", "e"]
        for a in numbers {
            #expect(!numberingOrder(a, a))
            for b in numbers where numberingOrder(a, b) {
                #expect(!numberingOrder(b, a), "\(a) \(b)")
            }
        }
    }

    /// Sorting gives what `numberingOrder` gives, whichever way it sorts.
    ///
    /// Refs with no dot and not all digits are sorted by their bytes, eight at a time; any other
    /// set by `numberingOrder` itself.
    @Test func sortingMatchesTheOrderWhicheverWayItSorts() {
        var random = SplitMix64(seed: 0x50_47)
        let alphabets = [Array("CO0123456789"), Array("C0123456789._-"), Array("0123456789"), Array("abcAB_-9é")]
        for round in 0..<400 {
            let alphabet = alphabets[round % alphabets.count]
            var keys: Set<String> = []
            for _ in 0..<Int(random.next() % 60) {
                let length = 1 + Int(random.next() % 14)
                keys.insert(String((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }))
            }
            let shuffled = Array(keys).shuffled(using: &random)
            let sorted = sortedInNumberingOrder(shuffled) { $0 }
            // Keys numberingOrder holds equal ("01", "1") may come in either order: compare by it.
            #expect(sorted.count == shuffled.count && Set(sorted) == keys, "round \(round)")
            for (earlier, later) in zip(sorted, sorted.dropFirst()) {
                #expect(!numberingOrder(later, earlier), "round \(round): \(earlier) before \(later)")
            }
        }
        // Long refs that share their first eight bytes.
        let long = ["CASE-2026-0010", "CASE-2026-0002", "CASE-2026", "CASE-2026-0002a", "CASE-202"]
        #expect(sortedInNumberingOrder(long) { $0 } == long.sorted(by: numberingOrder))
        #expect(sortedInNumberingOrder(long) { $0 } == ["CASE-202", "CASE-2026", "CASE-2026-0002", "CASE-2026-0002a", "CASE-2026-0010"])
    }
}
