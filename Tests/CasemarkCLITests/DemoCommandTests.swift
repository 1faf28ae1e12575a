import CasemarkTestSupport
import Foundation
import Testing

/// `casemark demo` works in a sandbox: the user's folders and the bundled samples are untouched.
@Suite("casemark demo, run as a process")
struct DemoCommandTests {
    func listing(_ path: String) -> [String] {
        ((try? FileManager.default.subpathsOfDirectory(atPath: path)) ?? []).sorted()
    }

    @Test func theSandboxIsPrivateLeavesTheWorkingFolderAloneAndIsRemoved() throws {
        let home = TemporaryFolder()
        let temporary = TemporaryFolder()
        home.write("my-inspection/inspection.json", "{\"keep\": true}")
        let before = listing(home.path)
        let result = try BinaryRunner.run(["demo", "--print"], environment: ["TMPDIR": temporary.path], currentDirectory: home.path)
        #expect(result.status == 0)
        #expect(result.output.contains("Score 31/36"))  // Camden
        #expect(result.output.contains("Score 28/36"))  // Blaenau Gwent & Caerphilly
        #expect(listing(home.path) == before)
        #expect(home.read("my-inspection/inspection.json") == "{\"keep\": true}")
        #expect(listing(temporary.path).isEmpty)  // the sandbox is gone
    }

    /// Piped into a reader that stops after a line, the demo ends on a write to a closed pipe;
    /// its sandbox is gone by then.
    @Test func aReaderThatStopsEarlyLeavesNoSandboxBehind() throws {
        let temporary = TemporaryFolder()
        let pipeline = Process()
        pipeline.executableURL = URL(fileURLWithPath: "/bin/sh")
        pipeline.arguments = ["-c", "\"$0\" demo --print | head -n 1", BinaryRunner.executable.path]
        pipeline.environment = ProcessInfo.processInfo.environment.merging(["TMPDIR": temporary.path]) { $1 }
        let output = Pipe()
        pipeline.standardOutput = output
        try pipeline.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        pipeline.waitUntilExit()
        #expect(printed.hasPrefix("== "))
        #expect(listing(temporary.path).isEmpty, "left: \(listing(temporary.path).prefix(2))")
    }

    @Test func keptSandboxesAreNewPrivateCopiesEachTime() throws {
        let temporary = TemporaryFolder()
        var sandboxes: [String] = []
        for _ in 0..<2 {
            let result = try BinaryRunner.run(["demo", "--print", "--keep"], environment: ["TMPDIR": temporary.path])
            #expect(result.status == 0)
            let line = try #require(result.output.split(separator: "\n").last { $0.hasPrefix("The sandbox is kept at ") })
            sandboxes.append(String(line.dropFirst("The sandbox is kept at ".count)))
        }
        #expect(Set(sandboxes).count == 2)
        for sandbox in sandboxes {
            #expect(sandbox.hasPrefix(temporary.path + "/casemark-demo-"))
            let mode = try FileManager.default.attributesOfItem(atPath: sandbox)[.posixPermissions] as? Int
            #expect(mode == 0o700)
            #expect(FileManager.default.fileExists(atPath: sandbox + "/camden-2020/cases/C01.json"))
            #expect(FileManager.default.fileExists(atPath: sandbox + "/bgc-2022/cases/O10.json"))
        }
        // Marking in one sandbox does not reach the other, nor the next demo.
        try Data("changed".utf8).write(to: URL(fileURLWithPath: sandboxes[0] + "/camden-2020/cases/C01.json"))
        let again = try BinaryRunner.run(["demo", "--print"], environment: ["TMPDIR": temporary.path])
        #expect(again.output.contains("Score 31/36"))
        #expect(FileManager.default.contents(atPath: sandboxes[1] + "/camden-2020/cases/C01.json") != Data("changed".utf8))
    }
}
