import CasemarkTestSupport
import Foundation
import Testing

@testable import CasemarkCore

@Suite("Inspection and case files")
struct FileFormatTests {
    let minimalInspection = """
        { "format": "casemark/inspection", "version": 1,
          "service": "Camden Youth Offending Service",
          "framework": "hmip-yos-2018",
          "ratings":    { "1.1": { "rating": "outstanding", "note": "evidence ..." } },
          "discretion": { "2.2": { "rating": "outstanding", "reason": "why the panel moved it" } } }
        """
    let minimalCase = """
        { "format": "casemark/case", "version": 1,
          "ref": "C01", "framework": "hmip-yos-2018",
          "domain": "2", "disposal": "referral-order", "status": "in-progress",
          "answers": { "2.1.1": { "judgement": "yes", "prompts": { "a": "yes", "b": "no", "c": "na" }, "note": "..." },
                       "2.2.2": { "judgement": "na" } } }
        """

    @Test func theIssueExamplesAreValidAsTheyStand() throws {
        let folder = TemporaryFolder()
        folder.write("inspection.json", minimalInspection)
        folder.write("cases/C01.json", minimalCase)
        let loaded = try InspectionFolder.load(folder.path, catalog: Frameworks.catalog)
        #expect(loaded.damaged.isEmpty)
        #expect(loaded.inspection.service == "Camden Youth Offending Service")
        #expect(loaded.inspection.ratings["1.1"] == DirectRating(rating: "outstanding", note: "evidence ..."))
        #expect(loaded.inspection.discretion["2.2"]?.reason == "why the panel moved it")
        #expect(loaded.cases.count == 1)
        let file = loaded.cases[0]
        #expect(file.answers["2.1.1"]?.prompts == ["a": .yes, "b": .no, "c": .na])
        #expect(file.answers["2.1.1"]?.judgement == .yes)
        #expect(file.answers["2.2.2"]?.judgement == .na)
        #expect(file.status == .inProgress)
    }

    @Test func unknownFieldsSurviveALoadAndSave() throws {
        let text = """
            { "format": "casemark/case", "version": 1, "ref": "C01", "framework": "hmip-yos-2018",
              "domain": "2", "disposal": "referral-order", "status": "in-progress",
              "review": { "by": "A Manager", "comments": [1, 2.50, {"x": null}] },
              "answers": { "2.1.1": { "judgement": "yes", "confidence": "high" } },
              "zeta": true }
            """
        let decoded = CaseFileDecoder.decode(Array(text.utf8), file: "C01.json")
        var file = try #require(decoded.file)
        #expect(decoded.problems.isEmpty)
        file.answers["2.1.2"] = Answer(judgement: .no)
        let saved = try JSONParser.parse(file.encoded())
        let object = try #require(saved.objectValue)
        #expect(object["review"] == (try JSONParser.parse(#"{ "by": "A Manager", "comments": [1, 2.50, {"x": null}] }"#)))
        #expect(object["zeta"] == .bool(true))
        #expect(object["answers"]?.objectValue?["2.1.1"]?.objectValue?["confidence"] == .string("high"))
        // Known fields first in a fixed order, then the unknown ones as they came.
        #expect(
            object.keys == [
                "format", "version", "ref", "framework", "domain", "disposal", "status", "answers", "review", "zeta",
            ])
        // Saving again gives the same bytes.
        let reread = try #require(CaseFile.read(saved).file)
        #expect(reread.encoded() == file.encoded())

        var inspectionProblems = ProblemCollector(file: "inspection.json")
        let inspectionText =
            #"{"format": "casemark/inspection", "version": 1, "service": "S", "framework": "hmip-yos-2018", "team": ["A", "B"], "ratings": {"1.1": {"rating": "good", "by": "lead"}}}"#
        let inspection = try #require(InspectionFile.read(try JSONParser.parse(inspectionText), problems: &inspectionProblems))
        let savedInspection = try JSONParser.parse(inspection.encoded()).objectValue
        #expect(savedInspection?["team"] == .array([.string("A"), .string("B")]))
        #expect(savedInspection?["ratings"]?.objectValue?["1.1"]?.objectValue?["by"] == .string("lead"))
    }

    @Test func answersAreSavedInKeyQuestionOrder() throws {
        var file = makeCase("C1")
        for number in ["3.1.1", "2.10.1", "2.2.1", "2.1.3", "2.1.1"] {
            file.answers[number] = Answer(judgement: .yes)
        }
        let keys = try JSONParser.parse(file.encoded()).objectValue?["answers"]?.objectValue?.keys
        #expect(keys == ["2.1.1", "2.1.3", "2.2.1", "2.10.1", "3.1.1"])
    }

    /// Dates are written `YYYY-MM-DD` with real months and days, leap years included.
    @Test func calendarDatesAreReadAsWritten() {
        for (text, date) in [
            ("2026-11-23", (2026, 11, 23)), ("2024-02-29", (2024, 2, 29)), ("2000-02-29", (2000, 2, 29)),
            ("0001-01-01", (1, 1, 1)), ("2026-12-31", (2026, 12, 31)), ("2026-04-30", (2026, 4, 30)),
        ] {
            let read = CalendarDate(text)
            #expect(read?.year == date.0 && read?.month == date.1 && read?.day == date.2, "\(text)")
        }
        for text in [
            "2026-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32", "2026-1-01",
            "02026-01-01", "2026-01-01 ", " 2026-01-01", "2026-+1-01", "+026-01-01", "2026-01-+1", "2026/01/01", "",
            "2026-01-0\u{0661}", "２０２６-01-01", "2026-01-1\u{301}",
        ] {
            #expect(CalendarDate(text) == nil, "\(text)")
        }
    }
}

@Suite("Validation names the file and the place")
struct ValidationTests {
    let validator = FileValidator(catalog: Frameworks.catalog)

    func validate(_ name: String, _ text: String, in folder: TemporaryFolder = TemporaryFolder()) -> [String] {
        folder.write(name, text)
        return messages(validator.validate(path: folder.path + "/" + name)).map {
            $0.replacingOccurrences(of: folder.path + "/", with: "")
        }
    }

    func inspectionFolder(framework: String = "hmip-yos-2018") -> TemporaryFolder {
        let folder = TemporaryFolder()
        folder.write("inspection.json", #"{"format": "casemark/inspection", "version": 1, "service": "S", "framework": "\#(framework)"}"#)
        return folder
    }

    @Test func bundledFrameworksAreValid() throws {
        for id in ["hmip-yos-2018", "hmip-yos-2020-09"] {
            let entry = try #require(Frameworks.catalog.entry(id: id))
            #expect(throws: Never.self) { try FrameworkReader.read(bytes: entry.bytes, file: id, expectedID: id) }
        }
    }

    @Test func brokenJSONGivesLineAndColumn() {
        #expect(
            validate("x.json", "{\n  \"format\": \"casemark/case\",\n  \"ref\": C01\n}") == ["x.json:3:10: expected a value, found 'C'"])
    }

    @Test func aFileOfNoKnownFormat() {
        #expect(
            validate("x.json", #"{"format": "something/else"}"#) == [
                "x.json:1:12: $.format: not a casemark file: expected format casemark/framework, casemark/inspection or casemark/case, found \"something/else\""
            ])
    }

    /// The 2020 framework file with one edit, validated under its own name.
    func frameworkProblems(_ edit: (inout JSONObject) -> Void) throws -> [String] {
        let entry = try #require(Frameworks.catalog.entry(id: "hmip-yos-2020-09"))
        var object = try #require(try JSONParser.parse(entry.bytes).objectValue)
        edit(&object)
        return validate("hmip-yos-2020-09.json", JSONWriter.string(from: .object(object)))
    }

    /// Edits the first standard of domain `domain`.
    func editStandard(_ object: inout JSONObject, domain: Int, standard: Int, _ edit: (inout JSONObject) -> Void) {
        guard case .array(var domains) = object["domains"], case .object(var domainObject) = domains[domain],
            case .array(var standards) = domainObject["standards"], case .object(var standardObject) = standards[standard]
        else { return }
        edit(&standardObject)
        standards[standard] = .object(standardObject)
        domainObject["standards"] = .array(standards)
        domains[domain] = .object(domainObject)
        object["domains"] = .array(domains)
    }

    @Test func duplicateKeyQuestionNumber() throws {
        let problems = try frameworkProblems { object in
            editStandard(&object, domain: 1, standard: 0) { standard in
                guard case .array(var questions) = standard["keyQuestions"], case .object(var second) = questions[1] else { return }
                second["number"] = .string("2.1.1")
                questions[1] = .object(second)
                standard["keyQuestions"] = .array(questions)
            }
        }
        #expect(problems.count == 1)
        #expect(problems[0].hasSuffix(#"$.domains[1].standards[0].keyQuestions[1].number: duplicate key question number "2.1.1""#))
        #expect(problems[0].hasPrefix("hmip-yos-2020-09.json:"))
    }

    @Test func aPromptUnderNoKeyQuestion() throws {
        let problems = try frameworkProblems { object in
            editStandard(&object, domain: 1, standard: 1) { standard in
                standard["prompts"] = .array([.object(JSONObject(["letter": .string("a"), "text": .string("Stray?")]))])
            }
        }
        #expect(problems.count == 1)
        #expect(
            problems[0].contains(#"$.domains[1].standards[1].prompts: unknown field "prompts" (a prompt must sit under a key question)"#))
    }

    /// A provenance says published, transcribed or inferred, and nothing else.
    @Test func aProvenanceWithAnUnknownOriginOrField() throws {
        let problems = try frameworkProblems { object in
            object["provenance"] = .object(JSONObject(["prompts": .string("guessed"), "notes": .string("published")]))
        }
        #expect(problems.count == 2)
        #expect(
            problems.contains {
                $0.hasSuffix(#"$.provenance.notes: unknown field "notes"; expected one of: title, statement, keyQuestions, prompts"#)
            })
        #expect(
            problems.contains { $0.hasSuffix(#"$.provenance.prompts: expected one of: published, transcribed, inferred, found "guessed""#) }
        )
    }

    @Test func anUnknownRatingAndAnUnorderedBandTable() throws {
        let problems = try frameworkProblems { object in
            object["keyQuestionBands"] = .array([
                .object(JSONObject(["rating": .string("outstanding"), "atLeastPercent": .integer(65)])),
                .object(JSONObject(["rating": .string("good"), "atLeastPercent": .integer(80)])),
                .object(JSONObject(["rating": .string("excellent"), "atLeastPercent": .integer(50)])),
                .object(JSONObject(["rating": .string("inadequate"), "atLeastPercent": .integer(0)])),
            ])
        }
        #expect(problems.count == 2)
        #expect(
            problems[0].hasSuffix(
                "$.keyQuestionBands[1].atLeastPercent: bands must be ordered best first with falling thresholds: 80 does not fall below 65")
        )
        #expect(
            problems[1].hasSuffix(
                #"$.keyQuestionBands[2].rating: unknown rating "excellent"; the rating scale has: good, inadequate, outstanding, requires-improvement"#
            ))
    }

    @Test func frameworkIDMustMatchItsFileName() throws {
        let problems = try frameworkProblems { $0["id"] = .string("hmip-yos-2021") }
        #expect(problems.count == 1)
        #expect(problems[0].hasSuffix(#"$.id: id "hmip-yos-2021" must equal the file name without .json ("hmip-yos-2020-09")"#))
    }

    @Test func everyProblemInACaseIsReported() {
        let folder = inspectionFolder()
        let problems = validate(
            "cases/C02.json",
            """
            {"format": "casemark/case", "version": 1, "ref": "C01", "framework": "hmip-yos-2018",
             "domain": "2", "disposal": "youth-caution", "status": "done",
             "answers": {"2.1.1": {"judgement": "maybe"}, "3.1.1": {"judgement": "yes"}, "9.9.9": {"note": "x"},
                         "2.1.2": {"prompts": {"z": "yes"}}, "1.1.1": {"judgement": "yes"}}}
            """, in: folder)
        #expect(
            problems == [
                #"cases/C02.json:2:56: $.status: status must be "in-progress" or "complete", found "done""#,
                #"cases/C02.json:3:37: $.answers["2.1.1"].judgement: expected "yes", "no" or "na", found "maybe""#,
                #"cases/C02.json:1:50: $.ref: ref "C01" must equal the file name ("C02")"#,
                #"cases/C02.json:2:29: $.disposal: disposal "youth-caution" belongs to domain 3, but the case is in domain 2"#,
                #"cases/C02.json:4:59: $.answers["1.1.1"]: key question 1.1.1 belongs to domain 1, but the case is in domain 2"#,
                #"cases/C02.json:4:41: $.answers["2.1.2"].prompts.z: key question 2.1.2 has no prompt "z""#,
                #"cases/C02.json:3:56: $.answers["3.1.1"]: key question 3.1.1 belongs to domain 3, but the case is in domain 2"#,
                #"cases/C02.json:3:87: $.answers["9.9.9"]: no key question "9.9.9" in framework hmip-yos-2018"#,
            ])
    }

    @Test func anEmptyAnswerToAKeyQuestionThatDoesNotExistIsReported() throws {
        let folder = inspectionFolder()
        let text =
            #"{"format": "casemark/case", "version": 1, "ref": "C01", "framework": "hmip-yos-2018", "domain": "2", "disposal": "referral-order", "status": "in-progress", "answers": {"9.9.9": {}, "1.1.1": {}, "2.1.1": {}}}"#
        let problems = validate("cases/C01.json", text, in: folder)
        #expect(
            problems == [
                #"cases/C01.json:1:178: $.answers["9.9.9"]: no key question "9.9.9" in framework hmip-yos-2018"#,
                #"cases/C01.json:1:191: $.answers["1.1.1"]: key question 1.1.1 belongs to domain 1, but the case is in domain 2"#,
            ])
        // Loading lists the file as damaged.
        let loaded = try InspectionFolder.load(folder.path, catalog: Frameworks.catalog)
        #expect(loaded.damaged.count == 1)
        #expect(loaded.damaged.first?.diagnostics.contains { $0.message == #"no key question "9.9.9" in framework hmip-yos-2018"# } == true)
    }

    @Test func aCaseUnderAnotherFrameworkThanItsInspection() {
        let folder = inspectionFolder()
        let problems = validate(
            "cases/C01.json",
            #"{"format": "casemark/case", "version": 1, "ref": "C01", "framework": "hmip-yos-2020-09", "domain": "3", "disposal": "mystery", "status": "complete", "answers": {}}"#,
            in: folder)
        #expect(
            problems == [
                #"cases/C01.json:1:70: $.framework: the case is marked under framework "hmip-yos-2020-09" but its inspection uses "hmip-yos-2018""#,
                #"cases/C01.json:1:117: $.disposal: unknown disposal type "mystery"; hmip-yos-2020-09 has: referral-order, youth-rehabilitation-order, detention-and-training-order, community-resolution, youth-caution, youth-conditional-caution"#,
            ])
    }

    @Test func unsafeRefsAndNewerVersions() {
        let problems = validate(
            "weird.json",
            #"{"format": "casemark/case", "version": 2, "ref": "../evil", "framework": "hmip-yos-2018", "domain": "2", "disposal": "referral-order", "status": "complete", "answers": {}}"#
        )
        #expect(
            problems == [
                "weird.json:1:40: $.version: version 2 is newer than this casemark understands (1); update casemark",
                #"weird.json:1:50: $.ref: ref "../evil" is not a safe file name (letters, digits, '.', '_', '-'; not starting with '.')"#,
            ])
    }

    @Test func inspectionProblems() {
        let problems = validate(
            "inspection.json",
            #"{"format": "casemark/inspection", "version": 1, "service": "S", "framework": "hmip-yos-2018", "ratings": {"2.1": {"rating": "good"}, "1.2": {"rating": "superb"}}, "discretion": {"2.2": {"rating": "good"}, "7.7": {"rating": "good", "reason": "r"}}}"#
        )
        #expect(
            problems == [
                #"inspection.json:1:186: $.discretion["2.2"]: a ratings panel decision needs a "reason""#,
                #"inspection.json:1:152: $.ratings["1.2"].rating: unknown rating "superb"; expected one of: outstanding, good, requires-improvement, inadequate"#,
                #"inspection.json:1:114: $.ratings["2.1"]: standard 2.1 is rated from cases; record a ratings panel decision under "discretion" instead"#,
                #"inspection.json:1:213: $.discretion["7.7"]: no standard "7.7" in framework hmip-yos-2018"#,
            ])
    }

    @Test func anUnknownFrameworkIsNamed() {
        let problems = validate(
            "inspection.json", #"{"format": "casemark/inspection", "version": 1, "service": "S", "framework": "hmip-yos-1999"}"#)
        #expect(
            problems == [
                #"inspection.json:1:78: $.framework: no framework "hmip-yos-1999"; available: hmip-yos-2018, hmip-yos-2020-09, hmip-yos-2022"#
            ])
    }

    @Test func controlCharactersInMessagesAreEscaped() {
        let problems = validate("x.json", "{\"format\": \"\\u001b[2J\\u0007\"}")
        #expect(problems.count == 1)
        #expect(problems[0].contains(#"found "\e[2J\u{7}""#))
        #expect(!problems[0].contains("\u{1B}"))
    }
}

/// A history entry has one writer (`HistoryEntry.write(into:)`), fields from a newer version
/// included; its tree is read back from what it writes.
@Suite("History entries, one writer")
struct HistoryEntryWriterTests {
    @Test func entriesWithNewerFieldsAreWrittenAsTheTreeSaysAndReadBack() throws {
        var entry = HistoryEntry(at: "2026-11-23T09:00:00Z", by: "Ann \"A\" Lee", field: .note, item: "2.1.1", old: nil, new: "line\nbreak")
        entry.unknown = JSONObject([
            "device": .string("tablet"), "tags": .array([.string("a"), .integer(2)]),
            "nested": .object(JSONObject(["deep": .bool(true), "empty": .object(JSONObject())])),
        ])
        // The tree as casemark has always defined it: the known fields, then the newer ones.
        var expected = JSONObject([
            "at": .string("2026-11-23T09:00:00Z"), "by": .string("Ann \"A\" Lee"), "field": .string("note"), "item": .string("2.1.1"),
            "new": .string("line\nbreak"),
        ])
        expected.append(contentsOf: entry.unknown)
        #expect(entry.jsonValue() == .object(expected))
        var file = CaseFile(ref: "C01", framework: "hmip-yos-2020-09", domain: "2", disposal: "referral-order")
        file.history = [entry, HistoryEntry(at: "2026-11-23T09:00:05Z", by: "Ann", field: .prompt, item: "2.1.1/a", old: nil, new: "yes")]
        // The file's bytes are the tree's, written out, with and without newer case-level fields.
        #expect(file.encoded() == JSONWriter.bytes(from: file.jsonValue()))
        file.unknown = JSONObject(["later": .string("x")])
        #expect(file.encoded() == JSONWriter.bytes(from: file.jsonValue()))
        let read = try #require(CaseFileDecoder.decode(file.encoded(), file: "C01.json", keepingHistory: true).file)
        #expect(read.history == file.history)
    }
}
