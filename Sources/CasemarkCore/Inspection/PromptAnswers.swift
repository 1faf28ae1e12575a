/// An answer's prompt answers: a small map from each prompt's letter to its judgement.
///
/// Every framework letters its prompts `a` to `z`, so the answers are kept as two bits a letter in
/// one word, with no allocation: a case holds about a dozen answers of about six prompts each,
/// and their keys and values had been two arrays per answer (two allocations, and a retain and
/// a release of each whenever an answer was copied). A key that is not one letter from `a` to
/// `z` (which only a hand edit or a damaged file holds) puts every answer into a `SmallMap`
/// instead, so such keys are kept, and named by the checker, like any other.
///
/// It behaves as `SmallMap<Judgement>` did (a test drives the two side by side): iteration, `keys`
/// and `values` are in key order, and equality ignores the order answers were set in.
public struct PromptAnswers: Sendable {
    public typealias Element = (key: String, value: Judgement)

    /// Two bits for each letter, `a` lowest: 0 for no answer, else `code(of:)` of its judgement.
    private var letters: UInt64 = 0
    /// Every answer, once one is under a key that is not a letter from `a` to `z`; nil before.
    private var others: SmallMap<Judgement>?

    public init() {}

    /// The slot of `key` in `letters`: its letter's place in the alphabet, or nil.
    @inline(__always)
    static func slot(of key: String) -> Int? {
        let utf8 = key.utf8
        guard utf8.count == 1, let byte = utf8.first else { return nil }
        return slot(of: byte)
    }

    @inline(__always)
    static func slot(of byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? Int(byte - UInt8(ascii: "a")) : nil
    }

    @inline(__always)
    private static func code(of judgement: Judgement) -> UInt64 {
        switch judgement {
        case .yes: 1
        case .no: 2
        case .na: 3
        }
    }

    @inline(__always)
    private static func judgement(code: UInt64) -> Judgement? {
        switch code {
        case 1: .yes
        case 2: .no
        case 3: .na
        default: nil
        }
    }

    /// The letters `a` to `z`, made once: iterating made each afresh.
    private static let keys: [String] = (UInt8(ascii: "a")...UInt8(ascii: "z")).map { String(UnicodeScalar($0)) }

    @inline(__always)
    private static func key(ofSlot slot: Int) -> String { keys[slot] }

    /// The judgement in letter slot `slot`.
    @inline(__always)
    func judgement(inSlot slot: Int) -> Judgement? {
        others == nil ? Self.judgement(code: letters >> UInt64(2 * slot) & 3) : others?[Self.key(ofSlot: slot)]
    }

    /// Sets letter slot `slot` (of a map that holds letters only).
    @inline(__always)
    mutating func set(_ judgement: Judgement?, inSlot slot: Int) {
        let shift = UInt64(2 * slot)
        letters = letters & ~(3 << shift) | (judgement.map(Self.code(of:)) ?? 0) << shift
    }

    /// Sets the answer under the key written as `bytes` (plain ASCII, as a case file has it): a
    /// letter from `a` to `z` goes to its slot with no text made.
    @inline(__always)
    mutating func set(_ judgement: Judgement, forKey bytes: UnsafeBufferPointer<UInt8>) {
        if bytes.count == 1, others == nil, let slot = Self.slot(of: bytes[0]) {
            set(judgement, inSlot: slot)
        } else {
            self[String(decoding: bytes, as: UTF8.self)] = judgement
        }
    }

    /// Whether every key is a letter from `a` to `z` (the answers then in their slots).
    var holdsLettersOnly: Bool { others == nil }

    /// The two bits of every letter's slot, or nil when the map does not hold letters only.
    var slotWord: UInt64? { others == nil ? letters : nil }

    /// The judgement a slot's two bits in `slotWord` stand for.
    @inline(__always)
    static func judgement(inWord word: UInt64, slot: Int) -> Judgement? { judgement(code: word >> UInt64(2 * slot) & 3) }

    /// The low bit of each answered letter's slot, of a map that `holdsLettersOnly`.
    var answeredSlots: UInt64 { (letters | letters >> 1) & Self.lowBits }

    /// `letters` as `answeredSlots` has them, or nil when one is not a letter from `a` to `z`.
    static func slots(of letters: [String]) -> UInt64? {
        var slots: UInt64 = 0
        for letter in letters {
            guard let slot = slot(of: letter) else { return nil }
            slots |= 1 << UInt64(2 * slot)
        }
        return slots
    }

    private static let lowBits: UInt64 = 0x0005_5555_5555_5555

    public subscript(key: String) -> Judgement? {
        get {
            if let others { return others[key] }
            return Self.slot(of: key).flatMap { judgement(inSlot: $0) }
        }
        set {
            if others != nil {
                others?[key] = newValue
            } else if let slot = Self.slot(of: key) {
                set(newValue, inSlot: slot)
            } else if let newValue {
                var map = SmallMap<Judgement>(uniqueKeysWithValues: self.map { ($0.key, $0.value) })
                map[key] = newValue
                others = map
                letters = 0
            }
        }
    }

    /// Sets the value of `key`; returns the value it replaced, or nil when the key is new.
    @discardableResult
    public mutating func updateValue(_ value: Judgement, forKey key: String) -> Judgement? {
        let old = self[key]
        self[key] = value
        return old
    }

    /// Removes `key`; returns its value, or nil when it was not there.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> Judgement? {
        let old = self[key]
        self[key] = nil
        return old
    }

    public var count: Int {
        if let others { return others.count }
        return answeredSlots.nonzeroBitCount
    }

    public var isEmpty: Bool { others?.isEmpty ?? (letters == 0) }

    /// The keys, in order.
    public var keys: [String] { map(\.key) }

    /// The values, in key order.
    public var values: [Judgement] { map(\.value) }

    /// The answers `isIncluded` keeps.
    public func filter(_ isIncluded: (Element) throws -> Bool) rethrows -> PromptAnswers {
        var kept = PromptAnswers()
        for element in self where try isIncluded(element) { kept[element.key] = element.value }
        return kept
    }

    /// The letters answered, in order, each with its slot and judgement, for a map that holds
    /// letters only (`holdsLettersOnly`): a walk over the word, no text made.
    @inline(__always)
    func forEachLetter(_ body: (_ slot: Int, _ judgement: Judgement) -> Void) {
        var rest = letters
        while rest != 0 {
            let slot = rest.trailingZeroBitCount / 2
            if let judgement = Self.judgement(code: rest >> UInt64(2 * slot) & 3) { body(slot, judgement) }
            rest &= ~(3 << UInt64(2 * slot))
        }
    }
}

extension PromptAnswers: Sequence {
    public struct Iterator: IteratorProtocol {
        var rest: UInt64
        var others: SmallMap<Judgement>.Iterator?

        public mutating func next() -> Element? {
            if others != nil { return others?.next() }
            guard rest != 0 else { return nil }
            let slot = rest.trailingZeroBitCount / 2
            let code = rest >> UInt64(2 * slot) & 3
            rest &= ~(3 << UInt64(2 * slot))
            guard let judgement = PromptAnswers.judgement(code: code) else { return nil }
            return (PromptAnswers.key(ofSlot: slot), judgement)
        }
    }

    public func makeIterator() -> Iterator {
        Iterator(rest: letters, others: others?.makeIterator())
    }

    public var underestimatedCount: Int { count }
}

extension PromptAnswers: ExpressibleByDictionaryLiteral {
    /// As with a dictionary literal, a key given twice is a programming error.
    public init(dictionaryLiteral elements: (String, Judgement)...) {
        for (key, value) in elements {
            precondition(updateValue(value, forKey: key) == nil, "key \"\(key)\" given twice")
        }
    }
}

extension PromptAnswers: Equatable {
    public static func == (left: PromptAnswers, right: PromptAnswers) -> Bool {
        if left.others == nil && right.others == nil { return left.letters == right.letters }
        return left.elementsEqual(right) { $0.key == $1.key && $0.value == $1.value }
    }
}

extension PromptAnswers: CustomStringConvertible {
    public var description: String {
        isEmpty ? "[:]" : "[" + map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + "]"
    }
}
