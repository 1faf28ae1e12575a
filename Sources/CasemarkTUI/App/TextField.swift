import CasemarkCore

/// An editable line of text that may wrap over several rows: UTF-8 safe, edited by grapheme
/// (insert, backspace, delete, left/right, home/end, up/down between wrapped rows).
public struct TextField: Equatable, Sendable {
    public private(set) var text: String
    /// Cursor position in characters (graphemes) from the start.
    public private(set) var cursor: Int
    /// Longest text accepted, in characters.
    public var limit: Int

    /// The longest evidence note accepted, in characters: two megabytes of plain text.
    public static let noteLimit = 2 * 1_048_576

    public init(_ text: String = "", limit: Int = 10_000) {
        self.text = text
        self.cursor = text.count
        self.limit = limit
    }

    /// Applies an editing key; returns false when the key is not an editing key.
    public mutating func handle(_ key: Key, wrapWidth: Int = 0) -> Bool {
        switch key {
        case .character(let character):
            guard text.count < limit else { return true }
            if TerminalText.isControl(character.unicodeScalars.first ?? " ") { return true }
            let index = text.index(text.startIndex, offsetBy: cursor)
            text.insert(character, at: index)
            cursor += 1
        case .backspace:
            guard cursor > 0 else { return true }
            let index = text.index(text.startIndex, offsetBy: cursor - 1)
            text.remove(at: index)
            cursor -= 1
        case .delete, .control("d"):
            guard cursor < text.count else { return true }
            text.remove(at: text.index(text.startIndex, offsetBy: cursor))
        case .left, .control("b"): cursor = max(0, cursor - 1)
        case .right, .control("f"): cursor = min(text.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = text.count
        case .control("u"):
            text.removeFirst(cursor)
            cursor = 0
        case .control("k"):
            text = String(text.prefix(cursor))
        case .up, .down:
            guard wrapWidth > 0 else { return true }
            let layout = self.layout(width: wrapWidth)
            let (row, column) = layout.position
            let target = key == .up ? row - 1 : row + 1
            guard target >= 0, target < layout.rows.count else { return true }
            cursor = layout.offset(row: target, column: column)
        default:
            return false
        }
        return true
    }

    /// The text wrapped to `width` columns, with the cursor's row and column.
    public func layout(width: Int) -> TextLayout {
        TextLayout(text: text, cursor: cursor, width: max(1, width))
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
                let end = breakAt > rowStart ? breakAt : index
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
