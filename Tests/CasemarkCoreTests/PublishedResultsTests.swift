import CasemarkTestSupport
import Foundation
import Testing

@testable import CasemarkCore

/// The published reports are the truth: case files whose counts match the published percentages
/// and sample sizes must give every published rating, the score and the overall rating.
@Suite("Published inspection results are reproduced")
struct PublishedResultsTests {
    static let samples: [PublishedSample] = (try? PublishedSample.bundled()) ?? []

    @Test func bothSeedReportsAreBundled() {
        #expect(Self.samples.map(\.name).sorted() == ["bgc-2022", "camden-2020"])
    }

    /// Rates a sample the way casemark would: from case files written to disk and read back.
    func rate(_ sample: PublishedSample) throws -> (InspectionRatings, InspectionFolder) {
        let framework = try Frameworks.catalog.framework(id: sample.framework)
        let folder = TemporaryFolder()
        let written = try SampleBuilder(sample: sample, framework: framework).write(to: folder.path + "/inspection")
        let loaded = try InspectionFolder.load(written.path, catalog: Frameworks.catalog)
        #expect(loaded.damaged.isEmpty, "\(loaded.damaged)")
        let tally = InspectionTally(framework: framework, cases: loaded.cases)
        return (RatingEngine(framework: framework).rate(tally: tally, inspection: loaded.inspection), loaded)
    }

    @Test(arguments: samples.map(\.name))
    func everyPublishedRatingScoreAndOverall(name: String) throws {
        let sample = try #require(Self.samples.first { $0.name == name })
        let (ratings, folder) = try rate(sample)
        // The sample sizes are the published ones.
        for (domain, domainSample) in sample.samples {
            #expect(folder.cases.filter { $0.domain == domain }.count == domainSample.size)
        }
        // Every key question prints its published percentage.
        for (number, count) in sample.keyQuestions {
            let result = ratings.standards.flatMap(\.keyQuestions).first { $0.number == number }
            #expect(result?.tally.yes == count.yes, "\(name) \(number) yes")
            #expect(result?.tally.applicable == count.applicable, "\(name) \(number) applicable")
            if let published = count.publishedPercent {
                #expect(result?.percent == published, "\(name) \(number) printed percentage")
            }
        }
        // Every core standard's computed and final rating.
        #expect(sample.expectedStandards.count == 12)
        for (number, expected) in sample.expectedStandards {
            let standard = ratings.standard(number)
            #expect(standard?.computed?.id == expected.computed, "\(name) \(number) computed")
            #expect(standard?.final?.id == expected.final, "\(name) \(number) final")
        }
        #expect(ratings.missing == [])
        #expect(ratings.score == sample.expectedScore)
        #expect(ratings.overall?.id == sample.expectedOverall)
    }

    @Test func camdenPlanningIsGoodRaisedToOutstandingAndTheScoreIs31() throws {
        let sample = try #require(Self.samples.first { $0.name == "camden-2020" })
        let (ratings, _) = try rate(sample)
        let planning = try #require(ratings.standard("2.2"))
        #expect(planning.computed?.id == "good")
        #expect(planning.final?.id == "outstanding")
        #expect(planning.discretion?.reason.contains("a more positive score in one case would have improved the rating") == true)
        // 2.2.3 is 11/15 = 73%: one more case judged sufficient would make it Outstanding.
        let question = try #require(planning.keyQuestions.first { $0.number == "2.2.3" })
        #expect(question.percent == 73)
        #expect(question.toNextBandUp == 1)
        #expect(ratings.score == 31)
        #expect(ratings.overall?.id == "outstanding")
        // Without the panel's decision Camden would have scored 30: Good.
        let scratch = TemporaryFolder()
        let framework2018 = try Frameworks.catalog.framework(id: sample.framework)
        let path = scratch.path + "/inspection"
        try SampleBuilder(sample: sample, framework: framework2018).write(to: path)
        var withoutDiscretion = try InspectionFolder.load(path, catalog: Frameworks.catalog)
        withoutDiscretion.inspection.discretion = [:]
        let framework = withoutDiscretion.framework
        let plain = RatingEngine(framework: framework).rate(
            tally: InspectionTally(framework: framework, cases: withoutDiscretion.cases), inspection: withoutDiscretion.inspection)
        #expect(plain.score == 30)
        #expect(plain.overall?.id == "good")
    }

    @Test func blaenauGwentAndCaerphillyScores28WithDiscretionOnTwoStandards() throws {
        let sample = try #require(Self.samples.first { $0.name == "bgc-2022" })
        let (ratings, _) = try rate(sample)
        #expect(ratings.standard("2.2")?.computed?.id == "requires-improvement")
        #expect(ratings.standard("2.2")?.final?.id == "good")
        #expect(ratings.standard("2.3")?.computed?.id == "inadequate")
        #expect(ratings.standard("2.3")?.final?.id == "requires-improvement")
        #expect(ratings.standard("2.5")?.final == nil)  // no resettlement cases: not rated, no limit
        #expect(ratings.score == 28)
        #expect(ratings.overall?.id == "good")
    }
}
