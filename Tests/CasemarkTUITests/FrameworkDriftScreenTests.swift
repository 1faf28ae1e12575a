import CasemarkCore
import Foundation
import Testing

@testable import CasemarkTUI

/// Opening a case marked under an earlier version of the framework file says what changed for
/// it; the next change records the current version.
@Suite("Framework drift on screen")
struct FrameworkDriftScreenTests {
    @Test func aChangeRecordsTheFrameworkFileItWasMadeUnder() throws {
        let harness = try Harness(cases: [court("C01")])
        #expect(try harness.saved("C01").frameworkHash == nil)
        harness.type(Key.enter, "y")
        let current = try #require(harness.app.framework?.contentHash)
        #expect(try harness.saved("C01").frameworkHash == current)
        #expect(
            FileManager.default.fileExists(
                atPath: harness.root + "/frameworks/hmip-yos-2020-09.\(current.replacingOccurrences(of: ":", with: "")).json"))
    }

    @Test func openingACaseMarkedUnderAnEarlierFileSaysWhatChangedForIt() throws {
        let harness = try Harness(cases: [court("C01")])
        let framework = try #require(harness.app.framework)
        // The earlier revision: 2.1.1 c worded differently. The case was marked under it.
        let text = String(decoding: framework.sourceBytes, as: UTF8.self)
        let current = "Does assessment focus on the child's strengths and protective factors?"
        let range = try #require(text.range(of: current))
        let earlier = Array(text.replacingCharacters(in: range, with: "Does assessment focus on the child's strengths?").utf8)
        let earlierHash = FrameworkReader.contentHash(of: earlier)
        let folder = try #require(harness.app.folder)
        try FileSystem.writeAtomically(earlier, to: folder.frameworkRevisionPath(hash: earlierHash))
        var file = court("C01")
        file.frameworkHash = earlierHash
        file.answers["2.1.1"] = Answer(judgement: nil, prompts: ["c": .yes])
        try FileSystem.writeAtomically(file.encoded(), to: folder.caseFilePath(ref: "C01"))

        let screen = harness.type(Key.enter)
        #expect(screen.contains("Case C01: the framework file changed"))
        #expect(screen.contains("answered 2.1.1 c prompt reworded"))
        #expect(screen.contains("Your next change records the case as marked under the current file"))
        // Any key closes the message; the next answer records the current file.
        harness.type("x", "y")
        #expect(try harness.saved("C01").frameworkHash == framework.contentHash)
        let again = harness.type("q", Key.enter)
        #expect(!again.contains("the framework file changed"))
    }
}
