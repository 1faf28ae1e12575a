/// Writing a case file back in a stable order (`CaseFileDecoder` reads it).
extension CaseFile {
    /// The case a JSON tree holds, read by the one reader (`CaseFileDecoder`) from the tree
    /// written out, with every problem reading found.
    public static func read(_ value: JSONValue) -> DecodedCase {
        CaseFileDecoder.decode(JSONWriter.bytes(from: value), file: "")
    }

    /// The case as a JSON tree (for merges and recovery): read back from what `encoded()`
    /// writes, so a case has one writer.
    public func jsonValue() -> JSONValue {
        // What the writer writes is JSON by construction; nothing else can come back.
        (try? JSONParser.parse(encoded())) ?? .null
    }

    /// The bytes this case is saved as: the one writer of a case file, laid out as `JSONWriter`
    /// lays out a tree (a test reads them back and writes them again): known fields in a fixed
    /// order, answers in key-question order, then any fields this version does not know, as
    /// they were.
    ///
    /// Written straight from the case, not built as a tree first: the history, which grows with
    /// every answer, is most of a marked case.
    public func encoded() -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(4096 + history.count * 160)
        var root = JSONWriter.Members(level: 0, keepingKeys: !unknown.isEmpty)
        root.member("format", string: Self.format, into: &output)
        root.member("version", .integer(version), into: &output)
        root.member("ref", string: ref, into: &output)
        root.member("framework", string: framework, into: &output)
        if let frameworkHash { root.member("frameworkHash", string: frameworkHash, into: &output) }
        root.member("domain", string: domain, into: &output)
        root.member("disposal", string: disposal, into: &output)
        root.member("status", string: status.rawValue, into: &output)
        if let inspector = details.inspector { root.member("inspector", string: inspector, into: &output) }
        if let date = details.date { root.member("date", string: date, into: &output) }
        if let risk = details.riskOfSeriousHarm { root.member("riskOfSeriousHarm", string: risk.rawValue, into: &output) }
        if let safety = details.safetyAndWellbeing { root.member("safetyAndWellbeing", string: safety.rawValue, into: &output) }
        if let interviewed = details.caseManagerInterviewed { root.member("caseManagerInterviewed", .bool(interviewed), into: &output) }
        if !details.recorded.isEmpty {
            let members = details.recorded.keys.sorted().compactMap { id in
                details.recorded[id].map { JSONObject.Member(key: id, value: $0.jsonValue) }
            }
            root.member("details", .object(JSONObject(members)), into: &output)
        }
        root.key("answers", into: &output)
        writeAnswers(level: 1, into: &output)
        if !review.isEmpty { root.member("review", review.jsonValue(), into: &output) }
        if !conflicts.isEmpty { root.member("conflicts", .array(conflicts.map { $0.jsonValue() }), into: &output) }
        if !history.isEmpty {
            root.key("history", into: &output)
            JSONWriter.append("[\n", into: &output)
            for (index, entry) in history.enumerated() {
                if index > 0 { JSONWriter.append(",\n", into: &output) }
                JSONWriter.indent(2, into: &output)
                entry.write(into: &output)
            }
            JSONWriter.append("\n  ]", into: &output)
        }
        root.append(unknown, skippingWritten: true, into: &output)
        root.close(into: &output)
        output.append(UInt8(ascii: "\n"))
        return output
    }

    /// Writes the `answers` object at `level`: the non-empty answers in numbering order.
    ///
    /// The file and the answers digest (`answersDigestBytes`) both write them here.
    func writeAnswers(level: Int, into output: inout some JSONOutput) {
        var members = JSONWriter.Members(level: level)
        let keys = answers.keys
        // Each answer looked at in place: a copy of it was a retain and a release of each of its
        // strings and arrays, for every answer of every case saved or digested.
        let values = answers.values
        func write(_ position: Int) {
            guard !values[position].isEmpty else { return }
            members.key(keys[position], into: &output)
            values[position].write(level: level + 1, into: &output)
        }
        // The map keeps its keys in byte order, which is numbering order unless a number has a
        // part of two digits: sorted only then.
        if keys.indices.dropFirst().allSatisfy({ numberingOrder(keys[$0 - 1], keys[$0]) }) {
            for position in keys.indices { write(position) }
        } else {
            for position in keys.indices.sorted(by: { numberingOrder(keys[$0], keys[$1]) }) { write(position) }
        }
        members.close(into: &output)
    }
}

extension Judgement {
    /// The judgement as a JSON string, as `JSONWriter.writeString` writes its raw value (a
    /// test compares them): written for every answer of every case saved or digested.
    var quoted: StaticString {
        switch self {
        case .yes: "\"yes\""
        case .no: "\"no\""
        case .na: "\"na\""
        }
    }
}

extension Answer {
    /// Writes the answer as an object at `level`: the one writer of an answer.
    func write(level: Int, into output: inout some JSONOutput) {
        var members = JSONWriter.Members(level: level, keepingKeys: !unknown.isEmpty)
        if let judgement {
            members.key("judgement", into: &output)
            JSONWriter.append(judgement.quoted, into: &output)
        }
        if !prompts.isEmpty {
            members.key("prompts", into: &output)
            var letters = JSONWriter.Members(level: level + 1)
            if prompts.holdsLettersOnly {
                // Every answer of every case digested comes here: the letters from their slots.
                prompts.forEachLetter { slot, judgement in
                    letters.key(letter: UInt8(ascii: "a") + UInt8(slot), into: &output)
                    JSONWriter.append(judgement.quoted, into: &output)
                }
            } else {
                for (letter, judgement) in prompts {
                    letters.key(letter, into: &output)
                    JSONWriter.append(judgement.quoted, into: &output)
                }
            }
            letters.close(into: &output)
        }
        if let note, !note.isEmpty { members.member("note", string: note, into: &output) }
        if promptNotes.values.contains(where: { !$0.isEmpty }) {
            members.key("promptNotes", into: &output)
            var letters = JSONWriter.Members(level: level + 1)
            for letter in promptNotes.keys.sorted() {
                guard let text = promptNotes[letter], !text.isEmpty else { continue }
                letters.key(letter, into: &output)
                JSONWriter.writeString(text, into: &output)
            }
            letters.close(into: &output)
        }
        members.append(unknown, skippingWritten: true, into: &output)
        members.close(into: &output)
    }

    /// The answer as a tree, read back from what `write` writes.
    func jsonValue() -> JSONValue {
        var bytes: [UInt8] = []
        write(level: 0, into: &bytes)
        return (try? JSONParser.parse(bytes)) ?? .null
    }
}

/// A calendar date written `YYYY-MM-DD`, checked for a real month and day.
public struct CalendarDate: Equatable, Sendable {
    public var year: Int
    public var month: Int
    public var day: Int

    /// The date `text` writes as `YYYY-MM-DD` (ASCII digits only), or nil.
    ///
    /// Read from its bytes: every outcome of every review of every case has a date (a split
    /// and three `Int` parses were a per cent of a report), and `Int` took a sign (`2026-+1-01`).
    public init?(_ text: String) {
        var text = text
        guard
            let (year, month, day) = text.withUTF8({ utf8 -> (Int, Int, Int)? in
                guard utf8.count == 10, utf8[4] == UInt8(ascii: "-"), utf8[7] == UInt8(ascii: "-") else { return nil }
                func number(_ range: Range<Int>) -> Int? {
                    var value = 0
                    for index in range {
                        let digit = utf8[index] &- UInt8(ascii: "0")
                        guard digit < 10 else { return nil }
                        value = value * 10 + Int(digit)
                    }
                    return value
                }
                guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
                return (year, month, day)
            }),
            (1...12).contains(month)
        else { return nil }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days: Int
        switch month {
        case 2: days = leap ? 29 : 28
        case 4, 6, 9, 11: days = 30
        default: days = 31
        }
        guard (1...days).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }
}
