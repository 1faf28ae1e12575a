import Foundation

/// What reading a case file's bytes found: the case (nil when it has no ref, framework, domain or
/// disposal to be a case with, or the text is not JSON), and every problem of shape or type, each
/// with its JSON path, line and column.
public struct DecodedCase: Sendable {
    public var file: CaseFile?
    public var problems: [Diagnostic]
    /// The `format` field as written, when it is a string.
    public var format: String?
    /// The `framework` field as written, when it is a string (blank too).
    public var frameworkText: String?
    /// Answers written as objects that hold nothing: reading drops them, the checker still looks
    /// at their key questions.
    var emptyAnswers: [String] = []
    /// Where values the checker may name start, by byte offset: the root's fields and each answer.
    var fieldOffsets: [Int] = []
    var answerOffsets: [(key: String, offset: Int)] = []
    var rootOffset = 0

    /// `diagnostics` (found by checking the case, each with a path) with their lines and columns,
    /// from the offsets reading kept: no second reading of the file, but for a problem inside an
    /// answer, whose one answer is read again to find it.
    ///
    /// Only the first `limit` are located: no more are ever printed, and a file with a million
    /// problems would spend most of its time finding where the rest are.
    func located(_ diagnostics: [Diagnostic], in bytes: [UInt8], limit: Int = Diagnostic.printedPerFile) -> [Diagnostic] {
        guard let file = diagnostics.first?.file, limit > 0 else { return diagnostics }
        let byAnswer = Dictionary(answerOffsets.map { ($0.key, $0.offset) }, uniquingKeysWith: { first, _ in first })
        let problems = diagnostics.prefix(limit).map { diagnostic in
            let path = diagnostic.path ?? .root
            var problem = CaseReading.Problem(message: diagnostic.message, path: path, offset: rootOffset)
            guard case .key(let name)? = path.components.first else { return problem }
            if let rank = CaseReading.rootFieldNames.firstIndex(where: { name.utf8.elementsEqual(Self.bytes(of: $0)) }),
                fieldOffsets[rank] >= 0
            {
                problem.offset = fieldOffsets[rank]
            }
            if name == "answers", path.components.count > 1, case .key(let number) = path.components[1], let offset = byAnswer[number] {
                problem.offset = offset
                if path.components.count > 2 { problem.within = JSONPath(Array(path.components.prefix(2))) }
            } else if path.components.count > 1, problem.offset != rootOffset {
                // Inside another of the root's fields (a detail): found again in that field's value.
                problem.within = JSONPath(Array(path.components.prefix(1)))
            }
            return problem
        }
        return CaseReading.located(problems, file: file, in: bytes) + diagnostics.dropFirst(limit)
    }

    static func bytes(of name: StaticString) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
    }
}

/// Reads a case file from its bytes to `CaseFile` in one pass, reporting every problem of shape or
/// type at its JSON path, line and column as it goes: the only reader of case files.
///
/// It reads through `JSONParser`'s scanner, so syntax errors are the tree's, word for word, and
/// the first one in the file is the one reported (a file that is not JSON has no other problem).
/// Problems come in the order of the fields of each object as listed here (`format` first), not
/// the order they are written in, so a file's problems read the same however it is laid out.
/// Fields this version does not know are kept, at every level, as `JSONValue`s, and written back.
/// `conflicts`, rare and holding any JSON, are read as trees by `MergeConflict.read`.
///
/// A new field of the case is one `case` in `rootField` (and one entry in `CaseFile.jsonValue`).
public enum CaseFileDecoder {
    /// The case in `bytes` and every problem reading found, in `file` (the name diagnostics carry).
    ///
    /// With `keepingHistory` false the history is checked exactly as when it is kept (the same
    /// problems) but not built: the case comes back with an empty `history`.
    public static func decode(_ bytes: [UInt8], file: String, keepingHistory: Bool = true) -> DecodedCase {
        var problems: [CaseReading.Problem] = []
        var decoded = DecodedCase(file: nil, problems: [])
        let outcome: Result<CaseFile?, JSONSyntaxError> = bytes.withUnsafeBufferPointer { buffer in
            var reading = CaseReading(scanner: JSONParser(bytes: buffer), file: file)
            reading.keepsHistory = keepingHistory
            defer {
                for key in reading.escapedKeys { key.deallocate() }
                problems = reading.problems
                decoded.emptyAnswers = reading.emptyAnswers
                decoded.fieldOffsets = reading.fieldOffsets
                decoded.answerOffsets = reading.answerOffsets
                decoded.rootOffset = reading.rootOffset
                decoded.format = reading.format
                decoded.frameworkText = reading.frameworkText
            }
            do throws(JSONSyntaxError) {
                return .success(try reading.document())
            } catch {
                return .failure(error)
            }
        }
        switch outcome {
        case .failure(let error):
            return DecodedCase(file: nil, problems: [Diagnostic(file: file, position: error.position, message: error.message)])
        case .success(var caseFile):
            caseFile?.historyIsLoaded = keepingHistory
            decoded.file = caseFile
            decoded.problems = problems.isEmpty ? [] : CaseReading.located(problems, file: file, in: bytes)
            return decoded
        }
    }
}

private let quote = UInt8(ascii: "\"")

/// The state of one reading: the scanner, the problems so far, the offsets kept for the checker.
struct CaseReading {
    /// A problem found: at `offset` in the file, or, for `within`, somewhere inside the value that
    /// starts there (read as a tree, and located again in it only if it has problems).
    struct Problem {
        var message: String
        var path: JSONPath
        var offset: Int
        var within: JSONPath?
    }

    /// A member's key: its bytes straight from the file, or decoded where written with escapes
    /// (kept in `escapedKeys` until the reading ends).
    ///
    /// No reference inside: keys are copied about for every field of every file, and a `String`
    /// here cost a retain and a release for each copy.
    struct Key {
        var raw: UnsafeBufferPointer<UInt8>
        var start: Int

        var string: String { String(decoding: raw, as: UTF8.self) }

        /// Whether two runs of bytes are the same.
        @inline(__always) static func same(_ one: UnsafeBufferPointer<UInt8>, _ other: UnsafeBufferPointer<UInt8>) -> Bool {
            guard one.count == other.count else { return false }
            guard let first = one.baseAddress, let second = other.baseAddress else { return true }
            return memcmp(first, second, one.count) == 0
        }

        @inline(__always) func equals(_ name: StaticString) -> Bool {
            Self.same(raw, DecodedCase.bytes(of: name))
        }
    }

    var scanner: JSONParser
    let file: String
    var keepsHistory = true
    /// The keys written with escapes, decoded: freed when the reading ends.
    var escapedKeys: [UnsafeMutableBufferPointer<UInt8>] = []
    var problems: [Problem] = []
    /// The rank of each problem's field in its object, for putting an object's problems in order.
    var ranks: [Int] = []
    var emptyAnswers: [String] = []
    /// Where each of the root's fields starts, by rank (-1 when not there).
    var fieldOffsets = [Int](repeating: -1, count: rootFieldNames.count)
    var answerOffsets: [(key: String, offset: Int)] = []
    var rootOffset = 0
    var format: String?
    var frameworkText: String?
    /// The last history entry's `by`, shared by the next entries with the same name.
    var lastAuthor: String?

    init(scanner: JSONParser, file: String) {
        self.scanner = scanner
        self.file = file
    }

    // MARK: Problems

    mutating func report(_ message: String, at path: JSONPath, offset: Int) {
        problems.append(Problem(message: message, path: path, offset: offset))
        ranks.append(0)
    }

    /// Gives the problems from `mark` on the rank `rank`.
    @inline(__always)
    mutating func rank(from mark: Int, _ rank: Int) {
        guard mark < ranks.count else { return }
        for index in mark..<ranks.count { ranks[index] = rank }
    }

    /// Puts the problems from `mark` on in the order of their ranks, keeping the order of each
    /// rank's own.
    mutating func order(from mark: Int) {
        guard problems.count - mark > 1 else { return }
        let range = mark..<problems.count
        guard !zip(ranks[range], ranks[range].dropFirst()).allSatisfy({ $0 <= $1 }) else { return }
        let sorted = range.sorted { ranks[$0] != ranks[$1] ? ranks[$0] < ranks[$1] : $0 < $1 }
        let reordered = sorted.map { problems[$0] }
        let reranked = sorted.map { ranks[$0] }
        problems.replaceSubrange(range, with: reordered)
        ranks.replaceSubrange(range, with: reranked)
    }

    /// The problems as diagnostics, each with its line and column.
    static func located(_ problems: [Problem], file: String, in bytes: [UInt8]) -> [Diagnostic] {
        var offsets = problems.map(\.offset)
        // Problems inside a value read as a tree: found again in that value, one read per value.
        var groups: [Int: (path: JSONPath, wanted: Set<JSONPath>)] = [:]
        for problem in problems {
            guard let within = problem.within else { continue }
            var components = problem.path.components
            while components.count >= within.components.count {
                // In place: a copy of the set for each problem would be quadratic.
                guard groups[problem.offset, default: (within, [])].wanted.insert(JSONPath(components)).inserted else { break }
                components.removeLast()
            }
        }
        var found: [Int: [JSONPath: Int]] = [:]
        for (offset, group) in groups {
            found[offset] = JSONParser.offsets(of: group.wanted, in: bytes, at: offset, path: group.path) ?? [:]
        }
        for index in problems.indices {
            guard problems[index].within != nil, let inValue = found[problems[index].offset] else { continue }
            var components = problems[index].path.components
            while true {
                if let offset = inValue[JSONPath(components)] {
                    offsets[index] = offset
                    break
                }
                if components.isEmpty { break }
                components.removeLast()
            }
        }
        let positions = JSONParser.positions(ofOffsets: Set(offsets), in: bytes)
        return problems.indices.map { index in
            Diagnostic(file: file, path: problems[index].path, position: positions[offsets[index]], message: problems[index].message)
        }
    }

    // MARK: Scanning

    @inline(__always) var current: UInt8 { scanner.index < scanner.bytes.count ? scanner.bytes[scanner.index] : 0 }

    @inline(__always) func byte(at offset: Int) -> UInt8 { offset < scanner.bytes.count ? scanner.bytes[offset] : 0 }

    /// Reads a key (the scanner at its quote), as `JSONParser.parseObject` does.
    @inline(__always)
    mutating func key() throws(JSONSyntaxError) -> Key {
        let start = scanner.index
        if let raw = rawASCII() { return Key(raw: raw, start: start) }
        var text = try scanner.parseString()
        let decoded = text.withUTF8 { utf8 in
            let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, utf8.count))
            _ = copy.initialize(from: utf8)
            return UnsafeBufferPointer(rebasing: copy[..<utf8.count])
        }
        escapedKeys.append(UnsafeMutableBufferPointer(mutating: decoded))
        return Key(raw: decoded, start: start)
    }

    /// The `:` after a key, and the space after it: the scanner is then at the value.
    @inline(__always) mutating func colon() throws(JSONSyntaxError) { try scanner.colon() }

    func duplicate(_ key: Key) -> JSONSyntaxError {
        scanner.error("the key \"\(TerminalText.escaped(key.string))\" appears twice in one object", at: key.start)
    }

    /// Reads an object's members (the scanner at its `{`), as `JSONParser.parseObject` does;
    /// `member` reads each one from its key (it calls `colon()` before the value).
    @inline(__always)
    mutating func members(_ member: (inout CaseReading, Key) throws(JSONSyntaxError) -> Void) throws(JSONSyntaxError) {
        guard try scanner.open(closing: UInt8(ascii: "}")) else { return }
        repeat {
            try scanner.atKey()
            try member(&self, try key())
        } while try scanner.another(closing: UInt8(ascii: "}"))
    }

    /// Reads an array's elements (the scanner at its `[`), as `JSONParser.parseArray` does.
    @inline(__always)
    mutating func elements(_ element: (inout CaseReading, Int) throws(JSONSyntaxError) -> Void) throws(JSONSyntaxError) {
        guard try scanner.open(closing: UInt8(ascii: "]")) else { return }
        var count = 0
        repeat {
            scanner.skipWhitespace()
            try element(&self, count)
            count += 1
        } while try scanner.another(closing: UInt8(ascii: "]"))
    }

    /// Reads an object keyed by data: key-question numbers, prompt letters, detail ids, review items.
    ///
    /// The scanner is at its `{`; `entry` reads the value under each key (the scanner at it), a key
    /// twice being a syntax error. True when the keys came in order.
    @inline(__always)
    @discardableResult
    mutating func entries(_ entry: (inout CaseReading, String) throws(JSONSyntaxError) -> Void) throws(JSONSyntaxError) -> Bool {
        var keys = KeyOrder(objectStart: scanner.index)
        try members { reading, key throws(JSONSyntaxError) in
            let name = key.string
            if !keys.isNew(name, key: key, reading: reading) { throw reading.duplicate(key) }
            try reading.colon()
            try entry(&reading, name)
        }
        return keys.inOrder
    }

    /// An unknown member, kept as it is.
    ///
    /// A key twice is found by looking through the few kept so far, then, past eight, in `seen`
    /// (made then): a file of a hundred thousand unknown fields was quadratic in them.
    mutating func unknown(_ key: Key, into object: inout JSONObject, seen: inout Set<String>?) throws(JSONSyntaxError) {
        let name = key.string
        if seen == nil, object.members.count >= 8 { seen = Set(object.keys) }
        if seen == nil ? object[name] != nil : seen?.insert(name).inserted == false { throw duplicate(key) }
        try colon()
        object.appendNew(JSONObject.Member(key: name, value: try scanner.parseValue()))
    }

    /// Claims a known field's bit in `seen`: a field twice is a syntax error, as in the tree.
    @inline(__always)
    func claim(_ bit: UInt32, _ key: Key, in seen: inout UInt32) throws(JSONSyntaxError) {
        if seen & bit != 0 { throw duplicate(key) }
        seen |= bit
    }

    // MARK: Typed values

    /// A string, or nil having reported what else is there; with `nonEmpty`, a blank string is
    /// reported and read as nil (as `ProblemCollector.string` reads).
    mutating func string(at path: @autoclosure () -> JSONPath, nonEmpty: Bool) throws(JSONSyntaxError) -> String? {
        let start = scanner.index
        guard current == quote else {
            let value = try scanner.parseValue()
            report("expected a string, found \(value.kindName)", at: path(), offset: start)
            return nil
        }
        let text = try scanner.parseString()
        if nonEmpty && text.isBlank {
            report("must not be empty", at: path(), offset: start)
            return nil
        }
        return text
    }

    /// As `string`, for a value that is not kept: a plain ASCII string is looked at in place.
    mutating func checkString(at path: @autoclosure () -> JSONPath, nonEmpty: Bool) throws(JSONSyntaxError) -> Bool {
        if let raw = rawASCII() {
            if nonEmpty && raw.allSatisfy({ $0 == UInt8(ascii: " ") }) {
                report("must not be empty", at: path(), offset: scanner.index - raw.count - 2)
                return false
            }
            return true
        }
        return try string(at: path(), nonEmpty: nonEmpty) != nil
    }

    /// The next value's bytes when it is a string of ASCII written without escapes (the scanner
    /// then after it), else nil with the scanner where it was.
    ///
    /// Looked at by the layout reader's string scan (`Layout.plain`), the one scan of a string's
    /// bytes in place.
    @inline(__always)
    mutating func rawASCII() -> UnsafeBufferPointer<UInt8>? {
        guard current == quote, var layout = Layout(scanner) else { return nil }
        layout.cursor += 1
        guard let plain = layout.plain(), plain.ascii else { return nil }
        scanner.index = layout.cursor + 1
        return plain.raw
    }

    /// The value here as `take` takes it (a whole number, a boolean), or nil having reported what
    /// else is there: "expected \(expected), found ...".
    mutating func value<T>(at path: @autoclosure () -> JSONPath, _ expected: String, _ take: (JSONValue) -> T?) throws(JSONSyntaxError)
        -> T?
    {
        let start = scanner.index
        let value = try scanner.parseValue()
        guard let taken = take(value) else {
            report("expected \(expected), found \(value.kindName)", at: path(), offset: start)
            return nil
        }
        return taken
    }

    /// Whether a container opening with `open` starts here; if not, what is there is read and
    /// reported as not `expected`.
    mutating func opens(_ open: UInt8, _ expected: String, at path: @autoclosure () -> JSONPath) throws(JSONSyntaxError) -> Bool {
        if current == open { return true }
        _ = try value(at: path(), expected) { _ in nil as Bool? }
        return false
    }

    /// A judgement written plainly (`"yes"`, `"no"`, `"na"`), read from the bytes; nil for
    /// anything else, with the scanner where it was.
    @inline(__always) mutating func plainJudgement() -> Judgement? {
        // Read as the layout reader reads it (`Layout.judgement`), the one reading of the words.
        guard var layout = Layout(scanner), let judgement = layout.judgement() else { return nil }
        scanner.index = layout.cursor
        return judgement
    }

    /// A judgement, or nil having reported what else is there.
    mutating func judgement(at path: @autoclosure () -> JSONPath, blankIsEmpty: Bool) throws(JSONSyntaxError) -> Judgement? {
        if let judgement = plainJudgement() { return judgement }
        let start = scanner.index
        guard current == quote else {
            let value = try scanner.parseValue()
            // A prompt's answer names the three words; a key question's is a string like any.
            report(
                blankIsEmpty ? "expected a string, found \(value.kindName)" : "expected \"yes\", \"no\" or \"na\", found \(value.kindName)",
                at: path(), offset: start)
            return nil
        }
        let text = try scanner.parseString()
        if blankIsEmpty && text.isBlank {
            report("must not be empty", at: path(), offset: start)
            return nil
        }
        guard let judgement = Judgement(rawValue: text) else {
            report("expected \"yes\", \"no\" or \"na\", found \"\(text)\"", at: path(), offset: start)
            return nil
        }
        return judgement
    }

    /// A string that must be one of `T`'s raw values (read as `string(nonEmpty: true)` first).
    ///
    /// `inPlace` finds the usual word from its bytes, for a word read very often (a history
    /// entry's field); by default each of `T`'s raw values is compared.
    mutating func word<T: RawRepresentable & CaseIterable>(
        _ type: T.Type, at path: @autoclosure () -> JSONPath, expected: String, inPlace: ((UnsafeBufferPointer<UInt8>) -> T?)? = nil
    )
        throws(JSONSyntaxError)
        -> T? where T.RawValue == String
    {
        let start = scanner.index
        // The usual word, read in place.
        if let raw = rawASCII() {
            if let inPlace {
                if let found = inPlace(raw) { return found }
            } else {
                for candidate in T.allCases {
                    var name = candidate.rawValue
                    if name.withUTF8({ Key.same(raw, $0) }) { return candidate }
                }
            }
        }
        scanner.index = start
        guard let text = try string(at: path(), nonEmpty: true) else { return nil }
        guard let value = T(rawValue: text) else {
            report("\(expected), found \"\(text)\"", at: path(), offset: start)
            return nil
        }
        return value
    }

    // MARK: The document

    /// The root, with the text after it checked: the case, or nil when it cannot be one.
    mutating func document() throws(JSONSyntaxError) -> CaseFile? {
        let bytes = scanner.bytes
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { scanner.index = 3 }
        scanner.skipWhitespace()
        rootOffset = scanner.index
        let file: CaseFile?
        if current == UInt8(ascii: "{") {
            file = try root()
        } else {
            let value = try scanner.parseValue()
            report("expected an object, found \(value.kindName)", at: .root, offset: rootOffset)
            file = nil
        }
        scanner.skipWhitespace()
        if scanner.index < bytes.count { throw scanner.error("unexpected text after the end of the JSON value") }
        return file
    }

    /// What the root's fields hold as they are read.
    struct RootFields {
        var version: Int?
        var ref: String?
        var framework: String?
        var frameworkHash: String?
        var domain: String?
        var disposal: String?
        var status = CaseStatus.inProgress
        var details = CaseDetails()
        var answers: SmallMap<Answer> = [:]
        var review = CaseReview()
        var history: [HistoryEntry] = []
        var conflicts: [MergeConflict] = []
        var unknown = JSONObject()
    }

    /// The root's fields, by rank: the order their problems are given in, and the bit each claims.
    static let rootFieldNames: [StaticString] = [
        "format", "version", "ref", "framework", "frameworkHash", "domain", "disposal", "status", "inspector", "date",
        "riskOfSeriousHarm", "safetyAndWellbeing", "caseManagerInterviewed", "details", "answers", "review", "history", "conflicts",
    ]

    /// The fields that must be there, by rank.
    static let requiredRootFields: [Int] = [0, 1, 2, 3, 5, 6, 7, 14]

    /// Reads an object of named fields (the scanner at its `{`): `field` reads the value of the
    /// field of rank `rank` in `names`; a field not in `names` is kept in `unknown` as it is.
    ///
    /// Each field at most once (twice is a syntax error, as in the tree); the problems come in
    /// rank order, each missing `required` field's at `path`, the object's place.
    @inline(__always)
    mutating func fields(
        _ names: [StaticString], required: [Int], at path: () -> JSONPath, unknown: inout JSONObject,
        _ field: (inout CaseReading, Int, Key) throws(JSONSyntaxError) -> Void
    ) throws(JSONSyntaxError) {
        try fields(names, required: required, at: path, unknown: &unknown, rankOf: { key in names.firstIndex { key.equals($0) } }, field)
    }

    /// `fields`, with `rankOf` giving a field's rank in `names` (spelled out for an object read
    /// very often, a history entry).
    @inline(__always)
    mutating func fields(
        _ names: [StaticString], required: [Int], at path: () -> JSONPath, unknown: inout JSONObject,
        rankOf: (Key) -> Int?, _ field: (inout CaseReading, Int, Key) throws(JSONSyntaxError) -> Void
    ) throws(JSONSyntaxError) {
        let offset = scanner.index
        let mark = problems.count
        var seen: UInt32 = 0
        var unknownKeys: Set<String>?
        try members { reading, key throws(JSONSyntaxError) in
            guard let rank = rankOf(key) else {
                try reading.unknown(key, into: &unknown, seen: &unknownKeys)
                return
            }
            try reading.claim(1 << UInt32(rank), key, in: &seen)
            try reading.colon()
            let start = reading.problems.count
            try field(&reading, rank, key)
            reading.rank(from: start, rank)
        }
        for rank in required where seen & (1 << UInt32(rank)) == 0 {
            report("missing required field \"\(names[rank])\"", at: path(), offset: offset)
            ranks[ranks.count - 1] = rank
        }
        order(from: mark)
    }

    mutating func root() throws(JSONSyntaxError) -> CaseFile? {
        var fields = RootFields()
        var unknown = JSONObject()
        try self.fields(Self.rootFieldNames, required: Self.requiredRootFields, at: { .root }, unknown: &unknown) {
            reading, rank, _ throws(JSONSyntaxError) in
            reading.fieldOffsets[rank] = reading.scanner.index
            try reading.rootField(rank, into: &fields)
        }
        fields.unknown = unknown
        guard let ref = fields.ref, let framework = fields.framework, let domain = fields.domain, let disposal = fields.disposal
        else { return nil }
        return CaseFile(
            version: fields.version ?? CaseFile.supportedVersion, ref: ref, framework: framework, frameworkHash: fields.frameworkHash,
            domain: domain, disposal: disposal, status: fields.status, details: fields.details, answers: fields.answers,
            review: fields.review, history: fields.history, conflicts: fields.conflicts, unknown: fields.unknown)
    }

    /// One field of the root, by its rank in `rootFieldNames` (the scanner at its value).
    mutating func rootField(_ rank: Int, into fields: inout RootFields) throws(JSONSyntaxError) {
        let root = JSONPath.root
        let start = scanner.index
        switch rank {
        case 0:
            if let found = try string(at: root.appending("format"), nonEmpty: true) {
                format = found
                if found != CaseFile.format {
                    report("expected format \"\(CaseFile.format)\", found \"\(found)\"", at: root.appending("format"), offset: start)
                }
            }
        case 1:
            // The usual `1`, read from the bytes.
            if current == UInt8(ascii: "1"), !isNumberByte(byte(at: start + 1)) {
                scanner.index += 1
                fields.version = 1
            } else if let version = try value(at: root.appending("version"), "a whole number", \.intValue) {
                fields.version = version
                if version < 1 {
                    report("version must be 1 or more, found \(version)", at: root.appending("version"), offset: start)
                } else if version > CaseFile.supportedVersion {
                    report(
                        "version \(version) is newer than this casemark understands (\(CaseFile.supportedVersion)); update casemark",
                        at: root.appending("version"), offset: start)
                }
            }
        case 2: fields.ref = try string(at: root.appending("ref"), nonEmpty: true)
        case 3:
            if current == quote {
                // Kept as written, blank or not: validate looks the framework up by it.
                let text = try scanner.parseString()
                frameworkText = text
                if text.isBlank {
                    report("must not be empty", at: root.appending("framework"), offset: start)
                } else {
                    fields.framework = text
                }
            } else {
                fields.framework = try string(at: root.appending("framework"), nonEmpty: true)
            }
        case 4: fields.frameworkHash = try string(at: root.appending("frameworkHash"), nonEmpty: true)
        case 5: fields.domain = try string(at: root.appending("domain"), nonEmpty: true)
        case 6: fields.disposal = try string(at: root.appending("disposal"), nonEmpty: true)
        case 7:
            if let text = try string(at: root.appending("status"), nonEmpty: true) {
                if let status = CaseStatus(rawValue: text) {
                    fields.status = status
                } else {
                    report("status must be \"in-progress\" or \"complete\", found \"\(text)\"", at: root.appending("status"), offset: start)
                }
            }
        case 8: fields.details.inspector = try string(at: root.appending("inspector"), nonEmpty: false)
        case 9:
            if let date = try string(at: root.appending("date"), nonEmpty: true) {
                if CalendarDate(date) == nil {
                    report("expected a date written YYYY-MM-DD, found \"\(date)\"", at: root.appending("date"), offset: start)
                }
                fields.details.date = date
            }
        case 10:
            fields.details.riskOfSeriousHarm = try word(
                ClassificationLevel.self, at: root.appending("riskOfSeriousHarm"), expected: "expected one of low, medium, high, very-high")
        case 11:
            fields.details.safetyAndWellbeing = try word(
                ClassificationLevel.self, at: root.appending("safetyAndWellbeing"), expected: "expected one of low, medium, high, very-high"
            )
        case 12:
            fields.details.caseManagerInterviewed = try value(at: root.appending("caseManagerInterviewed"), "true or false", \.boolValue)
        case 13:
            if try opens(UInt8(ascii: "{"), "an object", at: root.appending("details")) { fields.details.recorded = try recordedDetails() }
        case 14:
            if try opens(UInt8(ascii: "{"), "an object", at: root.appending("answers")) { fields.answers = try answers() }
        case 15:
            if try opens(UInt8(ascii: "{"), "an object", at: root.appending("review")) { fields.review = try review() }
        case 16:
            if try opens(UInt8(ascii: "["), "an array", at: root.appending("history")) { fields.history = try history() }
        default:
            let value = try scanner.parseValue()
            var collector = ProblemCollector(file: file)
            if case .array(let elements) = value {
                for (index, element) in elements.enumerated() {
                    let path = root.appending("conflicts").appending(index: index)
                    if let conflict = MergeConflict.read(element, at: path, problems: &collector) { fields.conflicts.append(conflict) }
                }
            } else {
                collector.report("expected an array, found \(value.kindName)", at: root.appending("conflicts"))
            }
            adopt(collector, within: root.appending("conflicts"), offset: start)
        }
    }

    func isNumberByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e")
            || byte == UInt8(ascii: "E")
    }

    /// Takes the problems a tree reader found in the value at `offset` (which sits at `path`).
    mutating func adopt(_ collector: ProblemCollector, within path: JSONPath, offset: Int) {
        for diagnostic in collector.diagnostics {
            problems.append(Problem(message: diagnostic.message, path: diagnostic.path ?? path, offset: offset, within: path))
            ranks.append(0)
        }
    }

    /// The declared details (`details`, the scanner at its `{`): each a string, a boolean or a
    /// whole number; what they must be is the framework's to say (`CaseChecker`).
    mutating func recordedDetails() throws(JSONSyntaxError) -> [String: DetailValue] {
        var recorded: [String: DetailValue] = [:]
        try entries { reading, id throws(JSONSyntaxError) in
            let path = JSONPath.root.appending("details").appending(id)
            if let value = try reading.value(at: path, "a string, true or false, or a whole number", DetailValue.init) {
                recorded[id] = value
            }
        }
        return recorded
    }

    // MARK: Answers

    static func answerPath(_ number: String) -> JSONPath { JSONPath.root.appending("answers").appending(number) }

    /// The answers object (the scanner at its `{`).
    mutating func answers() throws(JSONSyntaxError) -> SmallMap<Answer> {
        var numbers: [String] = []
        var answers: [Answer] = []
        numbers.reserveCapacity(16)
        answers.reserveCapacity(16)
        let inOrder = try entries { reading, number throws(JSONSyntaxError) in
            reading.answerOffsets.append((number, reading.scanner.index))
            let wasObject = reading.current == UInt8(ascii: "{")
            // An empty answer is no answer: it is not saved, so it is not kept either.
            if let answer = try reading.answer(number), !answer.isEmpty {
                numbers.append(number)
                answers.append(answer)
            } else if wasObject {
                reading.emptyAnswers.append(number)
            }
        }
        return SmallMap(keys: numbers, values: answers, inOrder: inOrder)
    }

    /// One answer, or nil having reported that it is not an object.
    mutating func answer(_ number: String) throws(JSONSyntaxError) -> Answer? {
        if let answer = writtenAnswer() { return answer }
        guard try opens(UInt8(ascii: "{"), "an object", at: Self.answerPath(number)) else { return nil }
        var answer = Answer()
        var unknown = JSONObject()
        try fields(["judgement", "prompts", "note", "promptNotes"], required: [], at: { Self.answerPath(number) }, unknown: &unknown) {
            reading, rank, _ throws(JSONSyntaxError) in
            switch rank {
            case 0:
                answer.judgement = try reading.judgement(at: Self.answerPath(number).appending("judgement"), blankIsEmpty: true)
            case 1:
                if try reading.opens(UInt8(ascii: "{"), "an object", at: Self.answerPath(number).appending("prompts")) {
                    answer.prompts = try reading.prompts(number)
                }
            case 2:
                answer.note = try reading.string(at: Self.answerPath(number).appending("note"), nonEmpty: false).flatMap {
                    $0.isEmpty ? nil : $0
                }
            default:
                if try reading.opens(UInt8(ascii: "{"), "an object", at: Self.answerPath(number).appending("promptNotes")) {
                    answer.promptNotes = try reading.promptNotes(number)
                }
            }
        }
        answer.unknown = unknown
        return answer
    }

    mutating func prompts(_ number: String) throws(JSONSyntaxError) -> PromptAnswers {
        var prompts = PromptAnswers()
        try entries { reading, letter throws(JSONSyntaxError) in
            if let judgement = try reading.judgement(
                at: Self.answerPath(number).appending("prompts").appending(letter), blankIsEmpty: false)
            {
                prompts[letter] = judgement
            }
        }
        return prompts
    }

    mutating func promptNotes(_ number: String) throws(JSONSyntaxError) -> [String: String] {
        var notes: [String: String] = [:]
        try entries { reading, letter throws(JSONSyntaxError) in
            let path = Self.answerPath(number).appending("promptNotes").appending(letter)
            if let text = try reading.string(at: path, nonEmpty: false), !text.isEmpty { notes[letter] = text }
        }
        return notes
    }

    // MARK: Review

    /// The review (the scanner at its `{`): items, then the outcomes (a lone `outcome`, as files
    /// from before outcomes were kept in order hold, first).
    mutating func review() throws(JSONSyntaxError) -> CaseReview {
        var review = CaseReview()
        var outcomes: [ReviewOutcome] = []
        func path() -> JSONPath { JSONPath.root.appending("review") }
        var unknown = JSONObject()
        try fields(["items", "outcome", "outcomes"], required: [], at: path, unknown: &unknown) {
            reading, rank, _ throws(JSONSyntaxError) in
            switch rank {
            case 0:
                if try reading.opens(UInt8(ascii: "{"), "an object", at: path().appending("items")) {
                    review.items = try reading.reviewItems()
                }
            case 1:
                if try reading.opens(UInt8(ascii: "{"), "an object", at: path().appending("outcome")),
                    let outcome = try reading.outcome(at: path().appending("outcome"))
                {
                    review.outcomes.insert(outcome, at: 0)
                }
            default:
                guard try reading.opens(UInt8(ascii: "["), "an array", at: path().appending("outcomes")) else { return }
                try reading.elements { reading, index throws(JSONSyntaxError) in
                    func at() -> JSONPath { path().appending("outcomes").appending(index: index) }
                    if try reading.opens(UInt8(ascii: "{"), "an object", at: at()), let outcome = try reading.outcome(at: at()) {
                        outcomes.append(outcome)
                    }
                }
            }
        }
        review.outcomes += outcomes
        review.unknown = unknown
        return review
    }

    mutating func reviewItems() throws(JSONSyntaxError) -> [String: ReviewItem] {
        var items: [String: ReviewItem] = [:]
        try entries { reading, name throws(JSONSyntaxError) in
            let path = JSONPath.root.appending("review").appending("items").appending(name)
            guard try reading.opens(UInt8(ascii: "{"), "an object", at: path) else { return }
            var item = ReviewItem()
            var unknown = JSONObject()
            try reading.fields(["verdict", "comment", "by", "at", "replies", "answered"], required: [], at: { path }, unknown: &unknown) {
                reading, rank, _ throws(JSONSyntaxError) in
                let field = path.appending(["verdict", "comment", "by", "at", "replies", "answered"][rank])
                switch rank {
                case 0: item.verdict = try reading.word(ReviewVerdict.self, at: field, expected: "expected \"agree\" or \"challenge\"")
                // Empty text and empty items are not written, so they are not kept either.
                case 1: item.comment = try reading.string(at: field, nonEmpty: false).flatMap { $0.isEmpty ? nil : $0 }
                case 2: item.by = try reading.string(at: field, nonEmpty: false)
                case 3: item.at = try reading.string(at: field, nonEmpty: false)
                case 4:
                    guard try reading.opens(UInt8(ascii: "["), "an array", at: field) else { return }
                    try reading.elements { reading, index throws(JSONSyntaxError) in
                        let at = field.appending(index: index)
                        if try reading.opens(UInt8(ascii: "{"), "an object", at: at), let reply = try reading.reply(at: at) {
                            item.replies.append(reply)
                        }
                    }
                default:
                    if try reading.opens(UInt8(ascii: "{"), "an object", at: field) { item.answered = try reading.answered(at: field) }
                }
            }
            item.unknown = unknown
            if !item.isEmpty { items[name] = item }
        }
        return items
    }

    mutating func reply(at path: JSONPath) throws(JSONSyntaxError) -> ReviewReply? {
        var (by, at, text): (String?, String?, String?)
        var ignored = JSONObject()
        try fields(["by", "at", "text"], required: [0, 1, 2], at: { path }, unknown: &ignored) { reading, rank, _ throws(JSONSyntaxError) in
            switch rank {
            case 0: by = try reading.string(at: path.appending("by"), nonEmpty: false)
            case 1: at = try reading.string(at: path.appending("at"), nonEmpty: true)
            default: text = try reading.string(at: path.appending("text"), nonEmpty: true)
            }
        }
        guard let by, let at, let text else { return nil }
        return ReviewReply(by: by, at: at, text: text)
    }

    /// An inspector's "answered": its `at` is looked at only when it has a `by`, as always.
    mutating func answered(at path: JSONPath) throws(JSONSyntaxError) -> ReviewStamp? {
        var (by, at): (String?, String?)
        var ignored = JSONObject()
        let mark = problems.count
        try fields(["by", "at"], required: [0, 1], at: { path }, unknown: &ignored) { reading, rank, _ throws(JSONSyntaxError) in
            if rank == 0 {
                by = try reading.string(at: path.appending("by"), nonEmpty: false)
            } else {
                at = try reading.string(at: path.appending("at"), nonEmpty: true)
            }
        }
        guard let by else {
            // Only the problems of `by` (rank 0) stand.
            let kept = (mark..<problems.count).filter { ranks[$0] == 0 }
            let (keptProblems, keptRanks) = (kept.map { problems[$0] }, kept.map { ranks[$0] })
            problems.replaceSubrange(mark..., with: keptProblems)
            ranks.replaceSubrange(mark..., with: keptRanks)
            return nil
        }
        return at.map { ReviewStamp(by: by, at: $0) }
    }

    static let outcomeFieldNames: [StaticString] = ["kind", "by", "date", "summary", "answersDigest", "historyLength", "openChallenges"]

    mutating func outcome(at path: @autoclosure () -> JSONPath) throws(JSONSyntaxError) -> ReviewOutcome? {
        var kind: ReviewOutcome.Kind?
        var (by, date, summary, digest): (String?, String?, String?, String?)
        var historyLength: Int?
        var open: [String]?
        var unknown = JSONObject()
        try fields(Self.outcomeFieldNames, required: [0, 1, 2, 4], at: path, unknown: &unknown) {
            reading, rank, _ throws(JSONSyntaxError) in
            func field() -> JSONPath { path().appending("\(Self.outcomeFieldNames[rank])") }
            let start = reading.scanner.index
            switch rank {
            case 0:
                kind = try reading.word(
                    ReviewOutcome.Kind.self, at: field(), expected: "expected \"returned\", \"signed-off\" or \"reopened\"")
            case 1: by = try reading.string(at: field(), nonEmpty: true)
            case 2:
                date = try reading.string(at: field(), nonEmpty: true)
                if let date, CalendarDate(date) == nil {
                    reading.report("expected a date written YYYY-MM-DD, found \"\(date)\"", at: field(), offset: start)
                }
            case 3: summary = try reading.string(at: field(), nonEmpty: false).flatMap { $0.isEmpty ? nil : $0 }
            case 4: digest = try reading.string(at: field(), nonEmpty: true)
            case 5:
                historyLength = try reading.value(at: field(), "a whole number", \.intValue)
                if let count = historyLength, count < 0 {
                    reading.report("expected a count of history entries, 0 or more, found \(count)", at: field(), offset: start)
                }
            default:
                guard try reading.opens(UInt8(ascii: "["), "an array", at: field()) else { return }
                var keys: [String] = []
                try reading.elements { reading, index throws(JSONSyntaxError) in
                    if let key = try reading.value(at: field().appending(index: index), "a string", \.stringValue) { keys.append(key) }
                }
                open = keys
            }
        }
        guard let kind, let by, let date, let digest else { return nil }
        var outcome = ReviewOutcome(kind: kind, by: by, date: date, summary: summary, answersDigest: digest)
        outcome.historyLength = historyLength
        outcome.openChallenges = open
        outcome.unknown = unknown
        return outcome
    }

    // MARK: History

    mutating func history() throws(JSONSyntaxError) -> [HistoryEntry] {
        var history: [HistoryEntry] = []
        try elements { reading, index throws(JSONSyntaxError) in
            if reading.writtenHistoryEntry(into: &history) { return }
            if let entry = try reading.historyEntry(index) { history.append(entry) }
        }
        return history
    }

    static let historyFieldNames: [StaticString] = ["at", "by", "field", "item", "old", "new"]

    /// The rank of a history entry's field in `historyFieldNames`, spelled out: this runs for
    /// every field of every entry, most of a report's reading.
    @inline(__always) static func historyRank(_ key: Key) -> Int? {
        if key.equals("at") { return 0 }
        if key.equals("by") { return 1 }
        if key.equals("field") { return 2 }
        if key.equals("item") { return 3 }
        if key.equals("old") { return 4 }
        if key.equals("new") { return 5 }
        return nil
    }

    /// One entry; when the history is not kept, checked alike but not built (nil).
    mutating func historyEntry(_ index: Int) throws(JSONSyntaxError) -> HistoryEntry? {
        func path() -> JSONPath { JSONPath.root.appending("history").appending(index: index) }
        guard try opens(UInt8(ascii: "{"), "an object", at: path()) else { return nil }
        var time: HistoryTime?
        var by: String?
        var field: HistoryEntry.Field?
        var item: String?
        var old: String?
        var new: String?
        var unknown = JSONObject()
        let keeps = keepsHistory
        try fields(Self.historyFieldNames, required: [0, 1, 2, 3], at: path, unknown: &unknown, rankOf: Self.historyRank) {
            reading, rank, key throws(JSONSyntaxError) in
            func fieldPath() -> JSONPath { path().appending(key.string) }
            if rank == 2 {
                field = try reading.word(
                    HistoryEntry.Field.self, at: fieldPath(), expected: "expected judgement, prompt, note, status, detail or review",
                    inPlace: HistoryEntry.Field.init(bytes:))
            } else if !keeps {
                _ = try reading.checkString(at: fieldPath(), nonEmpty: rank == 0)
            } else {
                switch rank {
                case 0: time = try reading.historyTime(at: fieldPath())
                case 1: by = try reading.historyAuthor(at: fieldPath())
                case 3: item = try reading.string(at: fieldPath(), nonEmpty: false)
                case 4: old = try reading.string(at: fieldPath(), nonEmpty: false)
                default: new = try reading.string(at: fieldPath(), nonEmpty: false)
                }
            }
        }
        guard keeps, let time, let by, let field, let item else { return nil }
        var entry = HistoryEntry(time: time, by: by, field: field, item: item, old: old, new: new)
        entry.unknown = unknown
        return entry
    }

    /// A history entry's `by`, as `string` reads it.
    ///
    /// One person usually makes a case's whole history, and a name of more than 15 bytes is a heap
    /// allocation of its own: an entry by the same name as the last one shares its string.
    mutating func historyAuthor(at path: @autoclosure () -> JSONPath) throws(JSONSyntaxError) -> String? {
        let start = scanner.index
        if let raw = rawASCII() {
            if let lastAuthor, lastAuthor.utf8.elementsEqual(raw) { return lastAuthor }
            scanner.index = start
        }
        let author = try string(at: path(), nonEmpty: false)
        if author != nil { lastAuthor = author }
        return author
    }

    /// A history entry's time, as `string(nonEmpty: true)` reads it: packed from the bytes when
    /// written the usual way.
    mutating func historyTime(at path: @autoclosure () -> JSONPath) throws(JSONSyntaxError) -> HistoryTime? {
        let start = scanner.index
        if let raw = rawASCII() {
            if let time = HistoryTime(packing: raw) { return time }
            scanner.index = start
        }
        return try string(at: path(), nonEmpty: true).map(HistoryTime.init)
    }
}

/// Whether the keys of an object keyed by data come in order, and if not, which were seen: a key
/// twice is a syntax error (keys compared as Swift strings, as the tree compares them).
struct KeyOrder {
    /// Where the object's `{` is.
    let objectStart: Int
    var last: String?
    var inOrder = true
    var seen: Set<String>?

    init(objectStart: Int) {
        self.objectStart = objectStart
    }

    /// False when `key` was seen before in this object.
    mutating func isNew(_ text: String, key: CaseReading.Key, reading: CaseReading) -> Bool {
        if seen != nil { return seen?.insert(text).inserted ?? true }
        defer { last = text }
        guard let last, !(last < text) else { return true }
        // Out of order: every key so far, gathered once, then each new one looked up.
        inOrder = false
        var keys = reading.keys(ofObjectAt: objectStart, before: key.start)
        let inserted = keys.insert(text).inserted
        seen = keys
        return inserted
    }
}

extension CaseReading {
    /// The keys of the object at `start` whose members begin before `end` (already read, so
    /// valid): read again, once, when the object's keys first come out of order.
    func keys(ofObjectAt start: Int, before end: Int) -> Set<String> {
        var parser = JSONParser(bytes: scanner.bytes)
        parser.index = start + 1
        var keys = Set<String>()
        while true {
            parser.skipWhitespace()
            guard parser.index < end, let key = try? parser.parseString() else { break }
            keys.insert(key)
            parser.skipWhitespace()
            parser.index += 1
            parser.skipWhitespace()
            guard (try? parser.parseValue()) != nil else { break }
            parser.skipWhitespace()
            parser.index += 1
        }
        return keys
    }
}

extension SmallMap {
    /// The map of `keys` (unique) and `values`: as they are when `inOrder`, else sorted once.
    init(keys: [String], values: [Value], inOrder: Bool) {
        if inOrder {
            self.init(sortedKeys: keys, values: values)
        } else {
            self.init(uniqueKeysWithValues: Array(zip(keys, values)))
        }
    }
}

extension HistoryEntry.Field {
    /// The field named by `bytes`, written plainly.
    ///
    /// Found by its first letter (and, for the two that share one, its length), then compared.
    /// A test checks every field is found.
    init?(bytes: UnsafeBufferPointer<UInt8>) {
        guard let first = bytes.first else { return nil }
        let field: Self
        switch first {
        case UInt8(ascii: "j"): field = .judgement
        case UInt8(ascii: "p"): field = .prompt
        case UInt8(ascii: "n"): field = .note
        case UInt8(ascii: "s"): field = .status
        case UInt8(ascii: "d"): field = .detail
        case UInt8(ascii: "r"): field = bytes.count == 6 ? .review : .resolved
        default: return nil
        }
        var name = field.rawValue
        guard name.withUTF8({ CaseReading.Key.same(bytes, $0) }) else { return nil }
        self = field
    }
}
