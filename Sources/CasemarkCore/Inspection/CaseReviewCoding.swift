/// Reading and writing a case file's `review` and `history` fields.
extension CaseReview {
    static let knownFields: Set<String> = ["items", "outcome", "outcomes"]
    static let itemFields: Set<String> = ["verdict", "comment", "by", "at", "replies", "answered"]
    static let outcomeFields: Set<String> = ["kind", "by", "date", "summary", "answersDigest", "historyLength", "openChallenges"]

    static func read(_ value: JSONValue, at path: JSONPath, problems: inout ProblemCollector) -> CaseReview? {
        guard let object = problems.object(value, at: path) else { return nil }
        var review = CaseReview()
        for member in problems.object(object, "items", at: path, required: false)?.members ?? [] {
            let itemPath = path.appending("items").appending(member.key)
            guard let itemObject = problems.object(member.value, at: itemPath) else { continue }
            var item = ReviewItem()
            if let text = problems.string(itemObject, "verdict", at: itemPath, required: false) {
                item.verdict = ReviewVerdict(rawValue: text)
                if item.verdict == nil {
                    problems.report("expected \"agree\" or \"challenge\", found \"\(text)\"", at: itemPath.appending("verdict"))
                }
            }
            // Empty text and empty items are not written, so they are not kept either.
            item.comment = problems.string(itemObject, "comment", at: itemPath, required: false, nonEmpty: false)
                .flatMap { $0.isEmpty ? nil : $0 }
            item.by = problems.string(itemObject, "by", at: itemPath, required: false, nonEmpty: false)
            item.at = problems.string(itemObject, "at", at: itemPath, required: false, nonEmpty: false)
            for (index, element) in (problems.array(itemObject, "replies", at: itemPath, required: false) ?? []).enumerated() {
                let replyPath = itemPath.appending("replies").appending(index: index)
                guard let replyObject = problems.object(element, at: replyPath) else { continue }
                let by = problems.string(replyObject, "by", at: replyPath, nonEmpty: false)
                let at = problems.string(replyObject, "at", at: replyPath)
                let text = problems.string(replyObject, "text", at: replyPath)
                if let by, let at, let text { item.replies.append(ReviewReply(by: by, at: at, text: text)) }
            }
            if let answeredObject = problems.object(itemObject, "answered", at: itemPath, required: false) {
                let answeredPath = itemPath.appending("answered")
                if let by = problems.string(answeredObject, "by", at: answeredPath, nonEmpty: false),
                    let at = problems.string(answeredObject, "at", at: answeredPath)
                {
                    item.answered = ReviewStamp(by: by, at: at)
                }
            }
            item.unknown = itemObject.removingKeys(itemFields)
            if !item.isEmpty { review.items[member.key] = item }
        }
        // A file from before outcomes were kept in order holds only the latest, as `outcome`.
        if let outcomeObject = problems.object(object, "outcome", at: path, required: false) {
            if let outcome = readOutcome(outcomeObject, at: path.appending("outcome"), problems: &problems) {
                review.outcomes.append(outcome)
            }
        }
        for (index, element) in (problems.array(object, "outcomes", at: path, required: false) ?? []).enumerated() {
            let outcomePath = path.appending("outcomes").appending(index: index)
            guard let outcomeObject = problems.object(element, at: outcomePath) else { continue }
            if let outcome = readOutcome(outcomeObject, at: outcomePath, problems: &problems) {
                review.outcomes.append(outcome)
            }
        }
        review.unknown = object.removingKeys(knownFields)
        return review
    }

    private static func readOutcome(_ outcomeObject: JSONObject, at outcomePath: JSONPath, problems: inout ProblemCollector)
        -> ReviewOutcome?
    {
        let kindText = problems.string(outcomeObject, "kind", at: outcomePath)
        let kind = kindText.flatMap(ReviewOutcome.Kind.init(rawValue:))
        if let kindText, kind == nil {
            problems.report(
                "expected \"returned\", \"signed-off\" or \"reopened\", found \"\(kindText)\"", at: outcomePath.appending("kind"))
        }
        let by = problems.string(outcomeObject, "by", at: outcomePath)
        let date = problems.string(outcomeObject, "date", at: outcomePath)
        if let date, CalendarDate(date) == nil {
            problems.report("expected a date written YYYY-MM-DD, found \"\(date)\"", at: outcomePath.appending("date"))
        }
        let summary = problems.string(outcomeObject, "summary", at: outcomePath, required: false, nonEmpty: false)
            .flatMap { $0.isEmpty ? nil : $0 }
        let digest = problems.string(outcomeObject, "answersDigest", at: outcomePath)
        let historyLength = problems.integer(outcomeObject, "historyLength", at: outcomePath, required: false)
        var open: [String] = []
        for (index, element) in (problems.array(outcomeObject, "openChallenges", at: outcomePath, required: false) ?? []).enumerated() {
            if let key = element.stringValue {
                open.append(key)
            } else {
                problems.report(
                    "expected a string, found \(element.kindName)", at: outcomePath.appending("openChallenges").appending(index: index))
            }
        }
        guard let kind, let by, let date, let digest else { return nil }
        var outcome = ReviewOutcome(kind: kind, by: by, date: date, summary: summary, answersDigest: digest)
        outcome.historyLength = historyLength
        outcome.openChallenges = open
        outcome.unknown = outcomeObject.removingKeys(outcomeFields)
        return outcome
    }

    func jsonValue() -> JSONValue {
        var object = JSONObject()
        if !items.isEmpty {
            var itemsObject = JSONObject()
            for key in items.keys.sorted(by: numberingOrder) {
                guard let item = items[key], !item.isEmpty else { continue }
                var itemObject = JSONObject()
                itemObject["verdict"] = item.verdict.map { .string($0.rawValue) }
                if let comment = item.comment, !comment.isEmpty { itemObject["comment"] = .string(comment) }
                itemObject["by"] = item.by.map(JSONValue.string)
                itemObject["at"] = item.at.map(JSONValue.string)
                if !item.replies.isEmpty {
                    itemObject["replies"] = .array(
                        item.replies.map { reply in
                            .object(JSONObject(["by": .string(reply.by), "at": .string(reply.at), "text": .string(reply.text)]))
                        })
                }
                if let answered = item.answered {
                    itemObject["answered"] = .object(JSONObject(["by": .string(answered.by), "at": .string(answered.at)]))
                }
                itemObject.append(contentsOf: item.unknown)
                itemsObject[key] = .object(itemObject)
            }
            object["items"] = .object(itemsObject)
        }
        if !outcomes.isEmpty {
            object["outcomes"] = .array(outcomes.map { $0.jsonValue() })
        }
        object.append(contentsOf: unknown)
        return .object(object)
    }
}

extension ReviewOutcome {
    func jsonValue() -> JSONValue {
        var outcomeObject = JSONObject([
            "kind": .string(kind.rawValue), "by": .string(by), "date": .string(date),
        ])
        if let summary, !summary.isEmpty { outcomeObject["summary"] = .string(summary) }
        outcomeObject["answersDigest"] = .string(answersDigest)
        outcomeObject["historyLength"] = historyLength.map(JSONValue.integer)
        if !openChallenges.isEmpty { outcomeObject["openChallenges"] = .array(openChallenges.map(JSONValue.string)) }
        outcomeObject.append(contentsOf: unknown)
        return .object(outcomeObject)
    }
}

extension HistoryEntry {
    /// The entry as `JSONWriter` writes its `jsonValue()` as an element of the case's
    /// `history` (third level).
    func write(into output: inout [UInt8]) {
        guard unknown.isEmpty else {
            JSONWriter.write(jsonValue(), indent: 2, into: &output)
            return
        }
        func member(_ key: StaticString, _ value: String) {
            JSONWriter.append(",\n", into: &output)
            JSONWriter.indent(3, into: &output)
            JSONWriter.append(key, into: &output)
            JSONWriter.writeString(value, into: &output)
        }
        JSONWriter.append("{\n", into: &output)
        JSONWriter.indent(3, into: &output)
        JSONWriter.append("\"at\": ", into: &output)
        time.writeJSON(into: &output)
        member("\"by\": ", by)
        member("\"field\": ", field.rawValue)
        member("\"item\": ", item)
        if let old { member("\"old\": ", old) }
        if let new { member("\"new\": ", new) }
        JSONWriter.append("\n", into: &output)
        JSONWriter.indent(2, into: &output)
        JSONWriter.append("}", into: &output)
    }

    func jsonValue() -> JSONValue {
        var object = JSONObject([
            "at": .string(at), "by": .string(by), "field": .string(field.rawValue), "item": .string(item),
        ])
        object["old"] = old.map(JSONValue.string)
        object["new"] = new.map(JSONValue.string)
        object.append(contentsOf: unknown)
        return .object(object)
    }
}
