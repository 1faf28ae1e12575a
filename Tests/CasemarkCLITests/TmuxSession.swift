import CasemarkTestSupport
import Foundation

/// The real `casemark` binary running in a detached tmux session on a private socket, at a fixed
/// size: tests send keys and read the screen as text, as a user would see it.
final class TmuxSession {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let socket: String
    private let tmux: String
    private let scratchPath: String

    /// Starts `command` (a shell command line) in a new session of `width` x `height`.
    init(command: String, width: Int = 100, height: Int = 30, in scratch: TemporaryFolder) throws {
        guard let tmux = TmuxSession.findTmux() else {
            throw Failure(description: "tmux is needed for the end-to-end tests (apt-get install tmux; .ci/run installs it)")
        }
        self.tmux = tmux
        scratchPath = scratch.path
        socket = scratch.path + "/tmux-" + UUID().uuidString.prefix(8) + ".sock"
        // A config of our own: no user settings, a terminal type every ncurses knows.
        let config = scratch.path + "/tmux.conf"
        guard
            FileManager.default.createFile(
                atPath: config,
                contents: Data("set -g default-terminal screen\nset -g status off\nset -g history-limit 0\n".utf8))
        else { throw Failure(description: "cannot write \(config)") }
        try run(["-f", config, "new-session", "-d", "-x", String(width), "-y", String(height), command])
    }

    deinit {
        _ = try? run(["kill-server"])
    }

    /// Types keys: tmux key names (`Enter`, `Tab`, `C-c`, `Down`) or, with `literal`, text.
    func send(_ keys: String..., literal: Bool = false) throws {
        try run(["send-keys", "-t", "0"] + (literal ? ["-l"] : []) + keys)
    }

    /// Types a list of keys in one go, as `send` does.
    func send(keys: [String]) throws {
        try run(["send-keys", "-t", "0"] + keys)
    }

    /// Pastes `text` into the pane as a terminal does: bracketed (`ESC [200~ … ESC [201~`) when
    /// the program asked for bracketed paste, its line breaks sent as CR (tmux's default).
    func paste(_ text: String) throws {
        try run(["set-buffer", "-b", "casemark-test", "--", text])
        try run(["paste-buffer", "-p", "-b", "casemark-test", "-t", "0"])
    }

    /// Sends bytes to the program in the pane as the terminal would send them (a mouse report).
    func sendBytes(_ bytes: [UInt8]) throws {
        try run(["send-keys", "-t", "0", "-H"] + bytes.map { String($0, radix: 16) })
    }

    /// A click of the first button at column `x`, row `y` (from 0), as an xterm reports it in its
    /// first mouse protocol (`ESC [ M`, then button, column and row plus 32; the `screen`
    /// terminal type's `kmous`): the press, then the release.
    func click(x: Int, y: Int) throws {
        try sendBytes([0x1b, 0x5b, 0x4d, 32, UInt8(33 + x), UInt8(33 + y)])
        try sendBytes([0x1b, 0x5b, 0x4d, 35, UInt8(33 + x), UInt8(33 + y)])
    }

    /// A tmux format of the pane (`#{mouse_any_flag}`: 1 while the program asks for the mouse).
    func paneFormat(_ format: String) throws -> String {
        try run(["display-message", "-p", "-t", "0", format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// What the pane shows now, one line per row.
    func screen() throws -> String {
        try run(["capture-pane", "-p", "-t", "0"])
    }

    /// The process id of the program in the pane (the command's shell, or what it `exec`s).
    func panePID() throws -> pid_t {
        let text = try run(["display-message", "-p", "-t", "0", "#{pane_pid}"])
        guard let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw Failure(description: "tmux gave no pane pid: \(text)")
        }
        return pid
    }

    /// Keeps the pane after its program dies, so it can be started again with `respawn`.
    func keepDeadPanes() throws {
        try run(["set-option", "-g", "remain-on-exit", "on"])
    }

    /// Starts `command` again in the pane, killing what runs there, on a cleared screen.
    func respawn(_ command: String) throws {
        try run(["respawn-pane", "-k", "-t", "0", command])
        try run(["clear-history", "-t", "0"])
    }

    func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", "0", "-x", String(width), "-y", String(height)])
    }

    /// Waits until the screen shows `text` and has settled (polling; the deadline only guards
    /// against a hang) and returns the screen.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 15) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if last.contains(text) {
                // A frame can be caught half drawn (the text there, the rest of the frame not
                // yet): the screen counts once two captures a moment apart agree.
                usleep(20_000)
                let again = try screen()
                if again == last { return last }
                continue
            }
            usleep(20_000)
        }
        throw Failure(description: "the screen never showed \"\(text)\"; it shows:\n\(last)")
    }

    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        var environment = ProcessInfo.processInfo.environment
        environment["TMUX"] = nil
        environment["CASEMARK_FRAMEWORKS"] = nil
        environment["TERM"] = environment["TERM"].flatMap { $0.isEmpty || $0 == "dumb" ? nil : $0 } ?? "xterm"
        let outputPath = scratchPath + "/tmux-output-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let status = try ChildProcess.run(tmux, ["-S", socket] + arguments, environment: environment, outputPath: outputPath)
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        if status != 0, arguments.first != "kill-server" {
            throw Failure(description: "tmux \(arguments.joined(separator: " ")) failed (\(status)): \(text)")
        }
        return text
    }

    private static func findTmux() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") + ["/usr/bin", "/usr/local/bin"] {
            let candidate = "\(folder)/tmux"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// The shell command a tmux pane runs casemark with.
///
/// `before` comes before the binary (variable assignments, or a `cd … &&`), `arguments` (shell
/// text, already quoted) after it; then it says how casemark exited and waits, so the pane stays
/// open to be read.
func casemarkInPane(_ arguments: String, before: String = "") -> String {
    "\(before) \(shellQuoted(BinaryRunner.executable.path)) \(arguments); echo \"casemark exited $?\"; sleep 600"
}

/// Quotes a string for a POSIX shell command line.
func shellQuoted(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
