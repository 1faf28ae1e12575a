import CPseudoTerminal
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The real `casemark` on a pseudo-terminal of 80x24: how many bytes it writes to the terminal.
final class TerminalBytes {
    private let controller: Int32
    private let pid: pid_t

    init(casemark: String, folder: String) throws {
        var path = [CChar](repeating: 0, count: 128)
        controller = cm_open_pseudo_terminal(24, 80, &path, UInt(path.count))
        guard controller >= 0 else { throw BenchFailure("cannot open a pseudo-terminal") }
        let terminalPath = String(decoding: path.prefix { $0 != 0 }.map(UInt8.init(bitPattern:)), as: UTF8.self)
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup(casemark), strdup(folder), nil]
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm-256color"
        environment["NO_COLOR"] = nil
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        pid = cm_spawn_on_terminal(terminalPath, argv, envp)
        guard pid > 0 else { throw BenchFailure("cannot start casemark on a pseudo-terminal") }
    }

    /// Bytes the program writes until it has been quiet for `quiet` milliseconds.
    func drain(quiet: Int32 = 300) -> Int {
        var total = 0
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            var descriptor = pollfd(fd: controller, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, quiet)
            if ready <= 0 { return total }
            let count = read(controller, &buffer, buffer.count)
            if count <= 0 { return total }
            total += count
        }
    }

    /// Types `text` and returns the bytes written in answer.
    func type(_ text: String) -> Int {
        _ = Array(text.utf8).withUnsafeBytes { write(controller, $0.baseAddress, $0.count) }
        return drain()
    }

    func finish() {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        close(controller)
    }
}
