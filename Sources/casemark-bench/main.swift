import CasemarkCore
import CasemarkTUI
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

// casemark-bench: `swift run -c release casemark-bench`. Builds its own inspections from a fixed
// seed in a temporary folder (removed at the end) and prints each figure as the median with the
// spread over repeated runs. `casemark-bench open-once DIR` is the child it measures memory with.
// Options: `--answers-only` (figures 1 and 2), `--report-only` (figure 3), `--across-only`
// (figure 6), `--runs N` (timed runs of each process in figure 3); `casemark-bench make DIR COUNT` writes the bench's data at DIR.
// Figure 3 times casemark's report against reference.py (run by the system's python3) and against
// floor.c (compiled here with cc -O2), in interleaved runs, wall and CPU time.

let seed: UInt64 = 20_261_123
let catalog = try FrameworkCatalog(folders: [])
let framework = try catalog.framework(id: "hmip-yos-2020-09")

/// A thread that keeps one core busy until stopped, as another program would.
final class BusyCore: @unchecked Sendable {
    private let lock = NSLock()
    private var running = true

    init() {
        Thread.detachNewThread { [self] in
            var x: UInt64 = 1
            while self.isRunning { for _ in 0..<100_000 { x = x &* 6_364_136_223_846_793_005 &+ 1 } }
            if x == 42 { print("") }
        }
    }

    private var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        return running
    }

    func stop() {
        lock.lock()
        running = false
        lock.unlock()
    }
}

/// A terminal that shows nothing and has no keys: the runner's own start-up, measured alone.
final class SilentTerminal: Terminal {
    var size: (width: Int, height: Int) { (80, 24) }
    func nextKey() -> Key? { nil }
    func present(_ buffer: ScreenBuffer) {}
}

/// Opens an inspection as the marking screen does: load every case (without its history, which
/// is read when the case is opened), tally, rate, the runner (which notes every file's
/// signature, to notice what others save), first frame.
@discardableResult
@MainActor func openInspection(_ path: String) throws -> App {
    let folder = try InspectionFolder.load(path, catalog: catalog, keepingHistory: false)
    let runner = AppRunner(app: App(folder: folder, size: (80, 24)), terminal: SilentTerminal(), folderPath: path)
    _ = runner.app.render()
    return runner.app
}

// `casemark-bench peak COMMAND ARGS...`: runs the command and prints its exit status and peak
// memory. Memory is measured through this small process because a child's `ru_maxrss` starts at
// its parent's size (the kernel keeps the high-water mark across exec), and by then the bench
// itself holds thousands of cases: measured directly, every child looked as big as the bench.
if CommandLine.arguments.count >= 3, CommandLine.arguments[1] == "peak" {
    let run = try ChildRun.run(Array(CommandLine.arguments.dropFirst(2)))
    print(run.status, run.peakMegabytes)
    exit(0)
}

if CommandLine.arguments.count == 3, CommandLine.arguments[1] == "open-once" {
    try openInspection(CommandLine.arguments[2])
    exit(0)
}

// `casemark-bench make DIR COUNT`: writes the benchmark's inspection of COUNT cases at DIR (a new
// folder), to profile `casemark report` on the same data outside the bench.
if CommandLine.arguments.count == 4, CommandLine.arguments[1] == "make", let count = Int(CommandLine.arguments[3]) {
    try BenchData.make(cases: count, framework: framework, at: CommandLine.arguments[2], seed: seed)
    exit(0)
}

// `casemark-bench decode DIR [ROUNDS]`: the reading a report does of each case file (read as a
// report reads it, without its history, and its review status, which digests the answers),
// timed on one thread over bytes already in memory, round after round: the part of a report
// that is this code's own, apart from the system calls and the other core. Prints the median
// thread CPU time per case and per round, to compare builds on a machine too noisy for whole runs.
if CommandLine.arguments.count >= 3, CommandLine.arguments[1] == "decode" {
    let folder = CommandLine.arguments[2] + "/cases"
    let names = try FileSystem.Folder.open(folder).list().filter { $0.hasSuffix(".json") }
    let files = try names.map { try FileSystem.read(folder + "/" + $0) }
    let rounds = CommandLine.arguments.count > 3 ? Int(CommandLine.arguments[3]) ?? 15 : 15
    func threadSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
    var perCase: [Double] = []
    var signedOff = 0
    for _ in 0..<rounds {
        let start = threadSeconds()
        signedOff = 0
        for (index, bytes) in files.enumerated() {
            let decoded = CaseFileDecoder.decode(bytes, file: names[index], keepingHistory: false)
            if decoded.file?.reviewStatus == .signedOff { signedOff += 1 }
        }
        perCase.append((threadSeconds() - start) * 1e6 / Double(max(1, files.count)))
    }
    print(
        "decode \(files.count) cases (\(signedOff) signed off), one thread, \(rounds) rounds: \(Sample(perCase).describe(unit: .microseconds)) per case"
    )
    exit(0)
}

/// `--report-only`: figure 3 alone (the report against reference.py), for iterating on it.
let reportOnly = CommandLine.arguments.contains("--report-only")
/// `--runs N`: how many timed runs of each process in figure 3 (5 by default).
let reportRuns =
    CommandLine.arguments.firstIndex(of: "--runs").flatMap { index in
        index + 1 < CommandLine.arguments.count ? Int(CommandLine.arguments[index + 1]) : nil
    } ?? 5

func milliseconds(since start: UInt64) -> Double {
    Double(FlushTiming.monotonicNanoseconds() - start) / 1_000_000
}

/// The bench's own folder in the build folder, where `casemark` is built too.
let buildFolder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().path
let casemark = buildFolder + "/casemark"
if !FileManager.default.isExecutableFile(atPath: casemark) {
    // As `make install` builds it: the Swift runtime and Foundation linked in.
    print("casemark is not built beside the benchmark; building it (swift build -c release --static-swift-stdlib --product casemark) ...")
    let build = try ChildRun.run(["/usr/bin/env", "swift", "build", "-c", "release", "--static-swift-stdlib", "--product", "casemark"])
    guard build.status == 0, FileManager.default.isExecutableFile(atPath: casemark) else {
        throw BenchFailure("could not build casemark: run `swift build -c release --static-swift-stdlib` first")
    }
}
/// How the casemark measured is linked: `make install` ships it with the Swift runtime linked
/// in, which starts faster than one that finds it in shared libraries.
let casemarkLinking: String = {
    let listing = NSTemporaryDirectory() + "casemark-bench-ldd-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: listing) }
    guard let listed = try? ChildRun.run(["/usr/bin/env", "ldd", casemark], outputPath: listing), listed.status == 0,
        let libraries = try? String(contentsOfFile: listing, encoding: .utf8)
    else { return "linking not known" }
    return libraries.contains("libswiftCore")
        ? "the Swift runtime in shared libraries (not as make install builds it: add --static-swift-stdlib)"
        : "the Swift runtime linked in, as make install builds it"
}()
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
let reference = packageRoot + "/Sources/casemark-bench/reference.py"

var template = Array((NSTemporaryDirectory() + "casemark-bench-XXXXXX").utf8CString)
guard let scratchPointer = template.withUnsafeMutableBufferPointer({ $0.baseAddress.flatMap { mkdtemp($0) } }) else {
    throw BenchFailure("cannot create a temporary folder")
}
let scratch = String(cString: scratchPointer)
/// Removes the bench's folder and exits: a `defer` at the top level does not run on `exit`, and
/// every early exit below (`--answers-only`, `--report-only`, `--across-only`) left 140 MB behind.
func finish() -> Never {
    try? FileManager.default.removeItem(atPath: scratch)
    exit(0)
}
// Interrupted or stopped, too (with `--report-100000` the folder holds 1.2 GB). The signals are
// taken on a queue of their own, as the main thread is busy; it may be writing cases into the
// folder, so the folder is removed by a small process of its own once this one has gone.
let interruptions = [SIGINT, SIGTERM, SIGHUP].map { number in
    signal(number, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
    source.setEventHandler {
        FileHandle.standardError.write(Data("\ncasemark-bench: interrupted; removing \(scratch)\n".utf8))
        let remover = Process()
        remover.executableURL = URL(fileURLWithPath: "/bin/sh")
        remover.arguments = ["-c", "while kill -0 \(getpid()) 2>/dev/null; do sleep 0.05; done; rm -rf -- \"$0\"", scratch]
        try? remover.run()
        _exit(128 + number)
    }
    source.resume()
    return source
}

print("casemark-bench · seed \(seed) · \(framework.id)")
let cpu =
    (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
    .split(separator: "\n").first { $0.hasPrefix("model name") }
    .map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" } ?? "unknown CPU"
print(
    "machine: \(cpu), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.physicalMemory / 1_073_741_824) GiB")
print("casemark: \(casemark), with \(casemarkLinking)")

/// 6. `report --across` at 100,000 cases across 1,000 folders: the bench's inspection of 100
/// cases named 1,000 times (each name a link to it: a folder the user names may be a link), so the
/// figure costs no disk. Memory must not grow with the number of cases.
func acrossFigure() throws {
    print("\n6. casemark report --across --format json: 100,000 cases across 1,000 folders, against 1,000 cases across 10")
    let base = scratch + "/across-base"
    try BenchData.make(cases: 100, framework: framework, at: base, seed: seed)
    var names: [String] = []
    for index in 0..<1_000 {
        let name = scratch + "/across-\(index)"
        guard symlink(base, name) == 0 else { throw BenchFailure("cannot link \(name)") }
        names.append(name)
    }
    for count in [10, 1_000] {
        let arguments = [casemark, "report"] + names.prefix(count) + ["--across", "--format", "json"]
        var times: [Double] = []
        var cpu: [Double] = []
        var peaks: [Double] = []
        for _ in 0..<3 {
            let run = try ChildRun.run(arguments)
            guard run.status == 0 else { throw BenchFailure("report --across failed (\(run.status))") }
            times.append(run.milliseconds)
            cpu.append(run.cpuMilliseconds)
            peaks.append(try ChildRun.peakMegabytes(arguments, through: buildFolder + "/casemark-bench"))
        }
        print(
            "   \(count) folders, \(count * 100) cases: wall \(Sample(times).describe(unit: .milliseconds)); CPU \(Sample(cpu).describe(unit: .milliseconds)); peak \(Sample(peaks).describe(unit: .megabytes))"
        )
    }
}
if CommandLine.arguments.contains("--across-only") {
    try acrossFigure()
    finish()
}

var folders: [Int: String] = [:]
for size in reportOnly ? [10_000] : [70, 1_000, 10_000] {
    let path = scratch + "/inspection-\(size)"
    try BenchData.make(cases: size, framework: framework, at: path, seed: seed)
    folders[size] = path
}
let frameworkFile = scratch + "/\(framework.id).json"
if let entry = catalog.entry(id: framework.id) {
    guard FileManager.default.createFile(atPath: frameworkFile, contents: Data(entry.bytes)) else {
        throw BenchFailure("cannot write \(frameworkFile)")
    }
}

// 1. Opening an inspection.
if !reportOnly {
    print("\n1. Open an inspection (load every case, compute every band, draw the first frame)")
    for (size, runs, goal) in [(70, 21, nil), (1_000, 11, 150.0), (10_000, 5, 1_500.0)] as [(Int, Int, Double?)] {
        guard let path = folders[size] else { continue }
        try openInspection(path)  // warm the file cache
        var times: [Double] = []
        for _ in 0..<runs {
            let start = FlushTiming.monotonicNanoseconds()
            try openInspection(path)
            times.append(milliseconds(since: start))
        }
        let sample = Sample(times)
        let verdict = goal.map { sample.median < $0 ? "  goal < \(fixed($0, 0)) ms: met" : "  goal < \(fixed($0, 0)) ms: MISSED" } ?? ""
        print("   \(size) cases: \(sample.describe(unit: .milliseconds))\(verdict)")
    }

    // 2. One answer: apply, save atomically (with flushes), update bands, redraw.
    print("\n2. One answer (apply, save the case atomically, update the bands, redraw)")
    @MainActor func answers(at size: Int, count: Int, phases: Bool = true) throws -> (total: Sample, withoutFlush: Sample, flush: Sample) {
        guard let path = folders[size] else { throw BenchFailure("no folder") }
        let folder = try InspectionFolder.load(path, catalog: catalog)
        var app = App(folder: folder, size: (80, 24))
        // As an inspector works: every item of one case in turn, then the next case.
        var refs = folder.cases.filter { $0.domain == "2" }.map(\.ref).makeIterator()
        var itemsLeft = 0
        var totals: [Double] = []
        var withoutFlush: [Double] = []
        var flushes: [Double] = []
        var applying: [Double] = []
        var saving: [Double] = []
        var drawing: [Double] = []
        var encoding: [Double] = []
        var removing: [Double] = []
        var lastSaved: CaseFile?
        var signatures: [String: FileSignature] = [:]
        for file in folder.cases { signatures[file.ref] = FileSignature.of(folder.caseFilePath(ref: file.ref)) }
        for _ in 0..<count {
            if itemsLeft == 0 {
                guard let ref = refs.next() else { break }
                app.openMarking(ref)
                _ = app.handle(.home)
                itemsLeft = app.markingItems.count
            }
            itemsLeft -= 1
            // Always the other answer than the one recorded, so every key changes the case and saves.
            guard let item = app.currentItem, let file = app.markingCase else { break }
            let recorded = item.prompt.map { file.answers[item.keyQuestion]?.prompts[$0] } ?? file.answers[item.keyQuestion]?.judgement
            let key: Key = recorded == .yes ? .character("n") : .character("y")
            let flushBefore = FlushTiming.nanoseconds
            let start = FlushTiming.monotonicNanoseconds()
            let effects = app.handle(key)
            let applied = FlushTiming.monotonicNanoseconds()
            var replaced: [FileSystem.ReplacedFile] = []
            for effect in effects {
                if case .saveCase(let file) = effect {
                    // As `AppRunner` saves: a change applied to the file as it is (under the save
                    // lock, one stat when it is as last seen), the replaced version deleted after
                    // the frame.
                    let result = try folder.save(
                        file, base: app.saveBase(of: file.ref), known: signatures[file.ref], oldVersion: .removeLater)
                    signatures[file.ref] = result.signature
                    app.handle(RunnerEvent.caseSaved(file, result: result, at: ""))
                    if let old = result.replaced { replaced.append(old) }
                    lastSaved = file
                }
            }
            let savedAt = FlushTiming.monotonicNanoseconds()
            _ = app.render()
            let drawnAt = FlushTiming.monotonicNanoseconds()
            applying.append(Double(applied - start) / 1_000_000)
            saving.append(Double(savedAt - applied) / 1_000_000)
            drawing.append(Double(drawnAt - savedAt) / 1_000_000)
            let total = milliseconds(since: start)
            let flush = Double(FlushTiming.nanoseconds - flushBefore) / 1_000_000
            totals.append(total)
            flushes.append(flush)
            withoutFlush.append(total - flush)
            let removeStart = FlushTiming.monotonicNanoseconds()
            for old in replaced { old.remove() }
            removing.append(Double(FlushTiming.monotonicNanoseconds() - removeStart) / 1_000_000)
            // Encoding again, outside the timed answer, to show what of the save is ours and
            // what is the kernel's (open, write, rename).
            if let lastSaved {
                let encodeStart = FlushTiming.monotonicNanoseconds()
                _ = lastSaved.encoded()
                encoding.append(Double(FlushTiming.monotonicNanoseconds() - encodeStart) / 1_000_000)
            }
        }
        if size == 1_000 && phases {
            func phase(_ name: String, _ values: [Double]) -> String {
                "\(name) p50 \(Unit.microseconds.format(Sample(values).median * 1000)), p99 \(Unit.microseconds.format(Sample(values).percentile(0.99) * 1000))"
            }
            // What casemark's own code costs per answer: the kernel's open, write and rename
            // (whose tail is this machine's disk) left out as well as the flushes.
            let own = zip(zip(applying, drawing), encoding).map { $0.0 + $0.1 + $1 }
            print("      casemark's own work (apply + bands, encode, redraw): " + phase("", own).dropFirst())
            print(
                "      phases: "
                    + [
                        phase("apply + bands", applying), phase("save (incl. flushes)", saving), phase("of which encoding", encoding),
                        phase("redraw", drawing),
                    ].joined(separator: "; "))
            print("      after the frame, deleting the replaced version: " + phase("", removing).dropFirst())
        }
        return (Sample(totals), Sample(withoutFlush), Sample(flushes))
    }
    let thousand = try answers(at: 1_000, count: 400)
    let tenThousand = try answers(at: 10_000, count: 200)
    // The same at 1,000 cases with the other core kept busy (another program running): a key's
    // frame, flushes and all, must still come within one frame at 60 Hz.
    let busy = BusyCore()
    let loaded = try answers(at: 1_000, count: 400, phases: false)
    busy.stop()
    let loadedP99 = loaded.total.percentile(0.99)
    print(
        "   1,000 cases, 400 answers, the other core busy: total with flushes p50 \(Unit.milliseconds.format(loaded.total.median)), p99 \(Unit.milliseconds.format(loadedP99))"
            + (loadedP99 < 16 ? "  goal p99 < 16 ms: met" : "  goal p99 < 16 ms: MISSED")
            + "; without the flushes p99 \(Unit.microseconds.format(loaded.withoutFlush.percentile(0.99) * 1000))")
    let p99 = thousand.withoutFlush.percentile(0.99) * 1000
    print(
        "   1,000 cases, 400 answers: total p50 \(Unit.milliseconds.format(thousand.total.median)), p99 \(Unit.milliseconds.format(thousand.total.percentile(0.99)))"
    )
    print(
        "      of which flushes (fsync of file and folder): p50 \(Unit.milliseconds.format(thousand.flush.median)), p99 \(Unit.milliseconds.format(thousand.flush.percentile(0.99)))"
    )
    print(
        "      without the flushes: p50 \(Unit.microseconds.format(thousand.withoutFlush.median * 1000)), p99 \(Unit.microseconds.format(p99))"
            + (p99 < 1000 ? "  goal p99 < 1 ms: met" : "  goal p99 < 1 ms: MISSED"))
    print(
        "   10,000 cases, 200 answers, without the flushes: p50 \(Unit.microseconds.format(tenThousand.withoutFlush.median * 1000)), p99 \(Unit.microseconds.format(tenThousand.withoutFlush.percentile(0.99) * 1000))"
    )
    print(
        "      ratio 10,000 / 1,000 at p50: \(fixed(tenThousand.withoutFlush.median / thousand.withoutFlush.median, 2)) (the cost follows the case, not the inspection)"
    )

    // `casemark-bench --answers-only`: figures 1 and 2 alone, for profiling the answer path.
    if CommandLine.arguments.contains("--answers-only") { finish() }
}

// 3. The JSON report at 10,000 cases against the Python reference and the C floor; 4. peak memory.
print("\n3. casemark report --format json at 10,000 cases, whole process, against reference.py and the C floor")
guard let large = folders[10_000] else { throw BenchFailure("no folder") }
// The system's Python, not the first python3 on PATH: there that may be a version manager's shim
// (pyenv's takes ~80 ms to start and ran the script 1.4x slower), which would flatter casemark.
guard let python = FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") ? "/usr/bin/python3" : ChildRun.onPath("python3") else {
    throw BenchFailure("no python3: neither /usr/bin/python3 nor one on PATH")
}
print("   python: \(python), \(try ChildRun.output(of: [python, "--version"]))")
// The floor: the bytes of every case scanned once by a small C program (floor.c), built here.
guard let compiler = ChildRun.onPath("cc") ?? ChildRun.onPath("clang") else { throw BenchFailure("no C compiler (cc or clang) on PATH") }
let floor = scratch + "/floor"
let floorBuild = try ChildRun.run([compiler, "-O2", "-o", floor, packageRoot + "/Sources/casemark-bench/floor.c"])
guard floorBuild.status == 0 else { throw BenchFailure("cannot compile floor.c with \(compiler)") }
let compilerVersion = try ChildRun.output(of: [compiler, "--version"]).split(separator: "\n").first.map(String.init) ?? "?"
print("   floor: floor.c, \(compiler) -O2 (\(compilerVersion)), one thread")

let ours = scratch + "/ours.json"
let theirs = scratch + "/theirs.json"
let floors = scratch + "/floor.txt"
let oursRun = try ChildRun.run([casemark, "report", large, "--format", "json"], outputPath: ours)
let theirsRun = try ChildRun.run([python, reference, large, frameworkFile], outputPath: theirs)
let floorRun = try ChildRun.run([floor, large], outputPath: floors)
guard oursRun.status == 0, theirsRun.status == 0, floorRun.status == 0 else {
    throw BenchFailure("a report failed (casemark \(oursRun.status), python \(theirsRun.status), floor \(floorRun.status))")
}
// All three must agree before their times mean anything.
let oursJSON = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: ours))) as? [String: Any]
let theirsJSON = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: theirs))) as? [String: Any]
let sameScore = "\(oursJSON?["score"] ?? "nil")" == "\(theirsJSON?["score"] ?? "nil")"
let sameOverall = "\(oursJSON?["overallRating"] ?? "nil")" == "\(theirsJSON?["overallRating"] ?? "nil")"
var sameStandards = true
var ourCounts: [String] = []
let theirStandards = theirsJSON?["standards"] as? [String: [String: Any]] ?? [:]
for standard in oursJSON?["standards"] as? [[String: Any]] ?? [] {
    let number = standard["number"] as? String ?? ""
    if "\(standard["rating"] ?? "nil")" != "\(theirStandards[number]?["rating"] ?? "nil")" { sameStandards = false }
    for question in standard["keyQuestions"] as? [[String: Any]] ?? [] {
        if let number = question["number"] as? String, let yes = question["yes"] as? Int, let applicable = question["applicable"] as? Int {
            ourCounts.append("\(number) \(yes) \(applicable)")
        }
    }
}
print(
    "   casemark and python give score \(oursJSON?["score"] ?? "nil"), overall \(oursJSON?["overallRating"] ?? "nil"): "
        + (sameScore && sameOverall && sameStandards ? "the same ratings" : "RATINGS DIFFER"))
// The 2020 framework has no applicability conditions, so the floor's plain counts are the report's.
let floorLines = String(decoding: try FileSystem.read(floors), as: UTF8.self).split(separator: "\n").map(String.init)
let floorCounts = floorLines.filter { !$0.hasPrefix("cases ") }
let sameCounts = floorCounts == ourCounts.sorted() && floorLines.last == "cases 10000"
print(
    "   the floor counts \(floorCounts.count) key questions' yes / applicable over \(floorLines.last ?? "?"): "
        + (sameCounts ? "the same as casemark's" : "COUNTS DIFFER"))

// Interleaved: each run times the three once, in an order that turns round, so a slow spell of
// this shared machine falls on all three alike.
typealias Contender = (name: String, arguments: [String])
let contenders: [Contender] = [
    ("casemark", [casemark, "report", large, "--format", "json"]), ("python", [python, reference, large, frameworkFile]),
    ("floor", [floor, large]),
]
var wall: [String: [Double]] = [:]
var cpuTime: [String: [Double]] = [:]
for run in 0..<reportRuns {
    for turn in 0..<contenders.count {
        let contender = contenders[(run + turn) % contenders.count]
        let result = try ChildRun.run(contender.arguments)
        guard result.status == 0 else { throw BenchFailure("\(contender.name) failed (\(result.status))") }
        wall[contender.name, default: []].append(result.milliseconds)
        cpuTime[contender.name, default: []].append(result.cpuMilliseconds)
    }
}
func median(_ table: [String: [Double]], _ name: String) -> Double { Sample(table[name] ?? []).median }
for contender in contenders {
    print(
        "   \(contender.name): wall \(Sample(wall[contender.name] ?? []).describe(unit: .milliseconds)); CPU \(Sample(cpuTime[contender.name] ?? []).describe(unit: .milliseconds))"
    )
}
let ratio = median(wall, "python") / median(wall, "casemark")
let cpuRatio = median(cpuTime, "python") / median(cpuTime, "casemark")
let overFloor = median(wall, "casemark") / median(wall, "floor")
let cpuOverFloor = median(cpuTime, "casemark") / median(cpuTime, "floor")
print(
    "   python / casemark: wall \(fixed(ratio, 2))x, CPU \(fixed(cpuRatio, 2))x"
        + (ratio >= 3 ? "  goal wall >= 3x: met" : "  goal wall >= 3x: MISSED"))
print(
    "   casemark / floor: wall \(fixed(overFloor, 2))x, CPU \(fixed(cpuOverFloor, 2))x"
        + (cpuOverFloor <= 1.5 ? "  goal CPU <= 1.5x: met" : "  goal CPU <= 1.5x: MISSED"))
var peaks: [Double] = []

if reportOnly {
    for _ in 0..<3 {
        peaks.append(try ChildRun.peakMegabytes([casemark, "report", large, "--format", "json"], through: buildFolder + "/casemark-bench"))
    }
    print("   report process peak memory: \(Sample(peaks).describe(unit: .megabytes))")
    finish()
}

print("\n4. Peak memory at 10,000 cases")
var openPeaks: [Double] = []
for _ in 0..<3 {
    openPeaks.append(
        try ChildRun.peakMegabytes([buildFolder + "/casemark-bench", "open-once", large], through: buildFolder + "/casemark-bench"))
    peaks.append(try ChildRun.peakMegabytes([casemark, "report", large, "--format", "json"], through: buildFolder + "/casemark-bench"))
}
let openPeak = Sample(openPeaks).median
print(
    "   report process: \(Sample(peaks).describe(unit: .megabytes)); opening in the front end: \(Sample(openPeaks).describe(unit: .megabytes))"
        + (openPeak < 80 ? "  front end goal < 80 MB: met" : "  front end goal < 80 MB: MISSED"))
// The report streams: its peak must not grow with the cases. 100,000 cases (a minute to write,
// 1.1 GB) only with --report-100000.
var reportSizes = [(folders[1_000], 1_000), (large, 10_000)].compactMap { path, size in path.map { ($0, size) } }
if CommandLine.arguments.contains("--report-100000") {
    let path = scratch + "/inspection-100000"
    try BenchData.make(cases: 100_000, framework: framework, at: path, seed: seed)
    reportSizes.append((path, 100_000))
}
for (path, size) in reportSizes {
    let peak = try ChildRun.peakMegabytes([casemark, "report", path, "--format", "json"], through: buildFolder + "/casemark-bench")
    print("   report at \(size) cases: \(String(format: "%.1f", peak)) MB" + (peak < 40 ? "  goal < 40 MB: met" : "  goal < 40 MB: MISSED"))
}

// 5. Bytes to the terminal for one answer, through a pseudo-terminal.
print("\n5. Bytes written to an 80x24 terminal (real casemark on a pseudo-terminal)")
if let small = folders[70] {
    let terminal = try TerminalBytes(casemark: casemark, folder: small)
    let firstFrame = terminal.drain(quiet: 1_000)
    let opening = terminal.type("\r")
    var answers: [Double] = []
    for index in 0..<15 {
        answers.append(Double(terminal.type(index % 2 == 0 ? "y" : "n")))
    }
    terminal.finish()
    let perAnswer = Sample(answers)
    let share = perAnswer.median / Double(max(1, firstFrame))
    print("   full repaint (first frame): \(firstFrame) B; opening a case: \(opening) B")
    print(
        "   one answer: \(perAnswer.describe(unit: .bytes)), \(fixed(share * 100, 1))% of a full repaint"
            + (share < 0.1 ? "  goal < 10%: met" : "  goal < 10%: MISSED"))
}

try acrossFigure()
finish()
