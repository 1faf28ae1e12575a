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

    /// `PromptAnswers` keeps letters `a` to `z` in slots of one word and anything else in a
    /// `SmallMap`: driven side by side with a dictionary, through both, it must behave as one.
    @Test func promptAnswersBehaveAsADictionaryInBothForms() {
        var random = SplitMix64(seed: 0xA11)
        let keys = ["a", "b", "c", "f", "g", "z", "A", "", "aa", "é", "1", "{"]
        let judgements: [Judgement?] = [.yes, .no, .na, nil]
        for round in 0..<300 {
            var answers = PromptAnswers()
            var dictionary: [String: Judgement] = [:]
            // Half the rounds use letters only, so the word alone is driven too.
            let used = round % 2 == 0 ? Array(keys.prefix(6)) : keys
            for step in 0..<30 {
                let key = used[Int(random.next() % UInt64(used.count))]
                let judgement = judgements[Int(random.next() % 4)]
                switch random.next() % 3 {
                case 0:
                    #expect(answers.removeValue(forKey: key) == dictionary.removeValue(forKey: key))
                case 1:
                    if let judgement {
                        #expect(answers.updateValue(judgement, forKey: key) == dictionary.updateValue(judgement, forKey: key))
                    }
                default:
                    answers[key] = judgement
                    dictionary[key] = judgement
                }
                #expect(answers.count == dictionary.count, "round \(round), step \(step)")
                #expect(answers.isEmpty == dictionary.isEmpty)
                for key in keys { #expect(answers[key] == dictionary[key], "round \(round), step \(step), key \(key)") }
            }
            // In key order, as `SmallMap` keeps them; equal to the same answers set in another
            // order or held in the other form.
            #expect(answers.keys == dictionary.keys.sorted())
            #expect(answers.values == answers.keys.map { dictionary[$0] })
            #expect(answers.map(\.key) == answers.keys)
            var rebuilt = PromptAnswers()
            for key in dictionary.keys.shuffled(using: &random) { rebuilt[key] = dictionary[key] }
            #expect(rebuilt == answers)
            var detour = rebuilt
            detour["Q"] = .yes  // into the map form, and out of its odd key again
            detour["Q"] = nil
            #expect(detour == answers && answers == detour)
            if let first = dictionary.keys.sorted().first {
                detour[first] = dictionary[first] == .yes ? .no : .yes
                #expect(detour != answers)
            }
            #expect(answers.filter { $0.value != .no }.keys == dictionary.filter { $0.value != .no }.keys.sorted())
        }
        let written: PromptAnswers = ["c": .na, "a": .yes, "b": .no]
        #expect(written.description == #"["a": yes, "b": no, "c": na]"#)
        #expect(PromptAnswers().description == "[:]")
    }
}
