/// A three-way merge of two JSON documents that started from one: what one side changed is taken,
/// the same change on both is taken once, and only a value changed differently on both sides is a
/// clash.
///
/// Objects merge member by member; the arrays a rule names merge as the union of both (append-only
/// lists such as a history); every other value is one unit.
///
/// The base may be unknown (two copies merged with no common file to hand): then `changedBy`
/// says which side changed a value, from what each side recorded (a case's history).
struct TreeMerge {
    /// Which side of a merge.
    enum Side: Sendable {
        case ours, theirs
    }

    /// How the values at a path merge.
    enum Rule {
        /// An object merged member by member (an absent object counts as an empty one).
        case members
        /// An append-only array: the union of both, each element once per side that has it,
        /// ours first, then ordered by the string member `sortKey` when given (stable).
        case union(sortKey: String?)
        /// One value: either side's, or a clash.
        case unit
    }

    /// A value changed differently on both sides.
    struct Clash: Equatable, Sendable {
        var path: [String]
        var base: JSONValue?
        var ours: JSONValue?
        var theirs: JSONValue?
    }

    /// The base at a node: known (perhaps absent), or not known at all.
    enum Base {
        case known(JSONValue?)
        case unknown
    }

    /// The rule for a path.
    var rule: ([String]) -> Rule
    /// With no base: which side changed the value at a path (nil when neither or both did).
    var changedBy: ([String]) -> Side? = { _ in nil }
    /// A clash this merge settles itself (a stamp: the later one; a version: the higher), or nil.
    var settle: ([String], JSONValue?, JSONValue?) -> JSONValue?? = { _, _, _ in nil }
    /// Which value a clash leaves in place.
    var onClash: Side = .ours

    private(set) var clashes: [Clash] = []

    init(rule: @escaping ([String]) -> Rule) {
        self.rule = rule
    }

    /// Merges `ours` and `theirs` from `base`.
    mutating func merge(base: Base, ours: JSONValue?, theirs: JSONValue?, path: [String] = []) -> JSONValue? {
        if ours == theirs { return ours }
        if case .known(let value) = base {
            if value == ours { return theirs }
            if value == theirs { return ours }
        }
        switch rule(path) {
        case .union(let sortKey):
            if isArrayOrAbsent(ours), isArrayOrAbsent(theirs) {
                return .array(Self.union(ours?.arrayValue ?? [], theirs?.arrayValue ?? [], sortKey: sortKey))
            }
        case .members:
            if isObjectOrAbsent(ours), isObjectOrAbsent(theirs) {
                return mergeMembers(base: base, ours: ours?.objectValue, theirs: theirs?.objectValue, path: path)
            }
        case .unit:
            break
        }
        if case .unknown = base {
            switch changedBy(path) {
            case .ours: return ours
            case .theirs: return theirs
            case nil:
                // Present on one side only, with nothing saying the other removed it: added.
                if ours == nil { return theirs }
                if theirs == nil { return ours }
            }
        }
        if let settled = settle(path, ours, theirs) { return settled }
        let baseValue: JSONValue? = if case .known(let value) = base { value } else { nil }
        clashes.append(Clash(path: path, base: baseValue, ours: ours, theirs: theirs))
        return onClash == .ours ? ours : theirs
    }

    private mutating func mergeMembers(base: Base, ours: JSONObject?, theirs: JSONObject?, path: [String]) -> JSONValue? {
        var keys = ours?.keys ?? []
        var seen = Set(keys)
        for key in theirs?.keys ?? [] where seen.insert(key).inserted { keys.append(key) }
        if case .known(let value) = base, let object = value?.objectValue {
            // Members removed on both sides stay removed; listed so a one-sided removal is seen.
            for key in object.keys where seen.insert(key).inserted { keys.append(key) }
        }
        // Each side's members by key, found once: looking each key up in each side's list of
        // members made an object of many fields (from a newer version) quadratic to merge.
        func byKey(_ object: JSONObject?) -> [String: JSONValue] {
            Dictionary(object?.members.map { ($0.key, $0.value) } ?? [], uniquingKeysWith: { first, _ in first })
        }
        let (oursByKey, theirsByKey) = (byKey(ours), byKey(theirs))
        let baseByKey: [String: JSONValue]? = if case .known(let value) = base { byKey(value?.objectValue) } else { nil }
        var result = JSONObject()
        for key in keys {
            let memberBase: Base = baseByKey.map { .known($0[key]) } ?? .unknown
            let merged = merge(base: memberBase, ours: oursByKey[key], theirs: theirsByKey[key], path: path + [key])
            // Each key once (`keys` has no repeats).
            if let merged { result.appendNew(JSONObject.Member(key: key, value: merged)) }
        }
        if result.isEmpty && (ours == nil || theirs == nil) { return nil }
        return .object(result)
    }

    private func isArrayOrAbsent(_ value: JSONValue?) -> Bool {
        value == nil || value?.arrayValue != nil
    }

    private func isObjectOrAbsent(_ value: JSONValue?) -> Bool {
        value == nil || value?.objectValue != nil
    }

    /// Every element of `ours` and those of `theirs` that `ours` does not have (as many times),
    /// merged by `sortKey` as two sorted runs are merged: each side keeps its own order, and an
    /// element of ours comes first on a tie.
    ///
    /// Without a key, ours then theirs'.
    static func union(_ ours: [JSONValue], _ theirs: [JSONValue], sortKey: String?) -> [JSONValue] {
        var counts: [String: Int] = [:]
        for element in ours { counts[JSONWriter.string(from: element), default: 0] += 1 }
        var extra: [JSONValue] = []
        for element in theirs {
            let key = JSONWriter.string(from: element)
            if let count = counts[key], count > 0 {
                counts[key] = count - 1
            } else {
                extra.append(element)
            }
        }
        guard let sortKey, !extra.isEmpty else { return ours + extra }
        func key(_ value: JSONValue) -> String { value.objectValue?[sortKey]?.stringValue ?? "" }
        var result: [JSONValue] = []
        result.reserveCapacity(ours.count + extra.count)
        var (i, j) = (0, 0)
        while i < ours.count || j < extra.count {
            if j == extra.count || (i < ours.count && key(ours[i]) <= key(extra[j])) {
                result.append(ours[i])
                i += 1
            } else {
                result.append(extra[j])
                j += 1
            }
        }
        return result
    }
}
