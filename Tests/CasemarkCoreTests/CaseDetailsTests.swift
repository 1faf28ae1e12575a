import CasemarkTestSupport
import Foundation
import Testing

@testable import CasemarkCore

/// Case details as framework data (issue 12): the framework declares them, and reading, checking,
/// history, merge and the reports work from the declaration.
@Suite("Case details declared by the framework")
struct CaseDetailsTests {
    /// What every bundled revision must declare, from the issue.
    static let issueDetails = [
        "caseManagerRiskOfSeriousHarm", "riskOfSeriousHarm", "agreedRiskOfSeriousHarm", "caseManagerSafetyAndWellbeing",
        "safetyAndWellbeing", "agreedSafetyAndWellbeing", "gender", "ethnicity", "ageAtStart", "startDate", "victimsIdentified",
        "lookedAfter", "childProtection", "childInNeed", "managementOversight", "alertRaised", "offenceType", "disposalAppropriate",
        "otherDisposal", "populationID", "inspector", "date", "caseManagerInterviewed",
    ]

    /// A framework file (the 2020 revision's) with its `caseDetails` replaced.
    static func framework(details: String) throws -> Framework {
        var text = String(decoding: Frameworks.y2020.sourceBytes, as: UTF8.self)
        let start = try #require(text.range(of: "\"caseDetails\": ["))
        let end = try #require(text.range(of: "\n  ],\n  \"domains\"", range: start.upperBound..<text.endIndex))
        text.replaceSubrange(start.lowerBound..<end.lowerBound, with: "\"caseDetails\": [" + details)
        return try FrameworkReader.read(bytes: Array(text.utf8), file: "hmip-yos-2020-09.json", expectedID: "hmip-yos-2020-09")
    }

    static func problems(details: String) -> [String] {
        do {
            _ = try framework(details: details)
            return []
        } catch let problems as FileProblems {
            return problems.diagnostics.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    @Test func everyBundledRevisionDeclaresTheIssuesDetailsAndNoName() throws {
        for id in ["hmip-yos-2018", "hmip-yos-2020-09", "hmip-yos-2022"] {
            let framework = Frameworks.load(id)
            let ids = framework.details.map(\.id)
            for wanted in Self.issueDetails {
                #expect(ids.contains(wanted), "\(id) does not declare \(wanted)")
            }
            #expect(Set(ids).count == ids.count)
            // No child's name is ever asked for.
            #expect(!framework.details.contains { $0.id.lowercased().contains("name") || $0.label.lowercased().contains("name") })
            // Out of court only: whether the disposal was appropriate.
            #expect(framework.detail("disposalAppropriate")?.domains == ["3"])
            #expect(framework.details(forDomain: "2").allSatisfy { $0.id != "disposalAppropriate" })
        }
    }

    @Test func aFrameworkWithNoDeclarationHasTheBuiltInDetails() throws {
        var text = String(decoding: Frameworks.y2020.sourceBytes, as: UTF8.self)
        let start = try #require(text.range(of: "  \"caseDetails\": ["))
        let end = try #require(text.range(of: "\n  \"domains\"", range: start.upperBound..<text.endIndex))
        text.removeSubrange(start.lowerBound..<end.lowerBound)
        let framework = try FrameworkReader.read(bytes: Array(text.utf8), file: "f.json", expectedID: nil)
        #expect(framework.details.map(\.id) == DetailDeclaration.builtIn.map(\.id))
    }

    @Test func aNewRevisionAddsADetailWithoutCodeAndTheBuiltInOnesStay() throws {
        let framework = try Self.framework(
            details: """
                {"id": "remand", "label": "Remanded", "kind": "yes-no", "required": true, "tabulated": true},
                {"id": "siblings", "label": "Siblings", "kind": "number", "min": 0, "max": 20, "bands": [{"label": "none", "from": 0, "to": 0}, {"label": "some", "from": 1, "to": 20}]}
                """)
        #expect(framework.details.map(\.id) == DetailDeclaration.builtIn.map(\.id) + ["remand", "siblings"])
        let remand = try #require(framework.detail("remand"))
        #expect(remand.required && remand.tabulated && remand.kind == .yesNo)
        #expect(framework.detail("siblings")?.group(of: .number(3)) == "some")
    }

    @Test func aBadDeclarationIsRefusedAtItsPlace() {
        let cases: [(String, String)] = [
            (#"{"id": "x", "label": "X", "kind": "colour"}"#, "$.caseDetails[0].kind: unknown kind \"colour\""),
            (#"{"id": "x", "label": "X", "kind": "yes-no"}, {"id": "x", "label": "Y", "kind": "text"}"#, "duplicate case detail \"x\""),
            (#"{"id": "domain", "label": "X", "kind": "text"}"#, "\"domain\" cannot name a detail"),
            (#"{"id": "caseManagerInterviewed", "label": "X", "kind": "text"}"#, "is a built-in detail of kind yes-no"),
            (#"{"id": "x", "label": "X", "kind": "choice", "values": []}"#, "a choice needs at least one value"),
            (#"{"id": "x", "label": "X", "kind": "text", "domains": ["9"]}"#, "no domain \"9\" in this framework"),
            (#"{"id": "x", "label": "X", "kind": "number", "min": 5}"#, "needs both min and max"),
            (#"{"id": "x", "label": "X", "kind": "yes-no", "values": []}"#, "only a choice has values"),
        ]
        for (details, expected) in cases {
            let found = Self.problems(details: details)
            #expect(found.contains { $0.contains(expected) }, "\(details): \(found)")
        }
    }

    // MARK: Case files

    @Test func detailsAreReadAndWrittenUnderDetailsAndOldFilesStayByteForByte() throws {
        var file = CaseFile(ref: "C01", framework: "hmip-yos-2020-09", domain: "2", disposal: "referral-order")
        file.details.inspector = "Ann"
        let old = file.encoded()
        #expect(!String(decoding: old, as: UTF8.self).contains("\"details\""))
        #expect(try Self.read(old).encoded() == old)

        file.details.recorded = ["gender": .text("female"), "ageAtStart": .number(15), "lookedAfter": .flag(true)]
        let bytes = file.encoded()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("\"details\": {\n    \"ageAtStart\": 15,\n    \"gender\": \"female\",\n    \"lookedAfter\": true\n  }"))
        let read = try Self.read(bytes)
        #expect(read == file)
        #expect((try? TreeCaseReader.readCase(bytes: bytes, file: "C01.json", framework: Frameworks.y2020, inspection: nil).get()) == file)
    }

    static func read(_ bytes: [UInt8]) throws -> CaseFile {
        try InspectionFolder.readCase(bytes: bytes, file: "C01.json", framework: Frameworks.y2020, inspection: nil).get()
    }

    /// Problems `casemark validate` finds in a case file with these details.
    static func validate(_ details: String, status: String = "in-progress", domain: String = "2", disposal: String = "referral-order")
        throws -> [String]
    {
        let folder = TemporaryFolder()
        let path = folder.path + "/C01.json"
        folder.write(
            "C01.json",
            """
            {"format": "casemark/case", "version": 1, "ref": "C01", "framework": "hmip-yos-2020-09", "domain": "\(domain)",
             "disposal": "\(disposal)", "status": "\(status)", "details": {\(details)}, "answers": {}}
            """)
        return FileValidator(catalog: Frameworks.catalog).validate(path: path).map(\.description)
    }

    @Test func validationNamesAnUnknownDetailAWrongKindAndAValueOutOfItsList() throws {
        #expect(try Self.validate(#""gender": "female", "ageAtStart": 15, "lookedAfter": false, "startDate": "2026-03-01""#).isEmpty)
        let unknown = try Self.validate(#""favouriteColour": "blue""#)
        #expect(unknown.count == 1 && unknown[0].contains("$.details.favouriteColour: unknown case detail \"favouriteColour\""))
        #expect(try Self.validate(#""inspector": "Ann""#).first?.contains("a field of the case itself") == true)
        #expect(
            try Self.validate(#""gender": "purple""#).first?.contains("\"purple\" is not a value of gender; expected one of: male") == true)
        #expect(try Self.validate(#""lookedAfter": "yes""#).first?.contains("lookedAfter must be true or false, found a string") == true)
        #expect(try Self.validate(#""ageAtStart": 40"#).first?.contains("ageAtStart must be from 10 to 18, found 40") == true)
        #expect(try Self.validate(#""startDate": "31/02/2026""#).first?.contains("startDate must be a date written YYYY-MM-DD") == true)
        #expect(try Self.validate(#""ageAtStart": 1.5"#).first?.contains("expected a string, true or false, or a whole number") == true)
    }

    @Test func aRequiredDetailMustBeRecordedBeforeACaseIsComplete() throws {
        let framework = try Self.framework(details: #"{"id": "remand", "label": "Remanded", "kind": "yes-no", "required": true}"#)
        var file = CaseFile(ref: "C01", framework: framework.id, domain: "2", disposal: "referral-order")
        #expect(framework.completionGaps(file).details == ["remand"])
        file.status = .complete
        let found = FileValidator.unsettled(file, path: "C01.json", framework: framework).map(\.message)
        #expect(found.contains { $0.contains("required case detail(s) are not recorded: remand") })
        file.details.recorded["remand"] = .flag(false)
        #expect(framework.completionGaps(file).details.isEmpty)
        #expect(!FileValidator.unsettled(file, path: "C01.json", framework: framework).map(\.message).contains { $0.contains("required") })
    }

    /// A case marked complete that still lacks a judgement, a prompt's answer or a required
    /// detail (a hand edit, a merge, a revision that made a detail required) is named by the
    /// report, in ref order, in every format; a case in progress or complete and whole is not.
    @Test func theReportListsCompleteCasesThatStillLackSomething() throws {
        let framework = try Self.framework(details: #"{"id": "remand", "label": "Remanded", "kind": "yes-no", "required": true}"#)
        let questions = framework.caseKeyQuestions(domain: "2")
        let numbers = questions.map(\.number)
        func judged(
            _ ref: String, except open: Set<String> = [], unanswered: Set<String> = [], remand: Bool?, status: CaseStatus = .complete
        ) -> CaseFile {
            var file = CaseFile(ref: ref, framework: framework.id, domain: "2", disposal: "referral-order")
            for question in questions where !open.contains(question.number) {
                var answer = Answer(judgement: .yes)
                for prompt in question.prompts where !unanswered.contains(question.number + "/" + prompt.letter) {
                    answer.prompts[prompt.letter] = .yes
                }
                file.answers[question.number] = answer
            }
            if let remand { file.details.recorded["remand"] = .flag(remand) }
            file.status = status
            return file
        }
        var fold = InspectionReport.Fold(framework: framework)
        // Folded out of order, as the cores fold them; listed in ref order.
        fold.add(judged("C10", except: [numbers[0], numbers[2]], remand: nil), position: 6)
        fold.add(judged("C2", except: [numbers[1]], remand: true), position: 1)
        fold.add(judged("C1", remand: false), position: 0)
        fold.add(judged("C3", except: Set(numbers), remand: nil, status: .inProgress), position: 2)
        fold.add(judged("C9", remand: nil), position: 5)
        fold.add(judged("C4", unanswered: ["\(numbers[0])/a", "\(numbers[0])/c", "\(numbers[1])/b"], remand: true), position: 3)
        // A key question judged not applicable asks no prompt.
        var notApplicable = judged("C5", unanswered: ["\(numbers[0])/a"], remand: true)
        notApplicable.answers[numbers[0]]?.judgement = .na
        fold.add(notApplicable, position: 4)
        let report = fold.report(
            service: "Test", inspection: InspectionFile(service: "Test", framework: framework.id), promptDenominator: .applicable)
        let expected = [
            "C2: \(numbers[1]) not judged",
            "C4: prompts \(numbers[0])/a, \(numbers[0])/c, \(numbers[1])/b not answered",
            "C9: required detail remand not recorded",
            "C10: \(numbers[0]), \(numbers[2]) not judged; required detail remand not recorded",
        ]
        #expect(report.completedWithGaps == expected)
        let text = TextReportRenderer().render(report)
        #expect(text.contains("Cases marked complete with something still missing (4):") && expected.allSatisfy(text.contains))
        #expect(MarkdownReportRenderer().render(report).contains("- " + expected[2]))
        #expect(HTMLReportRenderer().render(report).contains("<li>\(expected[0])</li>"))
        let json = try JSONParser.parse(Array(JSONReportRenderer().render(report).utf8))
        #expect(json.objectValue?["completedWithGaps"]?.arrayValue == expected.map(JSONValue.string))
        // validate names the same gaps, case by case.
        let messages = FileValidator.unsettled(judged("C10", except: [numbers[0]], remand: nil), path: "C10.json", framework: framework)
            .map(\.message)
        #expect(messages.contains { $0.contains("required case detail(s) are not recorded: remand") })
        #expect(messages.contains { $0.contains("1 key question(s) that apply are unanswered (\(numbers[0]))") })
        let prompts = FileValidator.unsettled(
            judged("C4", unanswered: ["\(numbers[1])/b"], remand: true), path: "C4.json", framework: framework)
        #expect(
            prompts.map(\.message) == [
                "marked complete, but 1 prompt(s) of key questions that apply are unanswered (\(numbers[1])/b): answer them, or judge the key question not applicable"
            ])
        #expect(prompts.first?.path == JSONPath.root.appending("status"))
    }

    // MARK: History and merge

    @Test func aDetailChangeIsAHistoryEntryWithItsOldAndNewValues() {
        let before = CaseFile(ref: "C01", framework: "hmip-yos-2020-09", domain: "2", disposal: "referral-order")
        var after = before
        after.details.recorded["gender"] = .text("male")
        after.details.recorded["ageAtStart"] = .number(16)
        var entries = before.changes(to: after, by: "ann", at: "2026-12-01T10:00:00Z").map {
            "\($0.field) \($0.item) \($0.old ?? "-") \($0.new ?? "-")"
        }
        #expect(entries == ["detail ageAtStart - 16", "detail gender - male"])
        var again = after
        again.details.recorded["gender"] = nil
        entries = after.changes(to: again, by: "ann", at: "2026-12-01T10:01:00Z").map {
            "\($0.field) \($0.item) \($0.old ?? "-") \($0.new ?? "-")"
        }
        #expect(entries == ["detail gender male -"])
    }

    @Test func twoCopiesChangingDifferentDetailsMergeAndTheSameDetailClashes() {
        let base = CaseFile(ref: "C01", framework: "hmip-yos-2020-09", domain: "2", disposal: "referral-order")
        func changed(_ values: [String: DetailValue], by: String) -> CaseFile {
            var file = base
            for (id, value) in values { file.details.recorded[id] = value }
            return base.recording(file, by: by, at: "2026-12-01T10:00:0\(by.count)Z")
        }
        let ours = changed(["gender": .text("female"), "lookedAfter": .flag(true)], by: "ann")
        let theirs = changed(["ageAtStart": .number(14), "lookedAfter": .flag(false)], by: "bobby")
        for known in [base, nil] as [CaseFile?] {
            let outcome = CaseMerge.merge(base: known, ours: ours, theirs: theirs)
            let merged = outcome.merged
            #expect(merged?.details.recorded["gender"] == .text("female"))
            #expect(merged?.details.recorded["ageAtStart"] == .number(14))
            #expect(outcome.conflicts.map(\.path) == [["details", "lookedAfter"]])
            #expect(outcome.conflicts.first?.place == "detail lookedAfter")
            #expect(outcome.conflicts.first?.versions.map(\.by) == ["ann", "bobby"])
            // Resolved as any other conflict: the value chosen, the other details as merged.
            let resolved = merged?.resolvingConflict(0, choosing: 1)
            #expect(resolved?.details.recorded == ["gender": .text("female"), "ageAtStart": .number(14), "lookedAfter": .flag(false)])
        }
    }

    // MARK: Reports

    @Test func theReportCountsTheCasesByEachTabulatedDetailInEveryFormat() throws {
        let framework = Frameworks.y2020
        var cases: [CaseFile] = []
        for (index, gender) in ["male", "male", "female"].enumerated() {
            var file = makeCase("C0\(index + 1)", framework: framework)
            file.details.recorded["gender"] = .text(gender)
            file.details.recorded["ageAtStart"] = .number(13 + index)
            cases.append(file)
        }
        var outOfCourt = makeCase("O01", framework: framework, domain: "3", disposal: "youth-caution")
        outOfCourt.details.recorded["disposalAppropriate"] = .flag(true)
        outOfCourt.details.caseManagerInterviewed = true
        cases.append(outOfCourt)
        var fold = InspectionReport.Fold(framework: framework)
        fold.add(cases)
        let report = fold.report(
            service: "S", inspection: InspectionFile(service: "S", framework: framework.id), promptDenominator: .applicable)
        let tables = report.casesAssessed.tables
        let gender = try #require(tables.first { $0.id == "gender" })
        #expect(gender.rows.map(\.label) == ["Male", "Female", "Other", "Not recorded", CasesAssessed.notRecorded])
        #expect(gender.rows.map { $0.counts["2"] ?? 0 } == [2, 1, 0, 0, 0])
        #expect(gender.rows.map { $0.counts["3"] ?? 0 } == [0, 0, 0, 0, 1])
        let age = try #require(tables.first { $0.id == "ageAtStart" })
        #expect(age.rows.map { $0.counts["2"] ?? 0 } == [2, 1, 0, 0])
        let appropriate = try #require(tables.first { $0.id == "disposalAppropriate" })
        #expect(appropriate.domains == ["3"] && appropriate.rows.first?.counts["3"] == 1)
        let disposal = try #require(tables.first { $0.id == "disposal" })
        #expect(disposal.rows.first { $0.label == "Referral order" }?.counts["2"] == 3)

        let text = ReportFormat.text.render(report)
        #expect(text.contains("Data from the cases assessed"))
        #expect(text.split(separator: "\n").contains { $0.contains("Male") && $0.contains("2 (67%)") })
        let markdown = ReportFormat.markdown.render(report)
        #expect(markdown.contains("## Data from the cases assessed") && markdown.contains("| Male | 2 (67%) | 0 (0%) | 2 (50%) |"))
        let html = ReportFormat.html.render(report)
        #expect(html.contains("<h2>Data from the cases assessed</h2>") && html.contains("<tr><td>Female</td><td class=\"n\">1 (33%)</td>"))
        let csv = ReportFormat.csv.render(report)
        #expect(csv.contains("casesAssessed,,,,Male,") && csv.contains(",gender,2,2,3\r\n"))
        let json = try JSONParser.parse(Array(ReportFormat.json.render(report).utf8))
        let jsonGender = try #require(
            json.objectValue?["casesAssessed"]?.arrayValue?.first { $0.objectValue?["detail"]?.stringValue == "gender" })
        #expect(jsonGender.objectValue?["cases"]?.objectValue?["2"]?.intValue == 3)
        #expect(jsonGender.objectValue?["rows"]?.arrayValue?.first?.objectValue?["counts"]?.objectValue?["2"]?.intValue == 2)
    }

    @Test func theDrawnSampleIsKeptInTheInspectionFileAndReadBack() throws {
        var file = InspectionFile(service: "S", framework: "hmip-yos-2020-09")
        let old = file.encoded()
        #expect(!String(decoding: old, as: UTF8.self).contains("\"sample\""))
        file.drawnSample = DrawnSample(
            domains: [
                .init(
                    number: "2", population: 17, sample: 16,
                    strata: [.init(attribute: "gender", value: "male", population: 12, sample: 11)], shortfalls: ["a share not met"])
            ], rule: "80% confidence, margin of error 5", seed: 7)
        var problems = ProblemCollector(file: "inspection.json")
        let read = InspectionFile.read(try JSONParser.parse(file.encoded()), problems: &problems)
        #expect(problems.isEmpty && read == file)
        var bad = ProblemCollector(file: "inspection.json")
        let text =
            #"{"format": "casemark/inspection", "version": 1, "service": "S", "framework": "f", "sample": {"domains": [{"domain": "2"}]}}"#
        _ = InspectionFile.read(try JSONParser.parse(Array(text.utf8)), problems: &bad)
        #expect(bad.located(in: Array(text.utf8)).map(\.description).contains { $0.contains("$.sample.domains[0]") })
    }

    @Test func aDeclaredDetailGroupsTheAcrossReport() {
        var file = makeCase("C01")
        file.details.recorded["ageAtStart"] = .number(16)
        #expect(AcrossReport.value(of: "ageAtStart", in: file, framework: Frameworks.y2020) == "15 to 17")
        #expect(AcrossReport.value(of: "gender", in: file, framework: Frameworks.y2020) == "not recorded")
        // A field a team kept before the framework declared it still groups.
        file.unknown["gender"] = .string("girl")
        #expect(AcrossReport.value(of: "gender", in: file, framework: Frameworks.y2020) == "girl")
    }
}

/// The demo samples' case details against what their reports say (issue 12): the report's "data
/// from the cases assessed" reads like the published one.
@Suite("The demo samples' case details match their reports")
struct DemoDetailsTests {
    /// A sample's report, and the seed report's text with its line breaks as spaces.
    static func report(_ name: String, seed: String) throws -> (CasesAssessed, String, TemporaryFolder) {
        let (report, scratch) = try PublishedFiguresTests.report(name)
        let text = try String(contentsOf: PublishedFiguresTests.seeds.appendingPathComponent(seed), encoding: .utf8)
        return (report.casesAssessed, text.replacingOccurrences(of: "\n", with: " "), scratch)
    }

    /// The count of `group` in the table of `detail`, in `domain`.
    static func count(_ assessed: CasesAssessed, _ detail: String, _ group: String, domain: String) -> Int? {
        assessed.tables.first { $0.id == detail }?.rows.first { $0.label == group }?.counts[domain]
    }

    @Test func camdensCasesAreAsItsReportDescribesThem() throws {
        let (assessed, seed, _) = try Self.report("camden-2020", seed: "000_c45987036b20caed.txt")
        let statements: [(String, String, String, String, Int)] = [
            ("We also conducted 15 interviews with the relevant case managers", "caseManagerInterviewed", "Yes", "2", 15),
            ("We interviewed the case managers for all ten cases", "caseManagerInterviewed", "Yes", "3", 10),
            (
                "Inspectors agreed with the safety and wellbeing classification assigned in 12 of the 16 cases", "agreedSafetyAndWellbeing",
                "Yes", "2", 12
            ),
            ("the classification applied at the start of sentence was too low in three cases", "agreedRiskOfSeriousHarm", "No", "2", 3),
            ("There were victim issues to consider in 14 of the 16 cases", "victimsIdentified", "Yes", "2", 14),
            ("In four, they had been looked after", "lookedAfter", "Yes", "2", 4),
            (
                "In two of the cases inspected, children had been subject to a child protection plan or Section 47", "childProtection",
                "Yes", "2", 2
            ),
            ("None of the cases we assessed involved a child being looked after", "lookedAfter", "Yes", "3", 0),
            ("only one was subject to a child protection plan or Section 47", "childProtection", "Yes", "3", 1),
            ("We judged that an out-of-court disposal was appropriate in all the cases", "disposalAppropriate", "Yes", "3", 10),
            (
                "seven of the children who were offered an out-of-court disposal were of black and minority ethnic heritage", "ethnicity",
                "Black and minority ethnic", "3", 7
            ),
            (
                "in two of the ten cases assessed, the case manager judged that the level should be 'low'", "agreedSafetyAndWellbeing",
                "No", "3", 2
            ),
            (
                "we considered that the classification of risk of serious harm should have been 'medium' rather than 'low'",
                "agreedRiskOfSeriousHarm", "No", "3", 2
            ),
        ]
        for (statement, detail, group, domain, expected) in statements {
            #expect(seed.contains(statement), "the seed no longer says: \(statement)")
            #expect(Self.count(assessed, detail, group, domain: domain) == expected, "\(statement)")
        }
        // "Of the nine cases where ethnicity was clearly recorded".
        #expect(seed.contains("Of the nine cases where ethnicity was clearly recorded"))
        #expect(Self.count(assessed, "ethnicity", "Not recorded", domain: "3") == 1)
        // The court offence types, as the table prints them (of 16 cases).
        #expect(seed.contains("Violence against the person\t63%") && seed.contains("Drug offence\t13%"))
        let offences = try #require(assessed.tables.first { $0.id == "offenceType" })
        let printed = offences.rows.filter { ($0.counts["2"] ?? 0) > 0 }.map {
            "\($0.label) \(CasesAssessed.figure($0.counts["2"] ?? 0, of: 16))"
        }
        #expect(
            printed == [
                "Violence against the person 10 (63%)", "Robbery 2 (13%)", "Theft and handling stolen goods 1 (6%)",
                "Criminal damage 1 (6%)",
                "Drug offence 2 (13%)",
            ])
    }

    @Test func blaenauGwentAndCaerphillysCasesAreAsItsReportDescribesThem() throws {
        let (assessed, seed, _) = try Self.report("bgc-2022", seed: "003_0e9dabcbe77bc01f.txt")
        let statements: [(String, String, String, String, Int)] = [
            ("We also conducted four interviews with the relevant case managers", "caseManagerInterviewed", "Yes", "2", 4),
            ("We interviewed the case managers in nine cases", "caseManagerInterviewed", "Yes", "3", 9),
            ("management oversight met the needs of the case in four out of five post-court cases", "managementOversight", "Yes", "2", 4),
            ("and all out-of-court disposals", "managementOversight", "Yes", "3", 10),
            ("level of safety and wellbeing as reasonable in every case", "agreedSafetyAndWellbeing", "Yes", "2", 5),
            ("risk of serious harm to others as reasonable in only three of the five cases", "agreedRiskOfSeriousHarm", "Yes", "2", 3),
            ("level of safety and wellbeing as reasonable in eight out of the 10 cases", "agreedSafetyAndWellbeing", "Yes", "3", 8),
            ("reasonable in only seven out of the 10 cases inspected", "agreedRiskOfSeriousHarm", "Yes", "3", 7),
        ]
        for (statement, detail, group, domain, expected) in statements {
            #expect(seed.contains(statement), "the seed no longer says: \(statement)")
            #expect(Self.count(assessed, detail, group, domain: domain) == expected, "\(statement)")
        }
        #expect(Self.count(assessed, "disposal", "Community resolution", domain: "3") == 8)
        let offences = try #require(assessed.tables.first { $0.id == "offenceType" })
        #expect(
            offences.rows.filter { ($0.counts["2"] ?? 0) > 0 }.map { CasesAssessed.figure($0.counts["2"] ?? 0, of: 5) } == [
                "2 (40%)", "1 (20%)", "1 (20%)", "1 (20%)",
            ])
    }

    @Test func theCaseManagersClassificationIsTheInspectorsWhereTheyAgreedAndLowerWhereNot() throws {
        let sample = try #require(try PublishedSample.bundled().first { $0.name == "camden-2020" })
        let cases = try SampleBuilder(sample: sample, framework: Frameworks.y2018).cases()
        for file in cases {
            guard case .flag(let agreed)? = file.details.recorded["agreedRiskOfSeriousHarm"] else { continue }
            let given = file.details.recorded["caseManagerRiskOfSeriousHarm"]?.text
            if agreed || file.details.riskOfSeriousHarm == .low {
                #expect(given == file.details.riskOfSeriousHarm?.rawValue, "\(file.ref)")
            } else {
                #expect(given == "low" && file.details.riskOfSeriousHarm == .medium, "\(file.ref)")
            }
        }
    }
}
