import CasemarkTestSupport
import Foundation
import Testing

@testable import CasemarkCore

/// Two versions of one case merged field by field, with and without the version both started from.
@Suite("Merging versions of a case")
struct CaseMergeTests {
    let framework = "hmip-yos-2020-09"

    func base() -> CaseFile {
        var file = CaseFile(ref: "C01", framework: framework, domain: "2", disposal: "referral-order")
        file.answers["2.1.1"] = Answer(judgement: .yes, prompts: ["a": .yes])
        file.history = [HistoryEntry(at: "2026-11-23T09:00:00Z", by: "Ann", field: .prompt, item: "2.1.1/a", old: nil, new: "yes")]
        return file
    }

    /// `file` changed by `change`, with the history casemark records for it.
    func changed(_ file: CaseFile, by user: String, at time: String, _ change: (inout CaseFile) -> Void) -> CaseFile {
        var updated = file
        change(&updated)
        return file.recording(updated, by: user, at: time)
    }

    @Test func changesToDifferentFieldsAreBothTakenAndHistoriesJoinedInTimeOrder() {
        let start = base()
        let ours = changed(start, by: "Ann", at: "2026-11-23T10:00:00Z") { $0.answers["2.1.1"]?.prompts["b"] = .no }
        let theirs = changed(start, by: "Bob", at: "2026-11-23T09:30:00Z") { $0.answers["2.1.2"] = Answer(judgement: .na) }
        for base in [start, nil] {
            let outcome = CaseMerge.merge(base: base, ours: ours, theirs: theirs)
            let merged = outcome.merged
            #expect(outcome.conflicts.isEmpty)
            #expect(merged?.answers["2.1.1"]?.prompts == ["a": .yes, "b": .no])
            #expect(merged?.answers["2.1.2"]?.judgement == .na)
            #expect(merged?.history.map(\.by) == ["Ann", "Bob", "Ann"])
            #expect(merged?.history.map(\.at) == ["2026-11-23T09:00:00Z", "2026-11-23T09:30:00Z", "2026-11-23T10:00:00Z"])
        }
    }

    @Test func theSameChangeOnBothSidesIsTakenOnce() {
        let start = base()
        let ours = changed(start, by: "Ann", at: "2026-11-23T10:00:00Z") { $0.answers["2.1.1"]?.judgement = .no }
        let outcome = CaseMerge.merge(base: start, ours: ours, theirs: ours)
        #expect(outcome.merged == ours)
        #expect(outcome.conflicts.isEmpty)
    }

    @Test func aFieldChangedDifferentlyOnBothSidesIsAConflictWithBothValuesAndAuthors() throws {
        let start = base()
        let ours = changed(start, by: "Ann", at: "2026-11-23T10:00:00Z") { $0.answers["2.1.1"]?.prompts["a"] = .no }
        let theirs = changed(start, by: "Bob", at: "2026-11-23T10:01:00Z") { $0.answers["2.1.1"]?.prompts["a"] = .na }
        let outcome = CaseMerge.merge(base: start, ours: ours, theirs: theirs, oursSource: "ann", theirsSource: "bob")
        let merged = try #require(outcome.merged)
        #expect(merged.answers["2.1.1"]?.prompts["a"] == .no)  // ours stays in place meanwhile
        let conflict = try #require(merged.conflicts.first)
        #expect(conflict.place == "2.1.1/a prompt")
        #expect(conflict.summary == "2.1.1/a prompt: no (Ann, ann) ≠ na (Bob, bob)")
        // It reads back, and resolving takes the chosen value and records who chose.
        #expect(try InspectionFolder.readCase(bytes: merged.encoded(), file: "C01.json", framework: nil, inspection: nil).get() == merged)
        let resolved = try #require(merged.resolvingConflict(0, choosing: 1))
        #expect(resolved.answers["2.1.1"]?.prompts["a"] == .na)
        #expect(resolved.conflicts.isEmpty)
        let recorded = merged.recording(resolved, by: "Pat", at: "2026-11-23T11:00:00Z")
        #expect(recorded.history.contains { $0.field == .resolved && $0.item == "answers/2.1.1/prompts/a" && $0.by == "Pat" })
        // Merged again with the old copy, the resolution stands: no conflict comes back.
        let again = CaseMerge.merge(base: nil, ours: recorded, theirs: theirs)
        #expect(again.merged?.conflicts.isEmpty == true)
        #expect(again.merged?.answers["2.1.1"]?.prompts["a"] == .na)
    }

    @Test func withoutABaseTheHistoriesSayWhichCopyChangedAField() {
        let start = base()
        // Ann clears prompt a; Bob's copy still has the old yes, and changed nothing there.
        let ours = changed(start, by: "Ann", at: "2026-11-23T10:00:00Z") { $0.answers["2.1.1"]?.prompts["a"] = nil }
        let theirs = changed(start, by: "Bob", at: "2026-11-23T10:01:00Z") { $0.details.inspector = "Bob" }
        let merged = CaseMerge.merge(base: nil, ours: ours, theirs: theirs).merged
        #expect(merged?.answers["2.1.1"]?.prompts["a"] == nil)
        #expect(merged?.details.inspector == "Bob")
        #expect(merged?.conflicts.isEmpty == true)
        // Values that differ with nothing recorded about either are a conflict.
        var other = start
        other.answers["2.1.1"]?.judgement = .no
        let unknown = CaseMerge.merge(base: nil, ours: start, theirs: other)
        #expect(unknown.merged?.conflicts.map(\.place) == ["2.1.1 judgement"])
    }

    @Test func keepingTheSecondVersionListsWhatOfTheFirstWasNotApplied() {
        let start = base()
        let ours = changed(start, by: "Ann", at: "2026-11-23T10:00:00Z") { $0.answers["2.1.1"]?.judgement = .no }
        let theirs = changed(start, by: "Bob", at: "2026-11-23T10:01:00Z") { $0.answers["2.1.1"]?.judgement = .na }
        let outcome = CaseMerge.merge(base: start, ours: ours, theirs: theirs, clashes: .keepSecond)
        #expect(outcome.merged?.answers["2.1.1"]?.judgement == .na)
        #expect(outcome.merged?.conflicts.isEmpty == true)
        #expect(outcome.notApplied == ["2.1.1 judgement: yours no, changed meanwhile by Bob to na"])
    }

    @Test func aSignOffOfAnswersChangedMeanwhileIsNotApplied() {
        let start = base()
        var ours = start
        ours.review.record(ReviewOutcome(kind: .signedOff, by: "Pat", date: "2026-11-23", answersDigest: start.answersDigest))
        let theirs = changed(start, by: "Ann", at: "2026-11-23T10:01:00Z") { $0.answers["2.1.1"]?.prompts["a"] = .no }
        let outcome = CaseMerge.merge(base: start, ours: ours, theirs: theirs, clashes: .keepSecond, reviewOfChangedAnswers: true)
        #expect(outcome.merged?.review.outcomes.isEmpty == true)
        #expect(outcome.notApplied == ["not signed off: 1 answer(s) changed meanwhile; look at them first"])
        // Without the check (a git merge), the sign-off is kept and shows as out of date.
        let kept = CaseMerge.merge(base: start, ours: ours, theirs: theirs)
        #expect(kept.merged?.reviewStatus == .outOfDate)
    }

    /// Reopening a review judges no answer: it is saved however the answers changed meanwhile.
    @Test func aReopeningIsAppliedWhateverChangedMeanwhile() {
        var start = base()
        start.review.record(ReviewOutcome(kind: .signedOff, by: "Pat", date: "2026-11-22", answersDigest: start.answersDigest))
        var ours = start
        ours.review.record(ReviewOutcome(kind: .reopened, by: "Pat", date: "2026-11-23", answersDigest: start.answersDigest))
        let theirs = changed(start, by: "Ann", at: "2026-11-23T10:01:00Z") { $0.answers["2.1.1"]?.prompts["a"] = .no }
        let outcome = CaseMerge.merge(base: start, ours: ours, theirs: theirs, clashes: .keepSecond, reviewOfChangedAnswers: true)
        #expect(outcome.notApplied.isEmpty)
        #expect(outcome.merged?.review.outcomes.map(\.kind) == [.signedOff, .reopened])
        #expect(outcome.merged?.answers["2.1.1"]?.prompts["a"] == .no)
        #expect(outcome.merged?.reviewStatus == .inReview)
    }

    /// A sign-off records the challenges its reviewer was asked about: one opened meanwhile by
    /// someone else stops it; one closed meanwhile is no longer recorded as open.
    @Test func aSignOffOverChallengesChangedMeanwhileIsNotAppliedOrRecordsWhatIsOpen() {
        var start = base()
        start.review.items["2.1.1"] = ReviewItem(verdict: .challenge, comment: "Why?", by: "Pat", at: "2026-11-23T09:10:00Z")
        var ours = start
        var signOff = ReviewOutcome(kind: .signedOff, by: "Pat", date: "2026-11-23", answersDigest: start.answersDigest)
        signOff.openChallenges = ["2.1.1"]
        ours.review.record(signOff)
        // Quinn challenges 2.1.1 a meanwhile: Pat was never asked about it.
        var theirs = start
        theirs.review.items["2.1.1/a"] = ReviewItem(verdict: .challenge, comment: "And this?", by: "Quinn", at: "2026-11-23T09:20:00Z")
        let opened = CaseMerge.merge(base: start, ours: ours, theirs: theirs, clashes: .keepSecond, reviewOfChangedAnswers: true)
        #expect(opened.merged?.review.outcomes.isEmpty == true)
        #expect(opened.merged?.review.items["2.1.1/a"]?.verdict == .challenge)
        #expect(opened.notApplied == ["not signed off: 1 challenge(s) opened meanwhile (2.1.1/a); look at them first"])
        // Quinn agrees with 2.1.1 meanwhile instead: signed off, with nothing recorded as open.
        var closed = start
        closed.review.items["2.1.1"]?.verdict = .agree
        let agreed = CaseMerge.merge(base: start, ours: ours, theirs: closed, clashes: .keepSecond, reviewOfChangedAnswers: true)
        #expect(agreed.notApplied.isEmpty)
        #expect(agreed.merged?.review.outcome?.kind == .signedOff)
        #expect(agreed.merged?.review.outcome?.openChallenges == [])
        #expect(agreed.merged?.reviewStatus == .signedOff)
        // Nothing about challenges changed: the sign-off is kept as recorded, with its challenge.
        var noted = start
        noted.details.inspector = "Ann"
        let kept = CaseMerge.merge(base: start, ours: ours, theirs: noted, clashes: .keepSecond, reviewOfChangedAnswers: true)
        #expect(kept.notApplied.isEmpty)
        #expect(kept.merged?.review.outcome == signOff)
        // A sign-off saved before is never undone by a later save while a challenge is opened.
        var later = ours
        later.review.items["2.1.2"] = ReviewItem(comment: "Fine", by: "Pat", at: "2026-11-23T09:30:00Z")
        var challenged = ours
        challenged.review.items["2.1.1/a"] = theirs.review.items["2.1.1/a"]
        let after = CaseMerge.merge(base: ours, ours: later, theirs: challenged, clashes: .keepSecond, reviewOfChangedAnswers: true)
        #expect(after.notApplied.isEmpty)
        #expect(after.merged?.review.outcomes == [signOff])
        #expect(after.merged?.review.items["2.1.2"]?.comment == "Fine")
    }

    /// A verdict on an item key the framework cannot have (kept in the file as an orphan) is
    /// merged like any other: an empty key split into no parts and stopped the merge.
    @Test func aVerdictOnAnOddItemKeyIsMerged() {
        let start = base()
        var ours = start
        for key in ["", "/a", "2.1.1/"] { ours.review.items[key] = ReviewItem(verdict: .agree, by: "Pat") }
        let theirs = changed(start, by: "Ann", at: "2026-11-23T10:01:00Z") { $0.answers["2.1.1"]?.judgement = .no }
        let outcome = CaseMerge.merge(base: start, ours: ours, theirs: theirs, clashes: .keepSecond, reviewOfChangedAnswers: true)
        #expect(outcome.merged?.review.items.keys.sorted() == ["", "/a", "2.1.1/"])
        #expect(CaseReview.parts(ofItemKey: "") == ("", nil) && CaseReview.parts(ofItemKey: "/a") == ("", "a"))
        #expect(CaseReview.parts(ofItemKey: "2.1.1/a/b") == ("2.1.1", "a/b"))
    }

    @Test func repliesAndOutcomesFromBothSidesAreAllKept() {
        var start = base()
        start.review.items["2.1.1"] = ReviewItem(verdict: .challenge, comment: "Why?", by: "Pat", at: "2026-11-23T09:10:00Z")
        var ours = start
        ours.review.items["2.1.1"]?.replies.append(ReviewReply(by: "Ann", at: "2026-11-23T10:00:00Z", text: "Because"))
        var theirs = start
        theirs.review.record(ReviewOutcome(kind: .returned, by: "Pat", date: "2026-11-23", summary: "See 2.1.1", answersDigest: "x"))
        theirs.review.items["2.1.1"]?.replies.append(ReviewReply(by: "Ann", at: "2026-11-23T09:50:00Z", text: "Earlier"))
        let merged = CaseMerge.merge(base: start, ours: ours, theirs: theirs).merged
        #expect(merged?.review.items["2.1.1"]?.replies.map(\.text) == ["Earlier", "Because"])
        #expect(merged?.review.outcomes.map(\.kind) == [.returned])
    }

    @Test func aLegacySingleOutcomeReadsAsTheFirstOfTheList() throws {
        let text = """
            {"format": "casemark/case", "version": 1, "ref": "C01", "framework": "hmip-yos-2020-09", "domain": "2",
             "disposal": "referral-order", "status": "in-progress", "answers": {},
             "review": {"outcome": {"kind": "returned", "by": "Pat", "date": "2026-11-20", "answersDigest": "x"},
                        "outcomes": [{"kind": "signed-off", "by": "Pat", "date": "2026-11-23", "answersDigest": "y"}]}}
            """
        let bytes = Array(text.utf8)
        let slow = try InspectionFolder.readCase(bytes: bytes, file: "C01.json", framework: nil, inspection: nil).get()
        #expect(slow.review.outcomes.map(\.kind) == [.returned, .signedOff])
        #expect(
            (try? TreeCaseReader.readCase(bytes: bytes, file: "C01.json", framework: nil, inspection: nil).get())?.review == slow.review)
        // Written back, both are in `outcomes`, in order.
        let written = String(decoding: slow.encoded(), as: UTF8.self)
        #expect(written.contains("\"outcomes\": ["))
        #expect(!written.contains("\"outcome\":"))
    }
}

/// What a team leaves open shows in every report: challenges not settled, conflicts not resolved.
@Suite("Open challenges and conflicts in reports")
struct OpenReviewReportTests {
    /// A new inspection under `id` in `scratch`, and an empty court case C01 of it.
    static func inspection(_ id: String, in scratch: TemporaryFolder) throws -> (InspectionFolder, CaseFile) {
        let framework = try FrameworkCatalog(folders: []).framework(id: id)
        let folder = try InspectionFolder.create(at: scratch.path + "/inspection", service: "Test Service", framework: framework)
        return (folder, CaseFile(ref: "C01", framework: framework.id, domain: "2", disposal: "referral-order"))
    }

    @Test func everyFormatListsOpenChallengesAndUnresolvedConflicts() throws {
        let scratch = TemporaryFolder()
        var (folder, file) = try Self.inspection("hmip-yos-2020-09", in: scratch)
        file.answers["2.1.1"] = Answer(judgement: .yes)
        file.review.items["2.1.1"] = ReviewItem(verdict: .challenge, comment: "No plan seen", by: "Pat", at: "2026-11-23T10:00:00Z")
        file.review.items["2.1.2"] = ReviewItem(verdict: .agree, by: "Pat", at: "2026-11-23T10:00:00Z")
        file.conflicts = [
            MergeConflict(
                path: ["answers", "2.1.1", "judgement"],
                versions: [
                    .init(source: "ann", by: "Ann", value: .string("yes")), .init(source: "bob", by: "Bob", value: .string("no")),
                ])
        ]
        _ = try folder.save(file, base: nil)
        let report = InspectionReport(
            folder: try InspectionFolder.load(folder.path, catalog: FrameworkCatalog(folders: []), keepingHistory: false))
        #expect(report.openChallenges.map(\.line) == ["C01 2.1.1 (Pat): No plan seen"])
        let conflict = "C01: 2.1.1 judgement: yes (Ann, ann) ≠ no (Bob, bob)"
        #expect(report.unresolvedConflicts == [conflict])
        let text = TextReportRenderer().render(report)
        #expect(text.contains("Challenges still open (1):\n    C01 2.1.1 (Pat): No plan seen"))
        #expect(text.contains("Merge conflicts to resolve (1)"))
        #expect(MarkdownReportRenderer().render(report).contains("- C01 2.1.1 (Pat): No plan seen"))
        #expect(HTMLReportRenderer().render(report).contains("<li>C01 2.1.1 (Pat): No plan seen</li>"))
        let json = try JSONParser.parse(Array(JSONReportRenderer().render(report).utf8))
        let review = json.objectValue?["review"]?.objectValue
        #expect(review?["openChallenges"]?.arrayValue?.first?.objectValue?["item"]?.stringValue == "2.1.1")
        #expect(review?["openChallenges"]?.arrayValue?.first?.objectValue?["answered"] == .bool(false))
        #expect(review?["unresolvedConflicts"]?.arrayValue == [.string(conflict)])
    }
}

/// A 2018 case that does not record the inspector's classification counts in every sub-sample
/// it decides; the report says so, naming the case.
@Suite("Undecided sub-samples in reports")
struct UndecidedReportTests {
    @Test func theReportNamesACaseWithoutTheClassificationASubSampleNeeds() throws {
        let scratch = TemporaryFolder()
        var (folder, file) = try OpenReviewReportTests.inspection("hmip-yos-2018", in: scratch)
        let framework = folder.framework
        file.details.riskOfSeriousHarm = .medium
        _ = try folder.save(file, base: nil)
        var recorded = CaseFile(ref: "C02", framework: framework.id, domain: "2", disposal: "referral-order")
        recorded.details.riskOfSeriousHarm = .low
        recorded.details.safetyAndWellbeing = .high
        _ = try folder.save(recorded, base: nil)
        let report = try InspectionReport.read(folder: folder.path, catalog: FrameworkCatalog(folders: []))
        #expect(report.undecidedCases == ["C01: safety and wellbeing not recorded (counted in 2.2.2, 2.3.2)"])
        #expect(TextReportRenderer().render(report).contains("C01: safety and wellbeing not recorded (counted in 2.2.2, 2.3.2)"))
        let json = try JSONParser.parse(Array(JSONReportRenderer().render(report).utf8))
        #expect(json.objectValue?["undecidedCases"]?.arrayValue?.count == 1)
    }
}
