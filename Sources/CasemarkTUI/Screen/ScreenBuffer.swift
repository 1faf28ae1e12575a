import CasemarkCore

/// A grid of cells that screens draw into: the whole UI is rendered here, and only the terminal
/// adapter copies it to ncurses.
///
/// Tests render into one and read `lines`.
///
/// A wide character takes two cells: the second holds an empty continuation. Text drawn is
/// always escaped for the terminal first, so nothing from a file reaches it raw.
public struct ScreenBuffer: Equatable, Sendable {
    /// One cell: the character drawn there (empty for the right half of a wide character).
    public struct Cell: Equatable, Sendable {
        public var text: String
        public var style: Style

        public static let blank = Cell(text: " ", style: .normal)
    }

    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should stand, if visible (a text field being edited).
    public var cursor: (x: Int, y: Int)?

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public static func == (left: ScreenBuffer, right: ScreenBuffer) -> Bool {
        left.width == right.width && left.height == right.height && left.cells == right.cells
            && left.cursor?.x == right.cursor?.x && left.cursor?.y == right.cursor?.y
    }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    /// Draws `text` from column `x` of row `y`, clipped to `maxWidth` columns and to the screen.
    ///
    /// Returns the column after the last one drawn.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .normal, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return x }
        let limit = min(width, x + (maxWidth ?? width))
        var column = x
        for character in TerminalText.escaped(text) {
            let characterWidth = DisplayWidth.of(character)
            if characterWidth == 0 {
                // A combining mark joins the character before it.
                if column > 0, column - 1 < width, column - 1 >= 0 {
                    let index = y * width + column - 1
                    if !cells[index].text.isEmpty { cells[index].text.append(character) }
                }
                continue
            }
            if column + characterWidth > limit { break }
            if column >= 0 {
                clearWide(at: column, y: y)
                cells[y * width + column] = Cell(text: String(character), style: style)
                if characterWidth == 2 {
                    clearWide(at: column + 1, y: y)
                    cells[y * width + column + 1] = Cell(text: "", style: style)
                }
            }
            column += characterWidth
        }
        return column
    }

    /// Before overwriting a cell, blanks the other half of a wide character it is part of.
    private mutating func clearWide(at x: Int, y: Int) {
        guard x >= 0, x < width else { return }
        let index = y * width + x
        if cells[index].text.isEmpty, x > 0 {
            cells[index - 1] = Cell(text: " ", style: cells[index - 1].style)
        } else if x + 1 < width, cells[index + 1].text.isEmpty, DisplayWidth.of(cells[index].text) == 2 {
            cells[index + 1] = Cell(text: " ", style: cells[index + 1].style)
        }
    }

    /// Fills a rectangle with blanks of `style`.
    public mutating func fill(x: Int, y: Int, width fillWidth: Int, height fillHeight: Int, style: Style = .normal) {
        for row in max(0, y)..<min(height, y + fillHeight) {
            for column in max(0, x)..<min(width, x + fillWidth) {
                cells[row * width + column] = Cell(text: " ", style: style)
            }
        }
    }

    /// The screen as text, one string per row, trailing spaces removed: what tests compare.
    public var lines: [String] {
        (0..<height).map { row in
            var line = ""
            for column in 0..<width {
                line += cells[row * width + column].text
            }
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// The whole screen as one string.
    public var text: String { lines.joined(separator: "\n") }

    /// Rows that differ from `previous` (all rows when the size differs): what a redraw sends.
    public func changedRows(since previous: ScreenBuffer?) -> [Int] {
        guard let previous, previous.width == width, previous.height == height else { return Array(0..<height) }
        return (0..<height).filter { row in
            cells[(row * width)..<((row + 1) * width)] != previous.cells[(row * width)..<((row + 1) * width)]
        }
    }
}
