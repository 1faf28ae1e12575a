import Foundation

/// A fast path for reading case files: straight from the file's bytes to `CaseFile`, with no
/// `JSONValue` tree and no JSON paths.
///
/// It only ever answers for a file it understands completely, that `JSONParser` and
/// `CaseFile.read` would accept without a single problem, and then gives exactly the value they
/// give. On anything else (a syntax error, an unknown, duplicate or missing key, a wrong type, an
/// unknown enum value, a newer version, a byte-order mark, a blank required string, a lone
/// surrogate, ...) it declines with nil, and the caller runs the slow reader, which stays the
/// single source of truth for what is wrong and where. Declining is always safe; answering with
/// a different value is never allowed (tests compare the two readers on generated and broken
/// files).
///
/// Fields this version does not know are kept by the slow reader (`unknown`); the fast path
/// declines on them rather than keep them, so a field added later to the format simply takes the
/// slow path until this decoder learns it.
public enum CaseFileFastDecoder {
    /// The case in `bytes`, or nil to leave the file to the slow reader.
    ///
    /// With `keepingHistory` false the history is checked exactly as when it is kept (the file
    /// is declined in the same cases) but not built: the case comes back with an empty
    /// `history`. A report needs no history, and building it was about half of loading real
    /// case files, whose history is most of their length.
    public static func decode(_ bytes: [UInt8], keepingHistory: Bool = true) -> CaseFile? {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = FastCaseReader(buffer)
            reader.keepsHistory = keepingHistory
            defer { reader.scratch.deallocate() }
            do {
                var file = try reader.caseFile()
                file.historyIsLoaded = keepingHistory
                return file
            } catch {
                return nil
            }
        }
    }
}

/// The fast path declines: the slow reader must decide.
struct FastDecline: Error {}

private let quote = UInt8(ascii: "\"")
private let backslash = UInt8(ascii: "\\")
private let colon = UInt8(ascii: ":")
private let comma = UInt8(ascii: ",")
private let openBrace = UInt8(ascii: "{")
private let closeBrace = UInt8(ascii: "}")
private let openBracket = UInt8(ascii: "[")
private let closeBracket = UInt8(ascii: "]")

private struct FastCaseReader {
    let base: UnsafePointer<UInt8>?
    let count: Int
    var index = 0
    /// Where `rawString` keeps the decoded bytes of a key or word written with escapes (rare).
    var scratch = UnsafeMutableBufferPointer<UInt8>(start: nil, count: 0)
    /// False to check the history without building it.
    var keepsHistory = true
    /// The last history entry's `by`, shared by the next entries with the same name.
    var lastAuthor: String?

    init(_ buffer: UnsafeBufferPointer<UInt8>) {
        base = buffer.baseAddress
        count = buffer.count
    }

    // MARK: Bytes

    /// The byte at `position`, or 0 past the end: 0 is never valid where the reader looks, so
    /// the end of the file always ends in a decline.
    @inline(__always) func byte(_ position: Int) -> UInt8 {
        position < count ? base.unsafelyUnwrapped[position] : 0
    }

    @inline(__always) var current: UInt8 { byte(index) }

    @inline(__always) mutating func skipWhitespace() {
        while index < count {
            switch base.unsafelyUnwrapped[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    @inline(__always) mutating func expect(_ expected: UInt8) throws(FastDecline) {
        guard current == expected else { throw FastDecline() }
        index += 1
    }

    /// After a member or element: true on `,` (another follows), false on `end`.
    @inline(__always) mutating func next(orEnd end: UInt8) throws(FastDecline) -> Bool {
        skipWhitespace()
        let found = current
        index += 1
        if found == comma { return true }
        if found == end { return false }
        throw FastDecline()
    }

    /// Enters an object: true when it has members (the reader is then at the first key).
    @inline(__always) mutating func openObject() throws(FastDecline) -> Bool {
        try expect(openBrace)
        skipWhitespace()
        if current == closeBrace {
            index += 1
            return false
        }
        return true
    }

    // MARK: Strings

    /// A string's bytes, for keys and enum words, which are compared byte for byte with ASCII names
    /// (so their UTF-8 needs no checking).
    ///
    /// Valid until the next call.
    mutating func rawString() throws(FastDecline) -> UnsafeBufferPointer<UInt8> {
        try expect(quote)
        let start = index
        while true {
            let found = current
            if found == quote { break }
            if found == backslash { return try escapedRawString(from: start) }
            // A control character is a syntax error, and 0 is also the end of the file.
            if found < 0x20 { throw FastDecline() }
            index += 1
        }
        let slice = UnsafeBufferPointer(start: base.unsafelyUnwrapped + start, count: index - start)
        index += 1
        return slice
    }

    /// `rawString` for a string written with escapes: decoded, then kept in `scratch`.
    private mutating func escapedRawString(from start: Int) throws(FastDecline) -> UnsafeBufferPointer<UInt8> {
        var text = try escapedString(from: start)
        return text.withUTF8 { decoded in
            if scratch.count < decoded.count {
                scratch.deallocate()
                scratch = .allocate(capacity: max(64, decoded.count))
            }
            _ = scratch.initialize(from: decoded)
            return UnsafeBufferPointer(start: scratch.baseAddress, count: decoded.count)
        }
    }

    /// A member's key, then the `:` after it.
    @inline(__always) mutating func key() throws(FastDecline) -> UnsafeBufferPointer<UInt8> {
        skipWhitespace()
        let key = try rawString()
        skipWhitespace()
        try expect(colon)
        skipWhitespace()
        return key
    }

    /// A string value, decoded exactly as `JSONParser` decodes it.
    mutating func string() throws(FastDecline) -> String {
        try expect(quote)
        let start = index
        var ascii = true
        while true {
            let found = current
            if found == quote { break }
            if found == backslash { return try escapedString(from: start) }
            if found < 0x20 { throw FastDecline() }
            if found >= 0x80 { ascii = false }
            index += 1
        }
        let slice = UnsafeBufferPointer(start: base.unsafelyUnwrapped + start, count: index - start)
        index += 1
        if ascii { return String(decoding: slice, as: UTF8.self) }
        guard let text = String(validating: slice, as: UTF8.self) else { throw FastDecline() }
        return text
    }

    /// The rest of a string holding escapes, from its first byte at `start`; the reader is at the
    /// first backslash.
    ///
    /// Mirrors `JSONParser.parseString`.
    private mutating func escapedString(from start: Int) throws(FastDecline) -> String {
        var buffer = Array(UnsafeBufferPointer(start: base.unsafelyUnwrapped + start, count: index - start))
        while true {
            let found = current
            switch found {
            case quote:
                index += 1
                guard let text = String(validating: buffer, as: UTF8.self) else { throw FastDecline() }
                return text
            case backslash:
                let escape = byte(index + 1)
                index += 2
                if let byte = JSONEscape.shortEscape(escape) {
                    buffer.append(byte)
                } else if escape == UInt8(ascii: "u") {
                    UTF8.encode(try unicodeEscape()) { buffer.append($0) }
                } else {
                    throw FastDecline()
                }
            default:
                if found < 0x20 { throw FastDecline() }
                buffer.append(found)
                index += 1
            }
        }
    }

    private mutating func hex4() throws(FastDecline) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = JSONEscape.hexDigit(current) else { throw FastDecline() }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    /// The character of a `\u` escape (the reader is after the `u`): a surrogate pair makes one,
    /// a lone surrogate declines.
    private mutating func unicodeEscape() throws(FastDecline) -> Unicode.Scalar {
        let first = try hex4()
        if JSONEscape.isHighSurrogate(first) {
            guard current == backslash, byte(index + 1) == UInt8(ascii: "u") else { throw FastDecline() }
            index += 2
            let second = try hex4()
            guard let scalar = JSONEscape.scalar(high: first, low: second) else { throw FastDecline() }
            return scalar
        }
        guard let scalar = Unicode.Scalar(first) else { throw FastDecline() }
        return scalar
    }

    /// A string that is not empty: the slow reader reads empty text as no text (a note, a
    /// comment, a summary), so an empty one is left to it.
    mutating func nonEmptyString() throws(FastDecline) -> String {
        let text = try string()
        if text.isEmpty { throw FastDecline() }
        return text
    }

    /// A string that `ProblemCollector.string(..., nonEmpty: true)` accepts: declines on one
    /// that is empty after trimming whitespace and newlines.
    mutating func nonBlankString() throws(FastDecline) -> String {
        let text = try string()
        if text.isBlank { throw FastDecline() }
        return text
    }

    // MARK: Other values

    /// `true` or `false`.
    mutating func bool() throws(FastDecline) -> Bool {
        if current == UInt8(ascii: "t"), byte(index + 1) == UInt8(ascii: "r"), byte(index + 2) == UInt8(ascii: "u"),
            byte(index + 3) == UInt8(ascii: "e")
        {
            index += 4
            return true
        }
        if current == UInt8(ascii: "f"), byte(index + 1) == UInt8(ascii: "a"), byte(index + 2) == UInt8(ascii: "l"),
            byte(index + 3) == UInt8(ascii: "s"), byte(index + 4) == UInt8(ascii: "e")
        {
            index += 5
            return false
        }
        throw FastDecline()
    }

    /// A whole number written as plain digits (no sign, fraction, exponent or leading zero),
    /// small enough for `Int`; anything else declines.
    mutating func plainInteger() throws(FastDecline) -> Int {
        let start = index
        var value = 0
        while case let found = current, found >= UInt8(ascii: "0"), found <= UInt8(ascii: "9") {
            // More than 18 digits might not fit: left to the slow path.
            guard index - start < 18 else { throw FastDecline() }
            value = value * 10 + Int(found - UInt8(ascii: "0"))
            index += 1
        }
        let digits = index - start
        guard digits > 0, !(digits > 1 && byte(start) == UInt8(ascii: "0")) else { throw FastDecline() }
        // A fraction or exponent would make this a different number (and not a whole one).
        switch current {
        case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): throw FastDecline()
        default: return value
        }
    }

    // MARK: Enums

    mutating func judgement() throws(FastDecline) -> Judgement {
        let word = try rawString()
        if word.count == 3, word[0] == UInt8(ascii: "y"), word[1] == UInt8(ascii: "e"), word[2] == UInt8(ascii: "s") {
            return .yes
        }
        if word.count == 2, word[0] == UInt8(ascii: "n") {
            if word[1] == UInt8(ascii: "o") { return .no }
            if word[1] == UInt8(ascii: "a") { return .na }
        }
        throw FastDecline()
    }

    /// A string that must be one of the raw values of `T`, compared byte for byte.
    mutating func word<T: RawRepresentable & CaseIterable>(_ type: T.Type) throws(FastDecline) -> T where T.RawValue == String {
        let word = try rawString()
        for candidate in T.allCases where Self.equals(word, text: candidate.rawValue) {
            return candidate
        }
        throw FastDecline()
    }

    static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ text: StaticString) -> Bool {
        guard bytes.count == text.utf8CodeUnitCount else { return false }
        guard let base = bytes.baseAddress else { return true }  // both empty
        return memcmp(base, text.utf8Start, bytes.count) == 0
    }

    /// For a `String` that is not a literal (field names are literals, and take the
    /// `StaticString` version above, which needs no copy of the text).
    static func equals(_ bytes: UnsafeBufferPointer<UInt8>, text: String) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            guard utf8.count == bytes.count else { return false }
            guard let mine = utf8.baseAddress, let theirs = bytes.baseAddress else { return true }  // both empty
            return memcmp(mine, theirs, bytes.count) == 0
        }
    }

    // MARK: The case file

    // MARK: Objects

    /// Reads an object of named fields, each at most once (a field twice declines).
    ///
    /// `field` reads the value of a field it knows and gives that field's own bit, or declines on a
    /// field it does not know. Gives the bits of the fields seen: 0 for an empty object.
    @inline(__always)
    mutating func fields(
        _ field: (inout FastCaseReader, UnsafeBufferPointer<UInt8>) throws(FastDecline) -> UInt32
    ) throws(FastDecline) -> UInt32 {
        guard try openObject() else { return 0 }
        var seen: UInt32 = 0
        repeat {
            let name = try key()
            let bit = try field(&self, name)
            guard seen & bit == 0 else { throw FastDecline() }
            seen |= bit
        } while try next(orEnd: closeBrace)
        return seen
    }

    /// Reads an object keyed by data (key-question numbers, prompt letters): `entry` reads the
    /// value under each key and stores it, giving false when the key was there already (a
    /// duplicate key, which the slow path reports as a syntax error).
    @inline(__always)
    mutating func entries(_ entry: (inout FastCaseReader, String) throws(FastDecline) -> Bool) throws(FastDecline) {
        guard try openObject() else { return }
        repeat {
            skipWhitespace()
            let key = try string()
            skipWhitespace()
            try expect(colon)
            skipWhitespace()
            // Keys are compared as Swift strings, as the slow path compares them.
            guard try entry(&self, key) else { throw FastDecline() }
        } while try next(orEnd: closeBrace)
    }

    // MARK: The case file

    mutating func caseFile() throws(FastDecline) -> CaseFile {
        skipWhitespace()
        var ref: String?
        var framework: String?
        var frameworkHash: String?
        var domain: String?
        var disposal: String?
        var status: CaseStatus?
        var details = CaseDetails()
        var answers: SmallMap<Answer>?
        var review = CaseReview()
        var history: [HistoryEntry] = []
        let seen = try fields { reader, name throws(FastDecline) in
            if Self.equals(name, "format") {
                guard Self.equals(try reader.rawString(), "casemark/case") else { throw FastDecline() }
                return 1 << 0
            } else if Self.equals(name, "version") {
                // Only the version this program understands; anything else has a problem to report.
                guard try reader.plainInteger() == CaseFile.supportedVersion else { throw FastDecline() }
                return 1 << 1
            } else if Self.equals(name, "ref") {
                ref = try reader.nonBlankString()
                return 1 << 2
            } else if Self.equals(name, "framework") {
                framework = try reader.nonBlankString()
                return 1 << 3
            } else if Self.equals(name, "frameworkHash") {
                frameworkHash = try reader.nonBlankString()
                return 1 << 4
            } else if Self.equals(name, "domain") {
                domain = try reader.nonBlankString()
                return 1 << 5
            } else if Self.equals(name, "disposal") {
                disposal = try reader.nonBlankString()
                return 1 << 6
            } else if Self.equals(name, "status") {
                status = try reader.word(CaseStatus.self)
                return 1 << 7
            } else if Self.equals(name, "inspector") {
                details.inspector = try reader.string()
                return 1 << 8
            } else if Self.equals(name, "date") {
                let date = try reader.string()
                guard CalendarDate(date) != nil else { throw FastDecline() }
                details.date = date
                return 1 << 9
            } else if Self.equals(name, "riskOfSeriousHarm") {
                details.riskOfSeriousHarm = try reader.word(ClassificationLevel.self)
                return 1 << 10
            } else if Self.equals(name, "safetyAndWellbeing") {
                details.safetyAndWellbeing = try reader.word(ClassificationLevel.self)
                return 1 << 11
            } else if Self.equals(name, "caseManagerInterviewed") {
                details.caseManagerInterviewed = try reader.bool()
                return 1 << 12
            } else if Self.equals(name, "details") {
                details.recorded = try reader.detailsObject()
                return 1 << 16
            } else if Self.equals(name, "answers") {
                answers = try reader.answersObject()
                return 1 << 13
            } else if Self.equals(name, "review") {
                review = try reader.reviewObject()
                return 1 << 14
            } else if Self.equals(name, "history") {
                history = try reader.historyArray()
                return 1 << 15
            }
            throw FastDecline()
        }
        skipWhitespace()
        // `format` and `version` are required; so are the fields unwrapped here.
        guard index == count, seen & 0b11 == 0b11, let ref, let framework, let domain, let disposal, let status, let answers
        else { throw FastDecline() }
        return CaseFile(
            version: CaseFile.supportedVersion, ref: ref, framework: framework, frameworkHash: frameworkHash, domain: domain,
            disposal: disposal, status: status, details: details, answers: answers, review: review, history: history, conflicts: [],
            unknown: JSONObject())
    }

    /// The declared details: strings, booleans and plain whole numbers; anything else (a negative
    /// number, a value of another type) is left to the full reader.
    mutating func detailsObject() throws(FastDecline) -> [String: DetailValue] {
        var recorded: [String: DetailValue] = [:]
        try entries { reader, id throws(FastDecline) in
            let value: DetailValue
            switch reader.current {
            case UInt8(ascii: "\""): value = .text(try reader.string())
            case UInt8(ascii: "t"), UInt8(ascii: "f"): value = .flag(try reader.bool())
            default: value = .number(try reader.plainInteger())
            }
            return recorded.updateValue(value, forKey: id) == nil
        }
        return recorded
    }

    /// More answers or prompt answers than any framework has: the fast path leaves such a file
    /// to the full reader.
    static let mostEntries = 1_000

    mutating func answersObject() throws(FastDecline) -> SmallMap<Answer> {
        // Sized for the usual number of key questions.
        var answers = SmallMap<Answer>(minimumCapacity: 12)
        try entries { reader, number throws(FastDecline) in
            // An empty answer is dropped by the slow reader: left to it. So is a map far larger
            // than any framework's (whose keys, out of order, would each be moved into place).
            let answer = try reader.answer()
            return !answer.isEmpty && answers.count < Self.mostEntries && answers.updateValue(answer, forKey: number) == nil
        }
        return answers
    }

    mutating func answer() throws(FastDecline) -> Answer {
        var answer = Answer()
        _ = try fields { reader, name throws(FastDecline) in
            if Self.equals(name, "judgement") {
                answer.judgement = try reader.judgement()
                return 1
            } else if Self.equals(name, "prompts") {
                answer.prompts = try reader.promptsObject()
                return 2
            } else if Self.equals(name, "note") {
                answer.note = try reader.nonEmptyString()
                return 4
            } else if Self.equals(name, "promptNotes") {
                answer.promptNotes = try reader.notesObject()
                return 8
            }
            throw FastDecline()
        }
        return answer
    }

    mutating func promptsObject() throws(FastDecline) -> SmallMap<Judgement> {
        var prompts = SmallMap<Judgement>(minimumCapacity: 8)
        try entries { reader, letter throws(FastDecline) in
            let judgement = try reader.judgement()
            return prompts.count < Self.mostEntries && prompts.updateValue(judgement, forKey: letter) == nil
        }
        return prompts
    }

    mutating func notesObject() throws(FastDecline) -> [String: String] {
        var notes: [String: String] = [:]
        try entries { reader, letter throws(FastDecline) in
            notes.updateValue(try reader.nonEmptyString(), forKey: letter) == nil
        }
        return notes
    }

    // MARK: Review and history

    mutating func reviewObject() throws(FastDecline) -> CaseReview {
        var review = CaseReview()
        _ = try fields { reader, name throws(FastDecline) in
            if Self.equals(name, "items") {
                var items: [String: ReviewItem] = [:]
                try reader.entries { reader, key throws(FastDecline) in
                    // An empty item is dropped by the slow reader: left to it.
                    let item = try reader.reviewItem()
                    return !item.isEmpty && items.updateValue(item, forKey: key) == nil
                }
                review.items = items
                return 1
            } else if Self.equals(name, "outcome") {
                // Before outcomes were kept in order: the latest alone, read as the first.
                review.outcomes.insert(try reader.reviewOutcome(), at: 0)
                return 2
            } else if Self.equals(name, "outcomes") {
                try reader.expect(openBracket)
                reader.skipWhitespace()
                if reader.current == closeBracket {
                    reader.index += 1
                    return 4
                }
                repeat {
                    reader.skipWhitespace()
                    review.outcomes.append(try reader.reviewOutcome())
                    reader.skipWhitespace()
                } while try reader.next(orEnd: closeBracket)
                return 4
            }
            throw FastDecline()
        }
        return review
    }

    mutating func reviewItem() throws(FastDecline) -> ReviewItem {
        var item = ReviewItem()
        _ = try fields { reader, name throws(FastDecline) in
            if Self.equals(name, "verdict") {
                item.verdict = try reader.word(ReviewVerdict.self)
                return 1
            } else if Self.equals(name, "comment") {
                item.comment = try reader.nonEmptyString()
                return 2
            } else if Self.equals(name, "by") {
                item.by = try reader.string()
                return 4
            } else if Self.equals(name, "at") {
                item.at = try reader.string()
                return 8
            }
            throw FastDecline()
        }
        return item
    }

    mutating func reviewOutcome() throws(FastDecline) -> ReviewOutcome {
        var kind: ReviewOutcome.Kind?
        var by: String?
        var date: String?
        var summary: String?
        var digest: String?
        var historyLength: Int?
        _ = try fields { reader, name throws(FastDecline) in
            if Self.equals(name, "kind") {
                kind = try reader.word(ReviewOutcome.Kind.self)
                return 1
            } else if Self.equals(name, "by") {
                by = try reader.nonBlankString()
                return 2
            } else if Self.equals(name, "date") {
                let text = try reader.string()
                guard CalendarDate(text) != nil else { throw FastDecline() }
                date = text
                return 4
            } else if Self.equals(name, "summary") {
                summary = try reader.nonEmptyString()
                return 8
            } else if Self.equals(name, "answersDigest") {
                digest = try reader.nonBlankString()
                return 16
            } else if Self.equals(name, "historyLength") {
                historyLength = try reader.plainInteger()
                return 32
            }
            throw FastDecline()
        }
        guard let kind, let by, let date, let digest else { throw FastDecline() }
        var outcome = ReviewOutcome(kind: kind, by: by, date: date, summary: summary, answersDigest: digest)
        outcome.historyLength = historyLength
        return outcome
    }

    mutating func historyArray() throws(FastDecline) -> [HistoryEntry] {
        var history: [HistoryEntry] = []
        try expect(openBracket)
        skipWhitespace()
        if current == closeBracket {
            index += 1
            return history
        }
        repeat {
            skipWhitespace()
            if keepsHistory {
                history.append(try historyEntry())
            } else {
                try checkHistoryEntry()
            }
        } while try next(orEnd: closeBracket)
        return history
    }

    mutating func historyEntry() throws(FastDecline) -> HistoryEntry {
        var at: HistoryTime?
        var by: String?
        var field: HistoryEntry.Field?
        var item: String?
        var old: String?
        var new: String?
        _ = try fields { reader, name throws(FastDecline) in
            if Self.equals(name, "at") {
                at = try reader.historyTime()
                return 1
            } else if Self.equals(name, "by") {
                by = try reader.historyAuthor()
                return 2
            } else if Self.equals(name, "field") {
                field = try reader.word(HistoryEntry.Field.self)
                return 4
            } else if Self.equals(name, "item") {
                item = try reader.string()
                return 8
            } else if Self.equals(name, "old") {
                old = try reader.string()
                return 16
            } else if Self.equals(name, "new") {
                new = try reader.string()
                return 32
            }
            throw FastDecline()
        }
        guard let at, let by, let field, let item else { throw FastDecline() }
        return HistoryEntry(time: at, by: by, field: field, item: item, old: old, new: new)
    }

    /// A history entry's `by`, as `string()` reads it.
    ///
    /// One person usually makes a case's whole history, and a name of more than 15 bytes is a heap
    /// allocation of its own: an entry by the same name as the last one shares its string.
    mutating func historyAuthor() throws(FastDecline) -> String {
        let start = index
        // Bytes equal to the last name's are valid UTF-8 and read as that name.
        if let text = try unescapedString(), let lastAuthor, Self.equals(text, text: lastAuthor) {
            return lastAuthor
        }
        index = start
        let author = try string()
        lastAuthor = author
        return author
    }

    /// A history entry's time, as `nonBlankString()` reads it: packed from the bytes when
    /// written the usual way, else read as a string.
    mutating func historyTime() throws(FastDecline) -> HistoryTime {
        let start = index
        if let text = try unescapedString(), let time = HistoryTime(packing: text) { return time }
        index = start
        return HistoryTime(try nonBlankString())
    }

    /// `historyEntry()` without building the entry: the same fields, the same checks, the same
    /// declines; strings are looked at in place unless they hold escapes or non-ASCII text.
    mutating func checkHistoryEntry() throws(FastDecline) {
        let seen = try fields { reader, name throws(FastDecline) in
            if Self.equals(name, "at") {
                try reader.checkString(nonBlank: true)
                return 1
            } else if Self.equals(name, "by") {
                try reader.checkString(nonBlank: false)
                return 2
            } else if Self.equals(name, "field") {
                _ = try reader.word(HistoryEntry.Field.self)
                return 4
            } else if Self.equals(name, "item") {
                try reader.checkString(nonBlank: false)
                return 8
            } else if Self.equals(name, "old") {
                try reader.checkString(nonBlank: false)
                return 16
            } else if Self.equals(name, "new") {
                try reader.checkString(nonBlank: false)
                return 32
            }
            throw FastDecline()
        }
        guard seen & 0b1111 == 0b1111 else { throw FastDecline() }
    }

    /// Checks what `string()` (or `nonBlankString()`) would read, declining where they decline.
    ///
    /// Plain ASCII, the usual case, is checked on the bytes; anything else is read as a string.
    mutating func checkString(nonBlank: Bool) throws(FastDecline) {
        let start = index
        if let text = try unescapedString(), text.allSatisfy({ $0 < 0x80 }) {
            // Unescaped ASCII has no control characters, so it is blank only when all spaces.
            if nonBlank && text.allSatisfy({ $0 == UInt8(ascii: " ") }) { throw FastDecline() }
            return
        }
        index = start
        _ = nonBlank ? try nonBlankString() : try string()
    }

    /// The next string's bytes as they stand in the file, or nil when it is written with escapes
    /// (the reader then stands after the string, and the caller goes back to read it properly).
    ///
    /// Declines where `rawString()` does. Bytes that are valid UTF-8 are what `string()` reads.
    mutating func unescapedString() throws(FastDecline) -> UnsafeBufferPointer<UInt8>? {
        let start = index
        let text = try rawString()
        // `rawString` decodes escapes into `scratch`: only bytes straight from the file count.
        return text.baseAddress == base.map({ $0 + start + 1 }) ? text : nil
    }
}
