import CasemarkCore
import CasemarkTestSupport
import Foundation
import Testing

/// `casemark report DIR1 DIR2 ... --across`: several inspections' cases pooled.
@Suite("casemark report --across, run as a process")
struct AcrossReportTests {
    static let framework = try! FrameworkCatalog(folders: []).framework(id: "hmip-yos-2020-09")

    /// Cases with varied judgements and prompt answers, from a fixed seed; every third case a girl.
    static func cases(prefix: String, count: Int, seed: UInt64) -> [CaseFile] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let answers: [Judgement] = [.yes, .yes, .yes, .no, .na]
        return (0..<count).map { index in
            let domain = index % 3 == 0 ? "3" : "2"
            let disposals = framework.disposals.filter { $0.domain == domain }
            var file = CaseFile(
                ref: "\(prefix)\(index)", framework: framework.id, domain: domain, disposal: disposals[next(disposals.count)].id)
            file.unknown["gender"] = .string(index % 3 == 1 ? "girl" : "boy")
            for question in framework.caseKeyQuestions(domain: domain) {
                var answer = Answer(judgement: answers[next(4)])
                for prompt in question.prompts { answer.prompts[prompt.letter] = answers[next(5)] }
                file.answers[question.number] = answer
            }
            return file
        }
    }

    static func write(_ cases: [CaseFile], to path: String, service: String) throws {
        var folder = try InspectionFolder.create(at: path, service: service, framework: framework)
        folder.inspection.ratings = Dictionary(
            uniqueKeysWithValues: framework.standards.filter { $0.rated == .directly }.map { ($0.number, DirectRating(rating: "good")) })
        try folder.saveInspection()
        for file in cases { try folder.save(file) }
    }

    static func keyQuestions(_ report: JSONObject) -> [JSONObject] {
        (report["standards"]?.arrayValue ?? []).flatMap { $0.objectValue?["keyQuestions"]?.arrayValue ?? [] }.compactMap(\.objectValue)
    }

    /// Issue 13: --across on three inspections equals the report of their cases merged into one
    /// folder, key question by key question and prompt by prompt; the spread is each
    /// inspection's own figure's lowest, median and highest.
    @Test func threeInspectionsAcrossEqualTheirCasesInOneFolder() throws {
        let scratch = TemporaryFolder()
        let parts = [("A", 12, UInt64(1)), ("B", 20, UInt64(2)), ("C", 7, UInt64(3))]
        var everyCase: [CaseFile] = []
        var paths: [String] = []
        for (prefix, count, seed) in parts {
            let cases = Self.cases(prefix: prefix, count: count, seed: seed)
            let path = scratch.path + "/" + prefix
            try Self.write(cases, to: path, service: "Service " + prefix)
            paths.append(path)
            everyCase += cases
        }
        try Self.write(everyCase, to: scratch.path + "/merged", service: "All three")
        let across = try BinaryRunner.run(["report"] + paths + ["--across", "--format", "json", "--by", "gender"])
        #expect(across.status == 0, "\(across.error)")
        let merged = try BinaryRunner.run(["report", scratch.path + "/merged", "--format", "json"])
        let pooled = try #require(try JSONParser.parse(across.output).objectValue)
        let one = try #require(try JSONParser.parse(merged.output).objectValue)
        #expect(pooled["across"] == .integer(3))
        #expect(pooled["cases"] == one["cases"])
        let pooledQuestions = Self.keyQuestions(pooled)
        let oneQuestions = Self.keyQuestions(one)
        #expect(pooledQuestions.count == 21 && oneQuestions.count == 21)
        for (left, right) in zip(pooledQuestions, oneQuestions) {
            #expect(left.removingKeys(["spread"]) == right, "\(right["number"] ?? .null)")
        }
        // The spread from each inspection's own report.
        var own: [[JSONObject]] = []
        for path in paths {
            let result = try BinaryRunner.run(["report", path, "--format", "json"])
            let object = try #require(try JSONParser.parse(result.output).objectValue)
            own.append(Self.keyQuestions(object))
        }
        for (index, question) in pooledQuestions.enumerated() {
            let shares = own.compactMap { questions -> Double? in
                guard let yes = questions[index]["yes"]?.intValue, let applicable = questions[index]["applicable"]?.intValue, applicable > 0
                else { return nil }
                return Double(yes) / Double(applicable)
            }.sorted()
            let median = shares.count % 2 == 1 ? shares[shares.count / 2] : (shares[shares.count / 2 - 1] + shares[shares.count / 2]) / 2
            let tenth = { (share: Double) in JSONValue.number(String(format: "%.1f", (share * 1000).rounded() / 10)) }
            let spread = try #require(question["spread"]?.objectValue)
            #expect(spread["inspections"] == .integer(shares.count))
            #expect(spread["lowest"] == tenth(shares.first ?? 0))
            #expect(spread["median"] == tenth(median))
            #expect(spread["highest"] == tenth(shares.last ?? 0))
        }
        // By a field the case files hold (gender), counted here from the cases.
        let groups = (pooled["by"]?.objectValue?["groups"]?.arrayValue ?? []).compactMap(\.objectValue)
        #expect(groups.map { $0["value"]?.stringValue ?? "" } == ["boy", "girl"])
        for group in groups {
            let value = group["value"]?.stringValue ?? ""
            let members = everyCase.filter { $0.unknown["gender"] == .string(value) }
            #expect(group["cases"] == .integer(members.count))
            let first = try #require(group["keyQuestions"]?.arrayValue?.first?.objectValue)
            let judged = members.compactMap { $0.answers["2.1.1"]?.judgement }
            #expect(first["yes"] == .integer(judged.filter { $0 == .yes }.count))
            #expect(first["applicable"] == .integer(judged.filter { $0 != .na }.count))
        }
        // Text and CSV too.
        let text = try BinaryRunner.run(["report"] + paths + ["--across"])
        #expect(text.output.hasPrefix("Across inspections: 3 inspections, 39 cases\n"))
        #expect(text.output.contains("between 3 inspections: lowest "))
        let csv = try BinaryRunner.run(["report"] + paths + ["--across", "--format", "csv", "--by", "disposal"])
        #expect(csv.output.contains("\r\ngroup,referral-order,2.1.1,"))
        // Markdown and HTML, with the pooled figure of 2.1.1 and its spread.
        let first = pooledQuestions[0]
        let figure = "\(first["yes"]?.intValue ?? -1)/\(first["applicable"]?.intValue ?? -1)"
        let markdown = try BinaryRunner.run(["report"] + paths + ["--across", "--format", "markdown", "--by", "gender"])
        #expect(markdown.output.hasPrefix("# Across inspections: 3 inspections, 39 cases\n"))
        #expect(
            markdown.output.contains("| 2.1.1 Does assessment sufficiently analyse how to support the child's desistance? | \(figure) |"))
        #expect(markdown.output.contains("## By gender"))
        let html = try BinaryRunner.run(["report"] + paths + ["--across", "--format", "html"])
        #expect(html.output.contains("<h1>Across inspections: 3 inspections, 39 cases</h1>"))
        #expect(html.output.contains("<td class=\"n\">\(figure)</td>"))
        #expect(!html.output.contains("<script") && !html.output.contains("http://") && !html.output.contains("https://"))
    }

    @Test func revisionsAreNotMixedAndSeveralFoldersNeedAcross() throws {
        let scratch = TemporaryFolder()
        try Self.write(Self.cases(prefix: "A", count: 3, seed: 1), to: scratch.path + "/a", service: "A")
        let old = try FrameworkCatalog(folders: []).framework(id: "hmip-yos-2018")
        _ = try InspectionFolder.create(at: scratch.path + "/b", service: "B", framework: old)
        let mixed = try BinaryRunner.run(["report", scratch.path + "/a", scratch.path + "/b", "--across"])
        #expect(mixed.status == 1)
        #expect(
            mixed.error.contains(
                "is marked under hmip-yos-2018, the others under hmip-yos-2020-09; --across pools one framework revision only"))
        #expect(mixed.output == "")
        let without = try BinaryRunner.run(["report", scratch.path + "/a", scratch.path + "/a"])
        #expect(without.status != 0)
        #expect(without.error.contains("only with --across"))
        // One folder with --across is that folder's figures.
        let single = try BinaryRunner.run(["report", scratch.path + "/a", "--across", "--format", "json"])
        let report = try BinaryRunner.run(["report", scratch.path + "/a", "--format", "json"])
        let left = Self.keyQuestions(try #require(try JSONParser.parse(single.output).objectValue)).map { $0.removingKeys(["spread"]) }
        #expect(left == Self.keyQuestions(try #require(try JSONParser.parse(report.output).objectValue)))
    }

    /// Issue 13: revisions are mixed only when told how.
    ///
    /// Camden (2018) and BG&C (2022) pooled
    /// with `--map numbers`: each inspection is counted under its own revision (Camden's
    /// sub-samples too), then each key question takes the counts of the one with its number and
    /// each prompt those of the prompt with its text; what has no counterpart is named, not pooled.
    @Test func twoRevisionsPooledByAStatedMapping() throws {
        let scratch = TemporaryFolder()
        let catalog = try FrameworkCatalog(folders: [])
        var paths: [String] = []
        for name in ["camden-2020", "bgc-2022"] {
            let sample = try #require(try PublishedSample.bundled().first { $0.name == name })
            let written = try SampleBuilder(sample: sample, framework: try catalog.framework(id: sample.framework))
                .write(to: scratch.path + "/" + name)
            paths.append(written.path)
        }
        let refused = try BinaryRunner.run(["report"] + paths + ["--across"])
        #expect(refused.status == 1)
        #expect(refused.error.contains("--across pools one framework revision only, unless told how (--map numbers)"))
        let pooled = try BinaryRunner.run(["report"] + paths + ["--across", "--map", "numbers", "--format", "json"])
        #expect(pooled.status == 0, "\(pooled.error)")
        let report = try #require(try JSONParser.parse(pooled.output).objectValue)
        #expect(report["framework"]?.stringValue == "hmip-yos-2018")
        let singles = try paths.map { path in
            let result = try BinaryRunner.run(["report", path, "--format", "json"])
            return Self.keyQuestions(try #require(try JSONParser.parse(result.output).objectValue))
        }
        func figures(_ questions: [JSONObject], _ number: String) -> JSONObject? {
            questions.first { $0["number"]?.stringValue == number }
        }
        let old = try catalog.framework(id: "hmip-yos-2018")
        let new = try catalog.framework(id: "hmip-yos-2022")
        var promptsPooled = 0
        for question in Self.keyQuestions(report) {
            let number = try #require(question["number"]?.stringValue)
            let camden = try #require(figures(singles[0], number))
            let bgc = figures(singles[1], number)
            let mapped = number.hasPrefix("2.") || (number.hasPrefix("3.") && !number.hasPrefix("3.4."))
            #expect(mapped == (bgc != nil), "\(number)")
            for key in ["yes", "applicable"] {
                let expected = (camden[key]?.intValue ?? 0) + (bgc?[key]?.intValue ?? 0)
                #expect(question[key]?.intValue == expected, "\(number) \(key)")
            }
            // Prompts: the counts of the 2022 prompt with the same text, where there is one.
            let oldQuestion = try #require(old.keyQuestion(number))
            for (index, prompt) in (question["prompts"]?.arrayValue ?? []).compactMap(\.objectValue).enumerated() {
                let text = FrameworkComparison.normalised(oldQuestion.prompts[index].text)
                let partner = new.keyQuestion(number).flatMap { question in
                    question.prompts.firstIndex { FrameworkComparison.normalised($0.text) == text }
                }
                let camdenPrompt = camden["prompts"]?.arrayValue?[index].objectValue
                let bgcPrompt = partner.flatMap { bgc?["prompts"]?.arrayValue?[$0].objectValue }
                if bgcPrompt != nil && mapped { promptsPooled += 1 }
                let expected = (camdenPrompt?["yes"]?.intValue ?? 0) + (mapped ? bgcPrompt?["yes"]?.intValue ?? 0 : 0)
                #expect(prompt["yes"]?.intValue == expected, "\(number) \(prompt["letter"]?.stringValue ?? "")")
            }
        }
        #expect(promptsPooled > 20)
        let mapping = try #require(report["mappings"]?.arrayValue?.first?.objectValue)
        #expect(mapping["from"]?.stringValue == "hmip-yos-2022")
        let notPooled = (mapping["notPooled"]?.arrayValue ?? []).compactMap { $0.objectValue?["number"]?.stringValue }
        #expect(notPooled == ["3.4.1", "3.4.2"])
        #expect(
            mapping["notPooled"]?.arrayValue?.first?.objectValue?["reason"]?.stringValue == "hmip-yos-2022 has no case-rated standard 3.4")
        let text = try BinaryRunner.run(["report"] + paths + ["--across", "--map", "numbers"])
        #expect(text.output.contains("Mapped: hmip-yos-2022 pooled under hmip-yos-2018 by key-question number: "))
        let without = try BinaryRunner.run(["report", paths[0], "--map", "numbers"])
        #expect(without.status != 0 && without.error.contains("--map works with --across."))
    }
}
