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
    public static func decode(_ bytes: [UInt8]) -> CaseFile? {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = FastCaseReader(buffer)
            defer { reader.scratch.deallocate() }
            do {
                return try reader.caseFile()
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

    /// A string's bytes, for keys and enum words, which are compared byte for byte with ASCII
    /// names (so their UTF-8 needs no checking). Valid until the next call.
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

    /// The rest of a string holding escapes, from its first byte at `start`; the reader is at
    /// the first backslash. Mirrors `JSONParser.parseString`.
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
                switch escape {
                case quote: buffer.append(0x22)
                case backslash: buffer.append(0x5C)
                case UInt8(ascii: "/"): buffer.append(0x2F)
                case UInt8(ascii: "b"): buffer.append(0x08)
                case UInt8(ascii: "f"): buffer.append(0x0C)
                case UInt8(ascii: "n"): buffer.append(0x0A)
                case UInt8(ascii: "r"): buffer.append(0x0D)
                case UInt8(ascii: "t"): buffer.append(0x09)
                case UInt8(ascii: "u"):
                    let scalar = try unicodeEscape()
                    UTF8.encode(scalar) { buffer.append($0) }
                default:
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
            let found = current
            let digit: UInt32
            switch found {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(found - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(found - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(found - UInt8(ascii: "A") + 10)
            default: throw FastDecline()
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    /// The character of a `\u` escape (the reader is after the `u`): a surrogate pair makes one,
    /// a lone surrogate declines.
    private mutating func unicodeEscape() throws(FastDecline) -> Unicode.Scalar {
        let first = try hex4()
        if (0xD800...0xDBFF).contains(first) {
            guard current == backslash, byte(index + 1) == UInt8(ascii: "u") else { throw FastDecline() }
            index += 2
            let second = try hex4()
            guard (0xDC00...0xDFFF).contains(second),
                let scalar = Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
            else { throw FastDecline() }
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
        if Self.isBlank(text) { throw FastDecline() }
        return text
    }

    /// Whether a text is empty once whitespace and newlines are trimmed, as the slow reader
    /// decides it. Any printable ASCII character settles it at once; only a text without one
    /// (rare) asks Foundation, exactly as the slow reader does.
    static func isBlank(_ text: String) -> Bool {
        for unit in text.utf8 where unit > 0x20 && unit < 0x7F {
            return false
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
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
        for candidate in T.allCases where Self.equals(word, candidate.rawValue) {
            return candidate
        }
        throw FastDecline()
    }

    static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ text: StaticString) -> Bool {
        guard bytes.count == text.utf8CodeUnitCount else { return false }
        return bytes.count == 0 || memcmp(bytes.baseAddress!, text.utf8Start, bytes.count) == 0
    }

    static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ text: String) -> Bool {
        var text = text
        return text.withUTF8 { $0.elementsEqual(bytes) }
    }

    // MARK: The case file

    mutating func caseFile() throws(FastDecline) -> CaseFile {
        skipWhitespace()
        guard try openObject() else { throw FastDecline() }
        var seen: UInt32 = 0
        func first(_ bit: UInt32) throws(FastDecline) {
            guard seen & bit == 0 else { throw FastDecline() }
            seen |= bit
        }
        var ref: String?
        var framework: String?
        var frameworkHash: String?
        var domain: String?
        var disposal: String?
        var status: CaseStatus?
        var details = CaseDetails()
        var answers: [String: Answer]?
        var review = CaseReview()
        var history: [HistoryEntry] = []
        repeat {
            let key = try key()
            if Self.equals(key, "format") {
                try first(1 << 0)
                guard Self.equals(try rawString(), "casemark/case") else { throw FastDecline() }
            } else if Self.equals(key, "version") {
                try first(1 << 1)
                // Only the version this program understands; anything else has a problem to report.
                guard try plainInteger() == CaseFile.supportedVersion else { throw FastDecline() }
            } else if Self.equals(key, "ref") {
                try first(1 << 2)
                ref = try nonBlankString()
            } else if Self.equals(key, "framework") {
                try first(1 << 3)
                framework = try nonBlankString()
            } else if Self.equals(key, "frameworkHash") {
                try first(1 << 15)
                frameworkHash = try nonBlankString()
            } else if Self.equals(key, "domain") {
                try first(1 << 4)
                domain = try nonBlankString()
            } else if Self.equals(key, "disposal") {
                try first(1 << 5)
                disposal = try nonBlankString()
            } else if Self.equals(key, "status") {
                try first(1 << 6)
                status = try word(CaseStatus.self)
            } else if Self.equals(key, "inspector") {
                try first(1 << 7)
                details.inspector = try string()
            } else if Self.equals(key, "date") {
                try first(1 << 8)
                let date = try string()
                guard CalendarDate(date) != nil else { throw FastDecline() }
                details.date = date
            } else if Self.equals(key, "riskOfSeriousHarm") {
                try first(1 << 9)
                details.riskOfSeriousHarm = try word(ClassificationLevel.self)
            } else if Self.equals(key, "safetyAndWellbeing") {
                try first(1 << 10)
                details.safetyAndWellbeing = try word(ClassificationLevel.self)
            } else if Self.equals(key, "caseManagerInterviewed") {
                try first(1 << 11)
                details.caseManagerInterviewed = try bool()
            } else if Self.equals(key, "answers") {
                try first(1 << 12)
                answers = try answersObject()
            } else if Self.equals(key, "review") {
                try first(1 << 13)
                review = try reviewObject()
            } else if Self.equals(key, "history") {
                try first(1 << 14)
                history = try historyArray()
            } else {
                throw FastDecline()
            }
        } while try next(orEnd: closeBrace)
        skipWhitespace()
        guard index == count, seen & 0b11 == 0b11, let ref, let framework, let domain, let disposal, let status, let answers
        else { throw FastDecline() }
        return CaseFile(
            version: CaseFile.supportedVersion, ref: ref, framework: framework, frameworkHash: frameworkHash, domain: domain,
            disposal: disposal, status: status, details: details, answers: answers, review: review, history: history,
            unknown: JSONObject())
    }

    mutating func answersObject() throws(FastDecline) -> [String: Answer] {
        var answers: [String: Answer] = [:]
        guard try openObject() else { return answers }
        answers.reserveCapacity(12)
        repeat {
            skipWhitespace()
            let number = try string()
            skipWhitespace()
            try expect(colon)
            skipWhitespace()
            // A key twice is a syntax error for the slow path (compared as Swift strings, as here).
            // An empty answer is dropped by the slow reader: left to it.
            let answer = try answer()
            if answer.isEmpty || answers.updateValue(answer, forKey: number) != nil { throw FastDecline() }
        } while try next(orEnd: closeBrace)
        return answers
    }

    mutating func answer() throws(FastDecline) -> Answer {
        var answer = Answer()
        guard try openObject() else { return answer }
        var seen: UInt8 = 0
        repeat {
            let key = try key()
            let bit: UInt8
            if Self.equals(key, "judgement") {
                bit = 1
                answer.judgement = try judgement()
            } else if Self.equals(key, "prompts") {
                bit = 2
                answer.prompts = try promptsObject()
            } else if Self.equals(key, "note") {
                bit = 4
                answer.note = try nonEmptyString()
            } else if Self.equals(key, "promptNotes") {
                bit = 8
                answer.promptNotes = try notesObject()
            } else {
                throw FastDecline()
            }
            guard seen & bit == 0 else { throw FastDecline() }
            seen |= bit
        } while try next(orEnd: closeBrace)
        return answer
    }

    mutating func promptsObject() throws(FastDecline) -> [String: Judgement] {
        var prompts: [String: Judgement] = [:]
        guard try openObject() else { return prompts }
        prompts.reserveCapacity(6)
        repeat {
            skipWhitespace()
            let letter = try string()
            skipWhitespace()
            try expect(colon)
            skipWhitespace()
            if prompts.updateValue(try judgement(), forKey: letter) != nil { throw FastDecline() }
        } while try next(orEnd: closeBrace)
        return prompts
    }

    mutating func notesObject() throws(FastDecline) -> [String: String] {
        var notes: [String: String] = [:]
        guard try openObject() else { return notes }
        repeat {
            skipWhitespace()
            let letter = try string()
            skipWhitespace()
            try expect(colon)
            skipWhitespace()
            if notes.updateValue(try nonEmptyString(), forKey: letter) != nil { throw FastDecline() }
        } while try next(orEnd: closeBrace)
        return notes
    }

    // MARK: Review and history

    mutating func reviewObject() throws(FastDecline) -> CaseReview {
        var review = CaseReview()
        guard try openObject() else { return review }
        var seen: UInt8 = 0
        repeat {
            let key = try key()
            let bit: UInt8
            if Self.equals(key, "items") {
                bit = 1
                if try openObject() {
                    repeat {
                        skipWhitespace()
                        let itemKey = try string()
                        skipWhitespace()
                        try expect(colon)
                        skipWhitespace()
                        let item = try reviewItem()
                        if item.isEmpty || review.items.updateValue(item, forKey: itemKey) != nil { throw FastDecline() }
                    } while try next(orEnd: closeBrace)
                }
            } else if Self.equals(key, "outcome") {
                bit = 2
                review.outcome = try reviewOutcome()
            } else {
                throw FastDecline()
            }
            guard seen & bit == 0 else { throw FastDecline() }
            seen |= bit
        } while try next(orEnd: closeBrace)
        return review
    }

    mutating func reviewItem() throws(FastDecline) -> ReviewItem {
        var item = ReviewItem()
        guard try openObject() else { return item }
        var seen: UInt8 = 0
        repeat {
            let key = try key()
            let bit: UInt8
            if Self.equals(key, "verdict") {
                bit = 1
                item.verdict = try word(ReviewVerdict.self)
            } else if Self.equals(key, "comment") {
                bit = 2
                item.comment = try nonEmptyString()
            } else if Self.equals(key, "by") {
                bit = 4
                item.by = try string()
            } else if Self.equals(key, "at") {
                bit = 8
                item.at = try string()
            } else {
                throw FastDecline()
            }
            guard seen & bit == 0 else { throw FastDecline() }
            seen |= bit
        } while try next(orEnd: closeBrace)
        return item
    }

    mutating func reviewOutcome() throws(FastDecline) -> ReviewOutcome {
        guard try openObject() else { throw FastDecline() }
        var kind: ReviewOutcome.Kind?
        var by: String?
        var date: String?
        var summary: String?
        var digest: String?
        var historyLength: Int?
        var seen: UInt8 = 0
        repeat {
            let key = try key()
            let bit: UInt8
            if Self.equals(key, "kind") {
                bit = 1
                let word = try rawString()
                if Self.equals(word, "returned") {
                    kind = .returned
                } else if Self.equals(word, "signed-off") {
                    kind = .signedOff
                } else {
                    throw FastDecline()
                }
            } else if Self.equals(key, "by") {
                bit = 2
                by = try nonBlankString()
            } else if Self.equals(key, "date") {
                bit = 4
                let text = try string()
                guard CalendarDate(text) != nil else { throw FastDecline() }
                date = text
            } else if Self.equals(key, "summary") {
                bit = 8
                summary = try nonEmptyString()
            } else if Self.equals(key, "answersDigest") {
                bit = 16
                digest = try nonBlankString()
            } else if Self.equals(key, "historyLength") {
                bit = 32
                historyLength = try plainInteger()
            } else {
                throw FastDecline()
            }
            guard seen & bit == 0 else { throw FastDecline() }
            seen |= bit
        } while try next(orEnd: closeBrace)
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
            history.append(try historyEntry())
        } while try next(orEnd: closeBracket)
        return history
    }

    mutating func historyEntry() throws(FastDecline) -> HistoryEntry {
        guard try openObject() else { throw FastDecline() }
        var at: String?
        var by: String?
        var field: HistoryEntry.Field?
        var item: String?
        var old: String?
        var new: String?
        var seen: UInt8 = 0
        repeat {
            let key = try key()
            let bit: UInt8
            if Self.equals(key, "at") {
                bit = 1
                at = try nonBlankString()
            } else if Self.equals(key, "by") {
                bit = 2
                by = try string()
            } else if Self.equals(key, "field") {
                bit = 4
                let word = try rawString()
                if Self.equals(word, "judgement") {
                    field = .judgement
                } else if Self.equals(word, "prompt") {
                    field = .prompt
                } else if Self.equals(word, "note") {
                    field = .note
                } else if Self.equals(word, "status") {
                    field = .status
                } else {
                    throw FastDecline()
                }
            } else if Self.equals(key, "item") {
                bit = 8
                item = try string()
            } else if Self.equals(key, "old") {
                bit = 16
                old = try string()
            } else if Self.equals(key, "new") {
                bit = 32
                new = try string()
            } else {
                throw FastDecline()
            }
            guard seen & bit == 0 else { throw FastDecline() }
            seen |= bit
        } while try next(orEnd: closeBrace)
        guard let at, let by, let field, let item else { throw FastDecline() }
        return HistoryEntry(at: at, by: by, field: field, item: item, old: old, new: new)
    }
}
