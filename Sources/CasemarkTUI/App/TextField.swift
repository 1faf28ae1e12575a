import CasemarkCore

/// An editable line of text that may wrap over several rows: UTF-8 safe, edited by grapheme
/// (insert, backspace, delete, left/right, home/end, up/down between wrapped rows).
///
/// Each key costs time independent of the text's length (a note may hold megabytes): the
/// cursor is kept as a position in the text's UTF-8 (an index, never counted from the start),
/// the length in characters is kept as it changes, and the rows the text wraps to are kept and
/// mended around each edit, so drawing lays out only the rows it shows.
public struct TextField: Equatable, Sendable {
    public private(set) var text: String
    /// The cursor, as an offset in `text.utf8` (always at a character boundary).
    private var cursorOffset: Int
    /// The text's length in characters, kept as it changes.
    public private(set) var count: Int
    /// Longest text accepted, in characters.
    public var limit: Int
    /// The width `rowStarts` was wrapped to, 0 when not wrapped yet.
    private var wrapWidth = 0
    /// Where each row of the text wrapped to `wrapWidth` starts, as UTF-8 offsets.
    private var rowStarts: [Int] = []
    /// A character boundary just before the last edit, to put the cursor back on one from.
    private var editWindowStart = 0

    /// The text the field started with, to tell whether anything was typed since (`isChanged`).
    public let original: String

    /// The longest evidence note accepted, in characters: two megabytes of plain text.
    public static let noteLimit = 2 * 1_048_576

    public init(_ text: String = "", limit: Int = 10_000) {
        var text = text
        text.makeContiguousUTF8()
        self.text = text
        self.original = text
        self.cursorOffset = text.utf8.count
        self.count = text.count
        self.limit = limit
    }

    public static func == (left: TextField, right: TextField) -> Bool {
        left.text == right.text && left.cursorOffset == right.cursorOffset && left.limit == right.limit
    }

    /// Whether the text differs from what the field started with: typing that would be lost.
    public var isChanged: Bool { text != original }

    /// Inserts text at the cursor, as typed but in one edit: pasted text.
    ///
    /// Line breaks (CR, LF, CR LF, U+2028) are kept as "\n" when `lineBreaks`, else become spaces;
    /// a tab becomes a space; other control characters are dropped. Cut at the field's limit.
    public mutating func insert(_ pasted: String, lineBreaks: Bool, wrapWidth: Int = 0) {
        if wrapWidth > 0 { wrap(to: wrapWidth) }
        var cleaned = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in pasted.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\n" where previousWasCR: continue
            case "\r", "\n", "\u{2028}", "\u{2029}": cleaned.append(lineBreaks ? "\n" : " ")
            case "\t": cleaned.append(" ")
            default:
                if !TerminalText.isControl(scalar) { cleaned.append(scalar) }
            }
        }
        var inserted = String(cleaned)
        let room = limit - count
        guard room > 0, !inserted.isEmpty else { return }
        if inserted.count > room { inserted = String(inserted.prefix(room)) }
        replace(cursorOffset..<cursorOffset, with: inserted)
        cursorOffset += inserted.utf8.count
        snapCursor()
    }

    /// The cursor position in characters (graphemes) from the start.
    ///
    /// Counts: for tests and short fields, not for every key of a long note.
    public var cursor: Int { text[..<cursorIndex].count }

    private var cursorIndex: String.Index { index(cursorOffset) }

    private func index(_ offset: Int) -> String.Index {
        text.utf8.index(text.utf8.startIndex, offsetBy: offset)
    }

    private func offset(_ index: String.Index) -> Int {
        text.utf8.distance(from: text.utf8.startIndex, to: index)
    }

    /// Applies an editing key; returns false when the key is not an editing key.
    ///
    /// With a `wrapWidth`, the rows are kept wrapped to it (up and down move between them).
    public mutating func handle(_ key: Key, wrapWidth: Int = 0) -> Bool {
        if wrapWidth > 0 { wrap(to: wrapWidth) }
        switch key {
        case .character(let character):
            guard count < limit else { return true }
            if TerminalText.isControl(character.unicodeScalars.first ?? " ") { return true }
            let inserted = String(character)
            replace(cursorOffset..<cursorOffset, with: inserted)
            cursorOffset += inserted.utf8.count
        case .backspace:
            guard cursorOffset > 0 else { return true }
            let previous = offset(text.index(before: cursorIndex))
            replace(previous..<cursorOffset, with: "")
            cursorOffset = previous
        case .delete, .control("d"):
            guard cursorOffset < text.utf8.count else { return true }
            let next = offset(text.index(after: cursorIndex))
            replace(cursorOffset..<next, with: "")
        case .left, .control("b"):
            if cursorOffset > 0 { cursorOffset = offset(text.index(before: cursorIndex)) }
        case .right, .control("f"):
            if cursorOffset < text.utf8.count { cursorOffset = offset(text.index(after: cursorIndex)) }
        case .home, .control("a"): cursorOffset = 0
        case .end, .control("e"): cursorOffset = text.utf8.count
        case .control("u"):
            replace(0..<cursorOffset, with: "")
            cursorOffset = 0
        case .control("k"):
            replace(cursorOffset..<text.utf8.count, with: "")
        case .up, .down:
            guard wrapWidth > 0 else { return true }
            let row = row(of: cursorOffset)
            let target = key == .up ? row - 1 : row + 1
            guard target >= 0, target < rowStarts.count else { return true }
            cursorOffset = offset(inRow: target, column: column(of: cursorOffset, inRow: row))
        default:
            return false
        }
        if key.isTextEdit { snapCursor() }
        return true
    }

    /// Puts the cursor on a character boundary after an edit joined characters around it (a
    /// joiner typed between two emoji makes them one): at the end of the character it is in.
    private mutating func snapCursor() {
        var position = index(min(editWindowStart, cursorOffset))
        let cursor = index(cursorOffset)
        while position < cursor { position = text.index(after: position) }
        cursorOffset = offset(position)
    }

    /// The text wrapped to `width` columns, with the cursor's row and column: the whole text,
    /// for short fields (a long note is drawn with `visibleRows`).
    public func layout(width: Int) -> TextLayout {
        TextLayout(text: text, cursor: cursor, width: max(1, width))
    }

    // MARK: - Rows

    /// Wraps the text to `width` unless it is already.
    public mutating func wrap(to width: Int) {
        let width = max(1, width)
        guard wrapWidth != width || rowStarts.isEmpty else { return }
        wrapWidth = width
        rowStarts = Self.rowStarts(of: text, width: width)
    }

    /// What the prompt draws: at most `height` rows around the cursor, the cursor's place among
    /// them, and the number of rows of the whole text.
    ///
    /// Lays out only the rows shown when the text is wrapped to `width` already (every key wraps
    /// it), the whole text otherwise.
    public func visibleRows(width: Int, height: Int) -> (rows: [String], firstRow: Int, cursor: (row: Int, column: Int), total: Int) {
        var field = self
        if field.wrapWidth != max(1, width) || field.rowStarts.isEmpty {
            field.wrapWidth = max(1, width)
            field.rowStarts = Self.rowStarts(of: text, width: max(1, width))
        }
        let total = field.rowStarts.count
        let cursorRow = field.row(of: cursorOffset)
        let visible = min(total, max(1, height))
        let firstRow = max(0, min(cursorRow - visible + 1, total - visible))
        let rows = (firstRow..<(firstRow + visible)).map { row in
            let (start, end) = field.bounds(ofRow: row)
            return String(text.utf8[field.index(start)..<field.index(end)]) ?? ""
        }
        return (rows, firstRow, (cursorRow - firstRow, field.column(of: cursorOffset, inRow: cursorRow)), total)
    }

    /// The row holding a UTF-8 offset: the last that starts at or before it.
    private func row(of offset: Int) -> Int {
        var low = 0
        var high = rowStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if rowStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// A row's text as UTF-8 offsets, without the line break that ends it.
    private func bounds(ofRow row: Int) -> (start: Int, end: Int) {
        let start = rowStarts[row]
        guard row + 1 < rowStarts.count else { return (start, text.utf8.count) }
        var end = rowStarts[row + 1]
        if end > start, text.utf8[index(end - 1)] == UInt8(ascii: "\n") { end -= 1 }
        return (start, end)
    }

    /// The display column of a UTF-8 offset in its row.
    private func column(of offset: Int, inRow row: Int) -> Int {
        let start = index(rowStarts[row])
        return DisplayWidth.of(TerminalText.escaped(String(text[start..<index(max(rowStarts[row], offset))])))
    }

    /// The UTF-8 offset nearest to a display column on a row.
    private func offset(inRow row: Int, column: Int) -> Int {
        let (start, end) = bounds(ofRow: row)
        var used = 0
        var position = index(start)
        let limit = index(end)
        while position < limit {
            let width = TextLayout.shownWidth(text[position])
            if used + width > column { break }
            used += width
            position = text.index(after: position)
        }
        return offset(position)
    }

    /// Replaces a range of the text (UTF-8 offsets, at character boundaries) and mends the rows
    /// around it: they are wrapped again from the row before the edit until a row starts where
    /// one started before (moved by the edit), and the rest are moved along.
    private mutating func replace(_ range: Range<Int>, with replacement: String) {
        // The length changes by what the characters around the edit count before and after it
        // (a combining mark typed after a letter joins it: no new character).
        let lower = index(range.lowerBound)
        let upper = index(range.upperBound)
        let windowStart = lower > text.startIndex ? text.index(before: lower) : lower
        let windowEnd = upper < text.endIndex ? text.index(after: upper) : upper
        let before = text[windowStart..<windowEnd].count
        let startOffset = offset(windowStart)
        let endOffset = offset(windowEnd) + replacement.utf8.count - range.count
        text.replaceSubrange(lower..<upper, with: replacement)
        count += text[index(startOffset)..<index(endOffset)].count - before
        editWindowStart = startOffset
        guard wrapWidth > 0, !rowStarts.isEmpty else {
            rowStarts = []
            return
        }
        let delta = replacement.utf8.count - range.count
        let editEnd = range.lowerBound + replacement.utf8.count
        let firstRow = max(0, row(of: range.lowerBound) - 2)
        // The rows from `firstRow` wrapped again, until one starts where an old one started
        // (in the new text's offsets) after the edit: from there on the old rows only move.
        var fresh: [Int] = []
        var start = rowStarts[firstRow]
        var oldRow = firstRow + 1
        var resynced = false
        while true {
            fresh.append(start)
            guard let next = Self.nextRowStart(in: text, from: index(start), width: wrapWidth).map(offset) else { break }
            while oldRow < rowStarts.count, rowStarts[oldRow] <= range.upperBound || rowStarts[oldRow] + delta < next {
                oldRow += 1
            }
            if next > editEnd, oldRow < rowStarts.count, rowStarts[oldRow] + delta == next {
                resynced = true
                break
            }
            start = next
        }
        let kept = resynced ? oldRow : rowStarts.count
        rowStarts.replaceSubrange(firstRow..<kept, with: fresh)
        if resynced, delta != 0 {
            for row in (firstRow + fresh.count)..<rowStarts.count { rowStarts[row] += delta }
        }
    }

    /// Every row start of `text` wrapped to `width`.
    static func rowStarts(of text: String, width: Int) -> [Int] {
        var starts = [0]
        var position = text.startIndex
        while let next = nextRowStart(in: text, from: position, width: width) {
            starts.append(text.utf8.distance(from: text.utf8.startIndex, to: next))
            position = next
        }
        return starts
    }

    /// Where the row after the one starting at `start` starts, or nil when that row is the last.
    ///
    /// Breaks as `TextLayout` does: at a line break, else before the character that would not fit,
    /// after the row's last space when it has one.
    static func nextRowStart(in text: String, from start: String.Index, width: Int) -> String.Index? {
        var position = start
        var rowWidth = 0
        var afterLastSpace: String.Index?
        while position < text.endIndex {
            let character = text[position]
            let next = text.index(after: position)
            if character == "\n" { return next }
            let characterWidth = max(1, TextLayout.shownWidth(character))
            if rowWidth + characterWidth > width {
                if let afterLastSpace, afterLastSpace > start { return afterLastSpace }
                return position > start ? position : next
            }
            if character == " " { afterLastSpace = next }
            rowWidth += characterWidth
            position = next
        }
        return nil
    }
}

/// A text broken into rows of at most `width` columns, character by character (so the cursor
/// can stand anywhere), preferring breaks after spaces.
public struct TextLayout: Sendable {
    /// Each row's characters and the offset of its first character in the text.
    public private(set) var rows: [(text: String, start: Int)] = []
    /// The cursor's row and column (in display columns).
    public private(set) var position: (row: Int, column: Int) = (0, 0)

    init(text: String, cursor: Int, width: Int) {
        let characters = Array(text)
        var rowStart = 0
        var index = 0
        var rowWidth = 0
        var lastSpace: Int?
        while index < characters.count {
            let character = characters[index]
            if character == "\n" {
                rows.append((String(characters[rowStart..<index]), rowStart))
                index += 1
                rowStart = index
                rowWidth = 0
                lastSpace = nil
                continue
            }
            let characterWidth = max(1, Self.shownWidth(character))
            if rowWidth + characterWidth > width {
                let breakAt = lastSpace.map { $0 + 1 } ?? index
                // A character wider than the whole row takes a row of its own (it looped here).
                let end = breakAt > rowStart ? breakAt : index > rowStart ? index : index + 1
                rows.append((String(characters[rowStart..<end]), rowStart))
                rowStart = end
                index = end
                rowWidth = 0
                lastSpace = nil
                continue
            }
            if character == " " { lastSpace = index }
            rowWidth += characterWidth
            index += 1
        }
        rows.append((String(characters[rowStart..<characters.count]), rowStart))
        for (rowIndex, row) in rows.enumerated() {
            let end = row.start + row.text.count
            let isLast = rowIndex == rows.count - 1
            if cursor >= row.start && (cursor < end || (cursor == end && (isLast || rows[rowIndex + 1].start > end))) {
                let before = String(row.text.prefix(cursor - row.start))
                position = (rowIndex, DisplayWidth.of(TerminalText.escaped(before)))
                break
            }
        }
    }

    /// The columns a character takes as drawn: escaped when it holds a control character,
    /// measured without making a string of it otherwise (a layout measures every character).
    static func shownWidth(_ character: Character) -> Int {
        if character.unicodeScalars.contains(where: TerminalText.isControl) {
            return DisplayWidth.of(TerminalText.escaped(String(character)))
        }
        return DisplayWidth.of(character)
    }

    /// The character offset nearest to a display column on a row.
    func offset(row: Int, column: Int) -> Int {
        let entry = rows[row]
        var used = 0
        var count = 0
        for character in entry.text {
            let width = Self.shownWidth(character)
            if used + width > column { break }
            used += width
            count += 1
        }
        return entry.start + count
    }
}

extension Key {
    /// Whether the key changes a text field's text (and so may join characters at the cursor).
    fileprivate var isTextEdit: Bool {
        switch self {
        case .character, .backspace, .delete, .control("d"), .control("u"), .control("k"): true
        default: false
        }
    }
}
