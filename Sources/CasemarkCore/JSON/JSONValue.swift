/// A JSON document held as values, keeping object keys in their order and numbers as written,
/// so a file read and saved again keeps the fields this version does not know intact.
public enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    /// A number, kept as its literal text so that it is written back exactly.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// A number value from an integer.
    public static func integer(_ value: Int) -> JSONValue { .number(String(value)) }

    /// The value's kind, for error messages ("expected a string, found a number").
    public var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The value as a whole number, when it is a number literal with no fraction or exponent.
    public var intValue: Int? {
        if case .number(let text) = self { return Int(text) }
        return nil
    }
}

/// A JSON object whose members keep the order they were read or inserted in.
public struct JSONObject: Equatable, Sendable {
    /// One member of an object.
    public struct Member: Equatable, Sendable {
        public var key: String
        public var value: JSONValue
        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    public private(set) var members: [Member]

    public init(_ members: [Member] = []) {
        self.members = members
    }

    public init(_ pairs: KeyValuePairs<String, JSONValue>) {
        self.members = pairs.map { Member(key: $0.key, value: $0.value) }
    }

    public var isEmpty: Bool { members.isEmpty }
    public var keys: [String] { members.map(\.key) }

    public subscript(key: String) -> JSONValue? {
        get { members.first { $0.key == key }?.value }
        set {
            if let index = members.firstIndex(where: { $0.key == key }) {
                if let newValue {
                    members[index].value = newValue
                } else {
                    members.remove(at: index)
                }
            } else if let newValue {
                members.append(Member(key: key, value: newValue))
            }
        }
    }

    /// The members whose keys are not in `known`, in their original order.
    public func removingKeys(_ known: Set<String>) -> JSONObject {
        JSONObject(members.filter { !known.contains($0.key) })
    }

    /// Appends `member`, whose key the caller knows this object does not have.
    mutating func appendNew(_ member: Member) {
        members.append(member)
    }

    /// Appends the members of `other` whose keys this object does not have yet.
    public mutating func append(contentsOf other: JSONObject) {
        // The keys here looked up in a set when there are many to add: a linear search for each
        // made fields from a newer version quadratic in their number.
        guard other.members.count > 8 else {
            for member in other.members where self[member.key] == nil { members.append(member) }
            return
        }
        var present = Set(members.map(\.key))
        for member in other.members where present.insert(member.key).inserted {
            members.append(member)
        }
    }
}
