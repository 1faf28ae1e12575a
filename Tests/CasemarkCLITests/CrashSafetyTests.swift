import CasemarkCore
import CasemarkTestSupport
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
    func makeInspection(in scratch: TemporaryFolder) throws -> (folder: InspectionFolder, untouched: [UInt8]) {
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
        let scratch = TemporaryFolder()
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
        let scratch = TemporaryFolder()
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
        let scratch = TemporaryFolder()
        let (folder, _) = try makeInspection(in: scratch)
        let cases = folder.casesFolderPath
        let tmux = try TmuxSession(
            command: casemarkInPane(shellQuoted(folder.path)),
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

    /// Random bytes on the real binary's keyboard (invalid UTF-8, stray escapes, every control
    /// key but those the terminal turns into signals): it neither crashes nor spins, and every
    /// case file it wrote is whole.
    @Test func randomBytesOnTheKeyboardNeitherCrashNorHang() throws {
        let scratch = TemporaryFolder()
        let framework = try Self.catalog.framework(id: "hmip-yos-2020-09")
        let folder = try InspectionFolder.create(at: scratch.path + "/inspection", service: "Test YJS", framework: framework)
        try folder.save(CaseFile(ref: "C01", framework: framework.id, domain: "2", disposal: "referral-order"))
        try folder.save(CaseFile(ref: "C02", framework: framework.id, domain: "3", disposal: "youth-caution"))
        // A home, a temporary folder and a working folder of its own, to show it writes nowhere
        // but the inspection folder.
        let elsewhere = ["home", "tmp", "work"].map { scratch.path + "/" + $0 }
        for path in elsewhere { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false) }
        let command =
            "cd \(shellQuoted(elsewhere[2])) && HOME=\(shellQuoted(elsewhere[0])) TMPDIR=\(shellQuoted(elsewhere[1])) "
            + casemark(folder.path)
        let tmux = try TmuxSession(command: command, width: 80, height: 24, in: scratch)
        try tmux.waitFor("Cases (2)")
        let pid = try tmux.panePID()
        // Ctrl-C, Ctrl-Z and Ctrl-\ are signals under cbreak and Ctrl-S/Ctrl-Q flow control, not
        // keys; q and Q would end the run early.
        let excluded: Set<UInt8> = [0x03, 0x1A, 0x1C, 0x11, 0x13, UInt8(ascii: "q"), UInt8(ascii: "Q")]
        var random = SplitMix64(seed: 0xB17E5)
        for chunk in 0..<40 {
            var bytes: [UInt8] = []
            while bytes.count < 60 {
                let byte: UInt8
                switch random.next() % 4 {
                case 0: byte = UInt8(truncatingIfNeeded: random.next())
                case 1: byte = [0x1B, 0x0D, 0x09, 0x7F, 0x5B, 0x4F][Int(random.next() % 6)]
                default: byte = UInt8(32 + random.next() % 95)
                }
                if !excluded.contains(byte) { bytes.append(byte) }
            }
            try tmux.send(keys: ["-H"] + bytes.map { String(format: "%02x", $0) })
            usleep(20_000)
            #expect(kill(pid, 0) == 0, "chunk \(chunk): casemark ended")
        }
        // Alive, and idle once it has worked through the keys typed ahead: a hang would be a
        // process that never stops using a core.
        var idle = false
        let deadline = Date().addingTimeInterval(60)
        while !idle && Date() < deadline && kill(pid, 0) == 0 {
            let before = Self.cpuTicks(pid)
            usleep(500_000)
            idle = Self.cpuTicks(pid) - before < 10
        }
        #expect(kill(pid, 0) == 0, "casemark ended")
        #expect(idle, "casemark was still busy a minute after the last key")
        // And it still answers: Escape closes whatever the bytes opened, and ? shows the keys.
        try tmux.send("Escape", "Escape", "Escape")
        try tmux.resize(width: 100, height: 30)
        try tmux.send("?")
        try tmux.waitFor("Keys: ")
        let loaded = try InspectionFolder.load(folder.path, catalog: Self.catalog)
        #expect(loaded.damaged.isEmpty, "\(loaded.damaged)")
        try tmux.send("C-c")
        waitUntilDead(pid)
        for path in elsewhere {
            #expect(try FileManager.default.contentsOfDirectory(atPath: path).isEmpty, "casemark wrote into \(path)")
        }
        // Whatever the keys made (cases, removed cases, locks, framework copies) is private.
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let name = enumerator?.nextObject() as? String {
            var status = stat()
            #expect(lstat(folder.path + "/" + name, &status) == 0)
            let isDirectory = (status.st_mode & S_IFMT) == S_IFDIR
            #expect(status.st_mode & 0o777 == (isDirectory ? 0o700 : 0o600), "\(name) is \(String(status.st_mode & 0o777, radix: 8))")
        }
    }

    /// User plus system CPU time of a process, in clock ticks.
    static func cpuTicks(_ pid: pid_t) -> Int {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After the name: state is field 3, utime 14 and stime 15 (1-based), so 11 and 12 here.
        guard fields.count > 12, let user = Int(fields[11]), let system = Int(fields[12]) else { return 0 }
        return user + system
    }
}

/// Waits until a process (not a child of ours: tmux reaps it) has ended: gone, or a zombie.
///
/// SIGKILL lands at once, but a process inside `fsync` finishes that call first.
func waitUntilDead(_ pid: pid_t) {
    for _ in 0..<500 {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return }
        if let close = stat.lastIndex(of: ")"), stat[close...].dropFirst(2).first == "Z" { return }
        usleep(10_000)
    }
}
