import Foundation

/// Reading what casemark's writer laid out, by its layout.
///
/// Nearly every case file is one casemark wrote, and most of its bytes are history entries and
/// answers, each laid out as its one writer lays it out (`HistoryEntry.write`, `Answer.write`):
/// each field on its own line at its level's indentation, in the writer's order. Matched against
/// that layout, an entry or an answer costs a compare of the bytes between its values and a look
/// at each value, where the general reading skips whitespace, reads each key, ranks it, claims it
/// and orders its problems.
///
/// This decides nothing the general reading would not: whatever it does not match exactly (other
/// whitespace, an escape, invalid UTF-8, a field from a newer version, a blank or unusual time, a
/// word that is not one of a field's words, keys out of order) it leaves, with nothing read and
/// nothing said, to the general reading, which reads it and reports its problems. The tests read
/// every generated, mutated and damaged file as the old tree reader did, and each kind of entry
/// both ways.
extension CaseReading {
    /// A cursor over the bytes: matches the bytes between values and reads the values.
    struct Layout {
        let bytes: UnsafeBufferPointer<UInt8>
        let base: UnsafePointer<UInt8>
        var cursor: Int

        init?(_ scanner: JSONParser) {
            guard let base = scanner.bytes.baseAddress else { return nil }
            bytes = scanner.bytes
            self.base = base
            cursor = scanner.index
        }

        /// Whether `piece` comes next (the cursor then after it).
        @inline(__always)
        mutating func matches(_ piece: StaticString) -> Bool {
            let count = piece.utf8CodeUnitCount
            guard cursor + count <= bytes.count, memcmp(base + cursor, piece.utf8Start, count) == 0 else { return false }
            cursor += count
            return true
        }

        /// The text of the string from the cursor to its closing quote (the cursor then at the
        /// quote), when written without escapes or control characters; `ascii` says whether it is
        /// plain ASCII (otherwise its UTF-8 is still to be checked, by `text`).
        @inline(__always)
        mutating func plain() -> (raw: UnsafeBufferPointer<UInt8>, ascii: Bool)? {
            let start = cursor
            var ascii = true
            // Eight bytes at a time, to the first quote, backslash or control character: the
            // lowest byte the test flags is always the first such byte (a flag wrongly set by a
            // borrow is only ever above a true one), so the word it is in gives its place too,
            // and a short string (most are: times, names, items) is found in one or two words.
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            while cursor + 8 <= bytes.count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + cursor).loadUnaligned(as: UInt64.self))
                let quotes = word ^ (ones &* 0x22)
                let backslashes = word ^ (ones &* 0x5C)
                let stops =
                    (((quotes &- ones) & ~quotes) | ((backslashes &- ones) & ~backslashes) | ((word &- ones &* 0x20) & ~word)) & highs
                guard stops == 0 else {
                    // The word is read little-endian: the first byte in memory is the lowest.
                    let offset = stops.trailingZeroBitCount / 8
                    if offset > 0, word & highs & (UInt64.max >> UInt64(64 - 8 * offset)) != 0 { ascii = false }
                    cursor += offset
                    guard bytes[cursor] == UInt8(ascii: "\"") else { return nil }
                    return (UnsafeBufferPointer(rebasing: bytes[start..<cursor]), ascii)
                }
                if word & highs != 0 { ascii = false }
                cursor += 8
            }
            while cursor < bytes.count {
                let found = bytes[cursor]
                if found == UInt8(ascii: "\"") { return (UnsafeBufferPointer(rebasing: bytes[start..<cursor]), ascii) }
                if found == UInt8(ascii: "\\") || found < 0x20 { return nil }
                if found >= 0x80 { ascii = false }
                cursor += 1
            }
            return nil
        }

        /// A string from `plain` as the general reading reads it: nil when it is not valid UTF-8
        /// (which the general reading then reports).
        static func text(_ plain: (raw: UnsafeBufferPointer<UInt8>, ascii: Bool)) -> String? {
            plain.ascii ? String(decoding: plain.raw, as: UTF8.self) : String(validating: plain.raw, as: UTF8.self)
        }

        /// `"yes"`, `"no"` or `"na"`, quotes and all.
        @inline(__always)
        mutating func judgement() -> Judgement? {
            if matches("\"yes\"") { return .yes }
            if matches("\"no\"") { return .no }
            if matches("\"na\"") { return .na }
            return nil
        }

        /// An object keyed by prompt letter (the cursor at its `{`), laid out by `open`, `next`
        /// and `close`: each key plain ASCII and after the one before (so each is there once),
        /// its value read by `value`, given the key's bytes (false when it is not one the layout
        /// reads).
        @inline(__always)
        mutating func keyed(
            open: StaticString, next: StaticString, close: StaticString, _ value: (inout Layout, UnsafeBufferPointer<UInt8>) -> Bool
        ) -> Bool {
            guard matches(open) else { return false }
            var last: UnsafeBufferPointer<UInt8>?
            repeat {
                guard let key = plain(), key.ascii, matches("\": ") else { return false }
                if let last, !last.lexicographicallyPrecedes(key.raw) { return false }
                last = key.raw
                guard value(&self, key.raw) else { return false }
            } while matches(next)
            return matches(close)
        }
    }

    // MARK: History entries

    /// The bytes between a history entry's strings, as `HistoryEntry.write` writes them at the
    /// history's level (the root's third).
    enum WrittenEntry {
        static let open: StaticString = "{\n      \"at\": \""
        static let by: StaticString = "\",\n      \"by\": \""
        static let field: StaticString = "\",\n      \"field\": \""
        static let item: StaticString = "\",\n      \"item\": \""
        static let old: StaticString = "\",\n      \"old\": \""
        static let new: StaticString = "\",\n      \"new\": \""
        static let close: StaticString = "\"\n    }"
    }

    /// Reads the history entry here (the scanner at it) if laid out as casemark writes it.
    ///
    /// True when it is: the scanner is then after it, and the entry added to `history` when the
    /// history is kept. Else false, the scanner where it was, for `historyEntry` to read.
    mutating func writtenHistoryEntry(into history: inout [HistoryEntry]) -> Bool {
        guard var layout = Layout(scanner) else { return false }
        guard layout.matches(WrittenEntry.open), let at = layout.plain(), layout.matches(WrittenEntry.by), let by = layout.plain(),
            layout.matches(WrittenEntry.field), let fieldName = layout.plain(), fieldName.ascii,
            let field = HistoryEntry.Field(bytes: fieldName.raw), layout.matches(WrittenEntry.item), let item = layout.plain()
        else { return false }
        var old: (raw: UnsafeBufferPointer<UInt8>, ascii: Bool)?
        var new: (raw: UnsafeBufferPointer<UInt8>, ascii: Bool)?
        if layout.matches(WrittenEntry.old) {
            guard let found = layout.plain() else { return false }
            old = found
        }
        if layout.matches(WrittenEntry.new) {
            guard let found = layout.plain() else { return false }
            new = found
        }
        guard layout.matches(WrittenEntry.close) else { return false }
        guard keepsHistory else {
            // Checked as kept: a blank time, or text that is not UTF-8, is the general reading's to report.
            guard at.ascii, at.raw.contains(where: { $0 != UInt8(ascii: " ") }) else { return false }
            func valid(_ text: (raw: UnsafeBufferPointer<UInt8>, ascii: Bool)?) -> Bool {
                guard let text, !text.ascii else { return true }
                return Layout.text(text) != nil
            }
            guard valid(by), valid(item), valid(old), valid(new) else { return false }
            scanner.index = layout.cursor
            return true
        }
        // A kept time must pack as the general reading packs it.
        guard at.ascii, let time = HistoryTime(packing: at.raw), let itemText = Layout.text(item) else { return false }
        let author: String
        if by.ascii, let lastAuthor, lastAuthor.utf8.elementsEqual(by.raw) {
            author = lastAuthor
        } else {
            guard let text = Layout.text(by) else { return false }
            author = text
        }
        var oldText: String?
        var newText: String?
        if let old {
            guard let text = Layout.text(old) else { return false }
            oldText = text
        }
        if let new {
            guard let text = Layout.text(new) else { return false }
            newText = text
        }
        lastAuthor = author
        scanner.index = layout.cursor
        history.append(HistoryEntry(time: time, by: author, field: field, item: itemText, old: oldText, new: newText))
        return true
    }

    // MARK: Answers

    /// The bytes around an answer's fields, as `Answer.write` writes them at the answers' level
    /// (the root's second): its prompts and prompt notes a level further in.
    enum WrittenAnswer {
        static let open: StaticString = "{\n      "
        static let next: StaticString = ",\n      "
        static let close: StaticString = "\n    }"
        static let judgement: StaticString = "\"judgement\": "
        static let prompts: StaticString = "\"prompts\": "
        static let note: StaticString = "\"note\": \""
        static let promptNotes: StaticString = "\"promptNotes\": "
        static let lettersOpen: StaticString = "{\n        \""
        static let lettersNext: StaticString = ",\n        \""
        static let lettersClose: StaticString = "\n      }"
    }

    /// Reads the answer here (the scanner at its `{`) if laid out as casemark writes it: the
    /// answer, the scanner after it; else nil, the scanner where it was, for `answer` to read.
    mutating func writtenAnswer() -> Answer? {
        guard var layout = Layout(scanner), layout.matches(WrittenAnswer.open) else { return nil }
        var answer = Answer()
        // The rank of the next field the writer may have written.
        var rank = 0
        repeat {
            if rank == 0, layout.matches(WrittenAnswer.judgement) {
                guard let judgement = layout.judgement() else { return nil }
                answer.judgement = judgement
                rank = 1
            } else if rank <= 1, layout.matches(WrittenAnswer.prompts) {
                var prompts = PromptAnswers()
                let read = layout.keyed(open: WrittenAnswer.lettersOpen, next: WrittenAnswer.lettersNext, close: WrittenAnswer.lettersClose)
                {
                    layout, letter in
                    guard let judgement = layout.judgement() else { return false }
                    prompts.set(judgement, forKey: letter)
                    return true
                }
                guard read else { return nil }
                answer.prompts = prompts
                rank = 2
            } else if rank <= 2, layout.matches(WrittenAnswer.note) {
                guard let plain = layout.plain(), let note = Layout.text(plain), layout.matches("\"") else { return nil }
                answer.note = note.isEmpty ? nil : note
                rank = 3
            } else if rank <= 3, layout.matches(WrittenAnswer.promptNotes) {
                var notes: [String: String] = [:]
                let read = layout.keyed(open: WrittenAnswer.lettersOpen, next: WrittenAnswer.lettersNext, close: WrittenAnswer.lettersClose)
                {
                    layout, letter in
                    guard layout.matches("\""), let plain = layout.plain(), let text = Layout.text(plain), layout.matches("\"") else {
                        return false
                    }
                    if !text.isEmpty { notes[String(decoding: letter, as: UTF8.self)] = text }
                    return true
                }
                guard read else { return nil }
                answer.promptNotes = notes
                rank = 4
            } else {
                return nil
            }
        } while layout.matches(WrittenAnswer.next)
        guard layout.matches(WrittenAnswer.close) else { return nil }
        scanner.index = layout.cursor
        return answer
    }
}
