import CasemarkCore
import CasemarkTestSupport
import Foundation
import Testing

/// `casemark sample`: the real binary drawing from the example population.
@Suite("casemark sample")
struct SampleCommandTests {
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("samples/population-example.csv").path

    @Test func drawsWritesAllocatesAndNeverOverwrites() throws {
        let scratch = TemporaryFolder()
        let folder = scratch.path + "/inspection"
        let arguments = [
            "sample", Self.example, "--into", folder, "--service", "Example YJS", "--as-of", "2026-11-20", "--window", "court:60%:3-6m",
            "--inspectors", "Ann,Bob,Cal", "--seed", "7",
        ]
        let first = try BinaryRunner.run(arguments)
        #expect(first.status == 0, "\(first.error)")
        #expect(first.output.contains("Court disposals: 17 in the population, 16 sampled (80% confidence, margin of error 5)"))
        #expect(first.output.contains("not met: time window 3-6 months: 60% of 16 is 10 cases, but only 9 in the population started then"))
        #expect(first.output.contains("allocated: Ann 10, Bob 10, Cal 9"))
        let loaded = try InspectionFolder.load(folder, catalog: FrameworkCatalog(folders: []))
        #expect(loaded.cases.count == 29)
        #expect(loaded.cases.filter { $0.domain == "2" }.count == 16)
        let c01 = try #require(loaded.cases.first { $0.ref == "C01" })
        // The population row is the case's details now: its id, gender, the case manager's
        // classifications and the start date, with nothing left under `population`.
        #expect(c01.details.recorded["populationID"]?.text.hasPrefix("P") == true)
        #expect(c01.details.recorded["gender"].map { ["male", "female", "other", "not-recorded"].contains($0.text) } == true)
        #expect(c01.details.recorded["caseManagerRiskOfSeriousHarm"] != nil)
        #expect(c01.details.recorded["caseManagerSafetyAndWellbeing"] != nil)
        #expect(c01.details.recorded["startDate"].flatMap { CalendarDate($0.text) } != nil)
        #expect(c01.unknown["population"] == nil)
        #expect(c01.details.inspector == "Ann")
        // Drawn again: nothing overwritten, no case made twice.
        let before = try FileSystem.read(folder + "/cases/C01.json")
        let again = try BinaryRunner.run(arguments)
        #expect(again.status == 0)
        #expect(again.output.contains("nothing written"))
        #expect(try FileSystem.read(folder + "/cases/C01.json") == before)
        // The same seed draws the same cases; a dry run writes nothing.
        let other = scratch.path + "/other"
        let dry = try BinaryRunner.run(arguments.map { $0 == folder ? other : $0 } + ["--dry-run"])
        #expect(dry.output.contains("dry run: nothing written"))
        #expect(!FileManager.default.fileExists(atPath: other))
        _ = try BinaryRunner.run(arguments.map { $0 == folder ? other : $0 })
        let ids = { (path: String) in
            try InspectionFolder.load(path, catalog: FrameworkCatalog(folders: [])).cases.compactMap {
                $0.details.recorded["populationID"]?.text
            }
        }
        #expect(try ids(folder).count == 29)
        #expect(try ids(other) == ids(folder))
    }

    @Test func theReportSetsThePopulationBesideTheSampleAndCountsTheSampledDetails() throws {
        let scratch = TemporaryFolder()
        let folder = scratch.path + "/inspection"
        let drawn = try BinaryRunner.run([
            "sample", Self.example, "--into", folder, "--service", "Example YJS", "--as-of", "2026-11-20", "--seed", "7",
        ])
        #expect(drawn.status == 0, "\(drawn.error)")
        let inspection = try #require(try InspectionFolder.load(folder, catalog: FrameworkCatalog(folders: [])).inspection.drawnSample)
        let court = try #require(inspection.domains.first { $0.number == "2" })
        #expect(court.population == 17 && court.sample == 16)
        #expect(court.strata.filter { $0.attribute == "gender" }.reduce(0) { $0 + $1.sample } == 16)
        // The table the command printed is the one the report prints.
        let male = try #require(court.strata.first { $0.attribute == "gender" && $0.value == "male" })
        #expect(drawn.output.contains("gender                male                          \(male.population)"))
        let report = try BinaryRunner.run(["report", folder])
        #expect(report.status == 0, "\(report.error)")
        #expect(report.output.contains("Population against the sample (as casemark drew it: 80% confidence, margin of error 5)"))
        #expect(report.output.contains("Court disposals: 17 in the population, 16 sampled"))
        let maleLine = try #require(report.output.split(separator: "\n").first { $0.contains("gender: male") })
        #expect(maleLine.contains("\(male.population) (") && maleLine.hasSuffix("\(male.sample) (\((male.sample * 200 + 16) / 32)%)"))
        // The sampled cases' genders are counted as details too.
        let genderLine = try #require(report.output.split(separator: "\n").first { $0.hasPrefix("    Male") })
        #expect(genderLine.contains("\(male.sample) ("))
        let json = try BinaryRunner.run(["report", folder, "--format", "json"])
        let value = try JSONParser.parse(Array(json.output.utf8))
        #expect(value.objectValue?["sampleDrawn"]?.objectValue?["domains"]?.arrayValue?.count == 2)
    }

    @Test func aColumnOfNamesIsRefusedWithOneLineAndNothingWritten() throws {
        let scratch = TemporaryFolder()
        scratch.write(
            "people.csv",
            "id,Child name,domain,disposal,gender,rosh,saw,start_date\nP1,Someone,court,referral-order,male,low,low,2026-06-01\n")
        let folder = scratch.path + "/inspection"
        let result = try BinaryRunner.run(["sample", scratch.path + "/people.csv", "--into", folder, "--service", "X"])
        #expect(result.status != 0)
        #expect(result.error.split(separator: "\n").count == 1)
        #expect(result.error.contains("people.csv:1:2: column 2 \"Child name\" holds people's names"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/cases"))
    }
}
