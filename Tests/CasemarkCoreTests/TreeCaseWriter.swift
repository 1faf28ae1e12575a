@testable import CasemarkCore

/// The writer of case files from before there was one, kept as the tests' oracle.
///
/// A tree of `JSONValue`s built field by field, for `JSONWriter` to write. `CaseFile.encoded()`
/// and the answers digest are compared with it byte for byte.
enum TreeCaseWriter {
    /// The case as the old `CaseFile.jsonValue()` built it.
    static func tree(_ file: CaseFile) -> JSONValue {
        var object = JSONObject([
            "format": .string(CaseFile.format),
            "version": .integer(file.version),
            "ref": .string(file.ref),
            "framework": .string(file.framework),
        ])
        object["frameworkHash"] = file.frameworkHash.map(JSONValue.string)
        object.append(
            contentsOf: JSONObject([
                "domain": .string(file.domain),
                "disposal": .string(file.disposal),
                "status": .string(file.status.rawValue),
            ]))
        let details = file.details
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
        object["answers"] = answers(file)
        if !file.review.isEmpty { object["review"] = file.review.jsonValue() }
        if !file.conflicts.isEmpty { object["conflicts"] = .array(file.conflicts.map { $0.jsonValue() }) }
        if !file.history.isEmpty { object["history"] = .array(file.history.map { $0.jsonValue() }) }
        object.append(contentsOf: file.unknown)
        return .object(object)
    }

    /// The non-empty answers in numbering order.
    static func answers(_ file: CaseFile) -> JSONValue {
        var object = JSONObject()
        for number in file.answers.keys.sorted(by: numberingOrder) {
            if let answer = file.answers[number], !answer.isEmpty { object[number] = tree(answer) }
        }
        return .object(object)
    }

    /// One answer as the old `Answer.jsonValue()` built it.
    static func tree(_ answer: Answer) -> JSONValue {
        var object = JSONObject()
        object["judgement"] = answer.judgement.map { .string($0.rawValue) }
        if !answer.prompts.isEmpty {
            var promptObject = JSONObject()
            for letter in answer.prompts.keys.sorted() {
                promptObject[letter] = answer.prompts[letter].map { .string($0.rawValue) }
            }
            object["prompts"] = .object(promptObject)
        }
        if let note = answer.note, !note.isEmpty { object["note"] = .string(note) }
        if !answer.promptNotes.isEmpty {
            var notesObject = JSONObject()
            for letter in answer.promptNotes.keys.sorted() where !(answer.promptNotes[letter] ?? "").isEmpty {
                notesObject[letter] = answer.promptNotes[letter].map(JSONValue.string)
            }
            if !notesObject.isEmpty { object["promptNotes"] = .object(notesObject) }
        }
        object.append(contentsOf: answer.unknown)
        return .object(object)
    }
}
