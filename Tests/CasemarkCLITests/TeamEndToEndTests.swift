import CasemarkCore
import CasemarkTestSupport
import Foundation
import Testing

/// An inspector and a reviewer on one case at once, as two real casemark processes in tmux.
@Suite("Inspector and reviewer at once, against the real binary", .serialized)
struct TeamEndToEndTests {

    func load(_ folder: String) throws -> CaseFile {
        try #require(InspectionFolder.load(folder, catalog: FrameworkCatalog(folders: [])).cases.first)
    }

    /// An inspection in `scratch` with one case, O01, its 3.1.1 a and b answered yes and marked
    /// complete: its folder and the case.
    func markedCaseO01(in scratch: TemporaryFolder) throws -> (folder: String, marked: CaseFile) {
        let folder = scratch.path + "/inspection"
        let framework = try FrameworkCatalog(folders: []).framework(id: "hmip-yos-2020-09")
        let created = try InspectionFolder.create(at: folder, service: "Test Service", framework: framework)
        var marked = CaseFile(ref: "O01", framework: framework.id, domain: "3", disposal: "youth-caution")
        marked.answers["3.1.1"] = Answer(judgement: .yes, prompts: ["a": .yes, "b": .yes])
        marked.status = .complete
        _ = try created.save(marked, base: nil)
        return (folder, marked)
    }

    /// Quinn, in a casemark of his own, challenges 3.1.1 b of `caseFile` ("Not recorded") and quits.
    func quinnChallenges3_1_1b(_ caseFile: String, in scratch: TemporaryFolder) throws {
        let quinn = try TmuxSession(
            command: casemarkInPane("review --reviewer 'Quinn Manager' " + caseFile), width: 100, height: 30, in: scratch)
        try quinn.waitFor("> a) [Y]")
        try quinn.send("j", "c")
        try quinn.waitFor("Challenge 3.1.1/b: why?")
        try quinn.send("Not recorded", literal: true)
        try quinn.send("Enter")
        try quinn.waitFor("⚑ challenged by Quinn Manager: Not recorded")
        try quinn.send("q", "q")
        try quinn.waitFor("casemark exited 0")
    }

    /// The reviewer agrees with an answer the inspector has just changed in another process: the
    /// agree is not saved over the inspector's work, and the reviewer is told exactly why.
    @Test func aReviewersAgreeNeverUndoesTheInspectorsNewerWork() throws {
        let scratch = TemporaryFolder()
        let folder = try markedCaseO01(in: scratch).folder

        // The inspector opens O01 for marking (and holds its lock).
        let inspector = try TmuxSession(command: casemarkInPane(shellQuoted(folder), before: "CASEMARK_USER='Ann Inspector'"), in: scratch)
        try inspector.waitFor("Cases (1)")
        try inspector.send("Enter")
        try inspector.waitFor("Case O01")
        // The reviewer opens it too; their screen looks at the disk only on Ctrl-L here.
        let reviewer = try TmuxSession(
            command: casemarkInPane(
                "review --reviewer 'Pat Manager' " + shellQuoted(folder + "/cases/O01.json"), before: "CASEMARK_WATCH_SECONDS=0"),
            in: scratch)
        try reviewer.waitFor("REVIEW by Pat Manager")
        try reviewer.waitFor("> a) [Y]")
        // The inspector reopens the case, changes 3.1.1 a to No, and quits.
        try inspector.send("c")
        try inspector.waitFor("in progress")
        try inspector.send("g", "n")
        try inspector.waitFor("a) [N]")
        try inspector.send("q", "q")
        try inspector.waitFor("casemark exited 0")
        let changed = try load(folder)
        #expect(changed.answers["3.1.1"]?.prompts["a"] == .no)
        #expect(changed.status == .inProgress)

        // The reviewer, still looking at Yes, agrees: not saved, and told why.
        try reviewer.send("a")
        let screen = try reviewer.waitFor("was changed by someone else meanwhile")
        #expect(screen.contains("your agree on 3.1.1/a was for the answer yes"))
        let after = try load(folder)
        #expect(after.answers == changed.answers)
        #expect(after.status == .inProgress)
        #expect(after.history == changed.history)
        #expect(after.review.items["3.1.1/a"] == nil)
        // The reviewer's screen shows the No now; agreeing with it is saved, beside her work.
        try reviewer.send("Escape")
        try reviewer.waitFor("> a) [N]")
        try reviewer.send("a")
        try reviewer.waitFor("Saved case O01")
        let agreed = try load(folder)
        #expect(agreed.review.items["3.1.1/a"]?.verdict == .agree)
        #expect(agreed.answers == changed.answers)
        #expect(Array(agreed.history.prefix(changed.history.count)) == changed.history)
        try reviewer.send("q", "q")
        try reviewer.waitFor("casemark exited 0")
    }

    /// A sign-off never goes over a challenge another reviewer opened meanwhile in another casemark.
    ///
    /// While Pat is asked to sign off over her challenge, Quinn opens another in his own
    /// casemark: Pat's yes is not saved, and she is told which; asked again, her sign-off
    /// records both.
    @Test func aSignOffNeverGoesOverAChallengeOpenedMeanwhileInAnotherCasemark() throws {
        let scratch = TemporaryFolder()
        let (folder, marked) = try markedCaseO01(in: scratch)
        let caseFile = shellQuoted(folder + "/cases/O01.json")

        // Pat challenges 3.1.1 a and starts to sign off; her screen looks at the disk only on Ctrl-L.
        let pat = try TmuxSession(
            command: casemarkInPane("review --reviewer 'Pat Manager' " + caseFile, before: "CASEMARK_WATCH_SECONDS=0"), width: 100,
            height: 30, in: scratch)
        try pat.waitFor("> a) [Y]")
        try pat.send("c")
        try pat.waitFor("Challenge 3.1.1/a: why?")
        try pat.send("No evidence of this", literal: true)
        try pat.send("Enter")
        try pat.waitFor("⚑ challenged by Pat Manager: No evidence of this")
        try pat.send("S")
        try pat.waitFor("Sign off as Pat Manager")
        try pat.send("Enter")
        try pat.waitFor("Sign off with 1 challenge(s) open?")

        try quinnChallenges3_1_1b(caseFile, in: scratch)

        // Pat says yes: not saved, and told why.
        try pat.send("y")
        try pat.waitFor("opened meanwhile (3.1.1/b)")
        var saved = try load(folder)
        #expect(saved.review.outcomes.isEmpty)
        #expect(saved.review.challenges.map(\.key) == ["3.1.1/a", "3.1.1/b"])
        // Asked again, both are listed, and the sign-off records both.
        try pat.send("Escape", "S")
        try pat.waitFor("Sign off as Pat Manager")
        try pat.send("Enter")
        let asked = try pat.waitFor("Sign off with 2 challenge(s) open?")
        #expect(asked.contains("3.1.1/b"))
        try pat.send("y")
        try pat.waitFor("signed off by Pat Manager")
        try pat.send("q", "q")
        try pat.waitFor("casemark exited 0")
        saved = try load(folder)
        #expect(saved.review.outcome?.kind == .signedOff)
        #expect(saved.review.outcome?.openChallenges == ["3.1.1/a", "3.1.1/b"])
        #expect(saved.review.items["3.1.1/b"]?.by == "Quinn Manager")
        #expect(saved.answers == marked.answers)
    }

    /// Pat has signed off and still has the case open when Quinn challenges an answer in his own
    /// casemark: Pat's screen follows the disk and says her sign-off is challenged, and the
    /// case is in review again, for her list and the report.
    @Test func aChallengeAfterASignOffInAnotherCasemarkPutsTheCaseBackInReview() throws {
        let scratch = TemporaryFolder()
        let (folder, _) = try markedCaseO01(in: scratch)
        let caseFile = shellQuoted(folder + "/cases/O01.json")
        let pat = try TmuxSession(
            command: casemarkInPane("review --reviewer 'Pat Manager' " + caseFile, before: "CASEMARK_WATCH_SECONDS=0.2"),
            width: 100, height: 30, in: scratch)
        try pat.waitFor("> a) [Y]")
        try pat.send("S")
        try pat.waitFor("Sign off as Pat Manager")
        try pat.send("Enter")
        try pat.waitFor("signed off by Pat Manager")
        #expect(try load(folder).review.outcome?.openChallenges == [])

        try quinnChallenges3_1_1b(caseFile, in: scratch)

        try pat.waitFor("sign-off challenged: 3.1.1/b")
        try pat.send("q")
        let list = try pat.waitFor("Status")
        #expect(list.split(separator: "\n").contains { $0.contains("O01") && $0.contains("in review") }, "\(list)")
        try pat.send("q")
        try pat.waitFor("casemark exited 0")
        let saved = try load(folder)
        #expect(saved.review.outcome?.kind == .signedOff)
        #expect(saved.reviewStatus == .inReview)
        let report = try BinaryRunner.run(["report", folder])
        #expect(report.output.contains("Review: 1 in review."), "\(report.output)")
    }

    /// Two casemarks add a case with the same ref at once: neither replaces the other's.
    @Test func twoCasemarksAddingTheSameRefKeepBothCases() throws {
        let scratch = TemporaryFolder()
        let folder = scratch.path + "/inspection"
        let framework = try FrameworkCatalog(folders: []).framework(id: "hmip-yos-2020-09")
        _ = try InspectionFolder.create(at: folder, service: "Test Service", framework: framework)
        let first = try TmuxSession(command: casemarkInPane(shellQuoted(folder)), in: scratch)
        let second = try TmuxSession(command: casemarkInPane(shellQuoted(folder), before: "CASEMARK_WATCH_SECONDS=0"), in: scratch)
        for session in [first, second] {
            try session.waitFor("Cases (0)")
            try session.send("a")
            try session.waitFor("Add a case")
        }
        try first.send("Enter")
        try first.waitFor("judged")
        try first.send("y", "y", "n", "y")
        try first.waitFor("(prompts: 3 yes · 1 no")
        try second.send("Enter")
        try second.waitFor("Not added: case C01 was added meanwhile by another casemark")
        try second.send("Enter")
        try second.waitFor("Case C02")
        try first.send("q", "q")
        try second.send("q", "q")
        try first.waitFor("casemark exited 0")
        try second.waitFor("casemark exited 0")
        let cases = try InspectionFolder.load(folder, catalog: FrameworkCatalog(folders: [])).cases
        #expect(cases.map(\.ref) == ["C01", "C02"])
        #expect(cases[0].answers["2.1.1"]?.prompts.count == 4)
        #expect(cases[0].history.count == 4)
    }
}
