import CasemarkCore
import CasemarkTestSupport
import Foundation
import Testing

/// A path holding escape sequences, a bell or a right-to-left override is named in error messages
/// with visible escapes: an error cannot clear the terminal or reorder what it says.
@Suite("Hostile paths in error messages")
struct HostilePathTests {
    static let hostile = "x\u{1B}[2J\u{07}\u{202E}\u{200B}y"
    static let shown = "x\\e[2J\\u{7}\\u{202e}\\u{200b}y"

    /// The characters that must not reach the terminal raw.
    func raw(_ text: String) -> [String] {
        text.unicodeScalars.filter { TerminalText.isControl($0) && $0 != "\n" }.map { "U+" + String($0.value, radix: 16) }
    }

    @Test func everyCommandNamesAHostilePathWithVisibleEscapes() throws {
        let scratch = TemporaryFolder()
        let missing = scratch.path + "/" + Self.hostile
        let runs: [[String]] = [
            ["review", missing + "/cases/C01.json"],
            ["review", missing],
            ["report", missing],
            ["validate", missing],
            ["merge", missing, "--into", scratch.path + "/team"],
            ["demo", "--print", "--sample", Self.hostile],
        ]
        for arguments in runs {
            let result = try BinaryRunner.run(arguments, timeout: 60)
            #expect(result.status == 1, "\(arguments)")
            #expect(raw(result.error + result.output).isEmpty, "\(arguments): \(raw(result.error + result.output))")
            #expect((result.error + result.output).contains(Self.shown), "\(arguments)")
        }
        // A file that exists but is not a case file.
        scratch.write(Self.hostile + ".txt", "{}")
        let review = try BinaryRunner.run(["review", scratch.path + "/" + Self.hostile + ".txt"], timeout: 60)
        #expect(review.status == 1)
        #expect(
            review.error
                == "casemark: \(scratch.path)/\(Self.shown).txt: not a case file (expected a file in the cases/ folder of an inspection)\n")
    }
}
