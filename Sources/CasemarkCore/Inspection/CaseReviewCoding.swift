/// Writing a case file's `review` and `history` fields (`CaseFileDecoder` reads them).
extension CaseReview {
    func jsonValue() -> JSONValue {
        var object = JSONObject()
        if !items.isEmpty {
            // Added as members (each key once, from the dictionary): setting each by its key
            // looked through those before it, quadratic in a review of many items.
            var itemsObject = JSONObject()
            for key in sortedInNumberingOrder(Array(items.keys), by: { $0 }) {
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
                itemsObject.appendNew(JSONObject.Member(key: key, value: .object(itemObject)))
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
        outcomeObject["openChallenges"] = openChallenges.map { .array($0.map(JSONValue.string)) }
        outcomeObject.append(contentsOf: unknown)
        return .object(outcomeObject)
    }
}

extension HistoryEntry {
    /// Writes the entry as an element of the case's `history` (third level): the one writer of
    /// a history entry.
    ///
    /// The history grows with every answer and is most of a marked case, so it is written
    /// straight from its entries, never through a tree; the tree (`jsonValue()`) is read back
    /// from what this writes.
    func write(into output: inout [UInt8]) {
        var members = JSONWriter.Members(level: 2, keepingKeys: !unknown.isEmpty)
        members.key("at", into: &output)
        time.writeJSON(into: &output)
        members.member("by", string: by, into: &output)
        members.member("field", string: field.rawValue, into: &output)
        members.member("item", string: item, into: &output)
        if let old { members.member("old", string: old, into: &output) }
        if let new { members.member("new", string: new, into: &output) }
        // Fields from a newer version, after the known ones, as they were read.
        members.append(unknown, skippingWritten: true, into: &output)
        members.close(into: &output)
    }

    /// The entry as a tree, for merges: read back from what `write(into:)` writes, so an entry
    /// has one writer.
    func jsonValue() -> JSONValue {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(160)
        write(into: &bytes)
        // What the writer writes is JSON by construction; nothing else can come back.
        return (try? JSONParser.parse(bytes)) ?? .null
    }
}
