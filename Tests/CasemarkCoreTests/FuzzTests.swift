import CasemarkTestSupport
import Foundation
import Testing

@testable import CasemarkCore

/// The readers of everything casemark takes from disk, fed damaged variants of valid files with a
/// fixed seed (see `FuzzBudget` to run longer).
///
/// Each input must be read or refused with diagnostics that name the file and, for bad JSON, a line
/// and column inside it; nothing may crash or hang. A crash found by a longer run is added below as
/// a fixed case.
@Suite("Fuzzing the readers")
struct FuzzTests {
    static let frameworkBytes = Array(BundledFrameworkFiles.all.first { $0.name == "hmip-yos-2020-09.json" }!.text.utf8)

    /// A case file with a bit of everything the reader knows.
    static let caseBytes: [UInt8] = {
        var file = makeCase("C01", ["2.1.1": .yes, "2.1.2": .no])
        file.answers["2.1.1"]?.prompts = ["a": .yes, "b": .na]
        file.answers["2.1.1"]?.note = "Evidence"
        file.answers["2.1.1"]?.promptNotes["a"] = "Seen"
        file.details.inspector = "Ann"
        file.details.date = "2026-11-23"
        file.details.riskOfSeriousHarm = .high
        file.review.items["2.1.1"] = ReviewItem(verdict: .challenge, comment: "Why", by: "Pat", at: "2026-11-23T10:00:00Z")
        file.history.append(HistoryEntry(at: "2026-11-23T10:00:00Z", by: "Ann", field: .judgement, item: "2.1.1", old: nil, new: "yes"))
        file.frameworkHash = "fnv1a64:0123456789abcdef"
        return file.encoded()
    }()

    static let inspectionBytes: [UInt8] = {
        var inspection = InspectionFile(service: "YJS", framework: "hmip-yos-2020-09")
        inspection.ratings["1.1"] = DirectRating(rating: "good", note: "Board")
        inspection.discretion["2.1"] = Discretion(rating: "good", reason: "Panel")
        return inspection.encoded()
    }()

    /// Diagnostics must name the file, and any line and column must lie inside the input.
    static func expectLocated(_ problems: FileProblems, in bytes: [UInt8], file: String, _ input: Int) {
        #expect(!problems.diagnostics.isEmpty, "input \(input): refused without a reason")
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).count
        for diagnostic in problems.diagnostics {
            #expect(diagnostic.file == file, "input \(input)")
            if let position = diagnostic.position {
                #expect(position.line >= 1 && position.line <= lines && position.column >= 1, "input \(input): \(diagnostic)")
            }
            #expect(!diagnostic.description.unicodeScalars.contains(where: TerminalText.isControl), "input \(input)")
        }
    }

    @Test func caseFiles() {
        var mutator = JSONMutator(seed: FuzzBudget.seed)
        var refused = 0
        for input in 0..<FuzzBudget.iterations(3_000) {
            let bytes = mutator.mutate(Self.caseBytes)
            switch InspectionFolder.readCase(bytes: bytes, file: "cases/C01.json", framework: Frameworks.y2020, inspection: nil) {
            case .success(let file):
                // Whatever is accepted survives a save and a reload unchanged.
                let again = InspectionFolder.readCase(
                    bytes: file.encoded(), file: "cases/C01.json", framework: Frameworks.y2020, inspection: nil)
                #expect((try? again.get()) == file, "input \(input): \(String(decoding: bytes, as: UTF8.self))")
            case .failure(let problems):
                refused += 1
                Self.expectLocated(problems, in: bytes, file: "cases/C01.json", input)
            }
        }
        #expect(refused > 0)
    }

    @Test func inspectionFiles() {
        var mutator = JSONMutator(seed: FuzzBudget.seed &+ 1)
        for input in 0..<FuzzBudget.iterations(3_000) {
            let bytes = mutator.mutate(Self.inspectionBytes)
            do {
                let inspection = try InspectionFolder.readInspection(bytes: bytes, file: "inspection.json", catalog: Frameworks.catalog)
                #expect(!inspection.framework.isEmpty)
            } catch let problems as FileProblems {
                Self.expectLocated(problems, in: bytes, file: "inspection.json", input)
            } catch {
                Issue.record("input \(input): unexpected error \(error)")
            }
        }
    }

    @Test func frameworkFiles() {
        var mutator = JSONMutator(seed: FuzzBudget.seed &+ 2)
        var accepted = 0
        for input in 0..<FuzzBudget.iterations(150) {
            let bytes = mutator.mutate(Self.frameworkBytes)
            do {
                let framework = try FrameworkReader.read(bytes: bytes, file: "fw.json", expectedID: nil)
                accepted += 1
                // An accepted framework can rate an inspection.
                let tally = InspectionTally(framework: framework, cases: [])
                _ = RatingEngine(framework: framework).rate(tally: tally, inspection: InspectionFile(service: "S", framework: framework.id))
            } catch let problems as FileProblems {
                Self.expectLocated(problems, in: bytes, file: "fw.json", input)
            } catch {
                Issue.record("input \(input): unexpected error \(error)")
            }
        }
        #expect(accepted < FuzzBudget.iterations(150))
    }

    @Test func rawBytesAndDeepNesting() {
        var random = SplitMix64(seed: FuzzBudget.seed &+ 3)
        for input in 0..<FuzzBudget.iterations(3_000) {
            let bytes = (0..<Int(random.next() % 200)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            if case .failure(let problems) = InspectionFolder.readCase(
                bytes: bytes, file: "x.json", framework: Frameworks.y2020, inspection: nil)
            {
                Self.expectLocated(problems, in: bytes, file: "x.json", input)
            }
        }
        // Nesting far deeper than any file is refused, not a stack overflow.
        for opener in ["[", "{\"a\":"] {
            let bytes = Array(String(repeating: opener, count: 100_000).utf8)
            guard case .failure(let problems) = InspectionFolder.readCase(bytes: bytes, file: "x.json", framework: nil, inspection: nil)
            else {
                Issue.record("deep nesting accepted")
                continue
            }
            #expect(problems.diagnostics.first?.message.contains("nested more than") == true)
        }
    }

    @Test func wholeFoldersWithDamagedCasesStillOpen() throws {
        var mutator = JSONMutator(seed: FuzzBudget.seed &+ 4)
        let temporary = TemporaryFolder()
        let folder = try InspectionFolder.create(at: temporary.path + "/inspection", service: "YJS", framework: Frameworks.y2020)
        for round in 0..<FuzzBudget.iterations(20) {
            for index in 0..<10 {
                let bytes = mutator.mutate(Self.caseBytes).replacingRef(index: index)
                try FileSystem.writeAtomically(bytes, to: folder.casesFolderPath + "/C\(index).json")
            }
            let loaded = try InspectionFolder.load(folder.path, catalog: Frameworks.catalog)
            #expect(loaded.cases.count + loaded.damaged.count - loaded.salvaged.count == 10, "round \(round)")
            _ = InspectionReport(folder: loaded)
        }
    }
}

/// Inputs the fuzz tests found, kept as fixed cases.
@Suite("Found by fuzzing")
struct FoundByFuzzing {
    /// `"2.1.2": {}` was read as an empty answer, which a save drops, so the case read back
    /// differed from the case read (seed 0xCA5E3A2C, input 2657).
    @Test func anEmptyAnswerIsNoAnswer() throws {
        var file = makeCase("C01", ["2.1.1": .yes])
        let text = String(decoding: file.encoded(), as: UTF8.self)
            .replacingOccurrences(of: "\"answers\": {", with: "\"answers\": {\n    \"2.1.2\": {},")
        let read = try InspectionFolder.readCase(bytes: Array(text.utf8), file: "C01.json", framework: Frameworks.y2020, inspection: nil)
            .get()
        #expect(read.answers["2.1.2"] == nil)
        file.answers["2.1.2"] = nil
        #expect(read == file)
    }

    /// An empty review item (`"2.1.1": {}`), an empty comment, note or prompt note were kept when
    /// read but not written, so the case read back differed (seed 7, 30 times the budget).
    @Test func emptyTextAndEmptyReviewItemsAreNotKept() throws {
        var file = makeCase("C01", ["2.1.1": .yes])
        let text = String(decoding: file.encoded(), as: UTF8.self)
            .replacingOccurrences(
                of: "\"judgement\": \"yes\"", with: "\"judgement\": \"yes\", \"note\": \"\", \"promptNotes\": {\"a\": \"\"}"
            )
            .replacingOccurrences(
                of: "\n}", with: ",\n\"review\": {\"items\": {\"2.1.1\": {}, \"2.1.2\": {\"comment\": \"\", \"by\": \"Pat\"}}}\n}")
        let read = try InspectionFolder.readCase(bytes: Array(text.utf8), file: "C01.json", framework: Frameworks.y2020, inspection: nil)
            .get()
        #expect(read.answers["2.1.1"]?.note == nil)
        #expect(read.answers["2.1.1"]?.promptNotes == [:])
        #expect(read.review.items.isEmpty)
        file.answers["2.1.1"]?.note = nil
        #expect(read == file)
        #expect(
            try InspectionFolder.readCase(bytes: read.encoded(), file: "C01.json", framework: Frameworks.y2020, inspection: nil).get()
                == read)
    }
}

extension [UInt8] {
    /// The bytes with the case ref C01 renamed, so each file matches its name.
    func replacingRef(index: Int) -> [UInt8] {
        Array(String(decoding: self, as: UTF8.self).replacingOccurrences(of: "\"C01\"", with: "\"C\(index)\"").utf8)
    }
}
