import Foundation

/// Typed reads of an object's fields that report a missing or mistyped field at its JSON path
/// and carry on, so one pass finds every problem in a file.
extension ProblemCollector {
    public mutating func object(_ value: JSONValue, at path: JSONPath) -> JSONObject? {
        if case .object(let object) = value { return object }
        report("expected an object, found \(value.kindName)", at: path)
        return nil
    }

    public mutating func string(
        _ object: JSONObject, _ key: String, at path: JSONPath, required: Bool = true, nonEmpty: Bool = true
    ) -> String? {
        guard let value = object[key] else {
            if required { report("missing required field \"\(key)\"", at: path) }
            return nil
        }
        guard case .string(let text) = value else {
            report("expected a string, found \(value.kindName)", at: path.appending(key))
            return nil
        }
        if nonEmpty && text.isBlank {
            report("must not be empty", at: path.appending(key))
            return nil
        }
        return text
    }

    public mutating func integer(_ object: JSONObject, _ key: String, at path: JSONPath, required: Bool = true) -> Int? {
        guard let value = object[key] else {
            if required { report("missing required field \"\(key)\"", at: path) }
            return nil
        }
        guard let number = value.intValue else {
            report("expected a whole number, found \(value.kindName)", at: path.appending(key))
            return nil
        }
        return number
    }

    public mutating func bool(_ object: JSONObject, _ key: String, at path: JSONPath, required: Bool = true) -> Bool? {
        guard let value = object[key] else {
            if required { report("missing required field \"\(key)\"", at: path) }
            return nil
        }
        guard let flag = value.boolValue else {
            report("expected true or false, found \(value.kindName)", at: path.appending(key))
            return nil
        }
        return flag
    }

    public mutating func array(_ object: JSONObject, _ key: String, at path: JSONPath, required: Bool = true) -> [JSONValue]? {
        guard let value = object[key] else {
            if required { report("missing required field \"\(key)\"", at: path) }
            return nil
        }
        guard let elements = value.arrayValue else {
            report("expected an array, found \(value.kindName)", at: path.appending(key))
            return nil
        }
        return elements
    }

    public mutating func object(_ object: JSONObject, _ key: String, at path: JSONPath, required: Bool = true) -> JSONObject? {
        guard let value = object[key] else {
            if required { report("missing required field \"\(key)\"", at: path) }
            return nil
        }
        return self.object(value, at: path.appending(key))
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
