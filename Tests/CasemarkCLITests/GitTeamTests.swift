import CasemarkCore
import CasemarkTestSupport
import Foundation
import Testing

/// A team sharing one inspection through git: three clones, casemark's merge driver registered
/// in each by `casemark git-setup`, edits to the same case merged by field on `git pull`.
@Suite("A team through git", .serialized)
struct GitTeamTests {
    static let framework = MergeCommandTests.framework
    let support = MergeCommandTests()

    /// A bare repository holding an inspection with case C01, and `names` clones of it, each set up.
    func team(_ scratch: TemporaryFolder, _ names: [String]) throws -> [String] {
        let seed = scratch.path + "/seed"
        let folder = try InspectionFolder.create(at: seed, service: "Test Service", framework: Self.framework)
        _ = try folder.save(CaseFile(ref: "C01", framework: Self.framework.id, domain: "2", disposal: "referral-order"), base: nil)
        try support.git(seed, "init", "-q", "-b", "main")
        let setup = try BinaryRunner.run(["git-setup", seed])
        #expect(setup.status == 0, "\(setup.error)")
        #expect(setup.output.contains("wrote .gitattributes and .gitignore"))
        // Unsaved work kept through a signal is private to its machine: never committed.
        #expect((try? String(contentsOfFile: seed + "/.gitignore", encoding: .utf8))?.contains("\n.casemark-recovery-*.json\n") == true)
        try support.git(seed, "add", "-A")
        try support.git(seed, "commit", "-q", "-m", "The inspection")
        let origin = scratch.path + "/origin.git"
        try support.git(scratch.path, "clone", "-q", "--bare", seed, origin)
        return try names.map { name in
            let clone = scratch.path + "/" + name
            try support.git(scratch.path, "clone", "-q", origin, clone)
            let result = try BinaryRunner.run(["git-setup", clone])
            #expect(result.status == 0, "\(result.error)")
            return clone
        }
    }

    /// Changes C01 in `clone` as casemark does: the change recorded in the history, saved
    /// against the file as it is.
    func edit(_ clone: String, by user: String, at time: String, _ change: (inout CaseFile) -> Void) throws {
        let folder = try InspectionFolder.load(clone, catalog: FrameworkCatalog(folders: []))
        let file = try #require(folder.cases.first { $0.ref == "C01" })
        var updated = file
        change(&updated)
        _ = try folder.save(file.recording(updated, by: user, at: time), base: file)
    }

    @Test func twoInspectorsAndAManagerEditOneCaseAndEveryCloneEndsWithAllThree() throws {
        let scratch = TemporaryFolder()
        let clones = try team(scratch, ["ann", "bob", "pat"])
        let (ann, bob, pat) = (clones[0], clones[1], clones[2])
        try edit(ann, by: "Ann", at: "2026-11-23T09:00:00Z") { file in
            file.answers["2.1.1"] = Answer(judgement: .yes, prompts: ["a": .yes, "b": .no])
            file.answers["2.1.2"] = Answer(judgement: .no)
        }
        try edit(bob, by: "Bob", at: "2026-11-23T09:05:00Z") { file in
            file.answers["2.2.1"] = Answer(judgement: .yes, prompts: ["a": .yes])
        }
        // Ann and Bob also rate a directly rated standard each, in inspection.json.
        for (clone, standard, rating) in [(ann, "1.1", "good"), (bob, "1.2", "outstanding")] {
            var folder = try InspectionFolder.load(clone, catalog: FrameworkCatalog(folders: []))
            folder.inspection.ratings[standard] = DirectRating(rating: rating)
            try folder.saveInspection()
        }
        try edit(pat, by: "Pat", at: "2026-11-23T09:10:00Z") { file in
            file.review.items["2.1.1"] = ReviewItem(comment: "Check the victim's view", by: "Pat", at: "2026-11-23T09:10:00Z")
        }
        // Each commits, pulls and pushes in turn; then everyone pulls once more.
        for clone in [ann, bob, pat] {
            try support.git(clone, "commit", "-q", "-am", "work")
            try support.git(clone, "pull", "-q", "--no-rebase", "--no-edit")
            try support.git(clone, "push", "-q")
        }
        for clone in [ann, bob] { try support.git(clone, "pull", "-q", "--no-rebase", "--no-edit") }
        for clone in clones {
            #expect(try support.git(clone, "status", "--porcelain").isEmpty)
            let validate = try BinaryRunner.run(["validate", clone])
            #expect(validate.status == 0, "\(validate.output)\(validate.error)")
            let loaded = try InspectionFolder.load(clone, catalog: FrameworkCatalog(folders: []))
            #expect(loaded.inspection.ratings["1.1"]?.rating == "good")
            #expect(loaded.inspection.ratings["1.2"]?.rating == "outstanding")
            let file = try #require(loaded.cases.first)
            #expect(file.answers["2.1.1"]?.prompts == ["a": .yes, "b": .no])
            #expect(file.answers["2.1.2"]?.judgement == .no)
            #expect(file.answers["2.2.1"]?.judgement == .yes)
            #expect(file.review.items["2.1.1"]?.comment == "Check the victim's view")
            #expect(file.conflicts.isEmpty)
            // Every entry of all three, in time order.
            #expect(file.history.map(\.by) == ["Ann", "Ann", "Ann", "Ann", "Bob", "Bob", "Pat"])
            #expect(file.history.map(\.at) == file.history.map(\.at).sorted())
        }
    }

    /// Pat signs off C01 in her clone while Quinn challenges it in his: git joins both through
    /// casemark's merge driver, and nothing is hidden: every clone has the sign-off and the
    /// challenge, and its report lists the challenge as still open beside the sign-off.
    @Test func aSignOffAndAChallengeMadeInTwoClonesBothReachEveryClone() throws {
        let scratch = TemporaryFolder()
        let clones = try team(scratch, ["ann", "pat", "quinn"])
        let (ann, pat, quinn) = (clones[0], clones[1], clones[2])
        try edit(ann, by: "Ann", at: "2026-11-23T09:00:00Z") { $0.answers["2.1.1"] = Answer(judgement: .yes, prompts: ["a": .yes]) }
        try support.git(ann, "commit", "-q", "-am", "Ann marks 2.1.1")
        try support.git(ann, "push", "-q")
        for clone in [pat, quinn] { try support.git(clone, "pull", "-q", "--no-rebase", "--no-edit") }
        try edit(pat, by: "Pat", at: "2026-11-23T10:00:00Z") { file in
            // As casemark signs off: with the challenges open (none) recorded.
            var signOff = ReviewOutcome(kind: .signedOff, by: "Pat", date: "2026-11-23", answersDigest: file.answersDigest)
            signOff.openChallenges = []
            file.review.record(signOff)
        }
        try edit(quinn, by: "Quinn", at: "2026-11-23T10:01:00Z") { file in
            file.review.items["2.1.1"] = ReviewItem(
                verdict: .challenge, comment: "Where is the plan?", by: "Quinn", at: "2026-11-23T10:01:00Z")
        }
        try support.git(pat, "commit", "-q", "-am", "Pat signs off")
        try support.git(pat, "push", "-q")
        try support.git(quinn, "commit", "-q", "-am", "Quinn challenges")
        try support.git(quinn, "pull", "-q", "--no-rebase", "--no-edit")
        try support.git(quinn, "push", "-q")
        try support.git(pat, "pull", "-q", "--no-rebase", "--no-edit")
        for clone in [pat, quinn] {
            #expect(try support.git(clone, "status", "--porcelain").isEmpty)
            let file = try #require(InspectionFolder.load(clone, catalog: FrameworkCatalog(folders: [])).cases.first)
            #expect(file.review.outcome?.kind == .signedOff)
            #expect(file.review.items["2.1.1"]?.verdict == .challenge && file.review.items["2.1.1"]?.by == "Quinn")
            // Pat was never asked about Quinn's challenge: the case is in review until it closes.
            #expect(file.reviewStatus == .inReview)
            let report = try BinaryRunner.run(["report", clone])
            #expect(report.status == 0, "\(report.error)")
            #expect(report.output.contains("Review: 1 in review."), "\(report.output)")
            #expect(report.output.contains("Sign-off challenged (a challenge opened after it): C01."), "\(report.output)")
            #expect(report.output.contains("Challenges still open (1):"), "\(report.output)")
            #expect(report.output.contains("Where is the plan?"))
        }
        // Quinn agrees after all; once that reaches Pat the sign-off stands again.
        try edit(quinn, by: "Quinn", at: "2026-11-23T11:00:00Z") { $0.review.items["2.1.1"]?.verdict = .agree }
        try support.git(quinn, "commit", "-q", "-am", "Quinn agrees")
        try support.git(quinn, "push", "-q")
        try support.git(pat, "pull", "-q", "--no-rebase", "--no-edit")
        let report = try BinaryRunner.run(["report", pat])
        #expect(report.output.contains("Review: 1 signed off."), "\(report.output)")
    }

    @Test func aTrueClashIsAGitConflictThatCasemarkShowsAndResolves() throws {
        let scratch = TemporaryFolder()
        let clones = try team(scratch, ["ann", "bob"])
        let (ann, bob) = (clones[0], clones[1])
        try edit(ann, by: "Ann", at: "2026-11-23T09:00:00Z") { $0.answers["2.1.1"] = Answer(judgement: .yes) }
        try edit(bob, by: "Bob", at: "2026-11-23T09:01:00Z") { $0.answers["2.1.1"] = Answer(judgement: .no) }
        try support.git(ann, "commit", "-q", "-am", "Ann judges 2.1.1")
        try support.git(ann, "push", "-q")
        try support.git(bob, "commit", "-q", "-am", "Bob judges 2.1.1")
        #expect(throws: (any Error).self) { try support.git(bob, "pull", "-q", "--no-rebase", "--no-edit") }
        let caseFile = bob + "/cases/C01.json"
        #expect(try support.git(bob, "status", "--porcelain").contains("UU cases/C01.json"))
        // The file is still a valid case, with the clash recorded; casemark lists it.
        let listed = try BinaryRunner.run(["resolve", caseFile])
        #expect(listed.status == 1)
        #expect(listed.output.contains("1. 2.1.1 judgement"))
        #expect(listed.output.contains("1) no   (Bob, ours)"))
        #expect(listed.output.contains("2) yes   (Ann, theirs)"))
        let report = try BinaryRunner.run(["validate", bob])
        #expect(report.status == 1)
        #expect(report.output.contains("unresolved merge conflict"))
        // Bob takes Ann's value; the conflict is gone and git can commit.
        let resolved = try BinaryRunner.run(["resolve", caseFile, "--take", "2"], environment: ["CASEMARK_USER": "Bob"])
        #expect(resolved.status == 0, "\(resolved.error)")
        #expect(resolved.output.contains("2.1.1 judgement resolved; 0 conflict(s) left"))
        #expect(try BinaryRunner.run(["validate", bob]).status == 0)
        try support.git(bob, "add", "cases/C01.json")
        try support.git(bob, "commit", "-q", "--no-edit")
        let file = try #require(InspectionFolder.load(bob, catalog: FrameworkCatalog(folders: [])).cases.first)
        #expect(file.answers["2.1.1"]?.judgement == .yes)
        #expect(file.conflicts.isEmpty)
        #expect(file.history.contains { $0.field == .resolved && $0.by == "Bob" })
        #expect(file.history.contains { $0.by == "Ann" } && file.history.contains { $0.by == "Bob" && $0.field == .judgement })
    }
}
