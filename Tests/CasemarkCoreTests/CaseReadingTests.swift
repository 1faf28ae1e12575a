import CasemarkTestSupport
import Foundation
import Testing

@testable import CasemarkCore

/// The one reader of case files (`CaseFileDecoder`, then `CaseChecker`) against the old one it
/// replaced (`TreeCaseReader`: the tree, `CaseFile.read`, the checker, a second parse to locate),
/// kept in the tests as the oracle.
///
/// For every input, valid, generated, mutated, damaged or cut short, the one reader gives the
/// same case, or the same diagnostics word for word with the same lines and columns.
@Suite("The one case reader agrees with the old tree reader")
struct CaseReadingTests {
    // MARK: The old reader, as the reference

    /// The case the old reader gives when it finds no problem of shape or type; nil otherwise.
    static func slowRead(_ bytes: [UInt8]) -> CaseFile? {
        guard let value = try? JSONParser.parse(bytes) else { return nil }
        var problems = ProblemCollector(file: "C1.json")
        let file = TreeCaseReader.read(value, problems: &problems)
        return problems.isEmpty ? file : nil
    }

    /// Compares the two readers on `bytes` (as the case file `file`, checked against `framework`);
    /// true when the file is valid.
    @discardableResult
    static func expectAgreement(
        _ bytes: [UInt8], _ note: @autoclosure () -> String = "", file: String = "C1.json", framework: Framework? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> Bool {
        let inspection = framework.map { InspectionFile(service: "Test", framework: $0.id) }
        let old = TreeCaseReader.readCase(bytes: bytes, file: file, framework: framework, inspection: inspection)
        let new = InspectionFolder.readCase(bytes: bytes, file: file, framework: framework, inspection: inspection)
        // Reading without the history finds the same problems, and the same case but its history.
        let withoutHistory = CaseFileDecoder.decode(bytes, file: file, keepingHistory: false)
        let withHistory = CaseFileDecoder.decode(bytes, file: file)
        var stripped = withHistory.file
        stripped?.history = []
        stripped?.historyIsLoaded = false
        #expect(
            withoutHistory.file == stripped && withoutHistory.problems == withHistory.problems,
            "reading without the history answered differently: \(note()) \(String(decoding: bytes, as: UTF8.self))",
            sourceLocation: sourceLocation)
        switch (old, new) {
        case (.success(let a), .success(let b)):
            #expect(a == b, "a different case: \(note()) \(String(decoding: bytes, as: UTF8.self))", sourceLocation: sourceLocation)
            return true
        case (.failure(let a), .failure(let b)):
            // The old reader located only the problems ever printed; the rest had no position.
            var new = b.diagnostics
            for index in new.indices.dropFirst(Diagnostic.printedPerFile) { new[index].position = nil }
            #expect(
                a.diagnostics == new,
                "different problems: \(note()) \(String(decoding: bytes, as: UTF8.self))\nold: \(a.diagnostics)\nnew: \(b.diagnostics)",
                sourceLocation: sourceLocation)
        default:
            Issue.record(
                "old \(old), new \(new): \(note()) \(String(decoding: bytes, as: UTF8.self))", sourceLocation: sourceLocation)
        }
        return false
    }

    // MARK: Generated cases

    struct Generator {
        var random: SplitMix64

        mutating func below(_ count: Int) -> Int { Int(random.next() % UInt64(count)) }
        mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

        /// Texts that exercise the string decoding: escapes, control characters, non-ASCII,
        /// combining marks, characters outside the BMP, Unicode spaces.
        static let texts = [
            "", " ", "plain", "Inspector 3", "quote \" inside", "back\\slash", "slash / here", "new\nline", "tab\there",
            "ctrl \u{1} \u{1F}", "\u{0}", "é", "e\u{301}", "Zoë Ødegård", "日本語のメモ", "emoji 🧒🏽 and 👩‍⚖️", "\u{2028}\u{2029}",
            "nbsp\u{A0}", "\u{A0}", "\u{FEFF}", "\u{85}", "\u{7F}", String(repeating: "long ", count: 200),
            "Evidence seen in the case record and discussed with the case manager.",
        ]

        mutating func text() -> String { pick(Self.texts) }

        mutating func date() -> String {
            pick(["2026-11-20", "2024-02-29", "1999-12-31", "2026-01-01"])
        }

        /// A case that is valid against `framework`, with any mix of optional parts.
        mutating func validCase(framework: Framework, ref: String) -> CaseFile {
            let domain = pick(framework.caseDomains).number
            let disposals = framework.disposals.filter { $0.domain == domain }.map(\.id)
            var file = CaseFile(ref: ref, framework: framework.id, domain: domain, disposal: pick(disposals))
            if chance(50) { file.status = .complete }
            if chance(70) { file.frameworkHash = framework.contentHash }
            if chance(80) { file.details.inspector = text() }
            if chance(50) { file.details.date = date() }
            if chance(70) { file.details.riskOfSeriousHarm = pick(ClassificationLevel.allCases) }
            if chance(70) { file.details.safetyAndWellbeing = pick(ClassificationLevel.allCases) }
            if chance(50) { file.details.caseManagerInterviewed = chance(50) }
            // The declared details under `details`: every kind, each value one the framework takes,
            // drawn from a generator of their own so the rest of every case stays as it was.
            var own = Generator(random: SplitMix64(seed: (ref + file.disposal).utf8.reduce(0x5EED) { $0 &* 31 &+ UInt64($1) }))
            for declaration in framework.details(forDomain: domain) where !declaration.isBuiltIn && own.chance(40) {
                let value: DetailValue
                switch declaration.kind {
                case .choice(let choices): value = .text(own.pick(choices).id)
                case .yesNo: value = .flag(own.chance(50))
                case .number(let range, _): value = .number(range.map { $0.lowerBound + own.below($0.count) } ?? own.below(1_000))
                case .date: value = .text(own.date())
                case .text: value = .text(own.text())
                }
                file.details.recorded[declaration.id] = value
            }
            for question in framework.caseKeyQuestions(domain: domain) where chance(85) {
                var answer = Answer()
                if chance(90) { answer.judgement = pick(Judgement.allCases) }
                for prompt in question.prompts where chance(80) {
                    answer.prompts[prompt.letter] = pick(Judgement.allCases)
                }
                if chance(30) { answer.note = text() }
                for prompt in question.prompts where chance(10) {
                    answer.promptNotes[prompt.letter] = text()
                }
                file.answers[question.number] = answer
            }
            if chance(40) {
                for number in file.answers.keys where chance(20) {
                    // On the key question or one of its prompts: an item on anything else is an orphan.
                    let letter = framework.keyQuestion(number)?.prompts.first?.letter
                    let key = chance(50) || letter == nil ? number : number + "/" + (letter ?? "")
                    let item = ReviewItem(
                        verdict: chance(80) ? pick(ReviewVerdict.allCases) : nil, comment: chance(60) ? text() : nil,
                        by: chance(80) ? text() : nil, at: chance(80) ? "2026-11-23T10:00:00Z" : nil)
                    file.review.items[key] = item
                }
                if chance(60) {
                    var outcome = ReviewOutcome(
                        kind: chance(50) ? .returned : .signedOff, by: pick(["Pat Manager", "Zoë", "  Sam  "]), date: date(),
                        summary: chance(50) ? text() : nil, answersDigest: file.answersDigest)
                    if chance(70) { outcome.historyLength = below(50) }
                    if chance(30) { outcome.openChallenges = Array(file.answers.keys.prefix(below(3))) }
                    file.review.outcome = outcome
                }
            }
            if chance(40) {
                for _ in 0..<below(12) {
                    let field = pick([HistoryEntry.Field.judgement, .prompt, .note, .status])
                    file.history.append(
                        HistoryEntry(
                            at: chance(80)
                                ? "2026-11-23T10:0\(below(10)):00Z"
                                : pick(["2026-11-23T10:00:00.5Z", "2026-11-23 10:00", "é", "quote \" and \\ slash"]),
                            by: text(), field: field, item: field == .status ? "" : "2.1.1",
                            old: chance(50) ? pick(["yes", "no", "na", "12 characters"]) : nil,
                            new: chance(50) ? pick(["yes", "no", "na", text()]) : nil))
                }
            }
            return file
        }

        // MARK: Writing JSON in other ways than JSONWriter

        mutating func whitespace() -> String {
            chance(60) ? "" : pick([" ", "\n", "\t", "\r\n", "  \n    "])
        }

        /// A JSON string literal for `text`, escaping characters at random (`\u` escapes,
        /// surrogate pairs, short escapes) as well as where JSON requires it.
        mutating func literal(_ text: String, escapeAtRandom: Bool) -> String {
            var out = "\""
            for scalar in text.unicodeScalars {
                let forced = scalar == "\"" || scalar == "\\" || scalar.value < 0x20
                if !forced && !(escapeAtRandom && chance(15)) {
                    out.unicodeScalars.append(scalar)
                    continue
                }
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n" where chance(70): out += "\\n"
                case "\t" where chance(70): out += "\\t"
                case "/" where chance(50): out += "\\/"
                default:
                    if scalar.value > 0xFFFF {
                        let value = scalar.value - 0x10000
                        out += String(format: "\\u%04X\\u%04x", 0xD800 + (value >> 10), 0xDC00 + (value & 0x3FF))
                    } else {
                        out += String(format: chance(50) ? "\\u%04x" : "\\u%04X", scalar.value)
                    }
                }
            }
            return out + "\""
        }

        /// `value` as JSON text with random whitespace and random escapes; member order kept.
        mutating func render(_ value: JSONValue, escapeKeys: Bool = false) -> String {
            switch value {
            case .null: return "null"
            case .bool(let flag): return flag ? "true" : "false"
            case .number(let text): return text
            case .string(let text): return literal(text, escapeAtRandom: true)
            case .array(let elements):
                var parts: [String] = []
                for element in elements { parts.append(whitespace() + render(element, escapeKeys: escapeKeys) + whitespace()) }
                return "[" + whitespace() + parts.joined(separator: ",") + "]"
            case .object(let object):
                var parts: [String] = []
                for member in object.members {
                    parts.append(
                        whitespace() + literal(member.key, escapeAtRandom: escapeKeys) + whitespace() + ":" + whitespace()
                            + render(member.value, escapeKeys: escapeKeys) + whitespace())
                }
                return "{" + whitespace() + parts.joined(separator: ",") + "}"
            }
        }

        // MARK: Breaking files

        /// Values of every kind, and tricky ones of the expected kinds.
        static let oddValues: [JSONValue] = [
            .null, .bool(true), .bool(false), .number("1"), .number("0"), .number("-0"), .number("1e2"), .number("1E0"),
            .number("1.0"), .number("2"), .number("-1"), .number("10"), .number("99999999999999999999"), .number("0.5e-3"),
            .string(""), .string(" "), .string("\u{A0}"), .string("\u{2003}\n"), .string("yes"), .string("no"), .string("na"),
            .string("Yes"), .string("yes "), .string("complete"), .string("in-progress"), .string("very-high"),
            .string("low"), .string("agree"), .string("challenge"), .string("returned"), .string("signed-off"),
            .string("note"), .string("2026-02-29"), .string("2024-02-29"), .string("2026-13-01"), .string("casemark/case"),
            .string("casemark/inspection"), .string("C1"), .string("hmip-yos-2020-09"), .string("2"), .string("é"),
            .string("e\u{301}"), .string("\u{212A}"), .array([]), .array([.string("yes")]), .object(JSONObject()),
            .object(JSONObject(["judgement": .string("yes")])),
        ]

        static let oddKeys = ["zz", "", "Judgement", "ref ", "prompts", "a", "é", "e\u{301}", "2.1.1", "format", "unknown"]

        /// Changes one random place of the tree: a value replaced, a member added, removed,
        /// renamed or doubled, an element added or dropped.
        mutating func mutate(_ value: inout JSONValue, depth: Int = 0) {
            switch value {
            case .object(var object):
                let members = object.members
                if members.isEmpty || (depth > 0 && chance(25)) || chance(10) {
                    switch below(5) {
                    case 0 where !members.isEmpty:
                        object[pick(members).key] = nil
                    case 1:
                        object[pick(Self.oddKeys)] = pick(Self.oddValues)
                    default:
                        if members.isEmpty {
                            object["zz"] = .null
                        } else {
                            let member = pick(members)
                            object[member.key] = pick(Self.oddValues)
                        }
                    }
                } else {
                    let member = pick(members)
                    var inner = member.value
                    mutate(&inner, depth: depth + 1)
                    object[member.key] = inner
                }
                value = .object(object)
            case .array(var elements):
                if elements.isEmpty || chance(20) {
                    if !elements.isEmpty && chance(50) {
                        elements.remove(at: below(elements.count))
                    } else {
                        elements.append(pick(Self.oddValues))
                    }
                } else {
                    let index = below(elements.count)
                    mutate(&elements[index], depth: depth + 1)
                }
                value = .array(elements)
            default:
                value = pick(Self.oddValues)
            }
        }

        /// Byte-level damage: a cut, a byte changed, dropped or doubled, text inserted.
        mutating func damage(_ bytes: [UInt8]) -> [UInt8] {
            var bytes = bytes
            guard !bytes.isEmpty else { return [0x7B] }
            let position = below(bytes.count)
            switch below(7) {
            case 0: bytes.removeSubrange(position...)
            case 1: bytes[position] = UInt8(truncatingIfNeeded: random.next())
            case 2: bytes.remove(at: position)
            case 3: bytes.insert(bytes[position], at: position)
            case 4:
                bytes.insert(
                    contentsOf: Array(pick([",", "}", "\"", "\\", "\\u", "\\ud800", "\u{0}", "\u{FF}", "\u{C3}", " 1"]).utf8), at: position)
            case 5: bytes = [0xEF, 0xBB, 0xBF] + bytes
            default: bytes += Array(pick([" x", "}", ",", "\n\n", "{}"]).utf8)
            }
            return bytes
        }
    }

    // MARK: Tests

    @Test func generatedCasesReadAsTheTreeReadsThem() {
        var generator = Generator(random: SplitMix64(seed: 20_261_124))
        for index in 0..<400 {
            let framework = index % 2 == 0 ? Frameworks.y2020 : Frameworks.y2018
            let file = generator.validCase(framework: framework, ref: "C\(index)")
            let bytes = file.encoded()
            // What casemark writes it reads with no problem (saving drops empty answers and notes,
            // so the reference is what the old reader reads back, not `file`).
            let decoded = CaseFileDecoder.decode(bytes, file: "C\(index).json")
            #expect(decoded.problems.isEmpty, "case \(index): \(decoded.problems)")
            #expect(decoded.file == Self.slowRead(bytes), "case \(index)")
            #expect(decoded.file?.answers.count == file.answers.filter { !$0.value.isEmpty }.count)
            #expect(Self.expectAgreement(bytes, "case \(index)", file: "C\(index).json"), "case \(index) refused")
            // Checked against the framework too (a generated detail may be one it refuses: the same then).
            Self.expectAgreement(bytes, "case \(index)", file: "C\(index).json", framework: framework)
        }
    }

    /// Cases for the writers' tests: 1,500 generated cases of both frameworks, every third one
    /// mutated and read back by the slow reader (so it may carry unknown fields or odd text);
    /// mutations the slow reader refuses are left out.
    static func casesToWrite(seed: UInt64) -> [(index: Int, file: CaseFile)] {
        var generator = Generator(random: SplitMix64(seed: seed))
        return (0..<1_500).compactMap { index in
            let file = generator.validCase(framework: index % 2 == 0 ? Frameworks.y2020 : Frameworks.y2018, ref: "C\(index)")
            guard index % 3 == 0 else { return (index, file) }
            var value = file.jsonValue()
            generator.mutate(&value)
            return Self.slowRead(JSONWriter.bytes(from: value)).map { (index, $0) }
        }
    }

    /// One person's name on a whole history is one string, not a heap allocation per entry (a
    /// name over 15 bytes is not kept inline): 30 MB at 10,000 cases with realistic names.
    @Test func historyEntriesByOnePersonShareTheirName() throws {
        var file = CaseFile(ref: "C1", framework: Frameworks.y2020.id, domain: "2", disposal: "referral-order")
        for second in 0..<6 {
            let by = second == 3 ? "Dev Patel and a colleague" : "Benedict Okonkwo-Hale"
            file.history.append(
                HistoryEntry(at: "2026-11-23T10:00:0\(second)Z", by: by, field: .prompt, item: "2.1.1/a", old: nil, new: "yes"))
        }
        // As casemark writes it (read by its layout), and written another way (read field by field).
        let otherLayout = String(decoding: file.encoded(), as: UTF8.self).replacingOccurrences(of: "\"at\": ", with: "\"at\" : ")
        for bytes in [file.encoded(), Array(otherLayout.utf8)] {
            let decoded = try #require(CaseFileDecoder.decode(bytes, file: "C1.json").file)
            #expect(decoded == file)
            let storage = decoded.history.map { entry in
                var name = entry.by
                return name.withUTF8 { UInt(bitPattern: $0.baseAddress) }
            }
            #expect(storage[0] == storage[1] && storage[1] == storage[2], "one name, one string")
            #expect(storage[4] == storage[5] && storage[2] != storage[3])
        }
    }

    /// A history entry laid out as `HistoryEntry.write` writes it is read by matching that layout
    /// (`writtenHistoryEntry`), giving the entry written; any other entry is left to the general
    /// reading, with nothing read and nothing said.
    @Test func historyEntriesAsWrittenAreReadByTheirLayout() throws {
        let plain = HistoryEntry(at: "2026-11-23T10:00:00Z", by: "Amira Hussain", field: .prompt, item: "2.1.1/a", old: nil, new: "yes")
        var unknown = plain
        unknown.unknown = JSONObject(["why": .string("a newer field")])
        let entries: [(entry: HistoryEntry, kept: Bool, checked: Bool)] = [
            (plain, true, true),
            (HistoryEntry(at: "2026-11-23T10:00:00Z", by: "A", field: .note, item: "2.1.1", old: "12", new: "30"), true, true),
            (HistoryEntry(at: "2026-11-23T10:00:00Z", by: "A", field: .status, item: "", old: "in-progress", new: nil), true, true),
            (HistoryEntry(at: "2026-11-23T10:00:00Z", by: "", field: .resolved, item: "", old: nil, new: nil), true, true),
            // Not packed when kept, so read field by field; only its blankness matters when not.
            (HistoryEntry(at: "23 November", by: "A", field: .note, item: "2.1.1", old: nil, new: "3"), false, true),
            (HistoryEntry(at: " ", by: "A", field: .note, item: "2.1.1", old: nil, new: "3"), false, false),
            (HistoryEntry(at: "2026-11-23T10:00:00Z", by: "Zoë", field: .note, item: "2.1.1", old: nil, new: "3"), true, true),
            (HistoryEntry(at: "2026-11-23T10:00:00Z", by: "A", field: .note, item: "line\nbreak", old: nil, new: nil), false, false),
            (unknown, false, false),
        ]
        for (entry, kept, checked) in entries {
            var bytes: [UInt8] = []
            entry.write(into: &bytes)
            for keeping in [true, false] {
                bytes.withUnsafeBufferPointer { buffer in
                    var reading = CaseReading(scanner: JSONParser(bytes: buffer), file: "C1.json")
                    reading.keepsHistory = keeping
                    var history: [HistoryEntry] = []
                    let matched = reading.writtenHistoryEntry(into: &history)
                    #expect(matched == (keeping ? kept : checked), "\(entry), keeping \(keeping)")
                    #expect(reading.problems.isEmpty)
                    #expect(reading.scanner.index == (matched ? bytes.count : 0), "\(entry)")
                    #expect(history == (matched && keeping ? [entry] : []), "\(entry)")
                }
            }
            // Written into a case, each reads as the old reader reads it.
            var file = CaseFile(ref: "C1", framework: Frameworks.y2020.id, domain: "2", disposal: "referral-order")
            file.history = [plain, entry, plain]
            Self.expectAgreement(file.encoded(), "\(entry)")
        }
        // Another layout of the same entry is not matched: the general reading reads it.
        for text in [
            "{\"at\": \"2026-11-23T10:00:00Z\", \"by\": \"A\", \"field\": \"note\", \"item\": \"2.1.1\"}", "{}", "[]",
            "{\n      \"at\": \"",
        ] {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { buffer in
                var reading = CaseReading(scanner: JSONParser(bytes: buffer), file: "C1.json")
                var history: [HistoryEntry] = []
                #expect(!reading.writtenHistoryEntry(into: &history) && reading.scanner.index == 0 && history.isEmpty, "\(text)")
            }
        }
        // Text that is not UTF-8: not matched, kept or not, and reported as the old reader reports it.
        var file = CaseFile(ref: "C1", framework: Frameworks.y2020.id, domain: "2", disposal: "referral-order")
        file.history = [HistoryEntry(at: "2026-11-23T10:00:00Z", by: "Zoë", field: .note, item: "2.1.1", old: nil, new: "3")]
        let written = file.encoded()
        var bytes = written
        let name = try #require(bytes.firstRange(of: Array("Zoë".utf8)))
        bytes[name.upperBound - 2] = 0xFF
        let entry = try #require(bytes.firstRange(of: Array("\"history\": [\n    ".utf8))).upperBound
        for keeping in [true, false] {
            for (text, valid) in [(written, true), (bytes, false)] {
                text.withUnsafeBufferPointer { buffer in
                    var reading = CaseReading(scanner: JSONParser(bytes: buffer), file: "C1.json")
                    reading.keepsHistory = keeping
                    reading.scanner.index = entry
                    var history: [HistoryEntry] = []
                    #expect(reading.writtenHistoryEntry(into: &history) == valid && (reading.scanner.index == entry) != valid)
                }
            }
        }
        #expect(!Self.expectAgreement(bytes, "not UTF-8"))
        // A string is looked at eight bytes at a time: a control character, a byte that is not
        // UTF-8 or an accent at any place in a long name is found there.
        let longName = "Benedict Okonkwo-Hale and a colleague"
        file.history = [HistoryEntry(at: "2026-11-23T10:00:00Z", by: longName, field: .note, item: "2.1.1", old: nil, new: "3")]
        let long = file.encoded()
        let longNameStart = try #require(long.firstRange(of: Array(longName.utf8))).lowerBound
        for offset in 0..<longName.utf8.count {
            for (replacement, matched) in [([UInt8(0x01)], false), ([0xFF], false), (Array("é".utf8), true), ([0x7F], true)] {
                var changed = long
                changed.replaceSubrange((longNameStart + offset)..<(longNameStart + offset + 1), with: replacement)
                let start = try #require(changed.firstRange(of: Array("\"history\": [\n    ".utf8))).upperBound
                for keeping in [true, false] {
                    changed.withUnsafeBufferPointer { buffer in
                        var reading = CaseReading(scanner: JSONParser(bytes: buffer), file: "C1.json")
                        reading.keepsHistory = keeping
                        reading.scanner.index = start
                        var history: [HistoryEntry] = []
                        #expect(reading.writtenHistoryEntry(into: &history) == matched, "\(replacement) at \(offset)")
                        if keeping && matched {
                            #expect(
                                history.first?.by.utf8.elementsEqual(
                                    changed[(longNameStart)..<(longNameStart + longName.utf8.count - 1 + replacement.count)]) == true)
                        }
                    }
                }
                Self.expectAgreement(changed, "\(replacement) at \(offset)")
            }
        }
    }

    /// An answer laid out as `Answer.write` writes it is read by matching that layout
    /// (`writtenAnswer`), giving the answer written; any other is left to the general reading.
    @Test func answersAsWrittenAreReadByTheirLayout() throws {
        var withPromptNotes = Answer(judgement: .no, prompts: ["a": .yes, "b": .na])
        withPromptNotes.promptNotes = ["a": "seen", "b": "Évaluation"]
        var unknown = Answer(judgement: .yes)
        unknown.unknown = JSONObject(["why": .string("a newer field")])
        let answers: [(answer: Answer, matched: Bool)] = [
            (Answer(judgement: .yes), true),
            (Answer(prompts: ["a": .yes, "b": .no, "c": .na]), true),
            (Answer(judgement: .na, prompts: ["a": .no, "aa": .yes, "b": .yes], note: "Seen in the record."), true),
            (Answer(note: "Évidence vue: « oui »"), true),
            (withPromptNotes, true),
            (Answer(judgement: .yes, note: "two\nlines"), false),
            (Answer(judgement: .yes, note: "a \"quote\""), false),
            (Answer(prompts: ["é": .yes]), false),
            (unknown, false),
        ]
        for (answer, matched) in answers {
            var bytes: [UInt8] = []
            answer.write(level: 2, into: &bytes)
            bytes.withUnsafeBufferPointer { buffer in
                var reading = CaseReading(scanner: JSONParser(bytes: buffer), file: "C1.json")
                let read = reading.writtenAnswer()
                #expect(read == (matched ? answer : nil), "\(answer)")
                #expect(reading.scanner.index == (matched ? bytes.count : 0), "\(answer)")
                #expect(reading.problems.isEmpty)
            }
            // Written into a case, each reads as the old reader reads it.
            var file = CaseFile(ref: "C1", framework: Frameworks.y2020.id, domain: "2", disposal: "referral-order")
            file.answers = ["2.1.1": Answer(judgement: .yes), "2.1.2": answer, "2.1.3": Answer(judgement: .no)]
            #expect(Self.expectAgreement(file.encoded(), "\(answer)"))
        }
        // Keys out of order or twice, a word that is not a judgement, text that is not UTF-8:
        // not matched, and reported by the general reading as the old reader reports them.
        var file = CaseFile(ref: "C1", framework: Frameworks.y2020.id, domain: "2", disposal: "referral-order")
        file.answers = ["2.1.1": Answer(judgement: .yes, prompts: ["a": .yes, "b": .no], note: "N")]
        let text = String(decoding: file.encoded(), as: UTF8.self)
        // In a case file as casemark writes it, the answer is matched where it stands.
        let bytes = file.encoded()
        let start = try #require(bytes.firstRange(of: Array("\"2.1.1\": ".utf8))).upperBound
        bytes.withUnsafeBufferPointer { buffer in
            var reading = CaseReading(scanner: JSONParser(bytes: buffer), file: "C1.json")
            reading.scanner.index = start
            #expect(reading.writtenAnswer() == file.answers["2.1.1"])
        }
        for (written, changed) in [
            ("\"b\": \"no\"", "\"a\": \"no\""), ("\"a\": \"yes\"", "\"c\": \"yes\""), ("\"b\": \"no\"", "\"b\": \"No\""),
            ("\"judgement\": \"yes\"", "\"judgement\": \" \""), ("\"note\": \"N\"", "\"note\": \"N\u{FFFD}\""),
        ] {
            var bytes = Array(text.replacingOccurrences(of: written, with: changed).utf8)
            if let replacement = bytes.firstRange(of: Array("\u{FFFD}".utf8)) { bytes.replaceSubrange(replacement, with: [0xFF]) }
            let answer = try #require(bytes.firstRange(of: Array("\"2.1.1\": ".utf8))).upperBound
            bytes.withUnsafeBufferPointer { buffer in
                var reading = CaseReading(scanner: JSONParser(bytes: buffer), file: "C1.json")
                reading.scanner.index = answer
                #expect(reading.writtenAnswer() == nil, "\(changed)")
            }
            Self.expectAgreement(bytes, changed)
        }
    }

    /// A report works out review statuses in parallel parts when there are many cases; they
    /// must be each case's own status, in order.
    @Test func reviewStatusesInPartsAreEachCasesOwn() {
        var cases = Self.casesToWrite(seed: 33).map(\.file)
        for index in cases.indices where index % 5 == 0 {
            // Signed off, then changed: out of date.
            cases[index].review.outcome = ReviewOutcome(
                kind: .signedOff, by: "Pat", date: "2026-11-20", answersDigest: cases[index].answersDigest)
            if index % 10 == 0 { cases[index].answers["2.1.1"] = Answer(judgement: .no, note: "changed after sign-off") }
        }
        let statuses = InspectionReport.reviewStatuses(of: cases)
        #expect(statuses == cases.map(\.reviewStatus))
        #expect(Set(statuses).isSuperset(of: [.signedOff, .outOfDate, .notReviewed]), "\(Set(statuses))")
        #expect(cases.count >= 1_000, "enough cases to be worked out in parts")
    }

    /// A case is saved by one writer, straight from the case: the bytes must be what `JSONWriter`
    /// writes for the tree the old writer built (`TreeCaseWriter`), unknown fields, conflicts and
    /// awkward text included; and the tree read back from them is that tree.
    @Test func aCaseIsEncodedAsTheTreeWouldBe() {
        var withHistory = 0
        var withUnknownEntries = 0
        var withUnknownFields = 0
        var withConflicts = 0
        for (index, var file) in Self.casesToWrite(seed: 32) {
            if index % 7 == 0, !file.history.isEmpty {
                file.history[file.history.count / 2].unknown = JSONObject(["why": .string("a newer field"), "n": .number("2")])
            }
            if index % 11 == 0 {
                file.conflicts = [
                    MergeConflict(
                        path: ["answers", "2.1.1", "note"],
                        versions: [
                            .init(source: "ours", by: "Ann", value: .string("a \"quoted\" note")),
                            .init(source: "theirs", by: nil, value: nil),
                        ])
                ]
                withConflicts += 1
            }
            if !file.history.isEmpty { withHistory += 1 }
            if file.history.contains(where: { !$0.unknown.isEmpty }) { withUnknownEntries += 1 }
            if !file.unknown.isEmpty { withUnknownFields += 1 }
            #expect(file.encoded() == JSONWriter.bytes(from: TreeCaseWriter.tree(file)), "case \(index)")
            #expect(file.jsonValue() == TreeCaseWriter.tree(file), "case \(index)")
        }
        #expect(withHistory > 300)
        #expect(withUnknownEntries > 0, "some history entries carry fields from a newer version")
        #expect(withUnknownFields > 0 && withConflicts > 100, "some cases carry fields from a newer version, some conflicts")
    }

    /// The digest a sign-off stores was defined on a tree of `JSONValue`s; the bytes written
    /// straight from the answers must be the same, or sign-offs would go out of date by themselves.
    ///
    /// Compared on generated cases, and on mutated ones that carry unknown fields.
    @Test func answersDigestIsWrittenAsTheTreeWouldBe() {
        func treeBytes(_ file: CaseFile) -> [UInt8] { JSONWriter.bytes(from: TreeCaseWriter.answers(file)) }
        var compared = 0
        var withUnknown = 0
        for (index, var file) in Self.casesToWrite(seed: 31) {
            if index % 10 == 0, let number = file.answers.keys.first {
                file.answers[number]?.promptNotes["b"] = ""
                file.answers[number]?.note = ""
            }
            if file.answers.values.contains(where: { !$0.unknown.isEmpty }) { withUnknown += 1 }
            var direct: [UInt8] = []
            file.answersDigestBytes(into: &direct)
            #expect(direct == treeBytes(file), "case \(index): \(String(decoding: treeBytes(file), as: UTF8.self))")
            // The digest hashes the answers as they are written, without keeping them: the same.
            #expect(file.answersDigest == FNV1a.hexDigest(treeBytes(file)), "case \(index)")
            compared += 1
        }
        #expect(compared > 1_000)
        #expect(withUnknown > 0, "some answers carry fields from a newer version")
        #expect(CaseFile(ref: "C1", framework: "f", domain: "2", disposal: "d").answersDigest == FNV1a.hexDigest(Array("{}\n".utf8)))
    }

    @Test func otherWhitespaceAndEscapesGiveTheSameValue() {
        var generator = Generator(random: SplitMix64(seed: 7))
        for index in 0..<400 {
            let file = generator.validCase(framework: Frameworks.y2020, ref: "C\(index)")
            let text = generator.render(file.jsonValue(), escapeKeys: index % 4 == 0)
            // Valid files written another way are read alike, escapes and all.
            #expect(Self.expectAgreement(Array(text.utf8), "case \(index)", file: "C\(index).json"), "refused a valid file: \(text)")
            Self.expectAgreement(Array(text.utf8), "case \(index)", file: "C\(index).json", framework: Frameworks.y2020)
        }
    }

    @Test func brokenTreesGiveTheSameProblems() {
        var generator = Generator(random: SplitMix64(seed: 11))
        var answered = 0
        for index in 0..<1_500 {
            let file = generator.validCase(framework: Frameworks.y2020, ref: "C\(index % 50)")
            var value = file.jsonValue()
            for _ in 0...generator.below(2) { generator.mutate(&value) }
            let text = generator.chance(50) ? generator.render(value) : String(decoding: JSONWriter.bytes(from: value), as: UTF8.self)
            let framework = index % 3 == 0 ? nil : Frameworks.y2020
            if Self.expectAgreement(Array(text.utf8), "mutation \(index)", file: "C\(index % 50).json", framework: framework) {
                answered += 1
            }
        }
        // Some mutations leave a valid file (a note replaced by another string); most do not.
        #expect(answered > 0 && answered < 1_400)
    }

    @Test func damagedBytesGiveTheSameProblems() {
        var generator = Generator(random: SplitMix64(seed: 12))
        for index in 0..<1_500 {
            let file = generator.validCase(framework: Frameworks.y2018, ref: "C\(index % 50)")
            var bytes = file.encoded()
            for _ in 0...generator.below(2) { bytes = generator.damage(bytes) }
            Self.expectAgreement(bytes, "damage \(index)", file: "C\(index % 50).json", framework: Frameworks.y2018)
        }
    }

    @Test func everyTruncationGivesTheSameProblem() {
        var generator = Generator(random: SplitMix64(seed: 13))
        var file = generator.validCase(framework: Frameworks.y2020, ref: "C1")
        file.history.append(HistoryEntry(at: "2026-11-23T10:00:00Z", by: "Zoë", field: .note, item: "2.1.1", old: nil, new: "3"))
        let bytes = file.encoded()
        for length in 0..<bytes.count {
            // Only trailing whitespace may be cut and still leave the whole file.
            let cut = Array(bytes[..<length])
            if Self.expectAgreement(cut, "cut at \(length)", framework: Frameworks.y2020) {
                #expect(bytes[length...].allSatisfy { $0 == 0x0A || $0 == 0x20 })
            }
        }
    }

    /// Chosen cases of what the old reader reports, and of what it reads.
    @Test func namedSurprisesGiveTheSameProblems() {
        let valid = """
            {"format":"casemark/case","version":1,"ref":"C1","framework":"hmip-yos-2020-09","domain":"2",
             "disposal":"referral-order","status":"complete","answers":{"2.1.1":{"judgement":"yes","prompts":{"a":"no"}}}}
            """
        #expect(Self.expectAgreement(Array(valid.utf8)))
        let surprises: [(String, String)] = [
            ("\"version\":1", "\"version\":1.0"), ("\"version\":1", "\"version\":1e0"), ("\"version\":1", "\"version\":-0"),
            ("\"version\":1", "\"version\":2"), ("\"version\":1", "\"version\":01"), ("\"version\":1", "\"version\":\"1\""),
            ("\"version\":1", "\"version\":99999999999999999999"), ("\"version\":1,", ""),
            ("\"ref\":\"C1\"", "\"ref\":\" \""), ("\"ref\":\"C1\"", "\"ref\":\"\\u00a0\""), ("\"ref\":\"C1\"", "\"ref\":null"),
            ("\"status\":\"complete\"", "\"status\":\"Complete\""), ("\"status\":\"complete\",", ""),
            ("\"judgement\":\"yes\"", "\"judgement\":\"maybe\""), ("\"judgement\":\"yes\"", "\"judgement\":true"),
            ("\"judgement\":\"yes\"", "\"judgement\":\"y\\u0065s\", \"judgement\":\"yes\""),
            ("\"a\":\"no\"", "\"a\":\"no\",\"a\":\"yes\""), ("\"a\":\"no\"", "\"\\u00e9\":\"no\",\"e\\u0301\":\"yes\""),
            ("\"a\":\"no\"", "\"a\":\"no\\ud800\""), ("\"a\":\"no\"", "\"a\":\"\\ud800\""), ("\"a\":\"no\"", "\"a\":\"\\udc00\\ud800\""),
            ("\"answers\":", "\"unknown\":1,\"answers\":"), ("\"prompts\":", "\"extra\":[],\"prompts\":"),
            ("\"format\":\"casemark/case\"", "\"format\":\"casemark/inspection\""),
            ("\"format\":\"casemark/case\",", ""), ("\"domain\":\"2\"", "\"domain\":2"),
            ("{\"format\"", "\u{FEFF}{\"format\""), ("}}}", "}}} x"), ("}}}", "}}},"), ("}}}", "}}"),
            ("\"answers\":{", "\"answers\":{\"2.1.1\":{},"),  // a duplicate key question
            ("\"disposal\":\"referral-order\",", "\"disposal\":\"referral-order\",\"date\":\"2026-02-29\","),
            ("\"disposal\":\"referral-order\",", "\"disposal\":\"referral-order\",\"riskOfSeriousHarm\":\"\\u212Aow\","),
            ("\"disposal\":\"referral-order\",", "\"disposal\":\"referral-order\",\"caseManagerInterviewed\":\"true\","),
            ("\"disposal\":\"referral-order\",", "\"disposal\":\"referral-order\",\"history\":{},"),
            (
                "\"disposal\":\"referral-order\",",
                "\"disposal\":\"referral-order\",\"history\":[{\"at\":\" \",\"by\":\"\",\"field\":\"note\",\"item\":\"\"}],"
            ),
            (
                "\"disposal\":\"referral-order\",",
                "\"disposal\":\"referral-order\",\"review\":{\"outcome\":{\"kind\":\"returned\",\"by\":\"P\",\"date\":\"2026-11-23\"}},"
            ),
            (
                "\"disposal\":\"referral-order\",",
                "\"disposal\":\"referral-order\",\"review\":{\"outcome\":{\"kind\":\"returned\",\"by\":\"P\",\"date\":\"2026-11-23\",\"answersDigest\":\"x\",\"historyLength\":1.5}},"
            ),
            (
                "\"disposal\":\"referral-order\",",
                "\"disposal\":\"referral-order\",\"review\":{\"outcome\":{\"kind\":\"returned\",\"by\":\"P\",\"date\":\"2026-11-23\",\"answersDigest\":\"x\",\"historyLength\":-1}},"
            ),
            ("\"disposal\":\"referral-order\",", "\"disposal\":\"referral-order\",\"review\":{\"items\":{},\"items\":{}},"),
            ("\"disposal\":\"referral-order\",", "\"disposal\":\"referral-order\",\"framework hash\":\"abc\","),
            // Empty text and empty answers, which the slow path reads as nothing.
            ("\"answers\":{", "\"answers\":{\"2.1.2\":{},"), ("\"prompts\":", "\"note\":\"\",\"prompts\":"),
            ("\"prompts\":", "\"promptNotes\":{\"a\":\"\"},\"prompts\":"),
            ("\"disposal\":\"referral-order\",", "\"disposal\":\"referral-order\",\"review\":{\"items\":{\"2.1.1\":{}}},"),
            (
                "\"disposal\":\"referral-order\",",
                "\"disposal\":\"referral-order\",\"review\":{\"items\":{\"2.1.1\":{\"verdict\":\"agree\",\"comment\":\"\"}}},"
            ),
            ("\"disposal\":\"referral-order\",", "\"disposal\":\"referral-order\",\"frameworkHash\":\" \","),
            // Replies, "answered" (whose `at` is looked at only with a `by`) and open challenges.
            (
                "\"disposal\":\"referral-order\",",
                "\"disposal\":\"referral-order\",\"review\":{\"items\":{\"2.1.1\":{\"replies\":[{\"by\":\"A\",\"at\":\" \",\"text\":\"t\"},{\"at\":\"x\"},3],\"answered\":{\"at\":\" \"}}}},"
            ),
            (
                "\"disposal\":\"referral-order\",",
                "\"disposal\":\"referral-order\",\"review\":{\"items\":{\"2.1.1\":{\"answered\":{\"by\":1,\"at\":2},\"verdict\":\" \"},\"2.1.2\":{\"answered\":{\"by\":\"B\"}}}},"
            ),
            (
                "\"disposal\":\"referral-order\",",
                "\"disposal\":\"referral-order\",\"review\":{\"outcomes\":[{\"kind\":\"returned\",\"by\":\"P\",\"date\":\"2026-11-23\",\"answersDigest\":\"x\",\"openChallenges\":[\"2.1.1\",5]},7],\"outcome\":{\"kind\":\"x\",\"date\":\"2026-02-30\"}},"
            ),
        ]
        for (find, replacement) in surprises {
            let text = valid.replacingOccurrences(of: find, with: replacement)
            #expect(text != valid, "the surprise \(replacement) was not placed")
            Self.expectAgreement(Array(text.utf8), replacement)
            Self.expectAgreement(Array(text.utf8), replacement, framework: Frameworks.y2020)
        }
        // And what it reads, it reads alike: escapes, surrogate pairs, unicode.
        let readable = [
            ("\"ref\":\"C1\"", "\"ref\":\"\\u0043\\u0031\""), ("\"a\":\"no\"", "\"a\":\"n\\u0061\""),
            ("\"ref\":", "\"r\\u0065f\":"), ("\"status\":\"complete\"", "\"status\":\"\\u0063omplete\""),
            (
                "\"disposal\":\"referral-order\",",
                "\"disposal\":\"referral-order\",\"inspector\":\"Zo\\u00eb \\ud83e\\uddd2 \\\" \\/ \\n\","
            ),
            ("\"disposal\":\"referral-order\",", "\"disposal\":\"referral-order\",\"inspector\":\"\","),
            ("\"disposal\":\"referral-order\",", "\"disposal\":\"referral-order\",\"review\":{\"items\":{}},\"history\":[],"),
            ("\"answers\":{", " \"answers\" : { \"2.1.2\" : { \"judgement\" : \"na\" } , "),
            (
                "\"disposal\":\"referral-order\",",
                "\"disposal\":\"referral-order\",\"review\":{\"items\":{\"2.1.1\":{\"verdict\":\"challenge\",\"answered\":{\"by\":\"A\",\"at\":\"2026-11-24T10:00:00Z\",\"n\":1},\"replies\":[{\"by\":\"\",\"at\":\"2026-11-24T11:00:00Z\",\"text\":\"ok\",\"x\":1}],\"later\":[]}},\"outcomes\":[{\"kind\":\"signed-off\",\"by\":\"P\",\"date\":\"2026-11-23\",\"answersDigest\":\"x\",\"openChallenges\":[\"2.1.1\"],\"why\":null}]},"
            ),
        ]
        for (find, replacement) in readable {
            let text = valid.replacingOccurrences(of: find, with: replacement)
            #expect(Self.expectAgreement(Array(text.utf8), framework: Frameworks.y2020), "refused \(replacement)")
        }
    }

    // MARK: The checks

    /// The one checker, on an index made once for many cases, against the old one on the
    /// framework's own lookups: the same problems.
    @Test func theCheckerFindsWhatTheOldOneFound() {
        var generator = Generator(random: SplitMix64(seed: 99))
        let frameworks = [Frameworks.y2020, Frameworks.y2018]
        let indexes = frameworks.map(CaseChecker.Index.init)
        var failing = 0
        for index in 0..<600 {
            let which = index % 2
            let framework = frameworks[which]
            var file = generator.validCase(framework: framework, ref: "C\(index)")
            var expectedRef: String? = file.ref
            var inspectionFramework: String? = framework.id
            switch generator.below(12) {
            case 0: file.ref = generator.pick([".C1", "C 1", "C/1", "", "Ç1", String(repeating: "C", count: 101)])
            case 1: expectedRef = generator.pick([nil, "C0", file.ref + "x"])
            case 2: inspectionFramework = generator.pick([nil, "hmip-yos-2018", "other"])
            case 3: file.framework = generator.pick(["hmip-yos-2018", "hmip-yos-2020-09", "other"])
            case 4: file.domain = generator.pick(["1", "2", "3", "4", ""])
            case 5: file.disposal = generator.pick(framework.disposals.map(\.id) + ["unknown", ""])
            case 6:
                file.answers[
                    generator.pick(["1.1.1", "2.5.1", "3.4.1", "2.1.1", "3.1.1", "9.9.9", "", "2.1.15", "2.1.0", "2.10.1", "2.1"])] =
                    Answer(judgement: .yes)
            case 7:
                if let number = file.answers.keys.sorted().first {
                    file.answers[number]?.prompts[generator.pick(["a", "z", "A", "", "aa", "b0", "c"])] = .yes
                }
            case 8:
                if let number = file.answers.keys.sorted().last {
                    file.answers[number]?.promptNotes[generator.pick(["b", "y", "é"])] = "note"
                }
            default: break
            }
            var problems = ProblemCollector(file: "C.json")
            TreeCaseReader.check(
                file, expectedRef: expectedRef, inspectionFramework: inspectionFramework, framework: framework, problems: &problems)
            var found = ProblemCollector(file: "C.json")
            CaseChecker.check(
                file, expectedRef: expectedRef, inspectionFramework: inspectionFramework, index: indexes[which], problems: &found)
            #expect(found.diagnostics == problems.diagnostics)
            if !problems.isEmpty { failing += 1 }
            // Without a framework only the ref and the inspection's framework are checked.
            var withoutFramework = ProblemCollector(file: "C.json")
            TreeCaseReader.check(
                file, expectedRef: expectedRef, inspectionFramework: inspectionFramework, framework: nil, problems: &withoutFramework)
            var foundWithout = ProblemCollector(file: "C.json")
            CaseChecker.check(file, expectedRef: expectedRef, inspectionFramework: inspectionFramework, index: nil, problems: &foundWithout)
            #expect(foundWithout.diagnostics == withoutFramework.diagnostics)
        }
        #expect(failing > 100)
    }

    /// The whole of loading one file against the old reader: the same case, or the same
    /// diagnostics (with line and column).
    @Test func loadingAFolderGivesWhatTheOldReaderGives() throws {
        let folder = TemporaryFolder()
        let framework = Frameworks.y2020
        let inspection = InspectionFile(service: "Test", framework: framework.id)
        var generator = Generator(random: SplitMix64(seed: 5))
        var paths: [String] = []
        for index in 0..<150 {
            var file = generator.validCase(framework: framework, ref: "C\(index)")
            var bytes = file.encoded()
            switch index % 6 {
            case 0:
                var value = file.jsonValue()
                generator.mutate(&value)
                bytes = JSONWriter.bytes(from: value)
            case 1:
                bytes = generator.damage(bytes)
            case 2:
                file.answers["2.5.1"] = Answer(judgement: .no)  // a directly rated standard
                if generator.chance(50) { file.ref = "C\(index + 1)" }
                bytes = file.encoded()
            case 3:
                file.version = 2  // salvaged read-only
                bytes = file.encoded()
            default: break
            }
            let path = folder.path + "/C\(index).json"
            #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)), "cannot write \(path)")
            paths.append(path)
        }
        // A folder loaded for a report finds the same cases and the same problems, without histories.
        let inspectionFolder = TemporaryFolder()
        _ = try InspectionFolder.create(at: inspectionFolder.path, service: "Test", framework: framework)
        for path in paths {
            try FileManager.default.copyItem(atPath: path, toPath: inspectionFolder.path + "/cases/" + (path as NSString).lastPathComponent)
        }
        let whole = try InspectionFolder.load(inspectionFolder.path, catalog: Frameworks.catalog)
        let forReport = try InspectionFolder.load(inspectionFolder.path, catalog: Frameworks.catalog, keepingHistory: false)
        #expect(whole.damaged.map(\.diagnostics) == forReport.damaged.map(\.diagnostics))
        #expect(whole.cases.map(\.ref) == forReport.cases.map(\.ref))
        #expect(whole.cases.contains { !$0.history.isEmpty })
        for (kept, left) in zip(whole.cases, forReport.cases) {
            // Both paths leave the history out, and say so, so memory stays flat either way.
            var stripped = kept
            stripped.history = []
            stripped.historyIsLoaded = false
            #expect(left == stripped, "case \(kept.ref)")
        }
        #expect(whole.keepsHistory && !forReport.keepsHistory)
        // Writing a case held without its history as it is is refused: it would lose the history.
        let withHistory = try #require(whole.cases.first { !$0.history.isEmpty && whole.writeRefusal(ref: $0.ref) == nil })
        let first = try #require(forReport.cases.first { $0.ref == withHistory.ref })
        let path = forReport.caseFilePath(ref: first.ref)
        let before = try FileSystem.read(path)
        #expect(throws: FileSystemError.self) { try forReport.save(first) }
        #expect(try FileSystem.read(path) == before)
        // A change saved as a change keeps it: the file's history, then the new entry.
        var changed = first
        changed.details.inspector = "Someone Else"
        let recorded = first.recording(changed, by: "Tester", at: "2027-01-01T00:00:00Z")
        let saved = try forReport.save(recorded, base: first).saved
        let onDisk = try #require(whole.cases.first { $0.ref == first.ref })
        #expect(Array(saved.history.dropLast()) == onDisk.history)
        #expect(saved.history.last?.new == "Someone Else")

        var valid = 0
        for path in paths {
            let ref = try #require(InspectionFolder.ref(ofCaseFilePath: path))
            let loaded = InspectionFolder.loadCase(path: path, ref: ref, framework: framework, inspection: inspection)
            let old = TreeCaseReader.readCase(bytes: try FileSystem.read(path), file: path, framework: framework, inspection: inspection)
            switch (loaded, old) {
            case (.valid(let a), .success(let b)):
                #expect(a == b)
                valid += 1
            case (.damaged(let a, _), .failure(let b)):
                #expect(a.diagnostics == b.diagnostics)
            default:
                Issue.record("\(path): loaded \(loaded), old \(old)")
            }
        }
        #expect(valid >= 50)
    }

    /// The tally counts each case as `effectiveJudgement` says, applicability conditions included.
    @Test func theTallyCountsEffectiveJudgements() {
        var generator = Generator(random: SplitMix64(seed: 3))
        let framework = Frameworks.y2018  // has applicability conditions
        let cases = (0..<200).map { generator.validCase(framework: framework, ref: "C\($0)") }
        let tally = InspectionTally(framework: framework, cases: cases)
        var expected: [String: KeyQuestionTally] = [:]
        var caseCounts: [String: Int] = [:]
        for file in cases {
            caseCounts[file.domain, default: 0] += 1
            for question in framework.caseKeyQuestions(domain: file.domain) {
                expected[question.number, default: KeyQuestionTally()].count(
                    InspectionTally.effectiveJudgement(of: file, on: question), by: 1)
            }
        }
        for (number, counts) in expected {
            #expect(tally[number] == counts, "\(number)")
        }
        #expect(tally.caseCounts == caseCounts)
    }
}
