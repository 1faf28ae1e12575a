import Testing

@testable import CasemarkCore

/// `SmallMap` stands in for a dictionary in the case model, so it must behave as one.
@Suite("Small maps")
struct SmallMapTests {
    /// Random sets, removals and reads on a small map and a dictionary side by side.
    @Test func behavesAsADictionary() {
        var random = SplitMix64(seed: 0x5EED)
        let keys = ["a", "b", "c", "z", "A", "", "2.1.1", "2.1.10", "2.1.9", "3.2.1", "é", "e\u{301}"]
        for round in 0..<200 {
            var map = SmallMap<Int>()
            var dictionary: [String: Int] = [:]
            for step in 0..<40 {
                let key = keys[Int(random.next() % UInt64(keys.count))]
                let value = Int(random.next() % 5)
                switch random.next() % 4 {
                case 0:
                    #expect(map.removeValue(forKey: key) == dictionary.removeValue(forKey: key))
                case 1:
                    #expect(map.updateValue(value, forKey: key) == dictionary.updateValue(value, forKey: key))
                case 2:
                    map[key, default: 0] += value
                    dictionary[key, default: 0] += value
                default:
                    map[key] = value == 0 ? nil : value
                    dictionary[key] = value == 0 ? nil : value
                }
                #expect(map.count == dictionary.count, "round \(round), step \(step)")
                for key in keys { #expect(map[key] == dictionary[key], "round \(round), step \(step), key \(key)") }
            }
            // Kept in key order, each key once, and every entry where `index(forKey:)` says.
            #expect(map.keys == dictionary.keys.sorted())
            #expect(map.values == map.keys.map { dictionary[$0]! })
            for key in map.keys { #expect(map.index(forKey: key).map { map.keys[$0] } == key) }
            #expect(Dictionary(uniqueKeysWithValues: map.map { ($0.key, $0.value) }) == dictionary)
        }
    }

    @Test func equalityIgnoresTheOrderEntriesWereAddedIn() {
        var forwards = SmallMap<Judgement>()
        var backwards = SmallMap<Judgement>()
        for letter in ["a", "b", "c", "d"] { forwards[letter] = .yes }
        for letter in ["d", "c", "b", "a"] { backwards[letter] = .yes }
        #expect(forwards == backwards)
        #expect(forwards == ["c": .yes, "a": .yes, "d": .yes, "b": .yes])
        backwards["c"] = .no
        #expect(forwards != backwards)
        backwards["c"] = nil
        #expect(forwards != backwards)
    }

    @Test func filterAndMapValuesKeepTheKeys() {
        let map: SmallMap<Int> = ["b": 2, "a": 1, "c": 3]
        #expect(map.filter { $0.value != 2 } == ["a": 1, "c": 3])
        #expect(map.mapValues { $0 * 10 } == ["a": 10, "b": 20, "c": 30])
        #expect(map.map(\.key) == ["a", "b", "c"])
        #expect(map.description == #"["a": 1, "b": 2, "c": 3]"#)
        #expect(SmallMap<Int>().description == "[:]")
    }
}
