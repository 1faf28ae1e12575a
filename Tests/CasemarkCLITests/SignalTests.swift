import CasemarkCore
import CasemarkTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Every catchable signal that would end casemark leaves the terminal as it found it, and none
/// prints over the screen: SIGQUIT (Ctrl-\) made Swift's runtime draw a backtrace there, and
/// SIGUSR1, SIGPIPE, SIGALRM or SIGXCPU left the shell in raw mode.
@Suite("Terminating signals restore the terminal")
struct SignalTests {
    func makeInspection(in scratch: TemporaryFolder) throws -> String {
        let folder = scratch.path + "/inspection"
        let framework = try FrameworkCatalog(folders: []).framework(id: "hmip-yos-2018")
        let created = try InspectionFolder.create(at: folder, service: "Test Service", framework: framework)
        try created.save(CaseFile(ref: "C01", framework: framework.id, domain: "2", disposal: "referral-order"))
        return folder
    }

    @Test(arguments: [SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGPIPE, SIGALRM, SIGXCPU, SIGXFSZ, SIGVTALRM, SIGPROF])
    func aSignalQuitsCleanlyAndRestoresTheTerminal(_ signal: Int32) throws {
        let scratch = TemporaryFolder()
        let folder = try makeInspection(in: scratch)
        let command =
            "\(shellQuoted(BinaryRunner.executable.path)) \(shellQuoted(folder)); echo \"exited $?\"; \(EndToEndTests.modes); sleep 600"
        let tmux = try TmuxSession(command: command, in: scratch)
        try tmux.waitFor("Cases (1)")
        let pids = EndToEndTests.processes(withArgument: folder)
        #expect(pids.count == 1)
        for pid in pids { kill(pid, signal) }
        let screen = try tmux.waitFor("icanon echo")
        #expect(screen.contains("exited 0"), "signal \(signal): \(screen)")
        for trace in ["Backtrac", "crashed", "Thread 0", "Quit", "core dumped"] {
            #expect(!screen.contains(trace), "signal \(signal): \(screen)")
        }
    }

    /// Ctrl-\ typed at the marking screen quits as Ctrl-C does.
    @Test func ctrlBackslashQuitsWithoutABacktrace() throws {
        let scratch = TemporaryFolder()
        let folder = try makeInspection(in: scratch)
        let command =
            "\(shellQuoted(BinaryRunner.executable.path)) \(shellQuoted(folder)); echo \"exited $?\"; \(EndToEndTests.modes); sleep 600"
        let tmux = try TmuxSession(command: command, in: scratch)
        try tmux.waitFor("Cases (1)")
        try tmux.send("C-\\")
        let screen = try tmux.waitFor("icanon echo")
        #expect(screen.contains("exited 0"), "\(screen)")
        #expect(!screen.contains("Backtrac") && !screen.contains("crashed"), "\(screen)")
    }
}
