/// Writing a case file back in a stable order (`CaseFileDecoder` reads it).
extension CaseFile {
    /// The case a JSON tree holds, read by the one reader (`CaseFileDecoder`) from the tree
    /// written out, with every problem reading found.
    public static func read(_ value: JSONValue) -> DecodedCase {
        CaseFileDecoder.decode(JSONWriter.bytes(from: value), file: "")
    }

    /// The case as JSON: known fields in a fixed order, answers in key-question order, then any
    /// fields this version does not know, as they were.
    public func jsonValue() -> JSONValue {
        var object = JSONObject([
            "format": .string(Self.format),
            "version": .integer(version),
            "ref": .string(ref),
            "framework": .string(framework),
        ])
        object["frameworkHash"] = frameworkHash.map(JSONValue.string)
        object.append(
            contentsOf: JSONObject([
                "domain": .string(domain),
                "disposal": .string(disposal),
                "status": .string(status.rawValue),
            ]))
        object["inspector"] = details.inspector.map(JSONValue.string)
        object["date"] = details.date.map(JSONValue.string)
        object["riskOfSeriousHarm"] = details.riskOfSeriousHarm.map { .string($0.rawValue) }
        object["safetyAndWellbeing"] = details.safetyAndWellbeing.map { .string($0.rawValue) }
        object["caseManagerInterviewed"] = details.caseManagerInterviewed.map(JSONValue.bool)
        if !details.recorded.isEmpty {
            let members = details.recorded.keys.sorted().compactMap { id in
                details.recorded[id].map { JSONObject.Member(key: id, value: $0.jsonValue) }
            }
            object["details"] = .object(JSONObject(members))
        }
        var answersObject = JSONObject()
        for number in answers.keys.sorted(by: numberingOrder) {
            if let answer = answers[number], !answer.isEmpty {
                answersObject[number] = answer.jsonValue()
            }
        }
        object["answers"] = .object(answersObject)
        if !review.isEmpty { object["review"] = review.jsonValue() }
        if !conflicts.isEmpty { object["conflicts"] = .array(conflicts.map { $0.jsonValue() }) }
        if !history.isEmpty { object["history"] = .array(history.map { $0.jsonValue() }) }
        object.append(contentsOf: unknown)
        return .object(object)
    }

    /// The bytes this case is saved as: `JSONWriter` on `jsonValue()`, byte for byte (a test
    /// compares them).
    ///
    /// The history, which grows with every answer and is most of a marked case, is written straight
    /// from its entries after the rest, not built as a tree first.
    public func encoded() -> [UInt8] {
        guard !history.isEmpty, unknown.isEmpty, conflicts.isEmpty else { return JSONWriter.bytes(from: jsonValue()) }
        var withoutHistory = self
        withoutHistory.history = []
        var output = JSONWriter.bytes(from: withoutHistory.jsonValue())
        output.reserveCapacity(output.count + history.count * 140)
        // The root object ends "\n}\n"; the history is its last member.
        output.removeLast(3)
        JSONWriter.append(",\n  \"history\": [\n", into: &output)
        for (index, entry) in history.enumerated() {
            if index > 0 { JSONWriter.append(",\n", into: &output) }
            JSONWriter.indent(2, into: &output)
            entry.write(into: &output)
        }
        JSONWriter.append("\n  ]\n}\n", into: &output)
        return output
    }
}

extension Answer {
    func jsonValue() -> JSONValue {
        var object = JSONObject()
        object["judgement"] = judgement.map { .string($0.rawValue) }
        if !prompts.isEmpty {
            var promptObject = JSONObject()
            for letter in prompts.keys.sorted() {
                promptObject[letter] = prompts[letter].map { .string($0.rawValue) }
            }
            object["prompts"] = .object(promptObject)
        }
        if let note, !note.isEmpty { object["note"] = .string(note) }
        if !promptNotes.isEmpty {
            var notesObject = JSONObject()
            for letter in promptNotes.keys.sorted() where !(promptNotes[letter] ?? "").isEmpty {
                notesObject[letter] = promptNotes[letter].map(JSONValue.string)
            }
            if !notesObject.isEmpty { object["promptNotes"] = .object(notesObject) }
        }
        object.append(contentsOf: unknown)
        return .object(object)
    }
}

/// A calendar date written `YYYY-MM-DD`, checked for a real month and day.
public struct CalendarDate: Equatable, Sendable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month)
        else { return nil }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard (1...days).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }
}
