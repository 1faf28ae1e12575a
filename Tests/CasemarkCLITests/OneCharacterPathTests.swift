import CasemarkCore
import CasemarkTestSupport
import Foundation
import Testing

/// Every command that makes a path, given a one-character relative one, run from the folder it
/// lands in: Foundation's `deletingLastPathComponent` trapped (SIGILL) on `r`, `t` and `k`.
@Suite("One-character relative paths")
struct OneCharacterPathTests {
    /// An inspection `i` in the scratch folder, with one case.
    func makeInspection(in scratch: TemporaryFolder) throws {
        let framework = try FrameworkCatalog(folders: []).framework(id: "hmip-yos-2020-09")
        let folder = try InspectionFolder.create(at: scratch.path + "/i", service: "Test Service", framework: framework)
        try folder.save(CaseFile(ref: "C01", framework: framework.id, domain: "2", disposal: "referral-order"))
    }

    @Test func reportToAOneCharacterFile() throws {
        let scratch = TemporaryFolder()
        try makeInspection(in: scratch)
        let result = try BinaryRunner.run(["report", "i", "-o", "r"], currentDirectory: scratch.path, timeout: 60)
        #expect(result.status == 0, "\(result.error)")
        #expect(scratch.read("r")?.contains("Test Service") == true)
    }

    @Test func mergeIntoAOneCharacterFolder() throws {
        let scratch = TemporaryFolder()
        try makeInspection(in: scratch)
        let result = try BinaryRunner.run(["merge", "i", "--into", "t"], currentDirectory: scratch.path, timeout: 60)
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("copied    C01 from i"))
        #expect(scratch.read("t/cases/C01.json") != nil)
        #expect(scratch.read("t/inspection.json") != nil)
    }

    @Test func reviewAndValidateOfRelativeCaseFiles() throws {
        let scratch = TemporaryFolder()
        try makeInspection(in: scratch)
        let validate = try BinaryRunner.run(["validate", "i/cases/C01.json", "i"], currentDirectory: scratch.path, timeout: 60)
        #expect(validate.status == 0, "\(validate.error)")
        #expect(validate.output.contains("i/cases/C01.json: ok"))
        // Review needs a terminal, so it stops there: after taking the path apart.
        let review = try BinaryRunner.run(["review", "i/cases/C01.json"], currentDirectory: scratch.path, timeout: 60)
        #expect(review.status == 1)
        #expect(review.error.contains("the marking screen needs a terminal"), "\(review.error)")
        let notACase = try BinaryRunner.run(["review", "r"], currentDirectory: scratch.path, timeout: 60)
        #expect(notACase.status == 1)
        #expect(notACase.error == "casemark: r: no such file or folder\n")
    }

    /// The setup form creates the inspection `k` in the current folder.
    @Test func theSetupFormCreatesAOneCharacterFolder() throws {
        let scratch = TemporaryFolder()
        let command =
            casemarkInPane("k", before: "cd \(shellQuoted(scratch.path)) &&")
        let tmux = try TmuxSession(command: command, width: 100, height: 30, in: scratch)
        try tmux.waitFor("New inspection")
        try tmux.send("K Service", literal: true)
        try tmux.send("Tab", "Down", "Enter")
        try tmux.waitFor("Cases (0)")
        try tmux.send("q")
        try tmux.waitFor("casemark exited 0")
        #expect(scratch.read("k/inspection.json")?.contains("K Service") == true)
    }
}
