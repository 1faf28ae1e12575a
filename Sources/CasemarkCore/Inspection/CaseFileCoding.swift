/// Reading a case file's JSON into `CaseFile` (types and shape only; `CaseChecker` checks it
/// against the framework), and writing it back in a stable order.
extension CaseFile {
    static let knownFields: Set<String> = [
        "format", "version", "ref", "framework", "frameworkHash", "domain", "disposal", "status", "inspector", "date",
        "riskOfSeriousHarm", "safetyAndWellbeing", "caseManagerInterviewed", "details", "answers",
        "review", "history", "conflicts",
    ]

    /// Reads a case file's JSON, reporting each problem of shape or type at its path.
    public static func read(_ value: JSONValue, problems: inout ProblemCollector) -> CaseFile? {
        let root = JSONPath.root
        guard let object = problems.object(value, at: root) else { return nil }
        let version = problems.header(object, format: format, supportedVersion: supportedVersion, at: root)
        let ref = problems.string(object, "ref", at: root)
        let framework = problems.string(object, "framework", at: root)
        let frameworkHash = problems.string(object, "frameworkHash", at: root, required: false)
        let domain = problems.string(object, "domain", at: root)
        let disposal = problems.string(object, "disposal", at: root)
        var status = CaseStatus.inProgress
        if let text = problems.string(object, "status", at: root) {
            if let parsed = CaseStatus(rawValue: text) {
                status = parsed
            } else {
                problems.report("status must be \"in-progress\" or \"complete\", found \"\(text)\"", at: root.appending("status"))
            }
        }
        var details = CaseDetails()
        details.inspector = problems.string(object, "inspector", at: root, required: false, nonEmpty: false)
        if let date = problems.string(object, "date", at: root, required: false) {
            if CalendarDate(date) == nil {
                problems.report("expected a date written YYYY-MM-DD, found \"\(date)\"", at: root.appending("date"))
            }
            details.date = date
        }
        details.riskOfSeriousHarm = readLevel(object, "riskOfSeriousHarm", problems: &problems)
        details.safetyAndWellbeing = readLevel(object, "safetyAndWellbeing", problems: &problems)
        details.caseManagerInterviewed = problems.bool(object, "caseManagerInterviewed", at: root, required: false)
        details.recorded = readRecorded(object, problems: &problems)

        var answers: SmallMap<Answer> = [:]
        if let answersObject = problems.object(object, "answers", at: root) {
            var pairs: [(String, Answer)] = []
            for member in answersObject.members {
                let path = root.appending("answers").appending(member.key)
                // An empty answer is no answer: it is not saved, so it is not kept either.
                if let answer = Answer.read(member.value, at: path, problems: &problems), !answer.isEmpty {
                    pairs.append((member.key, answer))
                }
            }
            // Keys of one object are unique (the parser refuses a key twice).
            answers = SmallMap(uniqueKeysWithValues: pairs)
        }
        var review = CaseReview()
        if let value = object["review"] {
            review = CaseReview.read(value, at: root.appending("review"), problems: &problems) ?? review
        }
        var history: [HistoryEntry] = []
        for (index, element) in (problems.array(object, "history", at: root, required: false) ?? []).enumerated() {
            if let entry = HistoryEntry.read(element, at: root.appending("history").appending(index: index), problems: &problems) {
                history.append(entry)
            }
        }
        var conflicts: [MergeConflict] = []
        for (index, element) in (problems.array(object, "conflicts", at: root, required: false) ?? []).enumerated() {
            if let conflict = MergeConflict.read(element, at: root.appending("conflicts").appending(index: index), problems: &problems) {
                conflicts.append(conflict)
            }
        }
        guard let ref, let framework, let domain, let disposal else { return nil }
        return CaseFile(
            version: version ?? supportedVersion, ref: ref, framework: framework, frameworkHash: frameworkHash, domain: domain,
            disposal: disposal, status: status, details: details, answers: answers, review: review, history: history,
            conflicts: conflicts, unknown: object.removingKeys(knownFields))
    }

    /// The declared details (`details`): each a string, a boolean or a whole number; what they
    /// must be is the framework's to say (`CaseChecker`).
    private static func readRecorded(_ object: JSONObject, problems: inout ProblemCollector) -> [String: DetailValue] {
        guard let details = problems.object(object, "details", at: .root, required: false) else { return [:] }
        var recorded: [String: DetailValue] = [:]
        for member in details.members {
            guard let value = DetailValue(member.value) else {
                problems.report(
                    "expected a string, true or false, or a whole number, found \(member.value.kindName)",
                    at: JSONPath.root.appending("details").appending(member.key))
                continue
            }
            recorded[member.key] = value
        }
        return recorded
    }

    private static func readLevel(_ object: JSONObject, _ key: String, problems: inout ProblemCollector) -> ClassificationLevel? {
        guard let text = problems.string(object, key, at: .root, required: false) else { return nil }
        guard let level = ClassificationLevel(rawValue: text) else {
            problems.report("expected one of low, medium, high, very-high, found \"\(text)\"", at: JSONPath.root.appending(key))
            return nil
        }
        return level
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
    static let knownFields: Set<String> = ["judgement", "prompts", "note", "promptNotes"]

    static func read(_ value: JSONValue, at path: JSONPath, problems: inout ProblemCollector) -> Answer? {
        guard let object = problems.object(value, at: path) else { return nil }
        var answer = Answer()
        if let text = problems.string(object, "judgement", at: path, required: false) {
            answer.judgement = readJudgement(text, at: path.appending("judgement"), problems: &problems)
        }
        if let prompts = problems.object(object, "prompts", at: path, required: false) {
            var pairs: [(String, Judgement)] = []
            for member in prompts.members {
                let promptPath = path.appending("prompts").appending(member.key)
                guard let text = member.value.stringValue else {
                    problems.report("expected \"yes\", \"no\" or \"na\", found \(member.value.kindName)", at: promptPath)
                    continue
                }
                if let judgement = readJudgement(text, at: promptPath, problems: &problems) { pairs.append((member.key, judgement)) }
            }
            answer.prompts = SmallMap(uniqueKeysWithValues: pairs)
        }
        // Empty text is no text: read as the writer writes it, so a case reads back as it was read.
        answer.note = problems.string(object, "note", at: path, required: false, nonEmpty: false).flatMap { $0.isEmpty ? nil : $0 }
        if let notes = problems.object(object, "promptNotes", at: path, required: false) {
            for member in notes.members {
                guard let text = member.value.stringValue else {
                    problems.report(
                        "expected a string, found \(member.value.kindName)", at: path.appending("promptNotes").appending(member.key))
                    continue
                }
                if !text.isEmpty { answer.promptNotes[member.key] = text }
            }
        }
        answer.unknown = object.removingKeys(knownFields)
        return answer
    }

    private static func readJudgement(_ text: String, at path: JSONPath, problems: inout ProblemCollector) -> Judgement? {
        guard let judgement = Judgement(rawValue: text) else {
            problems.report("expected \"yes\", \"no\" or \"na\", found \"\(text)\"", at: path)
            return nil
        }
        return judgement
    }

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
