import CasemarkCore
import CasemarkTestSupport
import Foundation
import Testing

/// `casemark merge` gathers the cases several inspectors marked in their own copies, and case
/// files kept in git give small diffs and clean merges when inspectors mark different cases.
@Suite("Sharing an inspection: merge and git")
struct MergeCommandTests {
    static let framework = try! FrameworkCatalog(folders: []).framework(id: "hmip-yos-2020-09")

    /// An inspection copy at `path` holding these cases.
    @discardableResult
    func copy(_ path: String, _ cases: [CaseFile]) throws -> InspectionFolder {
        let folder = try InspectionFolder.create(at: path, service: "Test Service", framework: Self.framework)
        for file in cases { try folder.save(file) }
        return folder
    }

    func court(_ ref: String, _ judgement: Judgement? = nil) -> CaseFile {
        var file = CaseFile(ref: ref, framework: Self.framework.id, domain: "2", disposal: "referral-order")
        if let judgement { file.answers["2.1.1"] = Answer(judgement: judgement) }
        return file
    }

    /// C01 with 2.1.1 judged as casemark records it: the change in the history, by `user`.
    func judged(_ file: CaseFile, _ judgement: Judgement, by user: String, at time: String) -> CaseFile {
        var updated = file
        updated.answers["2.1.1"] = Answer(judgement: judgement)
        return file.recording(updated, by: user, at: time)
    }

    @Test func newIdenticalAndConflictingCasesThenMergingAgainChangesNothing() throws {
        let scratch = TemporaryFolder()
        let ann = scratch.path + "/ann", bob = scratch.path + "/bob", team = scratch.path + "/team"
        try copy(ann, [court("C01", .yes), court("C02", .yes), court("C03", .yes)])
        try copy(bob, [court("C02", .yes), court("C03", .no), court("C04", .no)])
        let first = try BinaryRunner.run(["merge", ann, bob, "--into", team])
        #expect(first.status == 1)
        #expect(first.output.contains("copied    C01 from \(ann)"))
        #expect(first.output.contains("copied    C02 from \(ann), \(bob)"))
        // Nothing says which copy changed C03's judgement: a conflict, kept in the file with both.
        #expect(first.output.contains("CONFLICT  C03: 1 field(s) changed differently; everything else merged"))
        #expect(first.output.contains("2.1.1 judgement: yes (\(ann)) ≠ no (\(bob))"))
        #expect(first.output.contains("copied    C04 from \(bob)"))
        #expect(first.output.contains("3 copied, 1 merged, 0 unchanged, 1 with conflicts"))
        #expect(first.error.contains("1 case(s) have conflicts: resolve each with casemark resolve \(team)/cases/REF.json"))
        let c03 = try InspectionFolder.load(team, catalog: FrameworkCatalog(folders: [])).cases.first { $0.ref == "C03" }
        #expect(c03?.conflicts.first?.versions.compactMap(\.value?.stringValue) == ["yes", "no"])
        let mode = try FileManager.default.attributesOfItem(atPath: team + "/cases/C01.json")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let snapshot = try snapshotOf(team)

        // Merging again: nothing changes on disk.
        let second = try BinaryRunner.run(["merge", ann, bob, "--into", team])
        #expect(second.output.contains("unchanged C01"))
        #expect(second.output.contains("0 copied, 0 merged, 4 unchanged, 1 with conflicts"))
        #expect(try snapshotOf(team) == snapshot)

        // Resolved, it is gone, and stays gone while the old copies still differ.
        let resolved = try BinaryRunner.run(["resolve", team + "/cases/C03.json", "--take", "2"], environment: ["CASEMARK_USER": "Pat"])
        #expect(resolved.status == 0, "\(resolved.error)")
        let third = try BinaryRunner.run(["merge", ann, bob, "--into", team])
        #expect(third.status == 0, "\(third.output)\(third.error)")
        #expect(third.output.contains("unchanged C03"))
        let settled = try InspectionFolder.load(team, catalog: FrameworkCatalog(folders: [])).cases.first { $0.ref == "C03" }
        #expect(settled?.conflicts.isEmpty == true)
        #expect(settled?.answers["2.1.1"]?.judgement == .no)

        // A change made in one copy only (recorded in its history) is taken, not a conflict.
        let annFolder = try InspectionFolder.load(ann, catalog: FrameworkCatalog(folders: []))
        let annC01 = try #require(annFolder.cases.first { $0.ref == "C01" })
        _ = try annFolder.save(judged(annC01, .no, by: "Ann", at: "2026-11-23T10:00:00Z"), base: annC01)
        let fourth = try BinaryRunner.run(["merge", ann, bob, "--into", team])
        #expect(fourth.status == 0, "\(fourth.output)\(fourth.error)")
        #expect(fourth.output.contains("merged    C01 from \(ann): every change taken"))
        let merged = try InspectionFolder.load(team, catalog: FrameworkCatalog(folders: [])).cases.first { $0.ref == "C01" }
        #expect(merged?.answers["2.1.1"]?.judgement == .no)
        #expect(merged?.history.last?.by == "Ann")
    }

    @Test func ratingsFromEveryCopyAreMergedAndADifferingOneIsListed() throws {
        let scratch = TemporaryFolder()
        let ann = scratch.path + "/ann", bob = scratch.path + "/bob", team = scratch.path + "/team"
        var annFolder = try copy(ann, [court("C01")])
        var bobFolder = try copy(bob, [court("C01")])
        annFolder.inspection.ratings["1.1"] = DirectRating(rating: "inadequate", note: "no plan")
        bobFolder.inspection.ratings["1.2"] = DirectRating(rating: "outstanding")
        bobFolder.inspection.discretion["2.2"] = Discretion(rating: "good", reason: "one case from Good")
        try annFolder.saveInspection()
        try bobFolder.saveInspection()
        let first = try BinaryRunner.run(["merge", ann, bob, "--into", team])
        #expect(first.status == 0, "\(first.output)\(first.error)")
        #expect(first.output.contains("merged    inspection.json"))
        let merged = try InspectionFolder.load(team, catalog: FrameworkCatalog(folders: [])).inspection
        #expect(merged.ratings["1.1"] == DirectRating(rating: "inadequate", note: "no plan"))
        #expect(merged.ratings["1.2"]?.rating == "outstanding")
        #expect(merged.discretion["2.2"]?.reason == "one case from Good")
        // The same rating set differently in two copies: the target's kept, the other listed.
        bobFolder.inspection.ratings["1.1"] = DirectRating(rating: "good", note: "no plan")
        try bobFolder.saveInspection()
        let second = try BinaryRunner.run(["merge", bob, "--into", team])
        #expect(second.status == 1)
        #expect(second.output.contains("CONFLICT  inspection.json: ratings 1.1 rating: inadequate here ≠ good in \(bob)"))
        #expect(try InspectionFolder.load(team, catalog: FrameworkCatalog(folders: [])).inspection.ratings["1.1"]?.rating == "inadequate")
    }

    @Test func twoInspectorsAddingCasesInTheirOwnCopiesNeverPickTheSameRef() throws {
        let scratch = TemporaryFolder()
        let ann = scratch.path + "/ann", bob = scratch.path + "/bob"
        try copy(ann, [court("C01")])
        try copy(bob, [court("C01")])
        // Each adds a case in their own copy, from the suggested ref of the details form.
        for (folder, user) in [(ann, "Ann Inspector"), (bob, "Bob Smith")] {
            let tmux = try TmuxSession(
                command:
                    casemarkInPane(shellQuoted(folder), before: "CASEMARK_USER='\(user)'"),
                width: 100, height: 30, in: scratch)
            try tmux.waitFor("Cases (1)")
            try tmux.send("a")
            try tmux.waitFor("Add a case")
            try tmux.send("Enter")
            try tmux.waitFor("judged")
            try tmux.send("q", "q")
            try tmux.waitFor("casemark exited 0")
        }
        let annRefs = try InspectionFolder.load(ann, catalog: FrameworkCatalog(folders: [])).cases.map(\.ref)
        let bobRefs = try InspectionFolder.load(bob, catalog: FrameworkCatalog(folders: [])).cases.map(\.ref)
        #expect(annRefs == ["AI01", "C01"])
        #expect(bobRefs == ["BS01", "C01"])
        let team = scratch.path + "/team"
        let merged = try BinaryRunner.run(["merge", ann, bob, "--into", team])
        #expect(merged.status == 0, "\(merged.output)\(merged.error)")
        #expect(merged.output.contains("copied    AI01 from \(ann)"))
        #expect(merged.output.contains("copied    BS01 from \(bob)"))
    }

    @Test func sourcesUnderDifferentFrameworksAreRefused() throws {
        let scratch = TemporaryFolder()
        try copy(scratch.path + "/a", [court("C01")])
        let old = try FrameworkCatalog(folders: []).framework(id: "hmip-yos-2018")
        _ = try InspectionFolder.create(at: scratch.path + "/b", service: "S", framework: old)
        let result = try BinaryRunner.run(["merge", scratch.path + "/a", scratch.path + "/b", "--into", scratch.path + "/t"])
        #expect(result.status == 1)
        #expect(result.error.contains("marked under hmip-yos-2018"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/t"))
    }

    @Test func twoInspectorsMarkingDifferentCasesMergeCleanlyInGit() throws {
        let scratch = TemporaryFolder()
        let repo = scratch.path + "/repo"
        let folder = try copy(repo, [court("C01"), court("C02")])
        try git(repo, "init", "-q", "-b", "main")
        try git(repo, "add", ".")
        try git(repo, "commit", "-q", "-m", "inspection")
        // Ann marks C01 on her branch, Bob marks C02 on his.
        try git(repo, "checkout", "-q", "-b", "ann")
        var c01 = court("C01")
        c01.answers["2.1.1"] = Answer(judgement: .yes, prompts: ["a": .yes, "b": .no])
        try folder.save(c01)
        try git(repo, "commit", "-q", "-am", "Ann marks C01")
        let diff = try git(repo, "diff", "--numstat", "main", "ann")
        // One answer: a few added lines in one file, nothing else rewritten.
        let stats = diff.split(separator: "\n").map { $0.split(separator: "\t") }
        #expect(stats.count == 1)
        #expect(stats.first?.last == "cases/C01.json")
        #expect(Int(stats.first?[0] ?? "") ?? 99 <= 10)
        #expect(Int(stats.first?[1] ?? "") ?? 99 <= 1)
        try git(repo, "checkout", "-q", "main")
        try git(repo, "checkout", "-q", "-b", "bob")
        var c02 = court("C02")
        c02.answers["2.2.1"] = Answer(judgement: .no)
        try folder.save(c02)
        try git(repo, "commit", "-q", "-am", "Bob marks C02")
        try git(repo, "merge", "-q", "--no-edit", "ann")
        let merged = try InspectionFolder.load(repo, catalog: FrameworkCatalog(folders: []))
        #expect(merged.damaged.isEmpty)
        #expect(merged.cases.first { $0.ref == "C01" }?.answers["2.1.1"]?.prompts["b"] == .no)
        #expect(merged.cases.first { $0.ref == "C02" }?.answers["2.2.1"]?.judgement == .no)
    }

    func snapshotOf(_ folder: String) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: folder) {
            if let data = FileManager.default.contents(atPath: folder + "/" + path) { result[path] = data }
        }
        return result
    }

    /// Runs git in `folder` with a fixed identity and no user configuration.
    @discardableResult
    func git(_ folder: String, _ arguments: String...) throws -> String {
        let output = folder + "/../git-output-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: output) }
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_AUTHOR_NAME"] = "Test"
        environment["GIT_AUTHOR_EMAIL"] = "test@example.org"
        environment["GIT_COMMITTER_NAME"] = "Test"
        environment["GIT_COMMITTER_EMAIL"] = "test@example.org"
        let git = ["/usr/bin/git", "/usr/local/bin/git"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/git"
        let status = try ChildProcess.run(git, ["-C", folder] + arguments, environment: environment, outputPath: output)
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        guard status == 0 else { throw ChildProcess.Failure(description: "git \(arguments.joined(separator: " ")) failed: \(text)") }
        return text
    }
}
