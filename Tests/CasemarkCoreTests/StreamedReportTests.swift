import CasemarkTestSupport
import Testing

@testable import CasemarkCore

/// `casemark report` reads a folder case by case on every core, each core folding into a fold of
/// its own: joined, the folds must give the report of the whole folder loaded at once, its lists
/// (challenges, conflicts, cases without a deciding classification) in ref order.
@Suite("A report read case by case on every core")
struct StreamedReportTests {
    @Test func isTheReportOfTheFolderLoadedWhole() throws {
        let scratch = TemporaryFolder()
        let (folder, _) = try OpenReviewReportTests.inspection("hmip-yos-2018", in: scratch)
        var generator = CaseReadingTests.Generator(random: SplitMix64(seed: 41))
        // Refs of one, two and three digits, spread over many chunks of files.
        for index in 1...600 {
            var file = generator.validCase(framework: folder.framework, ref: "C\(index)")
            // The generator's texts run past what a detail may hold.
            file.details.recorded = file.details.recorded.filter { $0.value.text.count <= 200 }
            if index % 3 == 0 {
                file.review.outcome = ReviewOutcome(kind: .signedOff, by: "Pat", date: "2026-11-20", answersDigest: file.answersDigest)
            }
            if index % 7 == 0 { file.review.outcome = ReviewOutcome(kind: .signedOff, by: "Pat", date: "2026-11-20", answersDigest: "0") }
            if index % 37 == 0 {
                file.conflicts = [
                    MergeConflict(
                        path: ["answers", "2.1.1", "note"],
                        versions: [
                            MergeConflict.Version(source: "ours", by: "Ann", value: .string("one")),
                            MergeConflict.Version(source: "theirs", by: "Bo", value: nil),
                        ])
                ]
            }
            _ = try folder.save(file, base: nil)
        }
        let catalog = try FrameworkCatalog(folders: [])
        let streamed = try InspectionReport.read(folder: folder.path, catalog: catalog)
        let whole = InspectionReport(folder: try InspectionFolder.load(folder.path, catalog: catalog))
        #expect(JSONReportRenderer().render(streamed) == JSONReportRenderer().render(whole))
        #expect(TextReportRenderer().render(streamed) == TextReportRenderer().render(whole))
        let refs = streamed.openChallenges.map { $0.ref }
        #expect(refs.count > 50 && refs == sortedInNumberingOrder(refs) { $0 })
        #expect(streamed.undecidedCases.count > 50 && streamed.unresolvedConflicts.count == 16)
        let gaps = streamed.completedWithGaps.map { String($0.prefix { $0 != ":" }) }
        #expect(gaps.count > 50 && gaps == sortedInNumberingOrder(gaps) { $0 })
        let conflicted = sortedInNumberingOrder(stride(from: 37, through: 600, by: 37).map { "C\($0)" }) { $0 }
        #expect(streamed.unresolvedConflicts.map { String($0.prefix { $0 != ":" }) } == conflicted)
        #expect((streamed.reviewCounts[ReviewStatus.outOfDate] ?? 0) > 50 && (streamed.reviewCounts[ReviewStatus.signedOff] ?? 0) > 100)
    }
}
