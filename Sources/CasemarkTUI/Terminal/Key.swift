/// A key press or terminal event, as the app sees it.
public enum Key: Hashable, Sendable {
    case character(Character)
    /// Control plus a letter, e.g. `.control("a")` for Ctrl-A.
    case control(Character)
    case up, down, left, right
    case home, end, pageUp, pageDown
    case enter, escape, tab, backTab
    case backspace, delete
    case function(Int)
    /// The terminal was resized to this many columns and rows.
    case resize(width: Int, height: Int)
    /// The program was resumed after a suspend (Ctrl-Z then `fg`): redraw everything.
    case redraw
    /// No key for a while (about two seconds): time to look at the disk for others' changes.
    case tick
    /// Text the terminal pasted (bracketed paste, `ESC [200~ … ESC [201~`): one event, so none
    /// of it runs as keys. Line breaks arrive as "\n" whatever the terminal sent (CR, CR LF).
    case paste(String)
    /// A mouse event at a cell (column `x`, row `y`): a click, or the wheel turned.
    case mouse(MouseEvent, x: Int, y: Int)

    public enum MouseEvent: Hashable, Sendable {
        case click, wheelUp, wheelDown

        /// The event for an ncurses button number as the adapter reports it (1 click, 4 and 5
        /// the wheel), nil for any other.
        public init?(button: Int) {
            switch button {
            case 1: self = .click
            case 4: self = .wheelUp
            case 5: self = .wheelDown
            default: return nil
            }
        }
    }

    /// A short name for help screens and messages.
    public var name: String {
        switch self {
        case .character(" "): "Space"
        case .character(let character): String(character)
        case .control(let character): "Ctrl-" + String(character).uppercased()
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .backspace: "Backspace"
        case .delete: "Delete"
        case .function(let number): "F\(number)"
        case .resize: "resize"
        case .redraw: "redraw"
        case .tick: "tick"
        case .paste: "paste"
        case .mouse: "mouse"
        }
    }
}
