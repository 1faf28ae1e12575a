import CasemarkCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A whole process, timed from spawn to exit, with its peak resident memory.
struct ChildRun {
    var status: Int32
    var milliseconds: Double
    /// CPU time, user and system, of the process and every thread it ran, in milliseconds.
    var cpuMilliseconds: Double
    /// Peak resident set size (`ru_maxrss`), in megabytes.
    var peakMegabytes: Double

    /// Runs `arguments[0]` (a path) with stdout to `outputPath` (or /dev/null) and stderr to /dev/null.
    static func run(_ arguments: [String], outputPath: String = "/dev/null") throws -> ChildRun {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = arguments.map { strdup($0) } + [nil]
        let environment = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            environment.forEach { free($0) }
        }
        // The signals the bench takes on a queue of its own (it ignores them), as they are by default.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var terminating = sigset_t()
        sigemptyset(&terminating)
        for number in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&terminating, number) }
        posix_spawnattr_setsigdefault(&attributes, &terminating)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let start = FlushTiming.monotonicNanoseconds()
        let failed = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environment)
        guard failed == 0 else { throw BenchFailure("cannot run \(arguments[0]): \(String(cString: strerror(failed)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
        let elapsed = Double(FlushTiming.monotonicNanoseconds() - start) / 1_000_000
        let cpu =
            Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000
        return ChildRun(
            status: (status >> 8) & 0xff, milliseconds: elapsed, cpuMilliseconds: cpu, peakMegabytes: Double(usage.ru_maxrss) / 1024)
    }
}

extension ChildRun {
    /// The peak memory of `arguments` run by `bench peak` (see `main.swift`), so that the
    /// figure is the command's own and not the bench's size carried across exec.
    static func peakMegabytes(_ arguments: [String], through bench: String) throws -> Double {
        let output = FileManager.default.temporaryDirectory.path + "/casemark-bench-peak-\(getpid())"
        defer { unlink(output) }
        let run = try ChildRun.run([bench, "peak"] + arguments, outputPath: output)
        let words = String(decoding: try FileSystem.read(output), as: UTF8.self).split(whereSeparator: \.isWhitespace)
        guard run.status == 0, words.count == 2, words[0] == "0", let peak = Double(words[1]) else {
            throw BenchFailure("cannot measure the memory of \(arguments.joined(separator: " ")) (\(words.joined(separator: " ")))")
        }
        return peak
    }
}

extension ChildRun {
    /// The path of `name` on `PATH`, as a shell would find it, or nil.
    static func onPath(_ name: String) -> String? {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return folders.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// What `arguments` prints (standard output), trimmed: for a tool's `--version`.
    static func output(of arguments: [String]) throws -> String {
        let output = FileManager.default.temporaryDirectory.path + "/casemark-bench-output-\(getpid())"
        defer { unlink(output) }
        let run = try ChildRun.run(arguments, outputPath: output)
        guard run.status == 0 else { throw BenchFailure("\(arguments.joined(separator: " ")) failed (\(run.status))") }
        return String(decoding: try FileSystem.read(output), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
