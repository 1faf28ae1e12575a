import CasemarkCore
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The real binary killed mid-save, two of them on one case, and a folder that refuses writes:
/// every case file stays whole, and nothing the screen showed is lost.
@Suite("Crash safety, locking and failed saves against the real binary", .serialized)
struct CrashSafetyTests {
    static let catalog: FrameworkCatalog = {
        do { return try FrameworkCatalog(folders: []) } catch { fatalError("\(error)") }
    }()

    /// An inspection with C01, whose 2.1.1 carries a long note so that every save writes about
    /// 1 MB (the largest note casemark takes) and a kill often lands in the middle of one, and C02, which nobody touches.
    func makeInspection(in scratch: Scratch) throws -> (folder: InspectionFolder, untouched: [UInt8]) {
        let framework = try Self.catalog.framework(id: "hmip-yos-2020-09")
        let folder = try InspectionFolder.create(at: scratch.path + "/inspection", service: "Test YJS", framework: framework)
        var first = CaseFile(ref: "C01", framework: framework.id, domain: "2", disposal: "referral-order")
        first.answers["2.1.1"] = Answer(note: String(repeating: "Evidence from the case record. ", count: 33_000))
        try folder.save(first)
        try folder.save(CaseFile(ref: "C02", framework: framework.id, domain: "2", disposal: "referral-order"))
        return (folder, try FileSystem.read(folder.caseFilePath(ref: "C02")))
    }

    static func inode(_ path: String) -> UInt {
        var status = stat()
        return lstat(path, &status) == 0 ? UInt(status.st_ino) : 0
    }

    func casemark(_ folder: String) -> String {
        "exec \(shellQuoted(BinaryRunner.executable.path)) \(shellQuoted(folder))"
    }

    /// Every case file must load as a whole, valid case: the old version or a new one.
    func expectEveryCaseWhole(_ folder: InspectionFolder, untouched: [UInt8], round: Int) throws {
        let loaded = try InspectionFolder.load(folder.path, catalog: Self.catalog)
        #expect(loaded.damaged.isEmpty, "round \(round): \(loaded.damaged)")
        #expect(loaded.cases.map(\.ref) == ["C01", "C02"], "round \(round)")
        let note = loaded.cases.first?.answers["2.1.1"]?.note
        #expect(note?.count == 1_023_000, "round \(round): the long note is whole")
        #expect(try FileSystem.read(folder.caseFilePath(ref: "C02")) == untouched)
    }

    @Test func sigkillAtRandomMomentsNeverLeavesAHalfWrittenCase() throws {
        let scratch = Scratch()
        let (folder, untouched) = try makeInspection(in: scratch)
        var random = SplitMix64(seed: 0x5AFE)
        let keys = ["y", "n", "x", "Space", "u", "j", "k"]
        let rounds = 30
        var roundsWithLeftovers = 0
        var roundsWithChanges = 0
        var previous = try FileSystem.read(folder.caseFilePath(ref: "C01"))
        let tmux = try TmuxSession(command: casemark(folder.path), width: 100, height: 30, in: scratch)
        try tmux.keepDeadPanes()
        for round in 0..<rounds {
            if round > 0 { try tmux.respawn(casemark(folder.path)) }
            try tmux.waitFor("Cases (2)")
            try tmux.send("Enter")
            try tmux.waitFor("Case C01 ·")
            let pid = try tmux.panePID()
            // A burst of answers, each one a save, then SIGKILL somewhere in it.
            // Each save renames a new file into place: a new inode shows that saving has begun.
            let inode = Self.inode(folder.caseFilePath(ref: "C01"))
            let burst = (0..<80).map { _ in keys[Int(random.next() % UInt64(keys.count))] }
            try tmux.send(keys: burst)
            for _ in 0..<400 where Self.inode(folder.caseFilePath(ref: "C01")) == inode { usleep(5_000) }
            usleep(useconds_t(random.next() % 60_000))
            #expect(kill(pid, SIGKILL) == 0, "round \(round): casemark had already ended")
            waitUntilDead(pid)
            if !FileSystem.leftoverTemporaries(of: folder.caseFilePath(ref: "C01")).isEmpty { roundsWithLeftovers += 1 }
            let now = try FileSystem.read(folder.caseFilePath(ref: "C01"))
            if now != previous { roundsWithChanges += 1 }
            previous = now
            try expectEveryCaseWhole(folder, untouched: untouched, round: round)
        }
        // Opening the case again takes over the dead process's lock and clears what it left.
        try tmux.respawn(casemark(folder.path))
        try tmux.waitFor("Cases (2)")
        try tmux.send("Enter")
        try tmux.waitFor("Took over case C01 from")
        try tmux.send("q")
        try tmux.waitFor("Cases (2)")
        try tmux.send("q")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.casesFolderPath).sorted()
        #expect(names == ["C01.json", "C02.json"], "no temporary or lock file is left: \(names)")
        try expectEveryCaseWhole(folder, untouched: untouched, round: rounds)
        print("SIGKILL test: \(rounds) kills, \(roundsWithChanges) after saves, \(roundsWithLeftovers) in the middle of a save")
    }

    @Test func aSecondCasemarkOpensTheCaseReadOnlyAndTakesOverWhenTheFirstDies() throws {
        let scratch = Scratch()
        let (folder, _) = try makeInspection(in: scratch)
        let first = try TmuxSession(command: casemark(folder.path), width: 100, height: 30, in: scratch)
        try first.waitFor("Cases (2)")
        try first.send("Enter")
        try first.waitFor("Case C01 ·")
        let second = try TmuxSession(command: casemark(folder.path), width: 120, height: 30, in: scratch)
        try second.waitFor("Cases (2)")
        try second.send("Enter")
        let pid = try first.panePID()
        try second.waitFor("Read-only: case C01 is open for marking by")
        let lockFile = String(decoding: try FileSystem.read(folder.casesFolderPath + "/.C01.lock"), as: UTF8.self)
        #expect(lockFile.contains("\"pid\": \(pid)"), "the lock names the first casemark: \(lockFile)")
        let before = try FileSystem.read(folder.caseFilePath(ref: "C01"))
        try second.send("y")
        try second.waitFor("Nothing changed: read-only")
        #expect(try FileSystem.read(folder.caseFilePath(ref: "C01")) == before)
        // The first dies without a word; the second takes the case over on reopening it.
        kill(pid, SIGKILL)
        waitUntilDead(pid)
        try second.send("q", "Enter")
        try second.waitFor("Took over case C01 from")
        try second.send("y")
        try second.waitFor("Saved case C01")
        #expect(try FileSystem.read(folder.caseFilePath(ref: "C01")) != before)
        try second.send("q", "q")
    }

    /// A folder that refuses writes: `chmod` for an ordinary user; as root, whom permissions do
    /// not stop, the cases folder is replaced by a file, which stops everyone.
    @Test func aFolderThatRefusesWritesShowsTheErrorKeepsTheAnswersAndRetries() throws {
        let scratch = Scratch()
        let (folder, _) = try makeInspection(in: scratch)
        let cases = folder.casesFolderPath
        let tmux = try TmuxSession(
            command: "\(shellQuoted(BinaryRunner.executable.path)) \(shellQuoted(folder.path)); echo \"casemark exited $?\"; sleep 600",
            width: 120, height: 30, in: scratch)
        try tmux.waitFor("Cases (2)")
        try tmux.send("Enter")
        try tmux.waitFor("Case C01 ·")
        let before = try FileSystem.read(folder.caseFilePath(ref: "C01"))
        let asRoot = getuid() == 0
        if asRoot {
            try FileManager.default.moveItem(atPath: cases, toPath: cases + ".away")
            scratch.write("inspection/cases", "not a folder")
        } else {
            #expect(chmod(cases, 0o500) == 0)
        }
        try tmux.send("y")
        try tmux.waitFor("NOT SAVED")
        try tmux.send("n")
        try tmux.waitFor("NOT SAVED")
        let unchanged = try FileSystem.read((asRoot ? cases + ".away" : cases) + "/C01.json")
        #expect(unchanged == before)
        if asRoot {
            try FileManager.default.removeItem(atPath: cases)
            try FileManager.default.moveItem(atPath: cases + ".away", toPath: cases)
        } else {
            #expect(chmod(cases, 0o700) == 0)
        }
        try tmux.send("S")
        try tmux.waitFor("Saved case C01")
        let saved = try InspectionFolder.load(folder.path, catalog: Self.catalog).cases.first { $0.ref == "C01" }
        #expect(saved?.answers["2.1.1"]?.prompts == ["a": .yes, "b": .no])
        try tmux.send("q", "q")
        try tmux.waitFor("casemark exited 0")
    }
}

/// Waits until a process (not a child of ours: tmux reaps it) has ended: gone, or a zombie.
/// SIGKILL lands at once, but a process inside `fsync` finishes that call first.
func waitUntilDead(_ pid: pid_t) {
    for _ in 0..<500 {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return }
        if let close = stat.lastIndex(of: ")"), stat[close...].dropFirst(2).first == "Z" { return }
        usleep(10_000)
    }
}
