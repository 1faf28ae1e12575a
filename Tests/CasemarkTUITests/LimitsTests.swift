import CasemarkCore
import Foundation
import Testing

@testable import CasemarkTUI

/// The sizes an inspectorate will meet and some it should not: a megabyte of notes, ten thousand
/// cases, a framework of two thousand prompts, a 20x5 terminal and random keys.
///
/// No crash, no hang, nothing lost.
@Suite("Limits")
struct LimitsTests {
    static let megabyte = 1 << 20

    @Test func aOneMegabyteNoteOpensEditsAndSaves() throws {
        var file = court("C01")
        // 2.1.1's judgement note in lines, 2.1.2's in one line without a break.
        let line = String(repeating: "Evidence from the case record ", count: 3) + "\n"
        let lines = String(repeating: line, count: Self.megabyte / line.utf8.count + 1)
        file.answers["2.1.1"] = Answer(judgement: .yes, note: String(lines.utf8.prefix(Self.megabyte))!)
        file.answers["2.1.2"] = Answer(judgement: .no, note: String(repeating: "x", count: Self.megabyte))
        let harness = try Harness(cases: [file])
        var screen = harness.type(Key.enter)
        for _ in 0..<7 { harness.type(Key.down) }
        screen = harness.screen
        #expect(screen.contains("Note: Evidence from the case record"))
        harness.type("e", Key.end, "!", Key.enter)
        let saved = try harness.saved("C01")
        #expect(saved.answers["2.1.1"]?.note?.utf8.count == Self.megabyte + 1)
        #expect(saved.answers["2.1.2"]?.note?.utf8.count == Self.megabyte)
        // The one-line note shows on its key question, cut to the screen.
        harness.type(Key.tab)
        for _ in 0..<3 { harness.type(Key.down) }
        #expect(harness.lines.allSatisfy { $0.count <= 80 })
        harness.type("e", Key.home, "A", Key.enter)
        #expect(try harness.saved("C01").answers["2.1.2"]?.note?.hasPrefix("Ax") == true)
    }

    /// The 2020 framework with every key question given 48 prompts: 2,016 in all.
    static func bigFramework(in folder: String) throws -> Framework {
        let bytes = Harness.framework("hmip-yos-2020-09").sourceBytes
        guard case .object(var root) = try JSONParser.parse(bytes), case .array(let domains)? = root["domains"] else {
            throw Failure("the bundled framework has no domains")
        }
        func letters(_ index: Int) -> String {
            index < 26 ? String(UnicodeScalar(UInt8(97 + index))) : letters(index / 26 - 1) + letters(index % 26)
        }
        func mapped(_ value: JSONValue, _ key: String, _ transform: (JSONObject) -> JSONObject) -> JSONValue {
            guard case .object(var object) = value, case .array(let items)? = object[key] else { return value }
            object[key] = .array(items.map { item in item.objectValue.map { .object(transform($0)) } ?? item })
            return .object(object)
        }
        root["domains"] = .array(
            domains.map { domain in
                mapped(domain, "standards") { standard in
                    mapped(.object(standard), "keyQuestions") { question in
                        var question = question
                        question["prompts"] = .array(
                            (0..<48).map { index in
                                .object(
                                    JSONObject([
                                        "letter": .string(letters(index)),
                                        "text": .string("Prompt \(letters(index)) of a long framework: is the evidence sufficient?"),
                                    ]))
                            })
                        return question
                    }.objectValue!
                }
            })
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileSystem.writeAtomically(JSONWriter.bytes(from: .object(root)), to: folder + "/hmip-yos-2020-09.json")
        let framework = try FrameworkCatalog(folders: [folder]).framework(id: "hmip-yos-2020-09")
        #expect(framework.standards.flatMap(\.keyQuestions).flatMap(\.prompts).count == 2_016)
        return framework
    }

    @Test func aFrameworkOfTwoThousandPromptsCanBeMarked() throws {
        let root = FileManager.default.temporaryDirectory.path + "/casemark-limits-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        let framework = try Self.bigFramework(in: root + "/frameworks")
        var folder = try InspectionFolder.create(at: root + "/inspection", service: "YJS", framework: framework)
        try folder.save(court("C01"))
        folder = try InspectionFolder.load(folder.path, catalog: try FrameworkCatalog(folders: [root + "/frameworks"]))
        let terminal = FakeTerminal()
        let runner = AppRunner(app: App(folder: folder, size: (80, 24)), terminal: terminal, folderPath: folder.path)
        runner.step(.enter)
        for _ in 0..<300 { runner.step(.character("y")) }
        runner.step(.end)
        runner.step(.character("n"))
        #expect(runner.app.render().text.contains("Prompt"))
        let saved = try InspectionFolder.readCase(
            path: folder.caseFilePath(ref: "C01"), framework: framework, inspection: folder.inspection
        ).get()
        #expect(saved.answers.values.reduce(0) { $0 + $1.prompts.count + ($1.judgement == nil ? 0 : 1) } == 301)
    }

    @Test func tenThousandCasesListOpenAndRate() throws {
        let harness = try Harness(cases: [court("C00001")])
        guard var folder = harness.app.folder else { throw Failure("no folder") }
        var random = SplitMix64(seed: 10_000)
        for index in 2...10_000 {
            var file = court(String(format: "C%05d", index))
            for number in ["2.1.1", "2.1.2", "2.2.1"] {
                file.answers[number] = Answer(judgement: random.next() % 3 == 0 ? .no : .yes)
            }
            folder.cases.append(file)
        }
        // The case answered below is on disk, as every case of a folder is; the others need not be.
        if let last = folder.cases.last { try FileSystem.writeAtomically(last.encoded(), to: folder.caseFilePath(ref: last.ref)) }
        harness.runner = AppRunner(app: App(folder: folder, size: (80, 24)), terminal: harness.terminal, folderPath: harness.root)
        #expect(harness.screen.contains("Cases (10000)"))
        harness.type(Key.end)
        #expect(harness.screen.contains("C10000"))
        harness.type("/", "C05000", Key.enter)
        #expect(harness.lines.first { $0.contains("C05000") } != nil)
        harness.type(Key.end, Key.enter, "y")
        #expect(try harness.saved("C10000").answers["2.1.1"] != nil)
        harness.type("q", "r")
        #expect(harness.app.mode == .ratings)
    }

    /// The key handler fuzzed: random keys, random text and random resizes (down to nothing) on a
    /// real folder.
    ///
    /// No crash, every frame fits the terminal, and every file stays valid.
    @Test func randomKeysAndResizesNeverCrashOrDamageAFile() throws {
        let multiplier = max(1, Int(ProcessInfo.processInfo.environment["CASEMARK_FUZZ_ITERATIONS"] ?? "") ?? 1)
        let seed = UInt64(ProcessInfo.processInfo.environment["CASEMARK_FUZZ_SEED"] ?? "") ?? 0xCA5E_3A2C
        let harness = try Harness(cases: [court("C01"), court("C02", disposal: "youth-rehabilitation-order")])
        var random = SplitMix64(seed: seed)
        let named: [Key] = [
            .up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .enter, .escape, .tab, .backTab,
            .backspace, .delete, .function(1), .function(5), .redraw, .control("c"), .control("s"), .control("l"),
        ]
        let sizes = [(80, 24), (20, 5), (0, 0), (1, 1), (200, 60), (79, 23), (120, 30)]
        var quits = 0
        for step in 0..<(6_000 * multiplier) {
            let key: Key
            switch random.next() % 10 {
            case 0, 1: key = named[Int(random.next() % UInt64(named.count))]
            case 2:
                let size = sizes[Int(random.next() % UInt64(sizes.count))]
                key = .resize(width: size.0, height: size.1)
            case 3:
                let scalar = UnicodeScalar(UInt32(random.next() % 0x2FFFF)) ?? "?"
                key = .character(Character(scalar))
            default:
                key = .character(Character(UnicodeScalar(UInt8(32 + random.next() % 95))))
            }
            if !harness.runner.step(key) {
                quits += 1
                harness.runner = AppRunner(
                    app: App(folder: try InspectionFolder.load(harness.root, catalog: Harness.catalog), size: harness.app.size),
                    terminal: harness.terminal, folderPath: harness.root)
            }
            if step % 50 == 0 {
                let frame = harness.app.render()
                #expect(frame.width == max(0, harness.app.size.width) && frame.height == max(0, harness.app.size.height), "step \(step)")
            }
        }
        let loaded = try InspectionFolder.load(harness.root, catalog: Harness.catalog)
        #expect(loaded.damaged.isEmpty, "\(loaded.damaged)")
        #expect(loaded.cases.count >= 1)
        print("random keys: \(6_000 * multiplier) keys, \(quits) quits, \(loaded.cases.count) cases at the end")
    }
}

struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
