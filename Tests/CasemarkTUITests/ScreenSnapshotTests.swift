import CasemarkCore
import Foundation
import Testing

@testable import CasemarkTUI

/// Every screen and overlay compared whole with its snapshot, at 80x24 and 140x45, on fixed
/// data (the Harness's clock and users), so a change to any cell shows in review.
@Suite("Screen snapshots")
struct ScreenSnapshotTests {
    static let sizes = [(80, 24), (140, 45)]
    static let reviewer = Session(role: .reviewer, user: "Pat Manager", now: { Harness.moment })

    /// A case C01 with some of 2.1.1 answered and noted, C02 open, C03 of another disposal.
    func inspection(width: Int, height: Int, session: Session? = nil) throws -> Harness {
        var first = court("C01")
        var answer = Answer()
        answer.prompts = ["a": .yes, "b": .no, "c": .yes]
        answer.promptNotes = ["b": "Risk of harm not analysed.\nSee the case record."]
        answer.note = "Assessment was timely.\nIt used the AssetPlus framework."
        answer.judgement = .yes
        first.answers["2.1.1"] = answer
        first.details.inspector = "Ann Inspector"
        var third = court("C03", disposal: "youth-rehabilitation-order")
        third.details.inspector = "Bea Inspector"
        let cases = [first, court("C02"), third]
        if let session { return try Harness(cases: cases, width: width, height: height, session: session) }
        return try Harness(cases: cases, width: width, height: height)
    }

    func each(_ name: String, _ drive: (Harness) throws -> Void) throws {
        for (width, height) in Self.sizes {
            let harness = try inspection(width: width, height: height)
            try drive(harness)
            Snapshot.check(harness.app.render(), name)
        }
    }

    @Test func setup() {
        for (width, height) in Self.sizes {
            let harness = Harness(emptyWidth: width, height: height)
            harness.type("Camden Youth Justice Service")
            Snapshot.check(harness.app.render(), "setup")
        }
    }

    @Test func caseList() throws { try each("case-list") { _ in } }
    @Test func caseListHelp() throws { try each("case-list-help") { $0.type("?") } }
    @Test func confirmRemove() throws { try each("confirm-remove") { $0.type("D") } }
    @Test func details() throws { try each("details") { $0.type("a") } }
    @Test func marking() throws { try each("marking") { $0.type(Key.enter) } }
    @Test func markingHelp() throws { try each("marking-help") { $0.type(Key.enter, "?") } }
    @Test func noteBeingTyped() throws { try each("note-prompt") { $0.type(Key.enter, "e", "first line", Key.control("j"), "second") } }
    @Test func confirmDiscard() throws { try each("confirm-discard") { $0.type(Key.enter, "e", "typed", Key.escape) } }
    @Test func whatIf() throws { try each("what-if") { $0.type(Key.enter, "w") } }
    @Test func history() throws { try each("history") { $0.type(Key.enter, Key.down, "y", "h") } }
    @Test func completeRefused() throws { try each("message") { $0.type(Key.enter, "c") } }
    @Test func ratings() throws { try each("ratings") { $0.type("r") } }
    @Test func ratingsHelp() throws { try each("ratings-help") { $0.type("r", "?") } }

    @Test func reviewerMarking() throws {
        for (width, height) in Self.sizes {
            let harness = try inspection(width: width, height: height, session: Self.reviewer)
            harness.type(Key.enter)
            Snapshot.check(harness.app.render(), "review-marking")
            harness.type("?")
            Snapshot.check(harness.app.render(), "review-help")
        }
    }

    /// A reviewer signing off over an open challenge is asked first.
    @Test func confirmSignOff() throws {
        for (width, height) in Self.sizes {
            let harness = try inspection(width: width, height: height, session: Self.reviewer)
            harness.type(Key.enter, "c", "the plan is not on file", Key.enter, "S", "looked at", Key.enter)
            Snapshot.check(harness.app.render(), "confirm-sign-off")
        }
    }

    /// A case holding answers and a review item on what its framework no longer has, opened by
    /// its inspector: listed, with the offer to drop them.
    @Test func confirmDropOrphans() throws {
        for (width, height) in Self.sizes {
            let harness = try Harness(cases: [court("C01")], width: width, height: height)
            let text =
                #"{"format": "casemark/case", "version": 1, "ref": "C01", "framework": "hmip-yos-2020-09", "domain": "2", "disposal": "referral-order", "status": "in-progress", "answers": {"2.1.1": {"judgement": "yes", "prompts": {"a": "yes", "z": "no"}}, "9.9.9": {"judgement": "no"}}, "review": {"items": {"9.9.9": {"comment": "gone", "by": "Pat"}}}}"#
            try FileSystem.writeAtomically(Array(text.utf8), to: harness.root + "/cases/C01.json")
            let folder = try InspectionFolder.load(harness.root, catalog: Harness.catalog)
            harness.runner = AppRunner(
                app: App(folder: folder, size: (width, height)), terminal: harness.terminal, folderPath: harness.root, clock: { "12:00:00" }
            )
            harness.type(Key.enter)
            Snapshot.check(harness.app.render(), "confirm-drop-orphans")
        }
    }

    /// A case's merge conflict, its two versions to choose from.
    @Test func resolveConflict() throws {
        for (width, height) in Self.sizes {
            var file = court("C01")
            file.answers["2.1.1"] = Answer(judgement: .yes)
            file.conflicts = [
                MergeConflict(
                    path: ["answers", "2.1.1", "judgement"],
                    versions: [
                        .init(source: "ann", by: "Ann", value: .string("yes")), .init(source: "bob", by: "Bob", value: .string("no")),
                    ])
            ]
            let harness = try Harness(cases: [file], width: width, height: height)
            harness.type(Key.enter, "M")
            Snapshot.check(harness.app.render(), "resolve-conflict")
        }
    }

    /// The offer of the work a previous session could not save.
    @Test func recoveryOffer() throws {
        for (width, height) in Self.sizes {
            let harness = try inspection(width: width, height: height)
            var recovery = Recovery(user: "ann", host: "", pid: 4_999_999, time: "2026-11-23T10:00:00Z")
            var unsaved = court("C02")
            unsaved.answers["2.1.1"] = Answer(judgement: .no)
            recovery.cases = [Recovery.PendingCase(file: unsaved, base: court("C02"))]
            recovery.typing = .note(ref: "C02", keyQuestion: "2.1.1", prompt: "b", text: "kept")
            var app = harness.app
            app.offerRecovery(RecoveryOffer(path: harness.root + "/" + Recovery.fileName(user: "ann", pid: 4_999_999), recovery: recovery))
            Snapshot.check(app.render(), "recovery-offer")
        }
    }

    /// The trainer view on the Camden demo sample, and after a judgement moved a band.
    @Test func trainer() throws {
        for (width, height) in Self.sizes {
            let harness = try Harness(sample: "camden-2020", width: width, height: height)
            harness.type("t")
            Snapshot.check(harness.app.render(), "trainer")
            harness.type("q", Key.enter, "c")
            while harness.app.currentItem?.keyQuestion != "2.4.2" { harness.type(Key.tab) }
            while harness.app.currentItem?.prompt != nil { harness.type("j") }
            harness.type("n")
            Snapshot.check(harness.app.render(), "marking-moved")
            harness.type("t")
            Snapshot.check(harness.app.render(), "trainer-moved")
        }
    }

    @Test func browse() {
        for (width, height) in Self.sizes {
            var app = App(browsing: Harness.framework("hmip-yos-2020-09"), size: (width, height))
            Snapshot.check(app.render(), "browse")
            _ = app.handle(.character("?"))
            Snapshot.check(app.render(), "browse-help")
            _ = app.handle(.escape)
            _ = app.handle(.character("i"))
            Snapshot.check(app.render(), "browse-about")
        }
    }
}
