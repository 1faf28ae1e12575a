import CasemarkTestSupport
import CasemarkCore
import Foundation
import Testing

@Suite("casemark report and validate, run as a process")
struct ReportCommandTests {
    /// An inspection of the 2020 framework with `count` court and `count` out-of-court cases,
    /// every key question judged yes in 4 of 5 cases (80%: Outstanding).
    func makeInspection(in scratch: TemporaryFolder, casesPerDomain count: Int, direct: String = "good") throws -> String {
        let framework = try FrameworkCatalog(folders: []).framework(id: "hmip-yos-2020-09")
        let path = scratch.path + "/inspection"
        var folder = try InspectionFolder.create(at: path, service: "Test Youth Justice Service", framework: framework)
        for standard in framework.standards where standard.rated == .directly && standard.core {
            folder.inspection.ratings[standard.number] = DirectRating(rating: direct)
        }
        try folder.saveInspection()
        for domain in ["2", "3"] {
            for index in 0..<count {
                var file = CaseFile(
                    ref: "\(domain == "2" ? "C" : "O")\(index)", framework: framework.id, domain: domain,
                    disposal: domain == "2" ? "referral-order" : "community-resolution")
                for question in framework.caseKeyQuestions(domain: domain) {
                    file.answers[question.number] = Answer(judgement: index % 5 == 4 ? .no : .yes)
                }
                try folder.save(file)
            }
        }
        return path
    }

    @Test func jsonReportFollowsTheContract() throws {
        let scratch = TemporaryFolder()
        let path = try makeInspection(in: scratch, casesPerDomain: 5)
        let result = try BinaryRunner.run(["report", path, "--format", "json"])
        #expect(result.status == 0)
        #expect(result.error == "")
        let object = try #require(try JSONParser.parse(result.output).objectValue)
        #expect(object["service"] == .string("Test Youth Justice Service"))
        #expect(object["framework"] == .string("hmip-yos-2020-09"))
        // 5 direct core standards at Good (10) + 7 case standards at Outstanding (21).
        #expect(object["score"] == .integer(31))
        #expect(object["overallRating"] == .string("outstanding"))
        #expect(object["missing"] == .array([]))
        let standards = try #require(object["standards"]?.arrayValue)
        let planning = try #require(standards.first { $0.objectValue?["number"] == .string("2.2") }?.objectValue)
        #expect(planning["computedRating"] == .string("outstanding"))
        #expect(planning["rating"] == .string("outstanding"))
        #expect(planning["discretion"] == .null)
        #expect(planning["core"] == .bool(true))
        let question = try #require(planning["keyQuestions"]?.arrayValue?.first?.objectValue)
        for (key, expected) in [
            ("number", JSONValue.string("2.2.1")), ("yes", .integer(4)), ("no", .integer(1)), ("notApplicable", .integer(0)),
            ("unanswered", .integer(0)), ("applicable", .integer(5)), ("percent", .integer(80)), ("band", .string("outstanding")),
            ("toNextBandUp", .null), ("toNextBandDown", .integer(1)),
        ] {
            #expect(question[key] == expected, "\(key)")
        }
        let resettlement = try #require(standards.first { $0.objectValue?["number"] == .string("2.5") }?.objectValue)
        #expect(resettlement["core"] == .bool(false))
        #expect(resettlement["rating"] == .null)
    }

    @Test func textMarkdownAndCSVReports() throws {
        let scratch = TemporaryFolder()
        let path = try makeInspection(in: scratch, casesPerDomain: 5)
        let text = try BinaryRunner.run(["report", path])
        #expect(text.status == 0)
        #expect(text.output.contains("Overall rating: Outstanding"))
        #expect(text.output.contains("Score 31/36"))
        #expect(text.output.contains("  2.2 Planning"))
        #expect(text.output.contains("4/5   80%  Outstanding"))
        let markdown = try BinaryRunner.run(["report", path, "--format", "markdown"])
        #expect(markdown.output.contains("| 2.2.1 Does planning focus sufficiently on supporting the child's desistance? | 4/5 | 80% | Outstanding | - | 1 |"))
        let csv = try BinaryRunner.run(["report", path, "--format", "csv"])
        let lines = csv.output.components(separatedBy: "\r\n")
        #expect(lines[0].hasPrefix("row,number,title,core,yes,no"))
        #expect(lines.contains { $0.hasPrefix("keyQuestion,2.2.1,") && $0.contains(",4,1,0,0,5,80,outstanding,,1,") })
        #expect(lines.contains("overall,,Test Youth Justice Service,,,,,,,31,,,,,outstanding,,"))
    }

    @Test func anInvalidCaseStopsTheReportNamingTheFileAndPlace() throws {
        let scratch = TemporaryFolder()
        let path = try makeInspection(in: scratch, casesPerDomain: 2)
        scratch.write("inspection/cases/C9.json", #"{"format": "casemark/case", "version": 1, "ref": "C9", "framework": "hmip-yos-2020-09", "domain": "2", "disposal": "referral-order", "status": "in-progress", "answers": {"2.1.1": {"judgement": "perhaps"}}}"#)
        scratch.write("out.txt", "keep me")
        let result = try BinaryRunner.run(["report", path, "--output", scratch.path + "/out.txt"])
        #expect(result.status == 1)
        #expect(result.output == "")
        #expect(
            result.error == """
                casemark: \(path)/cases/C9.json:1:194: $.answers["2.1.1"].judgement: expected "yes", "no" or "na", found "perhaps"
                casemark: no report: 1 case file(s) are invalid; fix them or move them out of cases/

                """)
        #expect(scratch.read("out.txt") == "keep me")
    }

    @Test func aMissingInspectionIsOneLine() throws {
        let scratch = TemporaryFolder()
        let result = try BinaryRunner.run(["report", scratch.path])
        #expect(result.status == 1)
        #expect(result.error == "casemark: \(scratch.path)/inspection.json: not found: this folder holds no inspection\n")
    }

    @Test func reportsOnFiveThousandCases() throws {
        let scratch = TemporaryFolder()
        let path = try makeInspection(in: scratch, casesPerDomain: 2500)
        let result = try BinaryRunner.run(["report", path, "--format", "json"])
        #expect(result.status == 0)
        let object = try JSONParser.parse(result.output).objectValue
        #expect(object?["cases"] == .object(JSONObject(["2": .integer(2500), "3": .integer(2500)])))
        #expect(object?["score"] == .integer(31))
    }

    @Test func validateReportsEveryBadFileAndExitsNonZero() throws {
        let scratch = TemporaryFolder()
        let path = try makeInspection(in: scratch, casesPerDomain: 1)
        scratch.write("broken.json", "{\"format\": \"casemark/case\",\n\"version\": 1,,}")
        let result = try BinaryRunner.run(["validate", path, scratch.path + "/broken.json", path + "/cases/C0.json"])
        #expect(result.status == 1)
        #expect(
            result.output == """
                \(path): ok
                \(scratch.path)/broken.json:2:14: expected a quoted key, found ','
                \(path)/cases/C0.json: ok

                """)
        #expect(result.error == "casemark: 1 problem(s) in 1 of 3 path(s)\n")
        let good = try BinaryRunner.run(["validate", path])
        #expect(good.status == 0)
    }

    @Test func frameworksFromAFolderNamedByOptionOrEnvironment() throws {
        let scratch = TemporaryFolder()
        let bundled = try #require(try FrameworkCatalog(folders: []).entry(id: "hmip-yos-2020-09"))
        let text = String(decoding: bundled.bytes, as: UTF8.self)
            .replacingOccurrences(of: #""id": "hmip-yos-2020-09""#, with: #""id": "local-2026""#)
        scratch.write("fw/local-2026.json", text)
        let viaOption = try BinaryRunner.run(["frameworks", "--frameworks", scratch.path + "/fw"])
        #expect(viaOption.output.contains("local-2026\t2020-09\t"))
        #expect(viaOption.output.contains("hmip-yos-2018\t2018-03\t"))
        let viaEnvironment = try BinaryRunner.run(["frameworks"], environment: ["CASEMARK_FRAMEWORKS": scratch.path + "/fw"])
        #expect(viaEnvironment.output.contains("\(scratch.path)/fw/local-2026.json"))
        let missing = try BinaryRunner.run(["frameworks", "--frameworks", scratch.path + "/nope"])
        #expect(missing.status == 1)
        #expect(missing.error == "casemark: \(scratch.path)/nope: framework folder not found\n")
    }
}
