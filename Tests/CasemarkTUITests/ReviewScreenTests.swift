import CasemarkCore
import Foundation
import Testing

@testable import CasemarkTUI

/// A manager reviews a colleague's case: answers stay the inspector's; verdicts, comments,
/// return and sign-off are saved under `review`; the inspector sees the challenges; a later
/// change to the answers puts the sign-off out of date; every change is in the history.
@Suite("Review and history")
struct ReviewScreenTests {
    static let reviewer = Session(role: .reviewer, user: "Pat Manager", now: { Harness.moment })

    /// C01 with 2.1.1 fully answered by the inspector.
    func markedCase() throws -> Harness {
        let harness = try Harness(cases: [court("C01")])
        harness.type(Key.enter, "yyyyyyy", "y", "yyn", "y")  // 2.1.1 prompts a-g and yes; 2.1.2 a-c and yes
        #expect(try harness.saved("C01").answers["2.1.2"]?.judgement == .yes)
        harness.type("q")  // closing the case releases its lock for the reviewer
        return harness
    }

    @Test func aReviewerCannotChangeAnswersAndIsToldSo() throws {
        let inspector = try markedCase()
        let review = try inspector.reopened(as: Self.reviewer)
        review.type(Key.enter)
        let before = try review.saved("C01")
        for key in ["y", "n", "x", " ", "u", "d"] {
            review.type(key)
            #expect(review.lines.last?.hasPrefix("Review mode: the inspector's answers") == true, "key \(key)")
        }
        #expect(try review.saved("C01") == before)
        #expect(review.screen.contains("a agree  c challenge"))
        // Adding or removing cases is refused too.
        review.type("q", "a")
        #expect(review.lines.last == "Review mode: cases cannot be added here")
        #expect(review.app.mode == .caseList)
    }

    /// Signing off a case its inspector has not marked complete is asked first, as signing off
    /// over a challenge is; a complete case with nothing open is signed off at once.
    @Test func signingOffACaseStillInProgressIsAskedFirst() throws {
        var complete = court("C02")
        complete.status = .complete
        let inspector = try Harness(cases: [court("C01"), complete])
        let review = try inspector.reopened(as: Self.reviewer)
        review.type(Key.enter, "S", "looks fine so far", Key.enter)
        #expect(review.screen.contains("Sign off a case not yet complete?"))
        #expect(review.screen.contains("The inspector has not marked this case complete"))
        #expect(!review.screen.contains("challenge(s) open"))
        review.type("n")
        #expect(review.lines.last == "Not signed off: the case is not complete")
        #expect(try review.saved("C01").review.outcomes.isEmpty)
        review.type("S", "looks fine so far", Key.enter, "y")
        var saved = try review.saved("C01")
        #expect(saved.review.outcome?.kind == .signedOff)
        #expect(saved.review.outcome?.summary == "looks fine so far")
        #expect(saved.review.outcome?.openChallenges == [], "a sign-off records that none were open")
        // The complete case: no question.
        review.type("q", "j", Key.enter, "S", Key.enter)
        #expect(!review.screen.contains("Sign off a case"))
        saved = try review.saved("C02")
        #expect(saved.review.outcome?.kind == .signedOff)
    }

    /// A challenge after a sign-off (the reviewer's own second thoughts, or another reviewer's)
    /// puts the case back in review, and its header says which; agreeing lets the sign-off stand.
    @Test func aChallengeAfterASignOffPutsTheCaseBackInReview() throws {
        let inspector = try markedCase()
        let review = try inspector.reopened(as: Self.reviewer)
        review.type(Key.enter, "S", Key.enter, "y")
        #expect(try review.saved("C01").reviewStatus == .signedOff)
        review.type(Key.home, Key.tab, "jjj", "c", "Not shared", Key.enter)
        #expect(try review.saved("C01").reviewStatus == .inReview)
        #expect(review.lines[1].contains("in review · sign-off challenged: 2.1.2"), "\(review.lines[1])")
        review.type("q")
        #expect(review.lines[2].contains("in review"), "\(review.lines[2])")
        review.type(Key.enter, Key.home, Key.tab, "jjj", "a")
        #expect(try review.saved("C01").reviewStatus == .signedOff)
        #expect(review.lines[1].hasSuffix("signed off by Pat Manager 2026-11-23"))
    }

    @Test func challengeWithACommentThenSignOffAndTheInspectorSeesIt() throws {
        let inspector = try markedCase()
        let review = try inspector.reopened(as: Self.reviewer)
        review.type(Key.enter, "g")  // first item: 2.1.1 a
        review.type("a")  // agree with prompt a
        review.type(Key.tab)  // 2.1.2, first prompt
        review.type("K", Key.tab)  // back and forth lands on 2.1.2 a
        // Move to 2.1.2's judgement and challenge it; a challenge needs a comment.
        review.type("jjj", "c", Key.enter)
        #expect(review.lines.last == "A challenge needs a comment saying why")
        review.type("Safety plan not shared with social care", Key.enter)
        var saved = try review.saved("C01")
        #expect(saved.review.items["2.1.1/a"]?.verdict == .agree)
        #expect(saved.review.items["2.1.2"]?.verdict == .challenge)
        #expect(saved.review.items["2.1.2"]?.comment == "Safety plan not shared with social care")
        #expect(saved.review.items["2.1.2"]?.by == "Pat Manager")
        #expect(saved.answers["2.1.2"]?.judgement == .yes)  // the answer is untouched
        #expect(review.screen.contains("⚑ challenged by Pat Manager: Safety plan not shared"))
        // Sign off: with a challenge open, casemark asks first; any key but y goes back.
        review.type("S", "Good case overall", Key.enter)
        // The case is still in progress too: the question says both.
        #expect(review.screen.contains("Sign off with 1 challenge(s) open, before the case is complete?"))
        #expect(review.screen.contains("The inspector has not marked this case complete"))
        #expect(review.screen.contains("  2.1.2"))
        review.type("n")
        #expect(try review.saved("C01").review.outcomes.isEmpty)
        #expect(review.lines.last == "Not signed off: 1 challenge(s) still open")
        review.type("S", "Good case overall", Key.enter, "y")
        saved = try review.saved("C01")
        #expect(saved.review.outcome?.openChallenges == ["2.1.2"])
        #expect(saved.review.outcome?.kind == .signedOff)
        #expect(saved.review.outcome?.by == "Pat Manager")
        #expect(saved.review.outcome?.date == "2026-11-23")
        #expect(saved.reviewStatus == .signedOff)
        #expect(review.lines[1].contains("signed off by Pat Manager 2026-11-23"))

        // The inspector opens the case and sees the challenge and the sign-off, with what Pat said.
        review.type("q")
        let again = try inspector.reopened(as: Session(user: "Ann Inspector", now: { Harness.moment }))
        #expect(again.lines[2].contains("signed off"))
        #expect(again.screen.contains("C01: signed off by Pat Manager 2026-11-23: Good case overall"))
        again.type(Key.enter)
        #expect(again.screen.contains("Signed off by Pat Manager on 2026-11-23: Good case overall"))
        again.type("h")
        #expect(again.screen.contains("—— signed off by Pat Manager on 2026-11-23 over 1 open challenge"))
        #expect(again.screen.contains("(2.1.2): Good case overall ——"))
        again.type("x", Key.home, Key.tab, "jjj")
        #expect(again.screen.contains("⚑ challenged by Pat Manager: Safety plan not shared with social care"))
        // Changing an answer afterwards puts the sign-off out of date, visibly.
        again.type("n")
        #expect(try again.saved("C01").reviewStatus == .outOfDate)
        #expect(again.lines[1].contains("SIGN-OFF OUT OF DATE"))
        again.type("q")
        #expect(again.lines[2].contains("OUT OF DATE"))
        // Changing it back makes the sign-off current again: it is about the answers signed off.
        again.type(Key.enter, Key.home, Key.tab, "jjj", "y")
        #expect(try again.saved("C01").reviewStatus == .signedOff)
    }

    /// Another reviewer challenges an answer while Pat is being asked to sign off: on `y` Pat
    /// is asked again with it listed (the screen had followed the disk), or, when the save
    /// finds it first, told the sign-off was not saved; either way it never goes over a
    /// challenge Pat was not shown.
    @Test func aChallengeOpenedWhileBeingAskedToSignOffIsAskedAboutFirst() throws {
        let inspector = try markedCase()
        let quinn = Session(role: .reviewer, user: "Quinn Manager", now: { Harness.moment })
        let challengeTheJudgement = [Key.enter, Key.home, Key.tab, "jjj", "c", "Not shared", Key.enter] as [Any]
        let marked = try inspector.saved("C01")
        for followsTheDisk in [true, false] {
            let pat = try inspector.reopened(as: Self.reviewer)
            pat.type(Key.enter, "S", "Fine", Key.enter)
            #expect(pat.screen.contains("Sign off a case not yet complete?"))
            // Quinn challenges 2.1.2 meanwhile, in another window.
            let other = try inspector.reopened(as: quinn)
            for key in challengeTheJudgement { other.type(key) }
            other.type("q")
            #expect(try other.saved("C01").review.items["2.1.2"]?.verdict == .challenge)
            if followsTheDisk { pat.type(Key.tick) }
            pat.type("y")
            var saved = try pat.saved("C01")
            #expect(saved.review.outcomes.isEmpty)
            #expect(saved.review.items["2.1.2"]?.by == "Quinn Manager")
            if followsTheDisk {
                #expect(pat.screen.contains("Sign off with 1 challenge(s) open, before the case is complete?"))
                #expect(pat.screen.contains("  2.1.2"))
                #expect(pat.lines.last == "Case C01 changed while you were asked: look again")
                pat.type("y")
            } else {
                #expect(pat.screen.contains("not signed off: 1 challenge(s) opened meanwhile (2.1.2); look at them"))
                #expect(pat.lines.last == "Case C01 changed meanwhile: 1 change(s) of yours not saved (listed)")
                pat.type(Key.escape, "S", "Fine", Key.enter)
                #expect(pat.screen.contains("  2.1.2"))
                pat.type("y")
            }
            saved = try pat.saved("C01")
            #expect(saved.review.outcome?.kind == .signedOff)
            #expect(saved.review.outcome?.openChallenges == ["2.1.2"])
            // Undone for the next round: the case as the inspector left it.
            pat.type("q")
            try FileSystem.writeAtomically(marked.encoded(), to: inspector.root + "/cases/C01.json")
        }
    }

    @Test func returningNeedsASummaryAndTheCaseListFiltersByReviewStatus() throws {
        let inspector = try Harness(cases: [court("C01"), court("C02"), court("C03")])
        let review = try inspector.reopened(as: Self.reviewer)
        review.type("j", Key.enter, "R", Key.enter)
        #expect(review.lines.last == "Returning a case needs a summary for the inspector")
        review.type("Please complete the risk assessment questions", Key.enter)
        let saved = try review.saved("C02")
        #expect(saved.reviewStatus == .returned)
        #expect(saved.review.outcome?.summary == "Please complete the risk assessment questions")
        review.type("q")
        #expect(review.lines[3].contains("returned"))
        // v cycles the filter: not reviewed (C01, C03), in review (none), returned (C02).
        review.type("v")
        #expect(review.lines[0].contains("Cases (2 of 3) · not reviewed only"))
        review.type("v")
        #expect(review.screen.contains("No case is in review. Press v to change the filter."))
        review.type("v")
        #expect(review.lines[0].contains("Cases (1 of 3) · returned only"))
        #expect(review.lines[2].hasPrefix(" C02 "))
        review.type(Key.enter)
        #expect(review.app.markingRef == "C02")
    }

    /// The history shows every review outcome where it came, named for what it was (a reopening
    /// is not a return), with what its reviewer said; one before any change is below them all.
    @Test func theHistoryShowsEveryOutcomeWhereItCame() throws {
        var file = court("C01")
        file.history = [
            HistoryEntry(at: "T1", by: "Ann", field: .prompt, item: "2.1.1/a", old: nil, new: "yes"),
            HistoryEntry(at: "T2", by: "Ann", field: .prompt, item: "2.1.1/b", old: nil, new: "no"),
        ]
        var signOff = ReviewOutcome(kind: .signedOff, by: "Pat", date: "2026-11-22", summary: "Fine", answersDigest: "x")
        signOff.historyLength = 1
        signOff.openChallenges = ["2.1.1/a"]
        var reopened = ReviewOutcome(kind: .reopened, by: "Quinn", date: "2026-11-23", answersDigest: "x")
        reopened.historyLength = 2
        file.review.outcomes = [signOff, reopened]
        func lines(_ file: CaseFile) -> [String] {
            guard case .message(_, let lines, _) = MarkingScreen.history(of: file) else { return [] }
            return lines.map { $0.hasPrefix("——") ? $0 : String($0.split(separator: " ")[2]) }
        }
        #expect(
            lines(file) == [
                "—— review reopened by Quinn on 2026-11-23 ——", "2.1.1/b",
                "—— signed off by Pat on 2026-11-22 over 1 open challenge (2.1.1/a): Fine ——", "2.1.1/a",
            ])
        file.review.outcomes = [signOff]
        file.review.outcome?.historyLength = 0
        #expect(lines(file).last == "—— signed off by Pat on 2026-11-22 over 1 open challenge (2.1.1/a): Fine ——")
        // A count from a hand edit past either end still shows the outcome, at that end.
        file.review.outcome?.historyLength = -3
        #expect(lines(file).last?.hasPrefix("—— signed off by Pat") == true)
        file.review.outcome?.historyLength = 99
        #expect(lines(file).first?.hasPrefix("—— signed off by Pat") == true)
        // An outcome on a case with no change yet is shown, not "nothing changed".
        file.history = []
        #expect(lines(file) == ["—— signed off by Pat on 2026-11-22 over 1 open challenge (2.1.1/a): Fine ——"])
    }

    @Test func everyChangeIsInTheHistoryAndUndoNeverShortensIt() throws {
        let harness = try Harness(cases: [court("C01")])
        harness.type(Key.enter, "y", "n")  // 2.1.1 a yes, b no
        harness.type("k", "e", "seen", Key.enter)  // a note on b
        harness.type("u")  // undo the note
        harness.type(Key.end)
        let history = try harness.saved("C01").history
        #expect(history.map(\.item) == ["2.1.1/a", "2.1.1/b", "2.1.1/b", "2.1.1/b"])
        #expect(history.map(\.field) == [.prompt, .prompt, .note, .note])
        #expect(history[0].old == nil && history[0].new == "yes")
        #expect(history[1].new == "no")
        #expect(history[2].new == "4 characters" && history[3].old == "4 characters" && history[3].new == nil)
        #expect(history.allSatisfy { $0.by == "Ann Inspector" && $0.at == "2026-11-23T10:00:00Z" })
        // The history overlay lists them, newest first.
        harness.type("h")
        #expect(harness.screen.contains("History of case C01"))
        #expect(harness.screen.contains("2026-11-23T10:00:00Z Ann Inspector 2.1.1/a prompt: — → yes"))
    }
}
