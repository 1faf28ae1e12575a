import Foundation

/// Typed reads of an object's fields that report a missing or mistyped field at its JSON path
/// and carry on, so one pass finds every problem in a file.
extension ProblemCollector {
    public mutating func object(_ value: JSONValue, at path: JSONPath) -> JSONObject? {
        if case .object(let object) = value { return object }
        report("expected an object, found \(value.kindName)", at: path)
        return nil
    }

    /// The value of `object`'s field `key` as `take` takes it; a missing field (when `required`)
    /// or one `take` refuses ("expected \(expected), found ...") is reported, and gives nil.
    mutating func field<T>(
        _ object: JSONObject, _ key: String, at path: JSONPath, required: Bool, expected: String, _ take: (JSONValue) -> T?
    ) -> T? {
        guard let value = object[key] else {
            if required { report("missing required field \"\(key)\"", at: path) }
            return nil
        }
        guard let taken = take(value) else {
            report("expected \(expected), found \(value.kindName)", at: path.appending(key))
            return nil
        }
        return taken
    }

    public mutating func string(
        _ object: JSONObject, _ key: String, at path: JSONPath, required: Bool = true, nonEmpty: Bool = true
    ) -> String? {
        guard let text = field(object, key, at: path, required: required, expected: "a string", { $0.stringValue }) else { return nil }
        if nonEmpty && text.isBlank {
            report("must not be empty", at: path.appending(key))
            return nil
        }
        return text
    }

    public mutating func integer(_ object: JSONObject, _ key: String, at path: JSONPath, required: Bool = true) -> Int? {
        field(object, key, at: path, required: required, expected: "a whole number", \.intValue)
    }

    public mutating func bool(_ object: JSONObject, _ key: String, at path: JSONPath, required: Bool = true) -> Bool? {
        field(object, key, at: path, required: required, expected: "true or false", \.boolValue)
    }

    public mutating func array(_ object: JSONObject, _ key: String, at path: JSONPath, required: Bool = true) -> [JSONValue]? {
        field(object, key, at: path, required: required, expected: "an array", \.arrayValue)
    }

    public mutating func object(_ object: JSONObject, _ key: String, at path: JSONPath, required: Bool = true) -> JSONObject? {
        field(object, key, at: path, required: required, expected: "an object", \.objectValue)
    }

    /// Checks `format` and `version`: a known format, and a version this program understands.
    ///
    /// Returns the version read, so a newer file can be opened read-only by the caller.
    @discardableResult
    public mutating func header(_ object: JSONObject, format: String, supportedVersion: Int, at path: JSONPath) -> Int? {
        if let found = string(object, "format", at: path), found != format {
            report("expected format \"\(format)\", found \"\(found)\"", at: path.appending("format"))
        }
        guard let version = integer(object, "version", at: path) else { return nil }
        if version < 1 {
            report("version must be 1 or more, found \(version)", at: path.appending("version"))
        } else if version > supportedVersion {
            report(
                "version \(version) is newer than this casemark understands (\(supportedVersion)); update casemark",
                at: path.appending("version"))
        }
        return version
    }
}
