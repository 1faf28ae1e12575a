import CasemarkTestSupport
import Foundation
import Testing

@testable import CasemarkCore

/// The figures a report writer and a ratings panel use beside the ratings (issue 13): declined
/// panel decisions, how sure a figure is, the lowest figure of each standard and prompt figures,
/// checked against the seed reports' published figures through the bundled samples.
@Suite("Published figures beside the ratings")
struct PublishedFiguresTests {
    static let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/seeds")

    /// A bundled sample written as an inspection folder and read back, as casemark reports it.
    static func report(_ name: String, promptDenominator: PromptDenominator = .applicable) throws -> (InspectionReport, TemporaryFolder) {
        let sample = try #require(try PublishedSample.bundled().first { $0.name == name })
        let framework = try Frameworks.catalog.framework(id: sample.framework)
        let scratch = TemporaryFolder()
        let written = try SampleBuilder(sample: sample, framework: framework).write(to: scratch.path + "/inspection")
        let folder = try InspectionFolder.load(written.path, catalog: Frameworks.catalog)
        return (InspectionReport(folder: folder, promptDenominator: promptDenominator), scratch)
    }

    static func question(_ report: InspectionReport, _ number: String) -> KeyQuestionResult? {
        report.ratings.standards.flatMap(\.keyQuestions).first { $0.number == number }
    }

    /// Every key question of a JSON report, in order.
    static func keyQuestionObjects(_ report: JSONObject) -> [JSONObject] {
        var result: [JSONObject] = []
        for standard in report["standards"]?.arrayValue ?? [] {
            for question in standard.objectValue?["keyQuestions"]?.arrayValue ?? [] {
                if let object = question.objectValue { result.append(object) }
            }
        }
        return result
    }

    static func allFormats(_ report: InspectionReport) -> [(String, String)] {
        ReportFormat.allCases.map { ($0.rawValue, $0.render(report)) }
            + [ReportFormat.text, .markdown, .html].map { ("\($0.rawValue) annex", $0.render(report, layout: .annex)) }
    }

    // MARK: - Declined discretion

    @Test func aDeclinedDecisionIsReadKeptAndWrittenBackBesideAnAppliedOne() throws {
        let text = """
            { "format": "casemark/inspection", "version": 1, "service": "S", "framework": "hmip-yos-2018",
              "discretion": { "2.2": { "rating": "outstanding", "reason": "raised" },
                              "3.2": { "declined": true, "reason": "the gaps were in work to protect victims", "by": "panel" } } }
            """
        var problems = ProblemCollector(file: "inspection.json")
        let file = try #require(InspectionFile.read(try JSONParser.parse(Array(text.utf8)), problems: &problems))
        #expect(problems.isEmpty)
        #expect(file.discretion["2.2"]?.rating == "outstanding")
        #expect(file.discretion["3.2"] == nil)
        #expect(file.declinedDiscretion["3.2"]?.reason == "the gaps were in work to protect victims")
        // Written back as it was read, unknown fields kept.
        let written = String(decoding: file.encoded(), as: UTF8.self)
        #expect(written.contains(#""3.2": {"#))
        #expect(written.contains(#""declined": true"#))
        #expect(written.contains(#""by": "panel""#))
        var again = ProblemCollector(file: "inspection.json")
        #expect(InspectionFile.read(try JSONParser.parse(file.encoded()), problems: &again) == file)
        // Ratings: the declined standard keeps its computed rating and carries the decision.
        let cases = casesFor("3.2.1", yes: 1, no: 1, framework: Frameworks.y2018)
        let standard = RatingEngine(framework: Frameworks.y2018).rate(
            try #require(Frameworks.y2018.standard("3.2")), tally: InspectionTally(framework: Frameworks.y2018, cases: cases),
            inspection: file)
        #expect(standard.discretion == nil)
        #expect(standard.declinedDiscretion?.reason == "the gaps were in work to protect victims")
    }

    @Test func aDeclinedDecisionNeedsAReasonAndSetsNoRating() throws {
        for (entry, message) in [
            (#"{ "declined": true }"#, "a declined ratings panel decision needs a \"reason\""),
            (#"{ "declined": true, "reason": "r", "rating": "good" }"#, "a declined ratings panel decision sets no \"rating\""),
        ] {
            let text =
                #"{ "format": "casemark/inspection", "version": 1, "service": "S", "framework": "hmip-yos-2018", "discretion": { "3.2": "#
                + entry + " } }"
            var problems = ProblemCollector(file: "inspection.json")
            _ = InspectionFile.read(try JSONParser.parse(Array(text.utf8)), problems: &problems)
            #expect(messages(problems.located(in: Array(text.utf8))).contains { $0.contains(message) }, "\(entry)")
        }
        // An old file, with applied decisions only, reads as before.
        let old =
            #"{ "format": "casemark/inspection", "version": 1, "service": "S", "framework": "hmip-yos-2018", "discretion": { "2.2": { "rating": "outstanding", "reason": "r" } } }"#
        var problems = ProblemCollector(file: "inspection.json")
        let file = InspectionFile.read(try JSONParser.parse(Array(old.utf8)), problems: &problems)
        #expect(problems.isEmpty)
        #expect(file?.declinedDiscretion.isEmpty == true)
        // A declined decision on a standard the framework does not have is named.
        var unknown = InspectionFile(service: "S", framework: "hmip-yos-2018")
        unknown.declinedDiscretion["9.9"] = DeclinedDiscretion(reason: "r")
        var checked = ProblemCollector(file: "inspection.json")
        InspectionChecker.check(unknown, framework: Frameworks.y2018, problems: &checked)
        #expect(!checked.isEmpty)
    }

    /// Camden's panel "considered applying professional discretion" on out-of-court planning and
    /// delivery "However, we decided against this": recorded in the sample with the seed's words,
    /// shown in every format as considered and not applied, and the ratings stay as published.
    @Test func camdensDeclinedDecisionShowsInEveryFormat() throws {
        let (report, _) = try Self.report("camden-2020")
        let seed = try String(contentsOf: Self.seeds.appendingPathComponent("000_c45987036b20caed.txt"), encoding: .utf8)
        for number in ["3.2", "3.3"] {
            let standard = try #require(report.ratings.standard(number))
            #expect(standard.final?.id == "requires-improvement")
            #expect(standard.computed == standard.final)
            let reason = try #require(standard.declinedDiscretion?.reason)
            // The reason is the seed's own text, with where it is said.
            let quoted = try #require(reason.components(separatedBy: " (Camden").first)
            #expect(seed.contains(quoted))
            #expect(quoted.contains("we decided against this, as the areas for improvement related to work to protect victims"))
        }
        #expect(report.ratings.score == 31)
        for (format, output) in Self.allFormats(report) {
            if format == "json" {
                let object = try #require(try JSONParser.parse(Array(output.utf8)).objectValue)
                let standards = (object["standards"]?.arrayValue ?? []).compactMap(\.objectValue)
                let planning = try #require(standards.first { $0["number"] == .string("3.2") })
                #expect(planning["discretion"] == .null)
                #expect(planning["declinedDiscretion"]?.objectValue?["reason"]?.stringValue?.contains("decided against this") == true)
                let raised = try #require(standards.first { $0["number"] == .string("2.2") })
                #expect(raised["declinedDiscretion"] == .null)
            } else if format == "csv" {
                #expect(output.contains("discretionDeclined"))
                let rows = output.components(separatedBy: "\r\n")
                let row = rows.first { $0.hasPrefix("standard,3.2,") } ?? ""
                #expect(row.contains("decided against this") && row.hasSuffix(",yes,,,,,,,"))
            } else {
                // Text wraps long lines: read it with its line breaks and indents as spaces.
                let output = output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                #expect(output.contains("3.2 Planning"), "\(format)")
                #expect(output.components(separatedBy: "considered; not applied: ").count - 1 == 2, "\(format)")
                #expect(output.contains("decided against this"), "\(format)")
            }
        }
    }

    /// Text reports wrap or overflow, never cut with "…": a key-question number and a prompt
    /// letter longer than their columns are printed whole.
    @Test func textReportsNeverCutText() throws {
        var framework = Frameworks.y2020
        framework.domains[1].standards[0].keyQuestions[0].number = "2.1.1-a-very-long-number"
        framework.domains[1].standards[0].keyQuestions[0].prompts[0].printed = "a-long-letter"
        framework.domains[1].standards[0].title = String(repeating: "A very long standard title ", count: 6)
        let cases = casesFor("2.1.1-a-very-long-number", yes: 3, no: 1, framework: framework)
        let ratings = RatingEngine(framework: framework).rate(
            tally: InspectionTally(framework: framework, cases: cases), inspection: InspectionFile(service: "S", framework: framework.id))
        let report = InspectionReport(service: "S", framework: framework, ratings: ratings, caseCounts: ["2": 4], unansweredCount: 0)
        for text in [
            TextReportRenderer().render(report), TextReportRenderer().renderAnnex(report),
            AcrossReportRenderer().render(AcrossReport(framework: framework), format: .text),
        ] {
            #expect(!text.contains("…"))
        }
        let text = TextReportRenderer().render(report)
        #expect(text.contains("2.1.1-a-very-long-number"))
        #expect(text.contains("a-long-letter"))
        // The title whole, twice: on the standard's line and in the list of what is missing.
        #expect(text.split(whereSeparator: \.isWhitespace).filter { $0 == "title" }.count == 12)
    }

    // MARK: - How sure a figure is

    /// The Wilson score interval computed here from its formula, apart from casemark's code.
    static func wilson(_ yes: Int, _ n: Int, z: Double) -> (Double, Double) {
        let p = Double(yes) / Double(n), n = Double(n)
        let centre = p + z * z / (2 * n)
        let spread = z * sqrt(p * (1 - p) / n + z * z / (4 * n * n))
        let scale = 1 + z * z / n
        return ((centre - spread) / scale, (centre + spread) / scale)
    }

    @Test func theIntervalIsTheEightyPercentWilsonScoreInterval() throws {
        // Φ⁻¹(0.9), to the precision of a Double (Python's statistics.NormalDist().inv_cdf(0.9)).
        #expect(abs(ScoreInterval.z80 - 1.2815515655446008) < 1e-12)
        // Known values (the same formula in Python 3.11, statistics.NormalDist for z), to 1e-9:
        // 11/15 (Camden 2.2.3, 73%) is 0.569491442 to 0.851121616; 4/7 (Camden 3.2.3, 57%) is
        // 0.341697054 to 0.774011888.
        let known: [(Int, Int, Double, Double)] = [
            (11, 15, 0.569491442422589, 0.8511216158696093), (4, 7, 0.3416970536209065, 0.7740118883854743),
        ]
        for (yes, n, low, high) in known {
            let interval = try #require(ScoreInterval.wilson(yes: yes, applicable: n))
            #expect(interval.confidence == 80)
            #expect(abs(interval.low - low) < 1e-9 && abs(interval.high - high) < 1e-9, "\(yes)/\(n)")
            let (formulaLow, formulaHigh) = Self.wilson(yes, n, z: 1.2815515655446008)
            #expect(abs(interval.low - formulaLow) < 1e-12 && abs(interval.high - formulaHigh) < 1e-12, "\(yes)/\(n)")
        }
        #expect(ScoreInterval.wilson(yes: 11, applicable: 15)?.text == "56.9–85.1%")
        #expect(ScoreInterval.wilson(yes: 4, applicable: 7)?.text == "34.2–77.4%")
        // All yes: the top bound is 100%, and the interval is never outside 0–1.
        #expect(ScoreInterval.wilson(yes: 5, applicable: 5)?.high == 1)
        #expect(ScoreInterval.wilson(yes: 0, applicable: 5)?.low == 0)
        #expect(ScoreInterval.wilson(yes: 0, applicable: 0) == nil)
    }

    @Test func camdensSmallSampleFiguresAreFlaggedAgainstTheBandThresholds() throws {
        let (report, _) = try Self.report("camden-2020")
        // 2.2.3: 11/15, Good, "a more positive score in one case would have improved the rating":
        // the interval reaches both Good's and Outstanding's thresholds; a sub-sample of 15 of 16.
        let planning = try #require(Self.question(report, "2.2.3"))
        #expect(planning.percent == 73)
        #expect(planning.intervalCrosses == [65, 80])
        #expect(planning.isSubSample && planning.sampleSize == 16 && planning.tally.applicable == 15)
        // 3.2.3: 4/7, the risk sub-sample of the out-of-court cases.
        let risk = try #require(Self.question(report, "3.2.3"))
        #expect(risk.intervalCrosses == [50, 65])
        #expect(risk.isSubSample && risk.sampleSize == 10)
        // 2.1.1: 16/16 of the whole sample: no sub-sample, and Outstanding whatever the interval.
        let whole = try #require(Self.question(report, "2.1.1"))
        #expect(whole.isSubSample == false)
        #expect(whole.intervalCrosses == [])
        // Every figure carries its interval, and a crossing flag exactly where a threshold is
        // strictly inside the bounds the formula gives.
        for question in report.ratings.standards.flatMap(\.keyQuestions) {
            let (low, high) = Self.wilson(question.tally.yes, question.tally.applicable, z: 1.2815515655446008)
            let inside: [Int] = [50, 65, 80].filter { (threshold: Int) -> Bool in
                low * 100 < Double(threshold) && Double(threshold) < high * 100
            }
            #expect(question.intervalCrosses == inside, "\(question.number)")
        }
        // In the JSON contract: percent with one decimal.
        let json = try #require(try JSONParser.parse(Array(JSONReportRenderer().render(report).utf8)).objectValue)
        let questions = Self.keyQuestionObjects(json)
        let object = try #require(questions.first { $0["number"] == .string("2.2.3") })
        #expect(object["interval"] == .object(JSONObject(["confidence": .integer(80), "low": .number("56.9"), "high": .number("85.1")])))
        #expect(object["intervalCrosses"] == .array([.integer(65), .integer(80)]))
        #expect(object["subSample"] == .bool(true))
        // In the other formats, with the statement of what the interval is.
        for (format, output) in Self.allFormats(report) where !format.contains("annex") && format != "json" {
            #expect(output.contains("56.9"), "\(format)")
            #expect(output.contains("80% Wilson score intervals"), "\(format)")
        }
        #expect(
            ReportFormat.text.render(report).contains(
                "80% interval 56.9–85.1%, crosses 65% and 80%; sub-sample: 15 of 16 cases; +1 yes:\n            Outstanding; -2 yes: Requires improvement"
            ))
    }

    // MARK: - The lowest figure of each standard

    /// BG&C's annex prints the lowest figure of each standard in bold, all three of 2.1 (100%)
    /// among them; 2.2's is 2.2.1 (60%) alone, 2.3's 2.3.1 (40%).
    @Test func theLowestFigureIsMarkedOnEveryTieInEveryFormat() throws {
        let (report, _) = try Self.report("bgc-2022")
        let expected: [String: Set<String>] = [
            "2.1": ["2.1.1", "2.1.2", "2.1.3"], "2.2": ["2.2.1"], "2.3": ["2.3.1"], "2.4": ["2.4.1", "2.4.3"],
            "3.1": ["3.1.3"], "3.2": ["3.2.3"], "3.3": ["3.3.3"],
        ]
        let sample = try #require(try PublishedSample.bundled().first { $0.name == "bgc-2022" })
        for (number, lowest) in expected {
            let standard = try #require(report.ratings.standard(number))
            #expect(Set(standard.keyQuestions.filter(\.lowest).map(\.number)) == lowest, "\(number)")
            // The marked figure is the smallest published percentage of the standard.
            let published = standard.keyQuestions.compactMap { sample.keyQuestions[$0.number]?.publishedPercent }
            #expect(standard.keyQuestions.filter(\.lowest).allSatisfy { $0.percent == published.min() }, "\(number)")
        }
        let markdown = MarkdownReportRenderer().renderAnnex(report)
        #expect(markdown.contains("| 2.1.1 Does assessment sufficiently analyse how to support the child's desistance? | **100%** |  |"))
        #expect(markdown.contains("| 2.2.1 Does planning focus sufficiently on supporting the child's desistance? | **60%** |  |"))
        #expect(markdown.contains("| 2.2.2 Does planning focus sufficiently on keeping the child safe? | 80% |  |"))
        let html = HTMLReportRenderer().renderAnnex(report)
        #expect(html.components(separatedBy: "<strong class=\"lowest\">100%</strong>").count - 1 >= 3)
        #expect(html.contains("<strong class=\"lowest\">40%</strong>"))
        #expect(HTMLReportRenderer().render(report).contains("<strong class=\"lowest\">60%</strong>"))
        #expect(MarkdownReportRenderer().render(report).contains("| 3/5 | **60%** |"))
        let text = TextReportRenderer().render(report)
        #expect(text.contains("3/5   60%*  Requires improvement"))
        #expect(text.contains("4/5   80%   Outstanding"))
        #expect(TextReportRenderer().renderAnnex(report).contains("60%*"))
        let csv = CSVReportRenderer().render(report).components(separatedBy: "\r\n")
        #expect(csv.contains { $0.hasPrefix("keyQuestion,2.2.1,,") && $0.contains(",60,requires-improvement,yes,") })
        #expect(csv.contains { $0.hasPrefix("keyQuestion,2.2.2,,") && $0.contains(",80,outstanding,no,") })
        let json = try #require(try JSONParser.parse(Array(JSONReportRenderer().render(report).utf8)).objectValue)
        let marked = Self.keyQuestionObjects(json).filter { $0["lowest"] == .bool(true) }.compactMap { $0["number"]?.stringValue }
        let all = expected.values.reduce(Set<String>()) { $0.union($1) }
        #expect(Set(marked) == all)
    }

    // MARK: - Prompt figures

    /// BG&C's Annexe 2 ("Data from inspected cases"), read from the seed: every printed prompt
    /// line, "a) text<TAB><b>80%</b>", in order.
    static func publishedPromptFigures() throws -> [(letter: String, text: String, percent: Int)] {
        let seed = try String(contentsOf: seeds.appendingPathComponent("003_0e9dabcbe77bc01f.txt"), encoding: .utf8)
        let annex = try #require(seed.range(of: "**Data from inspected cases:").map { seed[$0.lowerBound...] })
        var figures: [(String, String, Int)] = []
        for line in annex.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.count > 3, line.dropFirst().hasPrefix(") "), let first = line.first, first.isLowercase,
                let tab = line.firstIndex(of: "\t"), line.hasSuffix("%</b>")
            else { continue }
            let text = String(line[line.index(line.startIndex, offsetBy: 3)..<tab])
            let figure = line[line.index(after: tab)...].dropFirst(3).dropLast(5)
            figures.append((String(first), text, try #require(Int(figure), "\(line)")))
        }
        return figures
    }

    /// Issue 13: the demo's 2022 sample reproduces all 95 prompt figures of the report's annex,
    /// each checked against the seed: letter as printed (2.4.1's two d's), text and percentage,
    /// under the rule casemark uses, in the report and its JSON.
    @Test func everyPublishedPromptFigureOfTheTwentyTwentyTwoReport() throws {
        let published = try Self.publishedPromptFigures()
        #expect(published.count == 95)
        let (report, _) = try Self.report("bgc-2022")
        #expect(report.framework.id == "hmip-yos-2022")
        #expect(report.promptDenominator == .applicable)
        let caseStandards = ["2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3"]
        let ours = caseStandards.compactMap { report.ratings.standard($0) }.flatMap(\.keyQuestions).flatMap(\.prompts)
        #expect(ours.count == published.count)
        for (index, (prompt, figure)) in zip(ours, published).enumerated() {
            #expect(prompt.shownLetter == figure.letter, "prompt \(index + 1)")
            #expect(prompt.text == figure.text, "prompt \(index + 1)")
            #expect(prompt.percent == figure.percent, "prompt \(index + 1) \(prompt.shownLetter)) \(prompt.text)")
        }
        // 3.2.3c's 89% is 8 of 9 applicable; 2.4.1c's 20% is 1 of 5.
        let prompts = Dictionary(uniqueKeysWithValues: report.ratings.standards.flatMap(\.keyQuestions).map { ($0.number, $0.prompts) })
        #expect(prompts["3.2.3"]?[2].tally == KeyQuestionTally(yes: 8, no: 1, notApplicable: 1))
        #expect(prompts["2.4.1"]?[2].tally == KeyQuestionTally(yes: 1, no: 4))
        #expect(prompts["2.4.1"]?.map(\.shownLetter) == ["a", "b", "c", "d", "d", "e", "f"])
        #expect(prompts["2.4.1"]?.map(\.letter) == ["a", "b", "c", "d", "d2", "e", "f"])
        // The same 95 figures in the JSON contract, in order.
        let json = try #require(try JSONParser.parse(Array(JSONReportRenderer().render(report).utf8)).objectValue)
        let jsonFigures = Self.keyQuestionObjects(json).filter {
            caseStandards.contains(String(($0["number"]?.stringValue ?? "").dropLast(2)))
        }
        .flatMap { $0["prompts"]?.arrayValue ?? [] }.compactMap(\.objectValue)
        #expect(jsonFigures.map { $0["percent"]?.intValue ?? -1 } == published.map(\.percent))
        #expect(jsonFigures.map { $0["letter"]?.stringValue ?? "" } == published.map(\.letter))
        // The key questions are still the published ones (the prompts are never rolled up).
        #expect(Self.question(report, "2.4.2")?.percent == 100)
        #expect(report.ratings.score == 28)
    }

    /// Cases with chosen prompt answers, their counts worked out here from the files.
    @Test func promptFiguresCountEveryAnswerUnderEitherRule() throws {
        let framework = Frameworks.y2020
        let question = try #require(framework.keyQuestion("2.4.1"))
        let letters = question.prompts.map(\.letter)
        // Five court cases: a, c answered differently in each; b left open in one; an orphan letter.
        let answers: [[String: Judgement]] = [
            ["a": .yes, "b": .yes, "c": .na], ["a": .yes, "b": .no, "c": .yes], ["a": .no, "b": .na, "c": .na],
            ["a": .yes, "c": .na, "zz": .yes], ["a": .na, "b": .yes, "c": .na],
        ]
        var cases: [CaseFile] = []
        for (index, prompts) in answers.enumerated() {
            var file = makeCase("C\(index)", framework: framework, ["2.4.1": .yes])
            for (letter, judgement) in prompts { file.answers["2.4.1"]?.prompts[letter] = judgement }
            cases.append(file)
        }
        let tally = InspectionTally(framework: framework, cases: cases)
        let counts = tally.promptCounts("2.4.1")
        #expect(counts.count == letters.count)
        for (index, letter) in letters.enumerated() {
            let given = answers.compactMap { $0[letter] }
            let expected = KeyQuestionTally(
                yes: given.filter { $0 == .yes }.count, no: given.filter { $0 == .no }.count,
                notApplicable: given.filter { $0 == .na }.count, unanswered: answers.count - given.count)
            #expect(counts[index] == expected, "prompt \(letter)")
        }
        let engine = RatingEngine(framework: framework)
        let inspection = InspectionFile(service: "S", framework: framework.id)
        func prompt(_ letter: String, _ rule: PromptDenominator) -> PromptResult? {
            engine.rate(tally: tally, inspection: inspection, promptDenominator: rule).standards
                .flatMap(\.keyQuestions).first { $0.number == "2.4.1" }?.prompts.first { $0.letter == letter }
        }
        // a: 3 yes, 1 no, 1 n/a: 75% of the applicable, 60% of all (2022's 2.4.1a was 3/5 = 60%).
        #expect(prompt("a", .applicable)?.percent == 75)
        #expect(prompt("a", .all)?.percent == 60)
        #expect(prompt("a", .all)?.denominator == 5)
        // c: 1 yes, 4 n/a: 100% of the applicable, 20% of all (2022's 2.4.1c, "only one case out of four where it was relevant").
        #expect(prompt("c", .applicable)?.percent == 100)
        #expect(prompt("c", .all)?.percent == 20)
        // A prompt nobody answered has no percentage.
        #expect(prompt("e", .applicable)?.percent == nil)
        // Counted one case at a time (the marking screen's way), the figures are the same.
        var incremental = InspectionTally(framework: framework)
        for file in cases { incremental.add(file) }
        #expect(incremental.promptCounts("2.4.1") == counts)
        incremental.remove(cases[0])
        #expect(incremental.promptCounts("2.4.1")[0].yes == counts[0].yes - 1)
    }

    @Test func aCaseOutsideASubSampleIsNotCountedOnItsPrompts() throws {
        // 2018: 2.2.2 does not apply to a case judged low for safety and wellbeing.
        let framework = Frameworks.y2018
        var low = makeCase("C1", framework: framework, disposal: "referral-order", ["2.2.2": .yes])
        low.details.safetyAndWellbeing = .low
        var medium = makeCase("C2", framework: framework, disposal: "referral-order", ["2.2.2": .yes])
        medium.details.safetyAndWellbeing = .medium
        for letter in try #require(framework.keyQuestion("2.2.2")).prompts.map(\.letter) {
            low.answers["2.2.2"]?.prompts[letter] = .yes
            medium.answers["2.2.2"]?.prompts[letter] = .yes
        }
        let counts = InspectionTally(framework: framework, cases: [low, medium]).promptCounts("2.2.2")
        #expect(!counts.isEmpty)
        #expect(counts.allSatisfy { $0 == KeyQuestionTally(yes: 1) })
    }

    /// Camden's report prints no prompt figures, so its sample answers every prompt as its key
    /// question is judged: each prompt's figure is the published key-question figure.
    @Test(arguments: ["camden-2020"])
    func theSamplesPromptFiguresFollowThePublishedKeyQuestionFigures(name: String) throws {
        let (report, _) = try Self.report(name)
        let sample = try #require(try PublishedSample.bundled().first { $0.name == name })
        var checked = 0
        for question in report.ratings.standards.flatMap(\.keyQuestions) {
            let count = try #require(sample.keyQuestions[question.number])
            for prompt in question.prompts {
                #expect(
                    prompt.tally.yes == count.yes && prompt.tally.applicable == count.applicable,
                    "\(name) \(question.number)\(prompt.letter)")
                if let published = count.publishedPercent, question.percent == published, count.applicable > 0 {
                    #expect(prompt.percent == Int((100 * Double(count.yes) / Double(count.applicable)).rounded(.toNearestOrAwayFromZero)))
                }
                checked += 1
            }
        }
        #expect(checked == 86)  // every prompt of the case key questions
    }

    @Test func promptFiguresAndTheirRuleAreInEveryFormat() throws {
        for rule in PromptDenominator.allCases {
            let (report, _) = try Self.report("camden-2020", promptDenominator: rule)
            // 2.2.3's prompts: 11 yes of 15 applicable, 1 not applicable (the low-risk case is outside the sub-sample).
            let prompt = try #require(Self.question(report, "2.2.3")?.prompts.first)
            #expect(prompt.tally == KeyQuestionTally(yes: 11, no: 4, notApplicable: 0, unanswered: 0))
            for (format, output) in Self.allFormats(report) where !format.contains("annex") {
                if format == "json" {
                    let object = try #require(try JSONParser.parse(Array(output.utf8)).objectValue)
                    #expect(object["promptDenominator"] == .string(rule.rawValue))
                    let questions = Self.keyQuestionObjects(object)
                    let first = try #require(
                        questions.first { $0["number"] == .string("2.2.3") }?["prompts"]?.arrayValue?.first?.objectValue)
                    #expect(
                        first
                            == JSONObject([
                                "letter": .string(prompt.letter), "key": .string(prompt.letter), "text": .string(prompt.text),
                                "yes": .integer(11), "no": .integer(4),
                                "notApplicable": .integer(0), "applicable": .integer(15), "percent": .integer(73),
                            ]))
                } else {
                    #expect(
                        output.contains(rule == .applicable ? "yes out of applicable answers" : "yes out of all answers"),
                        "\(format) \(rule)")
                }
            }
            #expect(CSVReportRenderer().render(report).contains("prompt,2.2.3,a,"))
            #expect(
                MarkdownReportRenderer().render(report).contains(
                    "| 2.2.3a Does planning promote the safety of other people, sufficiently addressing risk of harm factors? | 11 | 4 | 0 | 15 | 73% |"
                ))
        }
    }
}
