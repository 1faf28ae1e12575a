import CasemarkCore
import CasemarkTestSupport
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
        // Every key question ties at 80% here: each is its standard's lowest figure, marked.
        #expect(text.output.contains("4/5   80%*  Outstanding"))
        let markdown = try BinaryRunner.run(["report", path, "--format", "markdown"])
        #expect(
            markdown.output.contains(
                "| 2.2.1 Does planning focus sufficiently on supporting the child's desistance? | 4/5 | **80%** | Outstanding | 51.4–93.8% (crosses 65%, 80%) | - | 1 |"
            ))
        let csv = try BinaryRunner.run(["report", path, "--format", "csv"])
        let lines = csv.output.components(separatedBy: "\r\n")
        #expect(lines[0].hasPrefix("row,number,letter,key,title,core,yes,no"))
        #expect(
            lines.contains { $0.hasPrefix("keyQuestion,2.2.1,,") && $0.contains(",4,1,0,0,5,80,outstanding,yes,51.4,93.8,65 80,no,,1,") })
        // The score and the maximum in their own columns, the rating in the rating column.
        let header = lines[0].components(separatedBy: ",")
        let overall = try #require(lines.first { $0.hasPrefix("overall,") }).components(separatedBy: ",")
        #expect(overall.count == header.count)
        let cell = { (name: String) in header.firstIndex(of: name).map { overall[$0] } }
        #expect(cell("score") == "31")
        #expect(cell("maximumScore") == "36")
        #expect(cell("rating") == "outstanding")
        #expect(cell("percent") == "")
        #expect(cell("title") == "Test Youth Justice Service")
    }

    /// `--layout annex`, `--no-review` and `--prompt-denominator`, through the binary.
    @Test func annexLayoutPublishedVersionAndPromptRule() throws {
        let scratch = TemporaryFolder()
        let path = try makeInspection(in: scratch, casesPerDomain: 5)
        let text = try BinaryRunner.run(["report", path, "--layout", "annex"])
        #expect(text.status == 0, "\(text.error)")
        #expect(text.output.contains("Domain 2: Court disposals"))
        #expect(text.output.contains("  Assessment is well-informed, analytical and personalised, actively involving the child and their"))
        #expect(
            text.output.contains("    2.2.1   Does planning focus sufficiently on supporting the child's desistance?")
                && text.output.contains("80%*"))
        #expect(text.output.contains("Minority: <50% = Inadequate"))
        #expect(text.output.contains("    1.2.5   Do managers pay sufficient attention to staff engagement?"))
        #expect(text.output.contains("Each of the 12 core standards is scored on a 0–3 scale"))
        let markdown = try BinaryRunner.run(["report", path, "--layout", "annex", "--format", "markdown", "--no-review"])
        #expect(markdown.output.contains("## Domain 3: Out of court disposals"))
        #expect(
            markdown.output.contains("| 3.1.1 Does assessment sufficiently analyse how to support the child's desistance? | **80%** |  |"))
        #expect(markdown.output.contains("| Large majority: 80%+ | Outstanding |"))
        #expect(!markdown.output.contains("Review:"))
        #expect(try BinaryRunner.run(["report", path]).output.contains("Review: 10 not reviewed."))
        let refused = try BinaryRunner.run(["report", path, "--layout", "annex", "--format", "csv"])
        #expect(refused.status != 0)
        #expect(refused.error.contains("--layout annex is for text, markdown and html"))
        let json = try BinaryRunner.run(["report", path, "--format", "json", "--prompt-denominator", "all", "--no-review"])
        let object = try #require(try JSONParser.parse(json.output).objectValue)
        #expect(object["promptDenominator"] == .string("all"))
        #expect(object["review"] == .null)
        // The review counts are camelCase keys.
        let reviewed = try #require(
            try JSONParser.parse(try BinaryRunner.run(["report", path, "--format", "json"]).output).objectValue?["review"]?.objectValue)
        #expect(reviewed["notReviewed"] == .integer(10))
        #expect(reviewed["outOfDate"] == .integer(0))
        #expect(reviewed["not reviewed"] == nil)
        // One case of a domain is "1 court disposal"; out-of-court is hyphenated as the seeds write it.
        let one = TemporaryFolder()
        let single = try makeInspection(in: one, casesPerDomain: 1)
        #expect(try BinaryRunner.run(["report", single]).output.contains("Cases: 1 court disposal, 1 out-of-court disposal\n"))
    }

    /// Text written to a file wraps long lines; nothing is cut with "…".
    @Test func textInAFileIsWrappedNeverCut() throws {
        let scratch = TemporaryFolder()
        let path = try makeInspection(in: scratch, casesPerDomain: 5)
        let result = try BinaryRunner.run(["report", path, "-o", scratch.path + "/report.txt"])
        #expect(result.status == 0)
        let text = try #require(scratch.read("report.txt"))
        #expect(!text.contains("…"))
        #expect(text.contains("2.5 Resettlement policy and provision (not in the score) - no direct"))
        #expect(text.contains("rating recorded (rated directly)"))
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 100 })
    }

    @Test func anInvalidCaseStopsTheReportNamingTheFileAndPlace() throws {
        let scratch = TemporaryFolder()
        let path = try makeInspection(in: scratch, casesPerDomain: 2)
        scratch.write(
            "inspection/cases/C9.json",
            #"{"format": "casemark/case", "version": 1, "ref": "C9", "framework": "hmip-yos-2020-09", "domain": "2", "disposal": "referral-order", "status": "in-progress", "answers": {"2.1.1": {"judgement": "perhaps"}}}"#
        )
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

    /// A sign-off's count of history entries below zero (a hand edit) is named where it is.
    @Test func aNegativeHistoryLengthIsNamedWhereItIs() throws {
        let scratch = TemporaryFolder()
        let path = try makeInspection(in: scratch, casesPerDomain: 1)
        scratch.write(
            "inspection/cases/C9.json",
            #"{"format": "casemark/case", "version": 1, "ref": "C9", "framework": "hmip-yos-2020-09", "domain": "2", "disposal": "referral-order", "status": "in-progress", "answers": {}, "review": {"outcomes": [{"kind": "signed-off", "by": "Pat", "date": "2026-11-23", "answersDigest": "x", "historyLength": -4}]}}"#
        )
        let result = try BinaryRunner.run(["validate", path])
        #expect(result.status == 1)
        #expect(
            result.output.contains(
                "\(path)/cases/C9.json:1:295: $.review.outcomes[0].historyLength: expected a count of history entries, 0 or more, found -4"),
            "\(result.output)")
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
