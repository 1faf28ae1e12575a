import CasemarkTestSupport
import Foundation
import Testing

/// Runs the built `casemark` binary and captures what it prints.
struct BinaryRunner {
    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    /// The `casemark` executable beside the test bundle in the build folder.
    static let executable: URL = {
        var candidates: [URL] = []
        if let first = CommandLine.arguments.first {
            candidates.append(URL(fileURLWithPath: first).deletingLastPathComponent())
        }
        candidates.append(Bundle.main.bundleURL)
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent(".build/debug"))
        for folder in candidates {
            let url = folder.appendingPathComponent("casemark")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return url
            }
        }
        fatalError("casemark binary not found near \(candidates)")
    }()

    /// Runs the binary and waits for it; one still running after `timeout` seconds is killed
    /// (SIGKILL, so the status is 9 with `Process`), a guard that turns a hang into a failure.
    static func run(
        _ arguments: [String], environment: [String: String] = [:], currentDirectory: String? = nil, timeout: TimeInterval = 300
    ) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["CASEMARK_FRAMEWORKS"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        // Output goes to files, so a large report cannot fill a pipe and block the child.
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("casemark-run-" + UUID().uuidString)
        let outputURL = base.appendingPathExtension("out")
        let errorURL = base.appendingPathExtension("err")
        defer {
            try? FileManager.default.removeItem(at: outputURL)
            try? FileManager.default.removeItem(at: errorURL)
        }
        guard FileManager.default.createFile(atPath: outputURL.path, contents: nil),
            FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        else { throw ChildProcess.Failure(description: "cannot create \(base.path).out and .err") }
        let output = try FileHandle(forWritingTo: outputURL)
        let error = try FileHandle(forWritingTo: errorURL)
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try output.close()
        try error.close()
        let outputData = try Data(contentsOf: outputURL)
        let errorData = try Data(contentsOf: errorURL)
        return Result(
            status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
            error: String(decoding: errorData, as: UTF8.self))
    }
}
