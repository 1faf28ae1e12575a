/// A value two copies of a file changed differently, kept in the file until a person chooses: where
/// it is (a path of object keys), and each copy's value with who set it.
///
/// The file holds the first version's value meanwhile, so it stays a valid case.
public struct MergeConflict: Equatable, Sendable {
    /// One copy's value.
    public struct Version: Equatable, Sendable {
        /// Where it came from: "ours" and "theirs" in a git merge, or a folder's path.
        public var source: String
        /// Who last set it, when known.
        public var by: String?
        /// Nil when that copy has no value there (never set, or cleared).
        public var value: JSONValue?

        public init(source: String, by: String?, value: JSONValue?) {
            self.source = source
            self.by = by
            self.value = value
        }
    }

    /// Object keys from the file's root: `["answers", "2.1.1", "prompts", "a"]`.
    public var path: [String]
    public var versions: [Version]

    public init(path: [String], versions: [Version]) {
        self.path = path
        self.versions = versions
    }

    /// Where the conflict is, in words: "2.1.1/a prompt", "2.1.1 judgement", "review of 2.1.1",
    /// "detail safetyAndWellbeing".
    public var place: String {
        switch path.count {
        case 1:
            return path[0] == "status" ? "status" : "detail \(path[0])"
        case 2 where path[0] == "details":
            return "detail \(path[1])"
        case 3 where path[0] == "answers":
            return "\(path[1]) \(path[2])"
        case 4 where path[0] == "answers" && path[2] == "prompts":
            return "\(path[1])/\(path[3]) prompt"
        case 4 where path[0] == "answers" && path[2] == "promptNotes":
            return "\(path[1])/\(path[3]) note"
        case 3... where path[0] == "review" && path[1] == "items":
            return "review of \(path[2])" + (path.count > 3 ? " (\(path[3...].joined(separator: " ")))" : "")
        default:
            return path.joined(separator: " › ")
        }
    }

    /// A value as a line shows it: a word for a short string, "—" for none, else its length.
    public static func describe(_ value: JSONValue?) -> String {
        guard let value else { return "—" }
        switch value {
        case .string(let text): return text.count <= 40 ? text : "\(text.count) characters"
        case .bool(let flag): return flag ? "yes" : "no"
        case .number(let text): return text
        case .null: return "null"
        case .array(let elements): return "\(elements.count) element(s)"
        case .object:
            return JSONWriter.string(from: value).count <= 60
                ? JSONWriter.string(from: value).replacingOccurrences(of: "\n", with: " ") : "an object"
        }
    }

    /// "2.1.1/a prompt: yes (ann, ours) ≠ no (bob, theirs)", escaped for a terminal.
    public var summary: String {
        let sides = versions.map { version in
            let who = [version.by, version.source].compactMap { $0 }.joined(separator: ", ")
            return "\(Self.describe(version.value)) (\(who))"
        }
        return TerminalText.escaped("\(place): " + sides.joined(separator: " ≠ "))
    }

    static func read(_ value: JSONValue, at path: JSONPath, problems: inout ProblemCollector) -> MergeConflict? {
        guard let object = problems.object(value, at: path) else { return nil }
        var keys: [String] = []
        for (index, element) in (problems.array(object, "path", at: path) ?? []).enumerated() {
            guard let key = element.stringValue else {
                problems.report("expected a string, found \(element.kindName)", at: path.appending("path").appending(index: index))
                return nil
            }
            keys.append(key)
        }
        var versions: [Version] = []
        for (index, element) in (problems.array(object, "versions", at: path) ?? []).enumerated() {
            let versionPath = path.appending("versions").appending(index: index)
            guard let versionObject = problems.object(element, at: versionPath),
                let source = problems.string(versionObject, "source", at: versionPath, nonEmpty: false)
            else { continue }
            let by = problems.string(versionObject, "by", at: versionPath, required: false, nonEmpty: false)
            versions.append(Version(source: source, by: by, value: versionObject["value"]))
        }
        guard !keys.isEmpty else {
            problems.report("a conflict needs the path of the value in conflict", at: path.appending("path"))
            return nil
        }
        return MergeConflict(path: keys, versions: versions)
    }

    func jsonValue() -> JSONValue {
        .object(
            JSONObject([
                "path": .array(path.map(JSONValue.string)),
                "versions": .array(
                    versions.map { version in
                        var object = JSONObject(["source": .string(version.source)])
                        object["by"] = version.by.map(JSONValue.string)
                        object["value"] = version.value
                        return .object(object)
                    }),
            ]))
    }
}

extension CaseFile {
    /// The case with conflict `index` settled on its version `choice`: that version's value put at
    /// the conflict's place (or the value removed, where that version had none) and the conflict
    /// gone.
    ///
    /// Nil when the choice is out of range or the result is not a valid case. Record it with
    /// `recording(_:by:at:)`, which notes the resolution in the history.
    public func resolvingConflict(_ index: Int, choosing choice: Int) -> CaseFile? {
        guard conflicts.indices.contains(index), conflicts[index].versions.indices.contains(choice) else { return nil }
        let conflict = conflicts[index]
        var without = self
        without.conflicts.remove(at: index)
        guard let tree = Self.setting(without.jsonValue(), at: conflict.path[...], to: conflict.versions[choice].value) else { return nil }
        var problems = ProblemCollector(file: ref)
        guard let resolved = CaseFile.read(tree, problems: &problems), problems.isEmpty else { return nil }
        return resolved
    }

    private static func setting(_ value: JSONValue?, at path: ArraySlice<String>, to newValue: JSONValue?) -> JSONValue? {
        guard let key = path.first else { return newValue }
        var object = value?.objectValue ?? JSONObject()
        object[key] = setting(object[key], at: path.dropFirst(), to: newValue)
        return object.isEmpty && path.count > 1 && value == nil ? nil : .object(object)
    }
}
