import CNcursesw
import Foundation

/// The real terminal, through ncursesw: the only file of casemark that talks to curses.
///
/// Bracketed paste is on while it runs (`ESC [200~ … ESC [201~` becomes one `.paste`), ESC Enter
/// and LF are Ctrl-J (a new line in a note), and SIGINT (Ctrl-C) is a key, `.control("c")`.
///
/// It copies `ScreenBuffer` frames to the screen (only the rows that changed; ncurses then sends
/// only the cells that changed), turns what `wgetch` reads (curses key codes, and bytes decoded as UTF-8) into `Key`s, and restores the terminal
/// on every way out: `end()`, an exit, any catchable signal that would end the process
/// (`quitSignals`: SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGPIPE, SIGALRM, SIGXCPU, ...),
/// which quits as SIGTERM does, or a crash (`crashSignals`). Ctrl-Z is left to ncurses, which
/// restores the terminal while suspended; on `fg` the next key is `.redraw`.
public final class CursesTerminal: Terminal {
    /// Why curses could not start.
    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    private var previous: ScreenBuffer?
    private var ended = false
    private let colours: Bool
    /// How long a read waits before looking at the signal flags again, in milliseconds.
    private static let pollInterval: Int32 = 200
    /// How long to wait for the next byte of a character already begun, in milliseconds.
    private static let characterTimeout: Int32 = 1000
    private var decoder = UTF8InputDecoder()
    /// Reads that timed out with no key since the last `.tick`.
    private var idleReads = 0
    /// How many idle reads make a `.tick` (200 ms each): `CASEMARK_WATCH_SECONDS` (default 2;
    /// 0 never ticks, so the folder is looked at only on Ctrl-L).
    private let readsPerTick: Int

    /// The signals taken as a request to quit while curses runs: every catchable signal whose
    /// default action ends the process without a crash.
    ///
    /// Ctrl-\\ (SIGQUIT) quits as Ctrl-C does, instead of Swift's runtime printing a backtrace over
    /// the screen.
    public static var quitSignals: [Int32] { (0..<cm_stop_signal_count()).map { cm_stop_signal($0) } }

    /// The signals of a crash, on which the terminal is restored before the signal's own course.
    public static var crashSignals: [Int32] { (0..<cm_crash_signal_count()).map { cm_crash_signal($0) } }

    /// Starts curses on the controlling terminal.
    ///
    /// Honours `NO_COLOR` (set and not empty).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let seconds = environment["CASEMARK_WATCH_SECONDS"].flatMap(Double.init) ?? 2
        readsPerTick = seconds > 0 ? max(1, Int((seconds * 5).rounded())) : Int.max
        setlocale(LC_ALL, "")
        // ESC must answer at once, not after ncurses' default second of waiting for a sequence.
        setenv("ESCDELAY", "25", 0)
        cm_install_signal_handlers()
        guard initscr() != nil else {
            cm_restore_default_signal_handlers()
            throw StartError(description: "ncurses could not initialise the terminal (TERM=\(environment["TERM"] ?? "unset"))")
        }
        cm_set_curses_active(1)
        cm_register_atexit()
        cbreak()
        noecho()
        nonl()
        keypad(cm_stdscr(), true)
        set_escdelay(25)
        wtimeout(cm_stdscr(), Self.pollInterval)
        let noColour = !(environment["NO_COLOR"] ?? "").isEmpty
        if !noColour, has_colors() {
            start_color()
            use_default_colors()
            Self.definePairs()
            colours = true
        } else {
            colours = false
        }
        curs_set(0)
        cm_bracketed_paste(1)
        // Clicks and the wheel, unless CASEMARK_MOUSE=0 (then the terminal selects text as usual).
        if environment["CASEMARK_MOUSE"] != "0" { _ = cm_enable_mouse() }
    }

    deinit { end() }

    /// Restores the terminal.
    ///
    /// Safe to call more than once.
    public func end() {
        guard !ended else { return }
        ended = true
        curs_set(1)
        cm_set_curses_active(0)
        cm_restore_terminal()
        cm_restore_default_signal_handlers()
    }

    public var size: (width: Int, height: Int) {
        var rows: Int32 = 0
        var columns: Int32 = 0
        cm_getmaxyx(cm_stdscr(), &rows, &columns)
        return (Int(columns), Int(rows))
    }

    public func nextKey() -> Key? {
        while true {
            if cm_take_stop_request() != 0 { return nil }
            if cm_take_interrupt() != 0 { return .control("c") }
            if cm_take_resumed() != 0 {
                previous = nil
                // The shell may have turned bracketed paste off while casemark was suspended.
                cm_bracketed_paste(1)
                return .redraw
            }
            let code = pending.isEmpty ? wgetch(cm_stdscr()) : pending.removeFirst()
            if code == 27, !decoder.isInsideCharacter {
                if let key = afterEscape() { return key }
                continue
            }
            if code == cm_err() {
                if decoder.isInsideCharacter {
                    // The rest of a character never came: drop it, go back to polling.
                    decoder.abandon()
                    wtimeout(cm_stdscr(), Self.pollInterval)
                }
                if errno == EIO || errno == ENXIO, isatty(STDIN_FILENO) == 0 {
                    return nil  // the terminal has gone (its window closed without SIGHUP reaching us)
                }
                idleReads += 1
                if idleReads >= readsPerTick {
                    idleReads = 0
                    return .tick
                }
                continue
            }
            idleReads = 0
            if code > 0xFF {
                decoder.abandon()
                wtimeout(cm_stdscr(), Self.pollInterval)
                if let key = Self.key(code: code, size: size) { return key }
                continue
            }
            let scalars = decoder.feed(UInt8(code))
            // Inside a character, wait longer for its next byte than for a key.
            wtimeout(cm_stdscr(), decoder.isInsideCharacter ? Self.characterTimeout : Self.pollInterval)
            for scalar in scalars {
                if let key = Self.key(character: scalar.value) { return key }
            }
        }
    }

    /// Codes read ahead after an ESC that turned out not to begin a paste, to be taken as keys.
    private var pending: [Int32] = []
    /// The longest paste taken, in bytes (more is dropped): four times the longest note.
    private static let pasteLimit = 4 * TextField.noteLimit

    /// After an ESC (ncurses has already waited its ESCDELAY for a key sequence and found none):
    /// the start of a bracketed paste (`ESC [200~`) reads the paste; ESC Enter (Alt-Enter) is a
    /// new line, as Ctrl-J; anything else is Esc, and the codes read ahead are keys after it.
    private func afterEscape() -> Key? {
        var read: [Int32] = []
        let start: [Int32] = [91, 50, 48, 48, 126]  // "[200~"
        wtimeout(cm_stdscr(), 0)
        defer { wtimeout(cm_stdscr(), Self.pollInterval) }
        while read.count < start.count {
            let code = pending.isEmpty ? wgetch(cm_stdscr()) : pending.removeFirst()
            if code == cm_err() { break }
            read.append(code)
            if read.count == 1, code == 13 || code == 10 { return .control("j") }
            if code != start[read.count - 1] { break }
            // The rest of the introducer comes in the same write: a short wait at most.
            wtimeout(cm_stdscr(), 50)
        }
        if read == start { return readPaste() }
        pending = read + pending
        return .escape
    }

    /// The text of a bracketed paste, up to `ESC [201~` (or a second with nothing more): decoded
    /// as UTF-8, CR and CR LF taken as line breaks.
    private func readPaste() -> Key {
        let end: [UInt8] = Array("\u{1B}[201~".utf8)
        var bytes: [UInt8] = []
        wtimeout(cm_stdscr(), Self.characterTimeout)
        while true {
            let code = wgetch(cm_stdscr())
            if code == cm_err() { break }  // the end marker never came
            guard code >= 0, code <= 0xFF else { continue }  // a curses key code: not text
            if bytes.count < Self.pasteLimit + end.count { bytes.append(UInt8(code)) }
            if bytes.count >= end.count, bytes.suffix(end.count).elementsEqual(end) {
                bytes.removeLast(end.count)
                break
            }
        }
        var paste = UTF8InputDecoder()
        var text = String.UnicodeScalarView()
        for byte in bytes { text.append(contentsOf: paste.feed(byte)) }
        return .paste(String(text).replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n"))
    }

    public func present(_ buffer: ScreenBuffer) {
        let rows: [Int]
        if let previous, previous.width == buffer.width, previous.height == buffer.height {
            rows = buffer.changedRows(since: previous)
        } else {
            // A new size or a resume: ncurses' idea of the screen is stale, repaint it all.
            clearok(cm_curscr(), true)
            werase(cm_stdscr())
            rows = Array(0..<buffer.height)
        }
        let (width, height) = size
        for row in rows where row < height {
            for column in 0..<min(buffer.width, width) {
                let cell = buffer[column, row]
                if cell.text.isEmpty { continue }  // the right half of a wide character
                let (attributes, pair) = attributes(for: cell.style)
                let scalars = cell.text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
                _ = scalars.withUnsafeBufferPointer { pointer in
                    cm_put_wide(Int32(row), Int32(column), pointer.baseAddress, Int32(pointer.count), attr_t(attributes), pair)
                }
            }
        }
        if let cursor = buffer.cursor, cursor.x < width, cursor.y < height {
            wmove(cm_stdscr(), Int32(cursor.y), Int32(cursor.x))
            curs_set(1)
        } else {
            curs_set(0)
        }
        wnoutrefresh(cm_stdscr())
        doupdate()
        previous = buffer
    }

    // MARK: Keys

    static func key(character: UInt32) -> Key? {
        switch character {
        case 27: return .escape
        case 9: return .tab
        case 13: return .enter
        // LF: Ctrl-J, a new line in a note (Enter sends CR: curses runs with nonl); Enter elsewhere.
        case 10: return .control("j")
        case 8, 127: return .backspace
        case 0: return nil
        case 1...26: return .control(Character(UnicodeScalar(UInt8(96 + character))))
        case 28...31: return nil
        default:
            guard let scalar = UnicodeScalar(character) else { return nil }
            return .character(Character(scalar))
        }
    }

    static func key(code: Int32, size: (width: Int, height: Int)) -> Key? {
        switch code {
        case Int32(KEY_UP): return .up
        case Int32(KEY_DOWN): return .down
        case Int32(KEY_LEFT): return .left
        case Int32(KEY_RIGHT): return .right
        case Int32(KEY_HOME): return .home
        case Int32(KEY_END): return .end
        case Int32(KEY_PPAGE): return .pageUp
        case Int32(KEY_NPAGE): return .pageDown
        case Int32(KEY_BACKSPACE): return .backspace
        case Int32(KEY_DC): return .delete
        case Int32(KEY_BTAB): return .backTab
        case Int32(KEY_ENTER): return .enter
        case cm_key_resize(): return .resize(width: size.width, height: size.height)
        case cm_key_mouse():
            var x: Int32 = 0
            var y: Int32 = 0
            let button = cm_read_mouse(&x, &y)
            return Key.MouseEvent(button: Int(button)).map { .mouse($0, x: Int(x), y: Int(y)) }
        case (cm_key_f0() + 1)...(cm_key_f0() + 24): return .function(Int(code - cm_key_f0()))
        default: return nil
        }
    }

    // MARK: Styles

    /// Colour pairs, by number: each role that has a colour of its own.
    private enum Pair: Int16 {
        case title = 1, dim, error, warning, key, yes, no, outstanding, good, requiresImprovement, inadequate
    }

    private static func definePairs() {
        let pairs: [(Pair, Int16)] = [
            (.title, Int16(COLOR_CYAN)), (.dim, Int16(COLOR_BLUE)), (.error, Int16(COLOR_RED)),
            (.warning, Int16(COLOR_YELLOW)), (.key, Int16(COLOR_CYAN)), (.yes, Int16(COLOR_GREEN)),
            (.no, Int16(COLOR_RED)), (.outstanding, Int16(COLOR_GREEN)), (.good, Int16(COLOR_CYAN)),
            (.requiresImprovement, Int16(COLOR_YELLOW)), (.inadequate, Int16(COLOR_RED)),
        ]
        for (pair, foreground) in pairs {
            init_pair(pair.rawValue, foreground, -1)
        }
    }

    /// Attributes and colour pair for a style; without colour, roles fall back to attributes so
    /// the screen still reads (bands carry words and symbols as well).
    private func attributes(for style: Style) -> (Int32, Int16) {
        var attributes: Int32 = 0
        if style.bold { attributes |= cm_attr_bold() }
        if style.reverse { attributes |= cm_attr_reverse() }
        if style.underline { attributes |= cm_attr_underline() }
        let pair: Pair?
        switch style.role {
        case .normal, .selected, .status, .notApplicable: pair = nil
        case .title: pair = .title
        case .dim: pair = colours ? .dim : nil
        case .error: pair = .error
        case .warning: pair = .warning
        case .key: pair = .key
        case .yes: pair = .yes
        case .no: pair = .no
        case .rating(let rank):
            switch rank {
            case 0: pair = .outstanding
            case 1: pair = .good
            case 2: pair = .requiresImprovement
            case 3: pair = .inadequate
            default: pair = nil
            }
        }
        if !colours {
            if style.role == .dim || style.role == .notApplicable { attributes |= cm_attr_dim() }
            if style.role == .error || style.role == .warning { attributes |= cm_attr_bold() }
            return (attributes, 0)
        }
        return (attributes, pair?.rawValue ?? 0)
    }
}
