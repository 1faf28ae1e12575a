import CasemarkTestSupport
import Foundation
import Testing

/// `casemark compare` as a process: ids or files, text or Markdown, a clear error for a bad file.
@Suite("casemark compare, run as a process")
struct CompareCommandTests {
    @Test func comparesTheBundledRevisionsAsMarkdown() throws {
        let result = try BinaryRunner.run(["compare", "hmip-yos-2018", "hmip-yos-2020-09", "--format", "markdown"])
        #expect(result.status == 0)
        #expect(result.output.contains("- added 2.5: Resettlement policy and provision"))
        #expect(result.output.contains("- replaced 3.4 [transcribed]: Joint working → OOCD policy and provision"))
        #expect(result.error.isEmpty)
    }

    @Test func aBrokenFrameworkFileIsOneLineNamingThePlace() throws {
        let scratch = TemporaryFolder()
        let path = scratch.path + "/broken.json"
        try Data("{\n  \"format\": \"casemark/framework\",\n  \"version\": 1,\n  \"id\": 3\n}\n".utf8).write(to: URL(fileURLWithPath: path))
        let result = try BinaryRunner.run(["compare", path, "hmip-yos-2020-09"])
        #expect(result.status != 0)
        #expect(result.output.isEmpty)
        let first = result.error.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.hasPrefix("casemark: \(path):4:"))
        #expect(first.contains("$.id"))
    }
}
