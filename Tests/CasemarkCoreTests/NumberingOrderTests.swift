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
}
