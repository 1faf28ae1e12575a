/// A handful of values by string key, kept as an array of keys in order and an array of their
/// values: a case's answers by key-question number (an answer's prompt answers, by letter, are
/// a `PromptAnswers`, which holds letters in one word and any other key in one of these).
///
/// A case holds about a dozen answers, so loading 10,000 cases builds some 120,000 entries. A
/// `Dictionary` hashes every key with a seeded hasher and allocates a hash table for each map;
/// for so few entries a sorted array is quicker to build (case files
/// list keys in order, so building is appending), to search, and to compare, and takes less
/// memory. Equality ignores the order entries were added in, as a dictionary's does; iteration
/// is in key order.
public struct SmallMap<Value> {
    public typealias Element = (key: String, value: Value)

    // Keys and values apart, so searching reads only keys and never copies a value.
    /// The keys, in order, each once.
    public private(set) var keys: [String] = []
    /// The values, in key order.
    public private(set) var values: [Value] = []

    public init() {}

    /// The map of `pairs`, whose keys are unique, in any order: sorted once, so a file with a
    /// million keys out of order is read in n log n, not n² (inserting each into its place).
    public init(uniqueKeysWithValues pairs: [(String, Value)]) {
        let ordered = pairs.indices.dropFirst().allSatisfy { pairs[$0 - 1].0 < pairs[$0].0 } ? pairs : pairs.sorted { $0.0 < $1.0 }
        keys = ordered.map(\.0)
        values = ordered.map(\.1)
    }

    /// The map of `keys`, already in order and each once, and their `values`.
    init(sortedKeys: [String], values: [Value]) {
        keys = sortedKeys
        self.values = values
    }

    public init(minimumCapacity: Int) {
        keys.reserveCapacity(minimumCapacity)
        values.reserveCapacity(minimumCapacity)
    }

    /// Where `key` is, or where it would go to keep the keys in order.
    private func position(of key: String) -> (index: Int, found: Bool) {
        // The usual case when building: a key after every key so far.
        if let last = keys.last, last < key { return (keys.count, false) }
        var low = 0
        var high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] == key { return (middle, true) }
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        return (low, false)
    }

    /// The position of `key` in `keys` and `values`, or nil.
    ///
    /// Reading `values[index]` through it reaches into a value without copying it whole, as the
    /// tally does for a judgement.
    public func index(forKey key: String) -> Int? {
        let (index, found) = position(of: key)
        return found ? index : nil
    }

    public subscript(key: String) -> Value? {
        get {
            let (index, found) = position(of: key)
            return found ? values[index] : nil
        }
        set {
            if let newValue {
                updateValue(newValue, forKey: key)
            } else {
                removeValue(forKey: key)
            }
        }
    }

    public subscript(key: String, default defaultValue: @autoclosure () -> Value) -> Value {
        get { self[key] ?? defaultValue() }
        set { updateValue(newValue, forKey: key) }
    }

    /// Sets the value of `key`; returns the value it replaced, or nil when the key is new.
    @discardableResult
    public mutating func updateValue(_ value: consuming Value, forKey key: String) -> Value? {
        let (index, found) = position(of: key)
        if found {
            let old = values[index]
            values[index] = value
            return old
        }
        if index == keys.count {
            keys.append(key)
            values.append(value)
        } else {
            keys.insert(key, at: index)
            values.insert(value, at: index)
        }
        return nil
    }

    /// Removes `key`; returns its value, or nil when it was not there.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> Value? {
        let (index, found) = position(of: key)
        guard found else { return nil }
        keys.remove(at: index)
        return values.remove(at: index)
    }

    /// The entries `isIncluded` keeps, still by key.
    public func filter(_ isIncluded: (Element) throws -> Bool) rethrows -> SmallMap {
        var result = SmallMap()
        for (key, value) in zip(keys, values) where try isIncluded((key, value)) {
            result.keys.append(key)
            result.values.append(value)
        }
        return result
    }

    /// The same keys with transformed values.
    public func mapValues<T>(_ transform: (Value) throws -> T) rethrows -> SmallMap<T> {
        var result = SmallMap<T>()
        result.keys = keys
        result.values = try values.map(transform)
        return result
    }
}

extension SmallMap: RandomAccessCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { keys.count }
    public subscript(position: Int) -> Element { (keys[position], values[position]) }
}

extension SmallMap: ExpressibleByDictionaryLiteral {
    /// As with a dictionary literal, a key given twice is a programming error.
    public init(dictionaryLiteral elements: (String, Value)...) {
        for (key, value) in elements {
            precondition(updateValue(value, forKey: key) == nil, "key \"\(key)\" given twice")
        }
    }
}

extension SmallMap: Equatable where Value: Equatable {
    public static func == (left: SmallMap, right: SmallMap) -> Bool {
        left.keys == right.keys && left.values == right.values
    }
}

extension SmallMap: Sendable where Value: Sendable {}

extension SmallMap: CustomStringConvertible {
    public var description: String {
        keys.isEmpty ? "[:]" : "[" + zip(keys, values).map { "\"\($0)\": \($1)" }.joined(separator: ", ") + "]"
    }
}
