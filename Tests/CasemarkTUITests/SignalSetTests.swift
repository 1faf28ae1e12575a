import Testing

@testable import CasemarkTUI

#if canImport(Glibc)
    import Glibc
#endif

/// The marking screen handles every catchable signal whose default action would end the process,
/// so none can leave the terminal raw.
@Suite("The signals the terminal session handles")
struct SignalSetTests {
    /// Signals whose default action does not end the process, and those that cannot be caught.
    static let harmless: Set<Int32> = [SIGCHLD, SIGCONT, SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU, SIGURG, SIGWINCH, SIGKILL]

    @Test func everyTerminatingSignalIsHandled() {
        let quit = Set(CursesTerminal.quitSignals)
        let crash = Set(CursesTerminal.crashSignals)
        #expect(quit.isDisjoint(with: crash))
        for signal in Int32(1)...31 where !Self.harmless.contains(signal) {
            #expect(quit.contains(signal) || crash.contains(signal), "signal \(signal) (\(String(cString: strsignal(signal))))")
        }
        for signal in [SIGQUIT, SIGUSR1, SIGUSR2, SIGPIPE, SIGALRM, SIGXCPU, SIGINT, SIGTERM, SIGHUP] {
            #expect(quit.contains(signal), "signal \(signal) must quit cleanly")
        }
        #expect(crash == [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT, SIGSYS])
    }
}
