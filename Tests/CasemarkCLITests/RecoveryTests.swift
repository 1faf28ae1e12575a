import CasemarkCore
import CasemarkTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Work not on disk survives a terminating signal: the real binary, a save made to fail (the
/// folder's save lock held by another process for longer than casemark waits), then a signal.
///
/// The work is kept in a recovery file, the exit says where, and the next start restores it.
@Suite("Unsaved work survives a terminating signal", .serialized)
struct RecoveryTests {
    static let catalog: FrameworkCatalog = {
        do { return try FrameworkCatalog(folders: []) } catch { fatalError("\(error)") }
    }()

    func makeInspection(in scratch: TemporaryFolder) throws -> String {
        let folder = scratch.path + "/inspection"
        let framework = try Self.catalog.framework(id: "hmip-yos-2018")
        let created = try InspectionFolder.create(at: folder, service: "Test Service", framework: framework)
        try created.save(CaseFile(ref: "C01", framework: framework.id, domain: "2", disposal: "referral-order"))
        return folder
    }

    func command(_ folder: String, _ scratch: TemporaryFolder, environment: String = "") -> String {
        casemarkInPane("\(shellQuoted(folder)) 2>\(shellQuoted(scratch.path + "/stderr"))", before: environment)
    }

    func recoveryFiles(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix(".casemark-recovery-") }.sorted()
    }

    func recovered(_ folder: String) throws -> JSONObject {
        let names = recoveryFiles(folder)
        #expect(names.count == 1, "\(names)")
        let path = folder + "/" + (names.first ?? "none")
        var status = stat()
        #expect(lstat(path, &status) == 0 && status.st_mode & 0o777 == 0o600)
        return try #require(try JSONParser.parse(FileSystem.read(path)).objectValue)
    }

    func savedCase(_ folder: String) throws -> CaseFile? {
        try InspectionFolder.load(folder, catalog: Self.catalog).cases.first { $0.ref == "C01" }
    }

    @Test(arguments: [SIGTERM, SIGHUP])
    func aFailedSaveIsKeptThroughASignalAndRestored(_ signal: Int32) throws {
        let scratch = TemporaryFolder()
        let folder = try makeInspection(in: scratch)
        // Another process saving, for longer than casemark waits (0.3 s here, 5 s by default).
        let lock = open(folder + "/" + SaveLock.fileName, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        #expect(lock >= 0 && flock(lock, LOCK_EX) == 0)
        let tmux = try TmuxSession(
            command: command(folder, scratch, environment: "CASEMARK_SAVE_LOCK_SECONDS=0.3"), width: 120, height: 30, in: scratch)
        try tmux.waitFor("Cases (1)")
        try tmux.send("Enter")
        try tmux.waitFor("Case C01 ·")
        try tmux.send("y")
        try tmux.waitFor("NOT SAVED")
        for pid in EndToEndTests.processes(withArgument: folder) { kill(pid, signal) }
        let screen = try tmux.waitFor("casemark exited")
        #expect(screen.contains("casemark exited 3"), "\(screen)")
        // The one line on stderr names the file.
        let names = recoveryFiles(folder)
        let stderr = (try? String(contentsOfFile: scratch.path + "/stderr", encoding: .utf8)) ?? ""
        #expect(stderr.hasPrefix("casemark: unsaved work kept in \(folder)/\(names.first ?? "?")"), "\(stderr)")
        #expect(stderr.split(separator: "\n").count == 1, "\(stderr)")
        let recovery = try recovered(folder)
        let pending = recovery["cases"]?.arrayValue?.first?.objectValue?["case"]?.objectValue
        #expect(pending?["answers"]?.objectValue?["2.1.1"]?.objectValue?["prompts"]?.objectValue?["a"]?.stringValue == "yes")
        #expect(try savedCase(folder)?.answers.isEmpty == true, "nothing reached the case file")

        // The other save ends; the next start offers the work, and r restores it.
        close(lock)
        try tmux.respawn(command(folder, scratch))
        try tmux.waitFor("A previous session left unsaved work")
        #expect(try tmux.screen().contains("case C01: changes not saved"))
        try tmux.send("r")
        try tmux.waitFor("Saved case C01")
        #expect(try savedCase(folder)?.answers["2.1.1"]?.prompts == ["a": .yes])
        #expect(recoveryFiles(folder).isEmpty)
        try tmux.send("q")
        try tmux.waitFor("casemark exited 0")
    }

    /// casemark in tmux on `folder` (the folder watched every `watchSeconds`), with `text` typed
    /// into a note on C01's first item and not yet saved.
    func typingANote(_ text: String, on folder: String, in scratch: TemporaryFolder, watchSeconds: String) throws -> TmuxSession {
        let tmux = try TmuxSession(
            command: command(folder, scratch, environment: "CASEMARK_WATCH_SECONDS=" + watchSeconds), width: 120, height: 30, in: scratch)
        try tmux.waitFor("Cases (1)")
        try tmux.send("Enter")
        try tmux.waitFor("Case C01 ·")
        try tmux.send("e")
        try tmux.waitFor("Note (Enter saves")
        try tmux.send(text, literal: true)
        return tmux
    }

    /// A note being typed when the signal comes is kept with the item it belongs to.
    @Test func aNoteBeingTypedIsKeptThroughASignalAndRestored() throws {
        let scratch = TemporaryFolder()
        let folder = try makeInspection(in: scratch)
        let tmux = try typingANote("Seen at home, mother present", on: folder, in: scratch, watchSeconds: "0")
        try tmux.waitFor("mother present")
        for pid in EndToEndTests.processes(withArgument: folder) { kill(pid, SIGTERM) }
        let screen = try tmux.waitFor("casemark exited")
        #expect(screen.contains("casemark exited 3"), "\(screen)")
        let typing = try recovered(folder)["typing"]?.objectValue
        #expect(typing?["text"]?.stringValue == "Seen at home, mother present")
        #expect(typing?["keyQuestion"]?.stringValue == "2.1.1" && typing?["prompt"]?.stringValue == "a")

        try tmux.respawn(command(folder, scratch))
        try tmux.waitFor("A previous session left unsaved work")
        #expect(try tmux.screen().contains("a note being typed on case C01 2.1.1 a: \"Seen at home, mother present\""))
        try tmux.send("r")
        try tmux.waitFor("Saved case C01")
        #expect(try savedCase(folder)?.answers["2.1.1"]?.promptNotes == ["a": "Seen at home, mother present"])
        #expect(recoveryFiles(folder).isEmpty)
        try tmux.send("q")
        try tmux.waitFor("casemark exited 0")
    }

    /// The note is kept in the recovery file as it is typed, at each pause: a SIGKILL, which
    /// nothing can catch, leaves it too; d discards it at the next start.
    @Test func aNoteBeingTypedSurvivesSIGKILL() throws {
        let scratch = TemporaryFolder()
        let folder = try makeInspection(in: scratch)
        let tmux = try typingANote("Typed before the power cut", on: folder, in: scratch, watchSeconds: "0.2")
        try tmux.waitFor("power cut")
        let deadline = Date().addingTimeInterval(10)
        while recoveryFiles(folder).isEmpty, Date() < deadline { usleep(50_000) }
        usleep(300_000)
        #expect(try recovered(folder)["typing"]?.objectValue?["text"]?.stringValue == "Typed before the power cut")
        for pid in EndToEndTests.processes(withArgument: folder) { kill(pid, SIGKILL) }
        try tmux.waitFor("casemark exited")
        try tmux.respawn(command(folder, scratch))
        try tmux.waitFor("A previous session left unsaved work")
        try tmux.send("r")
        try tmux.waitFor("Saved case C01")
        #expect(try savedCase(folder)?.answers["2.1.1"]?.promptNotes == ["a": "Typed before the power cut"])
        #expect(recoveryFiles(folder).isEmpty)
        // Quitting with q leaves no recovery file behind.
        try tmux.send("Enter")
        try tmux.waitFor("Case C01 ·")
        try tmux.send("e")
        try tmux.waitFor("Note (Enter saves")
        try tmux.send(" and after", literal: true)
        try tmux.waitFor("and after")
        usleep(600_000)
        try tmux.send("Escape")
        // Typing is never thrown away unasked.
        try tmux.waitFor("Discard what you typed?")
        try tmux.send("y")
        try tmux.waitFor("Discarded what you typed")
        try tmux.send("q")
        try tmux.waitFor("Cases (1)")
        try tmux.send("q")
        try tmux.waitFor("casemark exited 0")
        #expect(recoveryFiles(folder).isEmpty)
    }

    /// Every file under `path`, relative to it, with its contents' length.
    func tree(_ path: String) -> [String: Int] {
        var found: [String: Int] = [:]
        guard let walker = FileManager.default.enumerator(atPath: path) else { return found }
        while let name = walker.nextObject() as? String {
            found[name] = (try? FileSystem.read(path + "/" + name).count) ?? -1
        }
        return found
    }

    /// The inspection folder moved away while open: the next answer says the inspection is no
    /// longer there, nothing is created at the old path (no cases/ made again), nothing is
    /// written into the folder where it went, and a signal then keeps the answer elsewhere.
    ///
    /// The one change allowed in the moved folder is casemark's own lock file going when it lets
    /// the case go: the lock's folder is held open, so its release finds the folder where it went.
    @Test func aFolderMovedWhileOpenIsNeverRecreatedNorWrittenTo() throws {
        let scratch = TemporaryFolder()
        let folder = try makeInspection(in: scratch)
        let moved = folder + ".moved"
        let temporary = scratch.path + "/tmp"
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        let tmux = try TmuxSession(
            command: command(folder, scratch, environment: "TMPDIR=\(shellQuoted(temporary)) CASEMARK_WATCH_SECONDS=0.2"), width: 140,
            height: 30,
            in: scratch)
        try tmux.waitFor("Cases (1)")
        try tmux.send("Enter")
        try tmux.waitFor("Case C01 ·")
        #expect(rename(folder, moved) == 0)
        let before = tree(moved).filter { !$0.key.hasSuffix(".C01.lock") }
        try tmux.send("y")
        try tmux.waitFor("no longer there")
        try tmux.send("n")
        try tmux.waitFor("no longer there")
        // Some watch ticks, where a draft of the unsaved work would be written.
        usleep(1_000_000)
        try tmux.send("e")
        try tmux.waitFor("Note (Enter saves")
        try tmux.send("typed after the move", literal: true)
        try tmux.waitFor("after the move")
        usleep(800_000)
        #expect(!FileManager.default.fileExists(atPath: folder), "the old path was created again: \(tree(folder))")
        #expect(tree(moved).filter { !$0.key.hasSuffix(".C01.lock") } == before, "written into the moved folder")
        for pid in EndToEndTests.processes(withArgument: folder) { kill(pid, SIGTERM) }
        let screen = try tmux.waitFor("casemark exited")
        #expect(screen.contains("casemark exited 3"), "\(screen)")
        #expect(!FileManager.default.fileExists(atPath: folder), "the old path was created again: \(tree(folder))")
        #expect(tree(moved).filter { !$0.key.hasSuffix(".C01.lock") } == before, "written into the moved folder")
        // The work went to a private file under $TMPDIR, and stderr says so.
        let kept = (try? FileManager.default.contentsOfDirectory(atPath: temporary)) ?? []
        #expect(kept.count == 1 && kept.first?.hasPrefix("casemark-recovery-") == true, "\(kept)")
        let stderr = (try? String(contentsOfFile: scratch.path + "/stderr", encoding: .utf8)) ?? ""
        #expect(stderr.contains("unsaved work kept in \(temporary)/casemark-recovery-"), "\(stderr)")
        let text = (try? String(contentsOfFile: temporary + "/" + (kept.first ?? ""), encoding: .utf8)) ?? ""
        #expect(text.contains("typed after the move") && text.contains("\"2.1.1\""))
    }
}
