import CasemarkCore
import CasemarkTestSupport
import Foundation
import Testing

/// A case file with thousands of problems is checked in time in proportion to its size (each
/// problem was located by parsing the whole file again: 10,000 unknown prompts took 166 s), and
/// is named with its first hundred problems and a count of the rest.
@Suite("Files with thousands of problems")
struct ManyProblemsTests {
    static let framework = try! FrameworkCatalog(folders: []).framework(id: "hmip-yos-2020-09")
    /// A guard against a hang only: each of these runs in well under a second.
    static let bound: TimeInterval = 20

    func makeInspection(_ path: String) throws {
        let folder = try InspectionFolder.create(at: path, service: "Test Service", framework: Self.framework)
        try folder.save(CaseFile(ref: "C01", framework: Self.framework.id, domain: "2", disposal: "referral-order"))
    }

    /// A case file C02 whose answers and history are the JSON given.
    func caseText(answers: String, history: String = "[]") -> String {
        """
        {"format": "casemark/case", "version": 1, "ref": "C02", "framework": "hmip-yos-2020-09", "domain": "2",
         "disposal": "referral-order", "status": "in-progress",
         "answers": \(answers),
         "history": \(history)}
        """
    }

    /// Runs `validate FILE` and checks the cap: 100 problems, then the count of the rest.
    func expectCappedValidation(_ path: String, problems: Int, sample: String) throws {
        let start = Date()
        let result = try BinaryRunner.run(["validate", path], timeout: Self.bound + 10)
        let elapsed = Date().timeIntervalSince(start)
        #expect(elapsed < Self.bound, "validate took \(elapsed) s")
        #expect(result.status == 1)
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 101)
        #expect(lines.prefix(100).allSatisfy { $0.hasPrefix("\(path):") })
        #expect(lines.prefix(100).contains { $0.contains(sample) }, "\(lines.prefix(3))")
        #expect(lines.last == "… and \(problems - 100) more problems in \(path)")
        #expect(result.error == "casemark: \(problems) problem(s) in 1 of 1 path(s)\n")
    }

    /// A million prompt keys (18 MB), out of order: each was moved into place in a sorted array,
    /// so the file took hours; now it is read in one pass (the keys sorted once), checked with one
    /// merge of sorted letters, and only printed problems are located.
    @Test func aMillionUnknownPromptKeys() throws {
        let scratch = TemporaryFolder()
        try makeInspection(scratch.path + "/inspection")
        let prompts = (0..<1_000_000).map { "\"z\($0)\": \"yes\"" }.joined(separator: ",")
        scratch.write("inspection/cases/C02.json", caseText(answers: "{\"2.1.1\": {\"prompts\": {" + prompts + "}}}"))
        let start = Date()
        let result = try BinaryRunner.run(["validate", scratch.path + "/inspection/cases/C02.json"], timeout: 60)
        let elapsed = Date().timeIntervalSince(start)
        // A hang guard: validate takes 3.9 s in a debug build here (11 s before the one reader, 5.7 s
        // before its paths, printing and prompt answers were made cheaper), 1.6 s in release.
        #expect(elapsed < 40, "validate took \(elapsed) s")
        #expect(result.status == 1)
        #expect(result.output.split(separator: "\n").count == 101)
        #expect(result.output.contains("key question 2.1.1 has no prompt \"z0\""))
        #expect(result.error == "casemark: 1000000 problem(s) in 1 of 1 path(s)\n")
    }

    @Test func tenThousandUnknownKeyQuestions() throws {
        let scratch = TemporaryFolder()
        try makeInspection(scratch.path + "/inspection")
        let answers = (0..<10_000).map { "\"9.\($0 / 100).\($0 % 100)\": {\"judgement\": \"yes\"}" }.joined(separator: ",\n")
        scratch.write("inspection/cases/C02.json", caseText(answers: "{\n" + answers + "\n}"))
        try expectCappedValidation(
            scratch.path + "/inspection/cases/C02.json", problems: 10_000, sample: "no key question \"9.0.0\" in framework hmip-yos-2020-09"
        )
        // Loading for the marking screen keeps them as orphaned answers, as quickly.
        let start = Date()
        let folder = try InspectionFolder.load(scratch.path + "/inspection", catalog: FrameworkCatalog(folders: []))
        let elapsed = Date().timeIntervalSince(start)
        #expect(elapsed < Self.bound, "loading took \(elapsed) s")
        #expect(folder.orphanedAnswers(ref: "C02").count == 10_000)
        #expect(folder.cases.first { $0.ref == "C02" }?.answers.count == 10_000)
    }

    @Test func tenThousandUnknownPrompts() throws {
        let scratch = TemporaryFolder()
        try makeInspection(scratch.path + "/inspection")
        let prompts = (0..<10_000).map { "\"z\($0)\": \"yes\"" }.joined(separator: ",\n")
        scratch.write("inspection/cases/C02.json", caseText(answers: "{\"2.1.1\": {\"prompts\": {\n" + prompts + "\n}}}"))
        try expectCappedValidation(
            scratch.path + "/inspection/cases/C02.json", problems: 10_000, sample: "key question 2.1.1 has no prompt \"z0\"")
    }

    /// 3,000 malformed history entries (three problems each) in a folder: loading it for the case
    /// list, and a report, finish at once, and the report names the first hundred problems.
    @Test func threeThousandMalformedHistoryEntries() throws {
        let scratch = TemporaryFolder()
        let path = scratch.path + "/inspection"
        try makeInspection(path)
        let history = (0..<3_000).map { _ in "{\"at\": \"bad\", \"by\": 1, \"field\": \"nope\"}" }.joined(separator: ",\n")
        scratch.write("inspection/cases/C02.json", caseText(answers: "{}", history: "[\n" + history + "\n]"))
        let start = Date()
        let folder = try InspectionFolder.load(path, catalog: FrameworkCatalog(folders: []))
        let elapsed = Date().timeIntervalSince(start)
        #expect(elapsed < Self.bound, "loading took \(elapsed) s")
        #expect(folder.cases.map(\.ref) == ["C01"])
        #expect(folder.damaged.count == 1)
        #expect(folder.damaged.first?.diagnostics.count == 9_000)
        // Every problem that is ever printed has its line and column (the rest are counted only:
        // locating a million of them was most of the time a file of a million problems took).
        #expect(folder.damaged.first?.diagnostics.prefix(Diagnostic.printedPerFile).allSatisfy { $0.position != nil } == true)
        let report = try BinaryRunner.run(["report", path], timeout: Self.bound + 10)
        #expect(report.status == 1)
        let lines = report.error.split(separator: "\n")
        #expect(lines.count == 102)
        #expect(lines[100] == "casemark: … and 8900 more problems in \(path)/cases/C02.json")
        #expect(lines[101] == "casemark: no report: 1 case file(s) are invalid; fix them or move them out of cases/")
        #expect(lines[0].hasPrefix("casemark: \(path)/cases/C02.json:"))
    }

    /// Fields from a newer version are kept however many there are: 180,000 unknown fields at
    /// the top of a case, in an answer and in a history entry, and 15,000 review comments, are
    /// read, checked, merged with a copy and written back in time in proportion (each was
    /// looked for among those already kept: 50,000 fields took 11 s to validate, 200,000 four
    /// minutes to merge, and 20,000 comments 3 s to write), and a file that repeats one of them
    /// is refused.
    @Test func aHundredAndEightyThousandFieldsFromANewerVersion() throws {
        let scratch = TemporaryFolder()
        let path = scratch.path + "/inspection"
        try makeInspection(path)
        func fields(_ prefix: String) -> String { (0..<60_000).map { "\"\(prefix)\($0)\": \($0)" }.joined(separator: ", ") }
        // And as many review comments, on prompts this framework does not have: kept as they are,
        // and each named as a problem (shown, when the case is opened, as orphaned).
        let items = (0..<15_000).map { "\"2.1.1/z\($0)\": {\"comment\": \"c\($0)\", \"by\": \"P\"}" }.joined(separator: ", ")
        let text = """
            {"format": "casemark/case", "version": 1, "ref": "C02", "framework": "hmip-yos-2020-09", "domain": "2",
             "disposal": "referral-order", "status": "in-progress", \(fields("top")),
             "answers": {"2.1.1": {"judgement": "yes", \(fields("answer"))}},
             "review": {"items": {\(items)}},
             "history": [{"at": "2026-11-23T10:00:00Z", "by": "A", "field": "judgement", "item": "2.1.1", "new": "yes", \(fields("entry"))}]}
            """
        scratch.write("inspection/cases/C02.json", text)
        // A second copy of the inspection in which one of them changed, to merge with the first.
        try makeInspection(scratch.path + "/copy")
        scratch.write(
            "copy/cases/C02.json",
            text.replacingOccurrences(of: "\"top7\": 7,", with: "\"top7\": 70,").replacingOccurrences(
                of: "\"c14999\"", with: "\"changed\""))
        let start = Date()
        let validated = try BinaryRunner.run(["validate", path], timeout: Self.bound + 10)
        let report = try BinaryRunner.run(["report", path, "--format", "json"], timeout: Self.bound + 10)
        let merged = try BinaryRunner.run(
            ["merge", path, scratch.path + "/copy", "--into", scratch.path + "/merged"], timeout: Self.bound + 10)
        let elapsed = Date().timeIntervalSince(start)
        #expect(elapsed < Self.bound, "validate, report and merge took \(elapsed) s")
        let first = #"C02.json:4:35: $.review.items["2.1.1/z0"]: key question 2.1.1 has no prompt "z0""#
        #expect(validated.status == 1 && validated.output.contains(first), "\(validated.output.prefix(500))")
        #expect(validated.output.contains("… and 14900 more problems in"), "\(validated.output.suffix(500))")
        #expect(report.status != 0 && report.error.contains(first), "\(report.error.prefix(500))")
        // The copies share no base, so the one field they hold differently is a conflict, kept
        // with both values; every other field is kept as it is.
        #expect(merged.status == 1 && merged.output.contains("1 with conflicts"), "\(merged.output) \(merged.error)")
        let result = try #require(
            CaseFileDecoder.decode(try FileSystem.read(scratch.path + "/merged/cases/C02.json"), file: "C02.json").file)
        #expect(result.conflicts.map(\.path) == [["review", "items", "2.1.1/z14999", "comment"], ["top7"]])
        #expect(result.conflicts.last?.versions.map(\.value) == [.number("7"), .number("70")])
        #expect(result.review.items.count == 15_000)
        #expect(result.unknown.members.count == 60_000 && result.unknown["top59999"] == .number("59999"))
        // Written back by the one writer and read again: every field kept, in its order.
        let bytes = Array(text.utf8)
        let decoded = try #require(CaseFileDecoder.decode(bytes, file: "C02.json").file)
        #expect(decoded.unknown.members.count == 60_000 && decoded.answers["2.1.1"]?.unknown.members.count == 60_000)
        #expect(decoded.history.first?.unknown.members.count == 60_000 && decoded.review.items.count == 15_000)
        let written = decoded.encoded()
        #expect(CaseFileDecoder.decode(written, file: "C02.json").file == decoded)
        // One of them twice is a syntax error, named where the second one starts.
        let twice = text.replacingOccurrences(of: "\"top59999\": 59999", with: "\"top5\": 59999")
        let refused = CaseFileDecoder.decode(Array(twice.utf8), file: "C02.json")
        #expect(refused.file == nil && refused.problems.first?.message == "the key \"top5\" appears twice in one object")
    }

    /// Positions from the one-pass locator are those found path by path.
    @Test func positionsFoundTogetherAreThoseFoundOneByOne() throws {
        let text = """
            {"a": [1, {"b": "x"}, [true]],
             "c": {"d": null, "é": "ü"}, "e": 2}
            """
        let bytes = Array(text.utf8)
        let paths: [JSONPath] = [
            .root, JSONPath.root.appending("a").appending(index: 1).appending("b"), JSONPath.root.appending("c").appending("é"),
            JSONPath.root.appending("e"), JSONPath.root.appending("c").appending("missing").appending(index: 3),
            JSONPath.root.appending("a").appending(index: 2).appending(index: 0), JSONPath.root.appending("nothing"),
            JSONPath.root.appending("e"),
        ]
        let together = JSONParser.positions(of: paths, in: bytes)
        #expect(together == paths.map { JSONParser.position(of: $0, in: bytes) })
        #expect(together[2]?.description == "2:24")
        #expect(JSONParser.positions(of: paths, in: Array("{".utf8)) == paths.map { _ in nil })
    }
}
