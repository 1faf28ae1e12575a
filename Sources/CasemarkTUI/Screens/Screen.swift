import CasemarkCore
import Foundation

/// A rectangle of the screen buffer: the area a screen's view draws into, and nothing outside it.
public struct Rect: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The row after the last one inside.
    public var maxY: Int { y + height }

    /// Whether the cell at column `column`, row `row` is inside.
    public func contains(x column: Int, y row: Int) -> Bool {
        column >= x && column < x + width && row >= y && row < maxY
    }
}

/// What happens to a screen model: a key, a click at a cell of the terminal, a search the app's
/// search prompt ran, or a result the runner reports back.
public enum ScreenEvent: Equatable, Sendable {
    case key(Key)
    /// A click at column `x`, row `y` of the whole terminal (the screen knows where it drew what).
    case click(x: Int, y: Int)
    /// A search typed in the app's prompt (`/`), or repeated with `n` / `N`.
    case search(String, backwards: Bool)
}

/// The part of the app a screen's update may read and change: the terminal's size, the status
/// line they share, and the overlay or prompt the screen opens.
///
/// The app hands its own in and takes them back after the update, so a screen never holds them.
public struct ScreenContext: Sendable {
    public var size: (width: Int, height: Int)
    public var status: StatusLine
    public var overlay: App.Overlay?
    public var prompt: App.Prompt?
    /// The last search typed (empty before any), which `n` / `N` repeat.
    public var lastSearch: String
    /// Set by a screen that asks to be left (`q`): the app goes back to where it came from.
    public var leave = false
    /// Changes to the inspection the screen asks for, which the app makes and saves.
    public var changes: [SharedChange] = []
    /// Another screen, or quitting, that the screen asks the app for.
    public var request: ScreenRequest?
    /// What the key changed, in words, for the status line once the change is saved ("Undid …").
    public var changeNote: String?

    /// The rectangle a full-screen model draws into: every row but the status line.
    public var screenRect: Rect { Rect(x: 0, y: 0, width: size.width, height: size.height - 1) }
}

/// What every screen's chrome draws: a header on its first row and the key hints on its last.
enum Chrome {
    /// The top row of `rect`: the title where the user is (it has the room first), then `right`
    /// (the service and framework), in warning colours when `warning` (the sandbox banner).
    static func header(_ title: String, right: String, warning: Bool, into buffer: inout ScreenBuffer, rect: Rect) {
        buffer.fill(x: rect.x, y: rect.y, width: rect.width, height: 1, style: .status)
        let titleWidth = min(DisplayWidth.of(TerminalText.escaped(title)) + 1, rect.width - 16)
        let rightWidth = max(0, min(DisplayWidth.of(TerminalText.escaped(right)), rect.width - titleWidth - 3))
        buffer.put(
            " " + Layout.cut(TerminalText.escaped(title), to: titleWidth - 1), x: rect.x, y: rect.y,
            style: Style(.status, bold: true, reverse: true), maxWidth: titleWidth)
        let shownRight = Layout.cut(TerminalText.escaped(right), to: rightWidth)
        buffer.put(
            shownRight, x: rect.x + rect.width - DisplayWidth.of(shownRight) - 1, y: rect.y,
            style: warning ? Style(.warning, bold: true, reverse: true) : .status)
    }

    /// The last row of `rect`: a screen's key hints, drawn from its key map, the least important
    /// left out first where they do not fit.
    static func footer(_ map: KeyMap, into buffer: inout ScreenBuffer, rect: Rect) {
        footer(map.footerHints(width: rect.width).map { ($0.keys, $0.label) }, into: &buffer, rect: rect)
    }

    static func footer(_ hints: [(String, String)], into buffer: inout ScreenBuffer, rect: Rect) {
        let row = rect.maxY - 1
        var x = rect.x
        for (keys, label) in hints {
            let needed = DisplayWidth.of(keys) + DisplayWidth.of(label) + 3
            if x + needed > rect.x + rect.width { break }
            x = buffer.put(keys, x: x, y: row, style: .key)
            x = buffer.put(" " + label + "  ", x: x, y: row, style: .dim)
        }
    }

    /// `text` folded for search: case and diacritics ignored.
    static func folded(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// The next (or previous) of `hits` after `cursor`, wrapping around, and its place among them.
    static func nextHit(_ hits: [Int], after cursor: Int, backwards: Bool) -> (target: Int, place: Int)? {
        guard let first = hits.first, let last = hits.last else { return nil }
        let target = backwards ? (hits.last { $0 < cursor } ?? last) : (hits.first { $0 > cursor } ?? first)
        return (target, (hits.firstIndex(of: target) ?? 0) + 1)
    }
}

extension Action {
    /// Where a list's cursor goes for this action, in a list of `count` rows showing `page` at a
    /// time; nil when the action does not move a cursor (every list screen moves the same way).
    func movedCursor(_ cursor: Int, count: Int, page: Int) -> Int? {
        let last = max(0, count - 1)
        switch self {
        case .up: return max(0, cursor - 1)
        case .down: return min(last, cursor + 1)
        case .pageUp: return max(0, cursor - max(1, page))
        case .pageDown: return min(last, cursor + max(1, page))
        case .top: return 0
        case .bottom: return last
        default: return nil
        }
    }
}
