import Foundation
import Testing

@testable import CasemarkCore
@testable import CasemarkTUI

/// The marking screen when a case is held by another casemark, damaged, newer or orphaned, and
/// when the disk refuses a save.
@Suite("Locked, damaged and unsaved cases on screen")
struct SafetyScreenTests {
    let alice = LockHolder(user: "alice", host: "laptop-1", pid: 4242, time: "2026-11-20T09:00:00Z")

    /// The harness reopened on what is on disk now (after a test wrote files beside the cases).
    func reloaded(_ harness: Harness) throws {
        let folder = try InspectionFolder.load(harness.root, catalog: Harness.catalog)
        harness.runner = AppRunner(
            app: App(folder: folder, size: harness.terminal.size), terminal: harness.terminal, folderPath: harness.root,
            clock: { "12:00:00" })
    }

    func write(_ harness: Harness, _ relative: String, _ text: String) {
        #expect(
            FileManager.default.createFile(atPath: harness.root + "/" + relative, contents: Data(text.utf8)), "cannot write \(relative)")
    }

    @Test func aCaseOpenElsewhereIsReadOnlyAndSaysWhoHasIt() throws {
        let harness = try Harness(cases: [court("C01")])
        guard case .locked(let other) = try CaseLock.acquire(caseFile: harness.root + "/cases/C01.json", holder: alice) else {
            Issue.record("could not lock the case for the test")
            return
        }
        var screen = harness.type(Key.enter)
        #expect(screen.contains("Read-only: case C01 is open for marking by alice on laptop-1 (process 4242)"))
        screen = harness.type("y")
        #expect(screen.contains("Nothing changed: read-only, case C01 is open for marking by alice"))
        harness.type("e")
        #expect(harness.app.prompt == nil, "no note editor on a read-only case")
        #expect(try harness.saved("C01").answers.isEmpty)
        // Alice leaves; reopening the case takes the lock and marking works.
        other.release()
        harness.type("q", Key.enter, "y")
        #expect(try harness.saved("C01").answers.isEmpty == false)
    }

    @Test func anOpenCaseIsLockedUntilItIsClosed() throws {
        let harness = try Harness(cases: [court("C01")])
        let casePath = harness.root + "/cases/C01.json"
        harness.type(Key.enter)
        guard case .heldBy(let holder) = try CaseLock.acquire(caseFile: casePath, holder: alice) else {
            Issue.record("a case open for marking was not locked")
            return
        }
        #expect(holder?.pid == Int(getpid()))
        harness.type("q")
        #expect(!FileSystem.exists(harness.root + "/cases/.C01.lock"))
        guard case .locked = try CaseLock.acquire(caseFile: casePath, holder: alice) else {
            Issue.record("the lock was kept after the case was closed")
            return
        }
    }

    @Test func takingOverAStaleLockRemovesLeftoversAndSaysFromWhom() throws {
        let harness = try Harness(cases: [court("C01")])
        write(harness, "cases/.C01.lock", #"{"user": "alice", "host": "laptop-1", "pid": 4242, "time": "2026-11-20T09:00:00Z"}"#)
        write(harness, "cases/.C01.json.4242.99.tmp", "{ half a case")
        let screen = harness.type(Key.enter)
        #expect(screen.contains("Took over case C01 from alice on laptop-1 (process 4242)"))
        #expect(!FileSystem.exists(harness.root + "/cases/.C01.json.4242.99.tmp"))
    }

    @Test func damagedCasesAreListedWithTheirPlace() throws {
        let harness = try Harness(cases: [court("C01")])
        write(harness, "cases/C02.json", "{ not json")
        write(harness, "cases/C03.json", "[1, 2,")
        try reloaded(harness)
        var screen = harness.screen
        #expect(screen.contains("2 damaged case file(s), not opened and never overwritten"))
        #expect(screen.contains("cases/C02.json:1:3: expected a quoted key, found 'n'"))
        #expect(screen.contains("cases/C03.json:1:7:"))
        #expect(harness.app.cases.map(\.ref) == ["C01"])
        // Adding a case with a damaged file's ref never replaces the file.
        harness.type("a")
        #expect(harness.app.detailsForm.ref.text == "C04", "the next free ref skips damaged files")
        screen = harness.type(Key.backspace, Key.backspace, Key.backspace, "C02", Key.enter)
        #expect(screen.contains("There is already a case file C02.json"))
        #expect(String(decoding: try FileSystem.read(harness.root + "/cases/C02.json"), as: UTF8.self) == "{ not json")
    }

    @Test func orphanedAnswersAreShownOnOpeningAndKept() throws {
        let harness = try Harness(cases: [court("C01")])
        write(
            harness, "cases/C01.json",
            #"{"format": "casemark/case", "version": 1, "ref": "C01", "framework": "hmip-yos-2020-09", "domain": "2", "disposal": "referral-order", "status": "in-progress", "answers": {"9.9.9": {"judgement": "no"}}}"#
        )
        try reloaded(harness)
        #expect(harness.screen.contains("orphans"))
        var screen = harness.type(Key.enter)
        #expect(screen.contains("1 answer(s) on what the framework no longer has"))
        #expect(screen.contains("no key question 9.9.9; kept"))
        screen = harness.type(Key.escape, "y")
        let saved = String(decoding: try FileSystem.read(harness.root + "/cases/C01.json"), as: UTF8.self)
        #expect(saved.contains("\"9.9.9\""))
        #expect(saved.contains("\"a\": \"yes\""))
    }

    /// The inspector may drop a case's orphans on the box that lists them: the case is saved
    /// without them, each recorded in its history, and the file as it was kept in `removed/`;
    /// a reviewer (as the case opens), or anyone on a case held elsewhere, is only shown them.
    @Test func orphansAreDroppedOnlyOnPurposeWithTheFileAsItWasKept() throws {
        let harness = try Harness(cases: [court("C01")])
        let text =
            #"{"format": "casemark/case", "version": 1, "ref": "C01", "framework": "hmip-yos-2020-09", "domain": "2", "disposal": "referral-order", "status": "in-progress", "answers": {"2.1.1": {"judgement": "yes", "prompts": {"a": "yes", "z": "no"}}, "9.9.9": {"judgement": "no"}}, "review": {"items": {"9.9.9": {"comment": "gone", "by": "Pat"}}}}"#
        write(harness, "cases/C01.json", text)
        // A reviewer sees them as the case opens (a reviewer takes no lock), with no offer.
        let review = try harness.reopened(as: Session(role: .reviewer, user: "Pat Manager", now: { Harness.moment }))
        var screen = review.type(Key.enter)
        #expect(screen.contains("2 answer(s) and 1 review item(s) on what the framework no longer has"))
        #expect(screen.contains("kept in the file and never dropped") && !screen.contains("drop them"))
        review.type(Key.escape, "q")
        // Open in another casemark, the case is read-only here: they are shown, with no offer.
        guard case .locked(let other) = try CaseLock.acquire(caseFile: harness.root + "/cases/C01.json", holder: alice) else {
            Issue.record("could not lock the case for the test")
            return
        }
        try reloaded(harness)
        screen = harness.type(Key.enter)
        #expect(screen.contains("2 answer(s) and 1 review item(s) on what the framework no longer has"))
        #expect(screen.contains("kept in the file and never dropped") && !screen.contains("drop them"))
        harness.type(Key.escape, "q")
        other.release()
        try reloaded(harness)
        screen = harness.type(Key.enter)
        #expect(screen.contains("kept in the file until you drop them"))
        #expect(screen.contains("y  drop them      any other key  keep them"))
        // Any other key keeps them.
        harness.type(Key.escape)
        #expect(harness.lines.last == "Orphans of case C01 kept in its file")
        #expect(String(decoding: try FileSystem.read(harness.root + "/cases/C01.json"), as: UTF8.self) == text)
        harness.type("q")
        try reloaded(harness)
        harness.type(Key.enter, "y")
        let saved = try harness.saved("C01")
        #expect(saved.answers.keys == ["2.1.1"] && saved.answers["2.1.1"]?.prompts == ["a": .yes])
        #expect(saved.review.items.isEmpty)
        #expect(saved.history.map(\.item) == ["2.1.1/z", "9.9.9", "9.9.9"])
        #expect(
            harness.app.status.text == "Dropped 3 orphan(s) of case C01 · saved at 12:00:00; the file as it was is kept as removed/C01.json"
        )
        #expect(String(decoding: try FileSystem.read(harness.root + "/removed/C01.json"), as: UTF8.self) == text)
        // The case is whole now: the list shows it so, and a report counts it.
        harness.type("q")
        #expect(!harness.screen.contains("orphans"))
        let folder = try InspectionFolder.load(harness.root, catalog: Harness.catalog)
        #expect(folder.damaged.isEmpty && folder.salvaged.isEmpty)
    }

    /// Hundreds of orphans fill more than the box: it says how many lines more there are, and
    /// the question stays at its foot, so the offer is never hidden below the list.
    @Test func aLongListOfOrphansNeverHidesTheQuestion() throws {
        let harness = try Harness(cases: [court("C01")])
        let orphans = (1...300).map { #""9.9.\#($0)": {"judgement": "no"}"# }.joined(separator: ", ")
        write(
            harness, "cases/C01.json",
            #"{"format": "casemark/case", "version": 1, "ref": "C01", "framework": "hmip-yos-2020-09", "domain": "2", "disposal": "referral-order", "status": "in-progress", "answers": {"#
                + orphans + "}}")
        try reloaded(harness)
        let screen = harness.type(Key.enter)
        #expect(screen.contains("300 answer(s) on what the framework no longer has"))
        #expect(screen.contains("y  drop them      any other key  keep them"))
        #expect(screen.contains("more lines") && !screen.contains("j to scroll"), "j answers this box: it does not scroll")
        harness.type("y")
        #expect(try harness.saved("C01").answers.isEmpty)
    }

    /// A manager's challenge on a key question or prompt the framework does not have would be
    /// shown nowhere on the marking screen: it is shown, with what it says, when the case is
    /// opened, and kept.
    @Test func reviewItemsTheFrameworkNoLongerHasAreShownWithWhatTheySay() throws {
        let harness = try Harness(cases: [court("C01")])
        write(
            harness, "cases/C01.json",
            #"{"format": "casemark/case", "version": 1, "ref": "C01", "framework": "hmip-yos-2020-09", "domain": "2", "disposal": "referral-order", "status": "in-progress", "answers": {"2.1.1": {"judgement": "yes"}}, "review": {"items": {"2.1.1": {"verdict": "agree", "by": "Pat"}, "9.9.9": {"verdict": "challenge", "by": "Pat", "comment": "Where is the plan?‮"}, "2.1.1/z": {"comment": "and this", "by": "Pat"}}}}"#
        )
        try reloaded(harness)
        #expect(harness.screen.contains("orphans"))
        var screen = harness.type(Key.enter)
        #expect(screen.contains("2 review item(s) on what the framework no longer has"))
        // Wrapped in the box: "(challenged" ends a line.
        #expect(screen.contains("kept (challenged") && screen.contains(#"by Pat: "Where is the plan?\u{202e}")"#))
        #expect(screen.contains(#"comment by Pat: "and this""#))
        #expect(!screen.contains("\u{202E}"), "a bidi character from the file is never drawn raw")
        screen = harness.type(Key.escape, "y")
        let saved = String(decoding: try FileSystem.read(harness.root + "/cases/C01.json"), as: UTF8.self)
        #expect(saved.contains("\"9.9.9\"") && saved.contains("Where is the plan?") && saved.contains("\"2.1.1/z\""))
    }

    @Test func aNewerCaseOpensReadOnly() throws {
        let harness = try Harness(cases: [court("C01")])
        let text =
            #"{"format": "casemark/case", "version": 7, "ref": "C01", "framework": "hmip-yos-2020-09", "domain": "2", "disposal": "referral-order", "status": "in-progress", "answers": {}}"#
        write(harness, "cases/C01.json", text)
        try reloaded(harness)
        #expect(harness.screen.contains("read-only"))
        let screen = harness.type(Key.enter, "y")
        #expect(screen.contains("Nothing changed: read-only, version 7 was written by a newer casemark"))
        #expect(String(decoding: try FileSystem.read(harness.root + "/cases/C01.json"), as: UTF8.self) == text)
    }

    /// The cases folder replaced by a file makes every save fail, for root too (for whom a
    /// read-only mode changes nothing).
    @Test func aFailedSaveKeepsTheAnswersAndRetries() throws {
        let harness = try Harness(cases: [court("C01")])
        let cases = harness.root + "/cases"
        harness.type(Key.enter)
        try FileManager.default.moveItem(atPath: cases, toPath: cases + ".away")
        write(harness, "cases", "not a folder")
        var screen = harness.type("y")
        #expect(screen.contains("NOT SAVED"))
        #expect(harness.app.hasUnsavedChanges)
        #expect(harness.app.markingCase?.answers.isEmpty == false, "the answer is kept in memory")
        // Quitting warns first, and retries.
        harness.type("q")
        #expect(harness.runner.step(.character("q")) == true)
        #expect(harness.screen.contains("q again quits and loses them"))
        // The disk comes back; S writes what was kept.
        try FileManager.default.removeItem(atPath: cases)
        try FileManager.default.moveItem(atPath: cases + ".away", toPath: cases)
        screen = harness.type("S")
        #expect(screen.contains("Saved case C01"))
        #expect(!harness.app.hasUnsavedChanges)
        #expect(try harness.saved("C01").answers.isEmpty == false)
    }

    /// A folder that cannot be flushed after the rename is an error on screen, not a success:
    /// the answer is on disk but kept as owed, and S saves it again.
    @Test func aFolderThatCannotBeFlushedIsAnError() throws {
        let harness = try Harness(cases: [court("C01")])
        let cases = harness.root + "/cases"
        harness.type(Key.enter)
        FileSystem.folderFlushFailures.withLock { $0[cases] = EIO }
        defer { _ = FileSystem.folderFlushFailures.withLock { $0.removeValue(forKey: cases) } }
        harness.type("y")
        #expect(harness.app.status.isError)
        #expect(
            harness.app.status.text.contains("C01.json: saved, but the folder could not be flushed: Input/output error"),
            "\(harness.app.status.text)")
        #expect(harness.app.hasUnsavedChanges)
        #expect(try harness.saved("C01").answers.isEmpty == false, "the new version did land")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cases).filter { $0.hasSuffix(".tmp") } == [])
        FileSystem.folderFlushFailures.withLock { $0[cases] = nil }
        harness.type("S")
        #expect(harness.screen.contains("Saved case C01"))
        #expect(!harness.app.hasUnsavedChanges)
    }

    /// A case file someone made read-only is not replaced, even by root (who may write anything).
    @Test func aReadOnlyCaseFileIsNotReplaced() throws {
        let harness = try Harness(cases: [court("C01")])
        let path = harness.root + "/cases/C01.json"
        let before = try String(contentsOfFile: path, encoding: .utf8)
        chmod(path, 0o444)
        harness.type(Key.enter)
        harness.type("y")
        #expect(harness.app.status.isError)
        #expect(harness.app.status.text.contains("cases/C01.json: is read-only (mode 0444); not replaced"), "\(harness.app.status.text)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == before)
        #expect(harness.app.hasUnsavedChanges)
        #expect(harness.app.markingCase?.answers.isEmpty == false)
    }

    /// A case that cannot be locked says why, in the file system's words.
    @Test func aLockFailureGivesItsReason() throws {
        let harness = try Harness(cases: [court("C01")])
        // A folder where the lock file should be: opening it for writing fails.
        try FileManager.default.createDirectory(atPath: harness.root + "/cases/.C01.lock", withIntermediateDirectories: false)
        harness.type(Key.enter)
        harness.type("y")
        #expect(harness.app.status.isError)
        #expect(harness.app.status.text.contains("case C01 could not be locked ("), "\(harness.app.status.text)")
        #expect(harness.app.status.text.contains("cannot lock the case: Is a directory"), "\(harness.app.status.text)")
    }

    /// Opening a folder removes the temporaries of every kind that processes no longer running
    /// left: of inspection.json, of cases, of framework copies, of a merge, an old version
    /// swapped out; a running process's temporary and other files stay.
    @Test func openingAFolderRemovesTheTemporariesOfProcessesNoLongerRunning() throws {
        let harness = try Harness(cases: [court("C01")])
        let dead = "4999999"  // above the kernel's largest pid (2^22): never a running process
        try FileManager.default.createDirectory(atPath: harness.root + "/removed", withIntermediateDirectories: true)
        let leftovers = [
            ".inspection.json.\(dead).123.tmp", "cases/.C01.json.\(dead).4567.tmp", "cases/.C02.json.\(dead).1.tmp",
            "frameworks/.hmip-yos-2020-09.fnv1a64-0123.json.\(dead).89.tmp", "..merge_file_a1B2c3.\(dead).5.tmp",
            "removed/.C03.json.\(dead).6.tmp",
        ]
        let kept = [
            ".inspection.json.\(getpid()).7.tmp", "cases/.C01.json.\(getpid()).8.tmp", "cases/notes.tmp", ".draft.tmp",
            "cases/.C01.json.x.9.tmp",
        ]
        for name in leftovers + kept { write(harness, name, "half a save") }
        try reloaded(harness)
        for name in leftovers { #expect(!FileManager.default.fileExists(atPath: harness.root + "/" + name), "\(name) left") }
        for name in kept { #expect(FileManager.default.fileExists(atPath: harness.root + "/" + name), "\(name) removed") }
        #expect(try harness.saved("C01").ref == "C01")
        for name in kept { try FileManager.default.removeItem(atPath: harness.root + "/" + name) }
    }

    /// Work kept through a signal is restored as a change: merged with what others saved since,
    /// not over it.
    @Test func restoredWorkIsMergedWithWhatIsOnDiskNow() throws {
        let harness = try Harness(cases: [court("C01")])
        let cases = harness.root + "/cases"
        harness.type(Key.enter)
        try FileManager.default.moveItem(atPath: cases, toPath: cases + ".away")
        write(harness, "cases", "not a folder")
        harness.type("y")
        #expect(harness.app.hasUnsavedChanges)
        harness.type("e", "kept")
        // The session ends without q: the save is retried (and fails again), the rest is kept.
        harness.runner.keepUnsavedWork()
        let kept = Recovery.leftBehind(in: harness.root)
        #expect(kept.isEmpty, "this process's own file is not offered to itself")
        let name = Recovery.fileName(user: LockHolder.current().user, pid: Int(getpid()))
        #expect(harness.runner.unsavedWorkReport == "unsaved work kept in \(harness.root)/\(name); open the inspection again to restore it")
        let recovery = try #require(Recovery.read(try FileSystem.read(harness.root + "/" + name)))
        #expect(recovery.cases.map(\.file.ref) == ["C01"])
        #expect(recovery.typing == .note(ref: "C01", keyQuestion: "2.1.1", prompt: "b", text: "kept"))

        // Meanwhile someone else answers another prompt; the next session restores into that.
        try FileManager.default.removeItem(atPath: cases)
        try FileManager.default.moveItem(atPath: cases + ".away", toPath: cases)
        var other = try harness.saved("C01")
        other.answers["2.1.2"] = Answer(judgement: .no)
        try InspectionFolder.load(harness.root, catalog: Harness.catalog).save(other)
        // As written by a process no longer running (its pid in the name).
        let left = harness.root + "/" + Recovery.fileName(user: "ann", pid: 4_999_999)
        #expect(rename(harness.root + "/" + name, left) == 0)
        try reloaded(harness)
        #expect(harness.app.overlay == .recovery)
        #expect(harness.screen.contains("A previous session left unsaved work"))
        #expect(harness.screen.contains("a note being typed on case C01 2.1.1 b: \"kept\""))
        harness.type("r")
        let saved = try harness.saved("C01")
        #expect(saved.answers["2.1.1"]?.prompts == ["a": .yes])
        #expect(saved.answers["2.1.1"]?.promptNotes == ["b": "kept"])
        #expect(saved.answers["2.1.2"]?.judgement == .no, "what was saved meanwhile is kept")
        #expect(!FileManager.default.fileExists(atPath: left))
        #expect(!harness.app.hasUnsavedChanges)
    }

    /// On a shared drive a recovery file may be another machine's, whose process may still run
    /// there: it is mentioned, never offered (nor discarded) here.
    @Test func anotherMachinesRecoveryFileIsNotOffered() throws {
        let harness = try Harness(cases: [court("C01")])
        var file = court("C01")
        file.answers["2.1.1"] = Answer(judgement: .yes)
        var recovery = Recovery(user: "bob", host: "another-laptop", pid: 4_999_999, time: "2026-11-23T10:00:00Z")
        recovery.cases = [Recovery.PendingCase(file: file, base: court("C01"))]
        let path = harness.root + "/" + Recovery.fileName(user: "bob", pid: 4_999_999)
        try FileSystem.writeAtomically(recovery.encoded(), to: path)
        #expect(Recovery.read(try FileSystem.read(path)) == recovery)
        try reloaded(harness)
        #expect(harness.app.overlay == nil)
        #expect(harness.app.status.text.contains("holds unsaved work of bob on another-laptop; it is restored from there, not here"))
        #expect(FileManager.default.fileExists(atPath: path))
    }

    /// A reply, a review comment and evidence being typed are kept with what they belong to,
    /// read back from the file as written, and restored as the change Enter would have made.
    @Test func repliesCommentsAndEvidenceBeingTypedAreKept() throws {
        let harness = try Harness(cases: [court("C01")])
        harness.type(Key.enter)
        var app = harness.app
        let kinds: [(App.Prompt, Recovery.Typing)] = [
            (.reply(item: "2.1.1/a", field: TextField("I did ask")), .reply(ref: "C01", item: "2.1.1/a", text: "I did ask")),
            (
                .reviewComment(item: "2.1.1", verdict: .challenge, field: TextField("why no plan?")),
                .reviewComment(ref: "C01", item: "2.1.1", verdict: .challenge, text: "why no plan?")
            ),
            (.ratingNote(standard: "1.1", field: TextField("strong governance")), .ratingNote(standard: "1.1", text: "strong governance")),
        ]
        for (prompt, typing) in kinds {
            app.prompt = prompt
            let work = app.unsavedWork(user: "ann", host: "h", pid: 1, time: "t")
            #expect(work.typing == typing)
            #expect(Recovery.read(work.encoded()) == work)
        }
        app.prompt = nil
        var restored = app
        var recovery = Recovery(user: "ann", host: "h", pid: 1, time: "t")
        recovery.typing = kinds[0].1
        let effects = restored.restore(recovery)
        #expect(
            effects.contains {
                if case .saveCase(let file) = $0 { file.review.items["2.1.1/a"]?.replies.map(\.text) == ["I did ask"] } else { false }
            })
    }
}
