/// Writing a case file's `review` and `history` fields (`CaseFileDecoder` reads them).
extension CaseReview {
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
