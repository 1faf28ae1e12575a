import CasemarkTestSupport
import Foundation
import Testing

@testable import CasemarkCore

/// One writer per case, leftovers of killed saves, and case files that are damaged, newer or
/// orphaned: nothing is overwritten and nothing is dropped.
@Suite("Case locks and damaged files")
struct LockAndSalvageTests {
    let alice = LockHolder(user: "alice", host: "laptop-1", pid: 4242, time: "2026-11-20T09:00:00Z")
    let bob = LockHolder(user: "bob", host: "laptop-2", pid: 77, time: "2026-11-20T10:00:00Z")

    @Test func aSecondLockSaysWhoHasTheCase() throws {
        let base = TemporaryFolder()
        let casePath = base.path + "/C01.json"
        guard case .locked(let first) = try CaseLock.acquire(caseFile: casePath, holder: alice) else {
            Issue.record("the first lock was refused")
            return
        }
        #expect(first.path == base.path + "/.C01.lock")
        #expect(first.tookOverFrom == nil)
        guard case .heldBy(let holder) = try CaseLock.acquire(caseFile: casePath, holder: bob) else {
            Issue.record("a second lock on the same case was granted")
            return
        }
        #expect(holder == alice)
        #expect(holder?.description == "alice on laptop-1 (process 4242) since 2026-11-20T09:00:00Z")
        first.release()
        #expect(!FileSystem.exists(base.path + "/.C01.lock"))
        guard case .locked(let second) = try CaseLock.acquire(caseFile: casePath, holder: bob) else {
            Issue.record("a released lock could not be taken")
            return
        }
        #expect(second.tookOverFrom == nil)
    }

    /// A process that dies keeps no `flock`, but its lock file stays, naming it: the next
    /// casemark takes the case over and says from whom.
    @Test func aLockLeftByADeadProcessIsTakenOver() throws {
        let base = TemporaryFolder()
        base.write(".C01.lock", #"{"user": "alice", "host": "laptop-1", "pid": 4242, "time": "2026-11-20T09:00:00Z"}"#)
        guard case .locked(let lock) = try CaseLock.acquire(caseFile: base.path + "/C01.json", holder: bob) else {
            Issue.record("a stale lock was not taken over")
            return
        }
        #expect(lock.tookOverFrom == alice)
        #expect(base.read(".C01.lock")?.contains("\"bob\"") == true)
    }

    @Test func aLockFileThatIsASymbolicLinkIsRefused() throws {
        let base = TemporaryFolder()
        base.write("elsewhere", "precious")
        try FileManager.default.createSymbolicLink(atPath: base.path + "/.C01.lock", withDestinationPath: base.path + "/elsewhere")
        #expect(throws: FileSystemError.self) { try CaseLock.acquire(caseFile: base.path + "/C01.json", holder: bob) }
        #expect(base.read("elsewhere") == "precious")
    }

    @Test func onlyTheCasesOwnLeftoverTemporariesAreRemoved() throws {
        let base = TemporaryFolder()
        base.write("C01.json", "{}")
        base.write(".C01.json.123.456.tmp", "partial")
        base.write(".C01.json.x.json.1.2.tmp", "another case's save in progress")
        base.write(".C01.json.notes.tmp", "not ours")
        #expect(FileSystem.leftoverTemporaries(of: base.path + "/C01.json") == [base.path + "/.C01.json.123.456.tmp"])
        FileSystem.removeLeftoverTemporaries(of: base.path + "/C01.json")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: base.path).sorted() == [
                ".C01.json.notes.tmp", ".C01.json.x.json.1.2.tmp", "C01.json",
            ])
    }

    @Test func aFolderOrPipeWhereTheFileShouldBeIsNeverReplaced() throws {
        let base = TemporaryFolder()
        try FileManager.default.createDirectory(atPath: base.path + "/C01.json", withIntermediateDirectories: false)
        #expect(throws: FileSystemError.self) { try FileSystem.writeAtomically(Array("x".utf8), to: base.path + "/C01.json") }
        #expect(FileSystem.isDirectory(base.path + "/C01.json"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path) == ["C01.json"])
    }

    // MARK: - Damaged, newer and orphaned case files

    func inspection(_ files: [String: String]) throws -> (TemporaryFolder, InspectionFolder) {
        let base = TemporaryFolder()
        _ = try InspectionFolder.create(at: base.path, service: "S", framework: Frameworks.y2020)
        for (name, text) in files { base.write("cases/" + name, text) }
        return (base, try InspectionFolder.load(base.path, catalog: Frameworks.catalog))
    }

    func caseText(_ ref: String, version: Int = 1, answers: String = "{}") -> String {
        """
        {"format": "casemark/case", "version": \(version), "ref": "\(ref)", "framework": "hmip-yos-2020-09",
         "domain": "2", "disposal": "referral-order", "status": "in-progress", "answers": \(answers)}
        """
    }

    @Test func aDamagedCaseIsListedWithItsPlaceAndNeverOverwritten() throws {
        let wrongType = caseText("C03").replacingOccurrences(of: "\"status\": \"in-progress\"", with: "\"status\": 3")
        let (base, folder) = try inspection([
            "C01.json": "{ not json", "C02.json": caseText("C02").replacingOccurrences(of: "casemark/case", with: "other/thing"),
            "C03.json": wrongType,
        ])
        #expect(folder.cases.isEmpty)
        let listed = folder.damaged.map { $0.description.replacingOccurrences(of: base.path + "/", with: "") }
        #expect(listed.count == 3)
        #expect(listed[0] == "cases/C01.json:1:3: expected a quoted key, found 'n'")
        #expect(listed[1].hasPrefix("cases/C02.json:1:12: $.format: expected format \"casemark/case\""))
        #expect(listed[2].hasPrefix("cases/C03.json:2:57: $.status: expected a string, found"))
        for ref in ["C01", "C02", "C03"] {
            #expect(folder.writeRefusal(ref: ref) != nil)
            #expect(throws: FileSystemError.self) { try folder.save(makeCase(ref)) }
        }
        #expect(base.read("cases/C01.json") == "{ not json")
        #expect(base.read("cases/C03.json") == wrongType)
    }

    @Test func aCaseFromANewerCasemarkOpensReadOnly() throws {
        let text = caseText("C01", version: 2, answers: #"{"2.1.1": {"judgement": "yes"}}"#)
        let (base, folder) = try inspection(["C01.json": text])
        #expect(folder.cases.map(\.ref) == ["C01"])
        #expect(folder.cases.first?.answers["2.1.1"]?.judgement == .yes)
        #expect(folder.writeRefusal(ref: "C01")?.contains("newer casemark") == true)
        #expect(folder.damaged.count == 1, "a report still refuses to run")
        #expect(throws: FileSystemError.self) { try folder.save(makeCase("C01")) }
        #expect(base.read("cases/C01.json") == text)
    }

    @Test func answersTheFrameworkNoLongerHasAreKeptAndShown() throws {
        let answers = #"{"2.1.1": {"judgement": "yes", "prompts": {"a": "yes", "z": "no"}}, "9.9.9": {"judgement": "no", "note": "old"}}"#
        let (base, folder) = try inspection(["C01.json": caseText("C01", answers: answers)])
        #expect(folder.cases.map(\.ref) == ["C01"])
        #expect(folder.writeRefusal(ref: "C01") == nil)
        let orphaned = folder.orphanedAnswers(ref: "C01").map { $0.description.replacingOccurrences(of: base.path + "/", with: "") }
        #expect(
            orphaned == [
                "cases/C01.json:2:143: $.answers[\"2.1.1\"].prompts.z: orphaned answer: key question 2.1.1 has no prompt \"z\"; kept",
                "cases/C01.json:2:160: $.answers[\"9.9.9\"]: orphaned answer: framework hmip-yos-2020-09 has no key question 9.9.9; kept",
            ])
        // A change saved keeps the orphans.
        var file = try #require(folder.cases.first)
        file.answers["2.1.2"] = Answer(judgement: .no)
        try folder.save(file)
        let saved = try #require(base.read("cases/C01.json"))
        #expect(saved.contains("\"9.9.9\""))
        #expect(saved.contains("\"z\": \"no\""))
        #expect(saved.contains("\"2.1.2\""))
    }

    /// Review items on what the framework does not have are kept and shown with what they say;
    /// validate and the report name them, as they name orphaned answers.
    @Test func reviewItemsTheFrameworkDoesNotHaveAreKeptAndShown() throws {
        let text = caseText("C01", answers: #"{"2.1.1": {"judgement": "yes"}}"#).replacingOccurrences(
            of: #""answers":"#,
            with:
                #""review": {"items": {"2.1.1/a": {"verdict": "agree"}, "2.1.1/z": {"verdict": "challenge", "by": "Pat", "comment": "why?"}, "9.9.9": {"comment": "gone", "by": "Pat"}}}, "answers":"#
        )
        let (base, folder) = try inspection(["C01.json": text])
        #expect(folder.cases.map(\.ref) == ["C01"])
        #expect(folder.writeRefusal(ref: "C01") == nil)
        #expect(folder.damaged.count == 1, "validate and the report name them")
        let orphaned = folder.orphanedAnswers(ref: "C01").map(\.message)
        #expect(
            orphaned == [
                #"orphaned review item: key question 2.1.1 has no prompt "z"; kept (challenged by Pat: "why?")"#,
                #"orphaned review item: framework hmip-yos-2020-09 has no key question 9.9.9; kept (comment by Pat: "gone")"#,
            ])
        #expect(
            folder.damaged.first?.diagnostics.map(\.message) == [
                #"key question 2.1.1 has no prompt "z""#, #"no key question "9.9.9" in framework hmip-yos-2020-09"#,
            ])
        var file = try #require(folder.cases.first)
        file.answers["2.1.2"] = Answer(judgement: .no)
        try folder.save(file)
        let saved = try #require(base.read("cases/C01.json"))
        #expect(saved.contains("\"9.9.9\"") && saved.contains("\"2.1.1/z\"") && saved.contains("\"2.1.2\""))
        // An item on a key question of another domain is kept as it is, and the case valid: a
        // change of domain drops the answers the new one cannot have, not the reviewer's words.
        let elsewhere = caseText("C01", answers: "{}").replacingOccurrences(
            of: #""answers":"#, with: #""review": {"items": {"3.1.1": {"comment": "x"}}}, "answers":"#)
        let (_, other) = try inspection(["C01.json": elsewhere])
        #expect(other.cases.first?.review.items["3.1.1"]?.comment == "x" && other.damaged.isEmpty)
    }

    /// Orphans are dropped only on purpose: the case without them is saved, each dropped answer
    /// and item recorded in its history, and the file as it was kept in `removed/` first (a
    /// numbered name when one is there); when it cannot be kept, nothing is saved.
    @Test func aCaseSavedWithoutItsOrphansKeepsTheFileAsItWasInRemoved() throws {
        let text = caseText(
            "C01",
            answers: #"{"2.1.1": {"judgement": "yes", "prompts": {"a": "yes", "z": "no"}}, "9.9.9": {"judgement": "no", "note": "old"}}"#
        ).replacingOccurrences(
            of: #""answers":"#,
            with: #""review": {"items": {"2.1.1/a": {"verdict": "agree"}, "9.9.9": {"comment": "gone", "by": "Pat"}}}, "answers":"#)
        let (base, folder) = try inspection(["C01.json": text])
        let file = try #require(folder.cases.first)
        #expect(folder.orphanedAnswers(ref: "C01").count == 3)
        let dropped = file.recording(folder.withoutOrphans(file), by: "Ann", at: "2026-12-01T10:00:00Z")
        #expect(dropped.answers.keys == ["2.1.1"])
        #expect(dropped.answers["2.1.1"]?.prompts == ["a": .yes])
        #expect(dropped.review.items.keys.sorted() == ["2.1.1/a"])
        #expect(
            dropped.history.map(\.summary) == [
                "2026-12-01T10:00:00Z Ann 2.1.1/z prompt: no → —", "2026-12-01T10:00:00Z Ann 9.9.9 judgement: no → —",
                "2026-12-01T10:00:00Z Ann 9.9.9 note: 3 characters → —",
                "2026-12-01T10:00:00Z Ann 9.9.9 review: comment of 4 characters → —",
            ])
        let result = try folder.save(dropped, base: file, keepingCopy: true)
        #expect(result.keptCopy == "C01.json")
        #expect(base.read("removed/C01.json") == text)
        let mode = try FileManager.default.attributesOfItem(atPath: base.path + "/removed/C01.json")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let reloaded = try InspectionFolder.load(base.path, catalog: Frameworks.catalog)
        #expect(reloaded.damaged.isEmpty && reloaded.salvaged.isEmpty)
        #expect(reloaded.cases.first?.answers == dropped.answers)
        // Kept again, under the next free name; a save without it keeps nothing.
        var again = dropped
        again.answers["2.1.2"] = Answer(judgement: .no)
        #expect(try folder.save(again, base: dropped, keepingCopy: true).keptCopy == "C01.2.json")
        #expect(base.read("removed/C01.2.json")?.contains("\"2.1.1\"") == true)
        again.answers["2.1.3"] = Answer(judgement: .no)
        #expect(try folder.save(again, base: dropped).keptCopy == nil)
        // removed/ cannot be made (a file is in its place): nothing is saved.
        let (other, blocked) = try inspection(["C01.json": text])
        try? FileManager.default.removeItem(atPath: other.path + "/removed")
        other.write("removed", "not a folder")
        let blockedFile = try #require(blocked.cases.first)
        #expect(throws: CaseSaveFailure.self) {
            try blocked.save(blocked.withoutOrphans(blockedFile), base: blockedFile, keepingCopy: true)
        }
        #expect(other.read("cases/C01.json") == text)
    }

    /// An answer in the wrong domain is a real mistake, not drift: the case stays damaged.
    @Test func anAnswerOfAnotherDomainIsNotSalvaged() throws {
        let (_, folder) = try inspection(["C01.json": caseText("C01", answers: #"{"3.1.1": {"judgement": "yes"}}"#)])
        #expect(folder.cases.isEmpty)
        #expect(folder.writeRefusal(ref: "C01") != nil)
    }
}
