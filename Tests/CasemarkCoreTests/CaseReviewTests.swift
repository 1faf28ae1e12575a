import CasemarkTestSupport
import Foundation
import Testing

@testable import CasemarkCore

/// The `review` and `history` fields of a case file: read, written back unchanged (with fields
/// this version does not know), checked with the JSON path of each problem, and summed up in reports.
@Suite("Case review and history in files and reports")
struct CaseReviewTests {
    static let text = """
        { "format": "casemark/case", "version": 1, "ref": "C01", "framework": "hmip-yos-2020-09",
          "domain": "2", "disposal": "referral-order", "status": "complete",
          "answers": { "2.1.1": { "judgement": "yes", "prompts": { "a": "no" } } },
          "review": {
            "items": { "2.1.1": { "verdict": "challenge", "comment": "why yes?", "by": "Pat", "at": "2026-11-23T10:00:00Z", "flag": 1 },
                       "2.1.1/a": { "verdict": "agree" } },
            "outcome": { "kind": "signed-off", "by": "Pat", "date": "2026-11-23", "answersDigest": "0000000000000000", "historyLength": 1 },
            "later": true },
          "history": [ { "at": "2026-11-22T09:00:00Z", "by": "Ann", "field": "prompt", "item": "2.1.1/a", "new": "no", "why": "x" } ] }
        """

    func read(_ text: String) -> (CaseFile?, [Diagnostic]) {
        let decoded = CaseFileDecoder.decode(Array(text.utf8), file: "cases/C01.json")
        return (decoded.file, decoded.problems)
    }

    @Test func reviewAndHistoryReadAndWriteBackWithUnknownFieldsKept() throws {
        let (read, problems) = read(Self.text)
        #expect(problems.isEmpty)
        let file = try #require(read)
        #expect(file.review.items["2.1.1"]?.verdict == .challenge)
        #expect(file.review.challenges.map(\.key) == ["2.1.1"])
        #expect(file.review.outcome?.historyLength == 1)
        #expect(file.history.first?.old == nil)
        #expect(file.history.first?.new == "no")
        let written = JSONWriter.string(from: file.jsonValue())
        for kept in ["\"flag\": 1", "\"later\": true", "\"why\": \"x\""] {
            #expect(written.contains(kept), "\(kept)")
        }
        let (again, _) = self.read(written)
        #expect(again == file)
        // The digest recorded does not match these answers: the sign-off is out of date.
        #expect(file.reviewStatus == .outOfDate)
        var current = file
        current.review.outcome?.answersDigest = file.answersDigest
        #expect(current.reviewStatus == .signedOff)
    }

    @Test func badReviewFieldsAreReportedAtTheirPaths() {
        let bad = Self.text
            .replacingOccurrences(of: "\"verdict\": \"agree\"", with: "\"verdict\": \"maybe\"")
            .replacingOccurrences(of: "\"kind\": \"signed-off\"", with: "\"kind\": \"approved\"")
            .replacingOccurrences(of: "\"field\": \"prompt\"", with: "\"field\": 3")
        let (_, problems) = read(bad)
        let paths = problems.map { $0.path?.description ?? "" }
        #expect(paths.contains("$.review.items[\"2.1.1/a\"].verdict"))
        #expect(paths.contains("$.review.outcome.kind"))
        #expect(paths.contains("$.history[0].field"))
    }

    @Test func changesListEveryAnswerJudgementNoteAndStatusChange() {
        var old = CaseFile(ref: "C01", framework: "f", domain: "2", disposal: "referral-order")
        old.answers["2.1.1"] = Answer(judgement: .yes, prompts: ["a": .yes, "b": .no])
        var new = old
        new.answers["2.1.1"] = Answer(judgement: .no, prompts: ["a": .yes, "c": .na], note: "abc")
        new.answers["2.2.1"] = Answer(judgement: .na)
        new.status = .complete
        let entries = old.changes(to: new, by: "Ann", at: "T")
        #expect(
            entries.map { "\($0.item) \($0.field.rawValue) \($0.old ?? "-")>\($0.new ?? "-")" } == [
                "2.1.1/b prompt no>-", "2.1.1/c prompt ->na", "2.1.1 judgement yes>no", "2.1.1 note ->3 characters",
                "2.2.1 judgement ->na", " status in-progress>complete",
            ])
        // Recording appends to the history the case already has, whatever the update carried.
        var withHistory = old
        withHistory.history = [HistoryEntry(at: "T0", by: "Ann", field: .status, item: "", old: nil, new: "in-progress")]
        let recorded = withHistory.recording(new, by: "Ann", at: "T")
        #expect(recorded.history.count == 1 + entries.count)
        #expect(recorded.history.first?.at == "T0")
    }

    @Test func reportsCountReviewStatusesAndNameOutOfDateSignOffs() throws {
        let framework = try Frameworks.catalog.framework(id: "hmip-yos-2020-09")
        let scratch = TemporaryFolder()
        var folder = try InspectionFolder.create(at: scratch.path + "/i", service: "S", framework: framework)
        var signed = CaseFile(ref: "C01", framework: framework.id, domain: "2", disposal: "referral-order")
        signed.answers["2.1.1"] = Answer(judgement: .yes)
        signed.review.outcome = ReviewOutcome(kind: .signedOff, by: "Pat", date: "2026-11-23", answersDigest: signed.answersDigest)
        var stale = signed
        stale.ref = "C02"
        stale.answers["2.1.1"] = Answer(judgement: .no)
        let fresh = CaseFile(ref: "C03", framework: framework.id, domain: "2", disposal: "referral-order")
        for file in [signed, stale, fresh] { try folder.save(file) }
        folder = try InspectionFolder.load(folder.path, catalog: Frameworks.catalog)
        let report = InspectionReport(folder: folder)
        #expect(report.reviewSummary == "Review: 1 not reviewed, 1 signed off, 1 out of date")
        #expect(ReportFormat.text.render(report).contains("Sign-off out of date (answers changed since): C02."))
        let json = ReportFormat.json.render(report)
        #expect(json.contains("\"outOfDateRefs\": [\"C02\"]") || json.contains("\"outOfDateRefs\": [\n"))
    }

    @Test func aChallengeOpenedAfterASignOffPutsTheCaseBackInReview() throws {
        let framework = try Frameworks.catalog.framework(id: "hmip-yos-2020-09")
        var file = CaseFile(ref: "C01", framework: framework.id, domain: "2", disposal: "referral-order")
        file.answers["2.1.1"] = Answer(judgement: .yes)
        file.answers["2.1.2"] = Answer(judgement: .yes)
        var signOff = ReviewOutcome(kind: .signedOff, by: "Pat", date: "2026-11-23", answersDigest: file.answersDigest)
        signOff.openChallenges = []
        file.review.record(signOff)
        #expect(file.reviewStatus == .signedOff)
        file.review.items["2.1.2"] = ReviewItem(verdict: .challenge, comment: "Where is the plan?", by: "Quinn", at: "T1")
        #expect(file.reviewStatus == .inReview, "a challenge its reviewer was not asked about")
        // One the reviewer was asked about and signed off over leaves it signed off.
        var askedFile = file
        askedFile.review.outcome?.openChallenges = ["2.1.2"]
        #expect(askedFile.reviewStatus == .signedOff)
        // Closing the new challenge lets the sign-off stand again.
        var agreed = file
        agreed.review.items["2.1.2"]?.verdict = .agree
        #expect(agreed.reviewStatus == .signedOff)
        // Changed answers still say so first.
        var changed = file
        changed.answers["2.1.1"] = Answer(judgement: .no)
        #expect(changed.reviewStatus == .outOfDate)
        // A sign-off that did not record the challenges (older files) keeps its meaning.
        var older = file
        older.review.outcome?.openChallenges = nil
        #expect(older.reviewStatus == .signedOff)
        // Written and read back: none open is recorded, as is not recording.
        let scratch = TemporaryFolder()
        var folder = try InspectionFolder.create(at: scratch.path + "/i", service: "S", framework: framework)
        older.ref = "C02"
        try folder.save(file)
        try folder.save(older)
        folder = try InspectionFolder.load(folder.path, catalog: Frameworks.catalog)
        #expect(folder.cases.map(\.reviewStatus) == [.inReview, .signedOff])
        #expect(folder.cases.map { $0.review.outcome?.openChallenges } == [[], nil])
        let report = InspectionReport(folder: folder)
        #expect(report.reviewSummary == "Review: 1 in review, 1 signed off")
        #expect(report.challengedSignOffs == ["C01"])
        #expect(ReportFormat.text.render(report).contains("Sign-off challenged (a challenge opened after it): C01."))
        #expect(ReportFormat.markdown.render(report).contains("**Sign-off challenged** (a challenge opened after it): C01."))
        #expect(ReportFormat.html.render(report).contains("Sign-off challenged</strong> (a challenge opened after it): C01."))
        let json = try JSONParser.parse(Array(ReportFormat.json.render(report).utf8))
        let refs = json.objectValue?["review"]?.objectValue?["challengedSignOffRefs"]?.arrayValue
        #expect(refs?.map(\.stringValue) == ["C01"])
        let written = try String(contentsOfFile: folder.path + "/cases/C01.json", encoding: .utf8)
        #expect(written.contains("\"openChallenges\": []"))
    }
}
