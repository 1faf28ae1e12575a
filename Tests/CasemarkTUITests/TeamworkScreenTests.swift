import CasemarkCore
import CasemarkTestSupport
import Foundation
import Testing

@testable import CasemarkTUI

/// Several people on one inspection folder at once: two casemarks (each its own app, runner and
/// locks, on the same files), an inspector and a reviewer.
///
/// Every write is a change applied to the file as it is now, and what one of them saves reaches the
/// other's screen.
@Suite("A team on one folder")
struct TeamworkScreenTests {
    static let reviewer = Session(role: .reviewer, user: "Pat Manager", now: { Harness.moment })
    static let bea = Session(user: "Bea Inspector", now: { Harness.moment })

    @Test func aNewCaseOnARefAnotherCasemarkHasJustWrittenIsNotSavedOverIt() throws {
        let ann = try Harness(cases: [])
        let bea = try ann.reopened(as: Self.bea)
        // Both open the form; both are offered the same free ref.
        ann.type("a")
        bea.type("a")
        let suggested = ann.app.detailsForm.ref.text
        #expect(bea.app.detailsForm.ref.text == suggested)
        // Ann adds the case first and answers four prompts.
        ann.type(Key.enter, "y", "y", "n", "y")
        #expect(try ann.saved(suggested).answers["2.1.1"]?.prompts.count == 4)
        // Bea's Enter must not replace it: her form comes back with the next ref.
        bea.type(Key.tab, Key.right, Key.enter)  // out-of-court, then Enter
        #expect(bea.app.mode == .details)
        #expect(bea.lines.last?.contains("Not added: case \(suggested) was added meanwhile by another casemark") == true)
        let next = bea.app.detailsForm.ref.text
        #expect(next != suggested)
        #expect(try ann.saved(suggested).answers["2.1.1"]?.prompts.count == 4)
        #expect(try ann.saved(suggested).history.count == 4)
        // Her details are still in the form; Enter adds her case under the new ref.
        #expect(bea.app.detailsForm.domainIndex == 1)
        bea.type(Key.enter)
        #expect(try bea.saved(next).domain == "3")
        #expect(try ann.saved(suggested).answers["2.1.1"]?.prompts.count == 4)
        // Both cases are in Bea's list, Ann's with its answers.
        bea.type("q")
        #expect(bea.app.cases.map(\.ref).sorted() == [suggested, next].sorted())
        #expect(bea.app.cases.first { $0.ref == suggested }?.answers["2.1.1"]?.prompts.count == 4)
    }

    @Test func twoRatingsSavedFromTwoCasemarksAreBothKept() throws {
        let ann = try Harness(cases: [court("C01")])
        let bea = try ann.reopened(as: Self.bea)
        // Ann rates 1.1 Inadequate; Bea, who loaded the file before, rates 1.2 Outstanding.
        ann.type("r", "i")
        bea.type("r", "j", "o")
        let onDisk = try ann.inspectionOnDisk()
        #expect(onDisk.ratings["1.1"]?.rating == "inadequate")
        #expect(onDisk.ratings["1.2"]?.rating == "outstanding")
        #expect(bea.app.folder?.inspection.ratings["1.1"]?.rating == "inadequate")
        // Ann's screen learns of Bea's rating on the next look at the disk.
        ann.type(Key.tick)
        #expect(ann.app.folder?.inspection.ratings["1.2"]?.rating == "outstanding")
        // The same rating changed differently: the file's is kept and the other is told.
        ann.type("o")
        bea.type("k", "r")
        #expect(try ann.inspectionOnDisk().ratings["1.1"]?.rating == "outstanding")
        #expect(bea.screen.contains("changed by someone else meanwhile"))
        #expect(bea.app.folder?.inspection.ratings["1.1"]?.rating == "outstanding")
    }

    @Test func aReviewersAgreeOnAnAnswerTheInspectorChangedIsNotSavedAndSaysWhy() throws {
        let ann = try Harness(cases: [court("C01")])
        ann.type(Key.enter, "y")  // 2.1.1 a: yes
        ann.type("q")
        let pat = try ann.reopened(as: Self.reviewer)
        pat.type(Key.enter, "g")  // the reviewer looks at 2.1.1 a
        // Meanwhile the inspector changes it to No and adds a note elsewhere.
        let again = try ann.reopened(as: Session(user: "Ann Inspector", now: { Harness.moment }))
        again.type(Key.enter, "g", "n")
        #expect(try ann.saved("C01").answers["2.1.1"]?.prompts["a"] == .no)
        let historyBefore = try ann.saved("C01").history.count
        // The reviewer agrees with what they saw: Yes. It is not saved over the inspector's No.
        pat.type("a")
        let saved = try ann.saved("C01")
        #expect(saved.answers["2.1.1"]?.prompts["a"] == .no)
        #expect(saved.review.items["2.1.1/a"] == nil)
        #expect(saved.history.count == historyBefore)
        guard case .message(let title, let told, _) = pat.app.overlay else { throw Failure("the reviewer was not told") }
        #expect(title == "Case C01 was changed by someone else meanwhile")
        #expect(
            told.contains {
                $0.contains(
                    "your agree on 2.1.1/a was for the answer yes; it was changed meanwhile by Ann Inspector to no, so it was not saved")
            })
        // The reviewer's screen now shows the No; agreeing again is saved.
        pat.type(Key.escape, "a")
        #expect(try ann.saved("C01").review.items["2.1.1/a"]?.verdict == .agree)
        #expect(try ann.saved("C01").answers["2.1.1"]?.prompts["a"] == .no)
        // The inspector, still in the case, sees the reviewer's agree arrive.
        again.type(Key.tick)
        #expect(again.screen.contains("✓ agreed by Pat Manager"))
    }

    @Test func theInspectorSeesAReturnAndItsChallengesJumpsRepliesAndMarksThemAnswered() throws {
        let ann = try Harness(cases: [court("C01")], width: 140, height: 45)
        ann.type(Key.enter, "y", "y", "q")
        let pat = try ann.reopened(as: Self.reviewer)
        pat.type(Key.enter, "jj", "c", "Why yes? The plan is missing", Key.enter)
        pat.type("R", "Two items need evidence", Key.enter)
        pat.type("q")
        // The inspector's list and marking screen say the case was returned, and why.
        let again = try ann.reopened(as: Session(user: "Ann Inspector", now: { Harness.moment }))
        #expect(again.lines[2].contains("returned"))
        again.type(Key.enter)
        #expect(again.screen.contains("RETURNED by Pat Manager on 2026-11-23: Two items need evidence"))
        #expect(again.screen.contains("challenge(s) to answer (!)"))
        // ! jumps to the challenge; r replies; A marks it answered.
        again.type("!")
        #expect(again.app.currentItem?.prompt == "c")
        #expect(again.screen.contains("⚑ challenged by Pat Manager: Why yes? The plan is missing"))
        again.type("r", "Plan is on the system, dated 3 May", Key.enter)
        again.type("A")
        let saved = try again.saved("C01")
        #expect(saved.review.items["2.1.1/c"]?.replies.first?.text == "Plan is on the system, dated 3 May")
        #expect(saved.review.items["2.1.1/c"]?.answered?.by == "Ann Inspector")
        #expect(saved.review.unansweredChallenges.isEmpty)
        #expect(saved.history.contains { $0.field == .review && $0.new == "answered" })
        #expect(again.screen.contains("↳ Ann Inspector: Plan is on the system"))
        // The reviewer signs off over the (answered but still open) challenge: asked, recorded.
        again.type("q", "q")
        let later = try ann.reopened(as: Self.reviewer)
        later.type(Key.enter, "S", Key.enter, "y")
        let signed = try later.saved("C01")
        #expect(signed.review.outcomes.map(\.kind) == [.returned, .signedOff])
        #expect(signed.review.outcomes.last?.openChallenges == ["2.1.1/c"])
        // Reopening the review adds to the record; nothing replaces an earlier outcome.
        later.type("O")
        #expect(try later.saved("C01").review.outcomes.map(\.kind) == [.returned, .signedOff, .reopened])
    }

    @Test func detailsOfACompleteCaseAreRefusedThenRecordedAfterReopeningWithWhatNowApplies() throws {
        // A complete 2018 case: every key question that applies judged, safety and wellbeing low.
        var file = court("C01", framework: "hmip-yos-2018")
        file.details.safetyAndWellbeing = .low
        let outline = CaseOutline(framework: Harness.framework("hmip-yos-2018"), domain: "2")
        for question in outline.keyQuestions where outline.applies(question, to: file) {
            file.answers[question.number] = Answer(judgement: .yes)
        }
        file.status = .complete
        #expect(file.answers["2.2.2"] == nil)
        let ann = try Harness(framework: "hmip-yos-2018", cases: [file])
        ann.type(Key.enter, "d")
        #expect(ann.app.mode == .marking)
        #expect(ann.lines.last?.contains("This case is complete: press c to reopen it before changing its details") == true)
        ann.type("c", "d")
        #expect(ann.app.mode == .details)
        // Safety and wellbeing Low → Medium: 2.2.2 and 2.3.2 now apply.
        ann.type(Key.tab, Key.tab, Key.tab)
        #expect(ann.app.detailsForm.field == .safetyAndWellbeing)
        ann.type(Key.right, Key.enter)
        let saved = try ann.saved("C01")
        #expect(saved.details.safetyAndWellbeing == .medium)
        #expect(saved.history.contains { $0.field == .detail && $0.item == "safetyAndWellbeing" && $0.old == "low" && $0.new == "medium" })
        #expect(ann.screen.contains("now apply"))
        #expect(ann.screen.contains("2.2.2"))
    }

    @Test func aCaseListOpenElsewhereShowsNewCasesAndSignOffsGoneOutOfDate() throws {
        let ann = try Harness(cases: [court("C01")])
        ann.type(Key.enter, "y", "q")
        let pat = try ann.reopened(as: Self.reviewer)
        // The case is in progress: signing it off is asked first.
        pat.type(Key.enter, "S", Key.enter, "y", "q")
        #expect(pat.lines[2].contains("signed off"))
        // The inspector changes an answer and adds a case; the reviewer's list is open meanwhile.
        let again = try ann.reopened(as: Session(user: "Ann Inspector", now: { Harness.moment }))
        again.type(Key.enter, "g", "n", "q")
        var added = court("C02")
        added.details.inspector = "Bea Inspector"
        try FileSystem.writeAtomically(added.encoded(), to: ann.root + "/cases/C02.json")
        #expect(pat.lines[2].contains("signed off"))
        #expect(!pat.screen.contains("C02"))
        // Within a tick (about two seconds), or at once on Ctrl-L.
        pat.type(Key.tick)
        #expect(pat.lines[2].contains("OUT OF DATE"))
        #expect(pat.screen.contains("C02"))
        // A hand edit in place (same folder entry) is found by Ctrl-L.
        var edited = try ann.saved("C02")
        edited.details.inspector = "Cal Inspector"
        let path = ann.root + "/cases/C02.json"
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.truncateFile(atOffset: 0)
        handle.write(Data(edited.encoded()))
        try handle.close()
        pat.type(Key.control("l"))
        #expect(pat.app.cases.first { $0.ref == "C02" }?.details.inspector == "Cal Inspector")
    }

    @Test func theLockMessageNamesTheUserNotTheirNumber() {
        let holder = LockHolder.current(environment: ["CASEMARK_USER": "Ann Inspector", "USER": "root"])
        #expect(holder.user == "Ann Inspector")
        let fallback = LockHolder.current(environment: [:])
        #expect(fallback.user != String(getuid()) || getuid() == 0 && fallback.user == "root")
        #expect(Int(fallback.user) == nil)
    }
}

/// More of a team on one folder: a case open read-only follows its holder's work, and a merge
/// conflict is resolved on the marking screen.
@Suite("A team on one folder, continued")
struct TeamworkMoreScreenTests {
    @Test func aCaseOpenReadOnlyShowsTheOtherInspectorsAnswersAsTheyLand() throws {
        let ann = try Harness(cases: [court("C01")])
        ann.type(Key.enter)  // Ann holds C01
        let bea = try ann.reopened(as: TeamworkScreenTests.bea)
        bea.type(Key.enter)
        #expect(bea.lines.last?.contains("Read-only: case C01 is open for marking by") == true)
        #expect(bea.lines.last?.contains("Ann Inspector") == true || bea.lines.last?.contains("on ") == true)
        ann.type("y", "n")
        #expect(!bea.screen.contains("a) [Y]"))
        bea.type(Key.tick)
        #expect(bea.screen.contains("a) [Y]"))
        #expect(bea.screen.contains("b) [N]"))
        #expect(bea.lines.last?.contains("changed on disk by someone else") == true)
    }

    @Test func aMergeConflictIsResolvedOnTheMarkingScreenAndIsGone() throws {
        var file = court("C01")
        file.answers["2.1.1"] = Answer(judgement: .yes)
        file.conflicts = [
            MergeConflict(
                path: ["answers", "2.1.1", "judgement"],
                versions: [
                    .init(source: "ann", by: "Ann", value: .string("yes")), .init(source: "bob", by: "Bob", value: .string("no")),
                ])
        ]
        let ann = try Harness(cases: [file], width: 100, height: 30)
        #expect(ann.lines[2].contains("≠1"))
        #expect(ann.screen.contains("C01: 1 merge conflict(s) to resolve"))
        ann.type(Key.enter)
        #expect(ann.screen.contains("1 merge conflict(s) to resolve: press M"))
        // It cannot be completed meanwhile.
        ann.type("c")
        guard case .message(let title, let lines, _) = ann.app.overlay else { throw Failure("completing was not refused") }
        #expect(title == "Not complete: 1 merge conflict(s) to resolve first (M)")
        #expect(lines == ["2.1.1 judgement: yes (Ann, ann) ≠ no (Bob, bob)"])
        #expect(try ann.saved("C01").status == .inProgress)
        ann.type(Key.escape, "M")
        #expect(ann.screen.contains("Merge conflict 1 of 1: 2.1.1 judgement"))
        #expect(ann.screen.contains("1  yes   (Ann, ann)"))
        #expect(ann.screen.contains("2  no   (Bob, bob)"))
        ann.type("2")
        let saved = try ann.saved("C01")
        #expect(saved.conflicts.isEmpty)
        #expect(saved.answers["2.1.1"]?.judgement == .no)
        #expect(saved.history.contains { $0.field == .resolved && $0.by == "Ann Inspector" })
        #expect(saved.history.contains { $0.field == .judgement && $0.old == "yes" && $0.new == "no" })
        #expect(ann.lines.last?.hasPrefix("Resolved 2.1.1 judgement: no conflict left · saved at 12:00:00 · 2.1.1 1/1 → 0/1") == true)
        #expect(!ann.screen.contains("merge conflict"))
    }
}

/// The case list holds no histories (most of a case file); a case's history is read when it is
/// opened, and no save ever drops one.
@Suite("Histories only where they are used")
struct LazyHistoryScreenTests {
    @Test func theListHoldsNoHistoryAndOpeningACaseReadsIt() throws {
        let harness = try Harness(cases: [court("C01"), court("C02")])
        harness.type(Key.enter, "y", "n", "q")  // two entries in C01's history on disk
        let onDisk = try harness.saved("C01").history
        #expect(onDisk.count == 2)
        // Opened as the front end opens a folder: without histories.
        let folder = try InspectionFolder.load(harness.root, catalog: Harness.catalog, keepingHistory: false)
        #expect(folder.cases.allSatisfy { $0.history.isEmpty && !$0.historyIsLoaded })
        var app = App(folder: folder, size: (80, 24))
        app.session = Session(user: "Bea Inspector", now: { Harness.moment })
        let runner = AppRunner(app: app, terminal: FakeTerminal(), folderPath: harness.root, clock: { "12:00:00" })
        runner.step(.enter)
        #expect(runner.app.markingCase?.historyIsLoaded == true)
        #expect(runner.app.markingCase?.history == onDisk)
        #expect(runner.app.cases.first { $0.ref == "C02" }?.historyIsLoaded == false)
        // Reading the folder again (Ctrl-L) does not load the histories of cases not open.
        runner.step(.control("l"))
        #expect(runner.app.cases.first { $0.ref == "C02" }?.historyIsLoaded == false)
        // An answer saved keeps the history on disk, and adds to it.
        runner.step(.character("j"))
        runner.step(.character("j"))
        runner.step(.character("x"))
        let saved = try harness.saved("C01")
        #expect(runner.app.status.text == "Saved case C01 at 12:00:00")  // nobody else's change to merge
        #expect(Array(saved.history.prefix(2)) == onDisk)
        #expect(saved.history.count == 3)
        #expect(saved.history.last?.by == "Bea Inspector")
        // The history screen shows the entries read from the file.
        runner.step(.character("h"))
        #expect(runner.app.render().text.contains("Ann Inspector 2.1.1/a prompt: — → yes"))
    }

    @Test func aReviewerOpeningACaseReadsItsHistoryToo() throws {
        let harness = try Harness(cases: [court("C01")])
        harness.type(Key.enter, "y", "q")
        let folder = try InspectionFolder.load(harness.root, catalog: Harness.catalog, keepingHistory: false)
        var app = App(folder: folder, size: (80, 24))
        app.session = TeamworkScreenTests.reviewer
        let runner = AppRunner(app: app, terminal: FakeTerminal(), folderPath: harness.root, clock: { "12:00:00" })
        runner.step(.enter)
        #expect(runner.app.markingCase?.history.count == 1)
        runner.step(.character("a"))
        let saved = try harness.saved("C01")
        #expect(saved.history.count == 2)
        #expect(saved.history.first?.by == "Ann Inspector")
        #expect(saved.review.items["2.1.1/a"]?.verdict == .agree)
    }
}

/// The watcher of a folder starts from what loading saw, not from a second look afterwards.
@Suite("Changes saved while a folder loads")
struct FolderWatchStartTests {
    /// Another casemark saves a case after this one read it and before its watcher started: a
    /// second look then took the saved file as the one loaded, and the screen kept the old.
    @Test func aChangeSavedWhileTheFolderLoadedIsNoticed() throws {
        let scratch = TemporaryFolder()
        let root = scratch.path + "/inspection"
        let framework = Harness.framework("hmip-yos-2020-09")
        let created = try InspectionFolder.create(at: root, service: "Test", framework: framework)
        for ref in ["C01", "C02"] { try created.save(CaseFile(ref: ref, framework: framework.id, domain: "2", disposal: "referral-order")) }
        let loaded = try InspectionFolder.load(root, catalog: Harness.catalog)
        #expect(loaded.seenOnDisk?.caseFiles.keys.sorted() == ["C01", "C02"])
        #expect(loaded.seenOnDisk?.caseFiles["C02"] == FileSignature.of(root + "/cases/C02.json"))
        // A folder's time can stay the same for a few milliseconds: the save comes later than that.
        usleep(50_000)
        var changed = try #require(loaded.cases.first)
        changed.answers["2.1.1"] = Answer(judgement: .yes)
        try loaded.save(changed)
        var watch = FolderWatch()
        watch.start(loaded)
        let found = watch.changes(in: loaded, force: false)
        #expect(found.count == 1)
        guard case .changed(let file) = found.first else {
            Issue.record("expected the saved case as a change, found \(found)")
            return
        }
        #expect(file.ref == "C01" && file.answers["2.1.1"]?.judgement == .yes)
        #expect(watch.changes(in: loaded, force: false).isEmpty, "seen once")
    }
}
