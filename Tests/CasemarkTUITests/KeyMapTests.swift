import CasemarkCore
import Foundation
import Testing

@testable import CasemarkTUI

/// The key map is the one place keys are bound: footers are drawn from it, and it binds no key
/// twice on one screen.
@Suite("The key map")
struct KeyMapTests {
    static let maps: [(String, KeyMap)] = [
        ("case list", .caseList), ("reviewer's case list", .reviewCaseList), ("marking", .marking), ("review", .review),
        ("ratings", .ratings), ("browse", .browse), ("trainer view", .trainer),
    ]

    @Test func noScreenBindsAKeyTwice() {
        for (name, map) in Self.maps {
            var seen: [Key: Action] = [:]
            for binding in map.bindings {
                for key in binding.keys {
                    #expect(
                        seen[key] == nil, "\(name): \(key.name) is bound to \(seen[key]?.rawValue ?? "") and \(binding.action.rawValue)")
                    seen[key] = binding.action
                }
            }
        }
    }

    @Test func everyFooterHintNamesAnActionOfItsScreenAndHelpIsAlwaysThere() {
        for (name, map) in Self.maps {
            #expect(!map.footer.isEmpty, "\(name) has no footer")
            for hint in map.footer {
                for action in hint.actions {
                    #expect(
                        map.bindings.contains { $0.action == action }, "\(name): the footer names \(action.rawValue), which is not bound")
                }
            }
            for width in [20, 40, 80, 140] {
                let hints = map.footerHints(width: width)
                #expect(hints.contains { $0.keys == "?" && $0.label == "help" }, "\(name) at \(width) columns has no ? help")
                let used = hints.reduce(0) { $0 + DisplayWidth.of($1.keys) + DisplayWidth.of($1.label) + 3 }
                #expect(used <= max(width, 9), "\(name) at \(width) columns: \(hints)")
            }
        }
    }

    @Test func theMarkingFooterAt80ColumnsHasHelpBackAndWhatIf() throws {
        let harness = try Harness(cases: [court("C01")])
        harness.type(Key.enter)
        let footer = harness.lines[22]
        #expect(footer.contains("? help"))
        #expect(footer.contains("q back"))
        #expect(footer.contains("w what-if"))
        #expect(footer.contains("y n x answer"))
        // The least important hints give way first: the banding toggle is not there at 80.
        #expect(!footer.contains("b banding"))
        let wide = try Harness(cases: [court("C01")], width: 140, height: 45)
        wide.type(Key.enter)
        #expect(wide.lines[43].contains("b banding"))
    }

    @Test func gAndGRateGoodOnTheRatingsScreenAndEndGoesToTheLastStandard() throws {
        let harness = try Harness(cases: [court("C01")])
        harness.type("r", "g")
        #expect(try harness.inspectionOnDisk().ratings["1.1"]?.rating == "good")
        harness.type("j", "G")
        #expect(try harness.inspectionOnDisk().ratings["1.2"]?.rating == "good")
        harness.type(Key.end)
        #expect(harness.app.ratingsCursor > 1)
        harness.type(Key.home)
        #expect(harness.app.ratingsCursor == 0)
    }
}

/// The README's table of marking keys says what the key map binds, no more and no less.
@Suite("The README's keys")
struct ReadmeKeysTests {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("README.md").path

    /// The backquoted keys of the table that follows `heading` in the README.
    static func tableKeys(after heading: String) throws -> Set<String> {
        let text = try String(contentsOfFile: readme, encoding: .utf8)
        guard let start = text.range(of: heading) else { return [] }
        var keys = Set<String>()
        var inTable = false
        for line in text[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("| key |") || line.hasPrefix("| --- |") { inTable = true; continue }
            guard line.hasPrefix("|") else {
                if inTable { break }
                continue
            }
            let cell = line.split(separator: "|", omittingEmptySubsequences: true).first ?? ""
            for part in cell.split(separator: "`").enumerated() where part.offset % 2 == 1 { keys.insert(String(part.element)) }
        }
        return keys
    }

    @Test func theMarkingTableMatchesTheKeyMap() throws {
        let documented = try Self.tableKeys(after: "**Marking.**")
        let bound = Set(KeyMap.marking.bindings.flatMap { $0.keys.map(\.name) })
        // Keys every screen takes, outside the map: Ctrl-L reads the folder again.
        let everywhere: Set<String> = ["Ctrl-L"]
        #expect(bound.subtracting(documented).isEmpty, "bound but not in the README: \(bound.subtracting(documented).sorted())")
        #expect(
            documented.subtracting(bound).subtracting(everywhere).isEmpty,
            "in the README but not bound: \(documented.subtracting(bound).sorted())")
    }
}

/// What a key did is said on the status line, and undo goes where the change was.
@Suite("Feedback on changes")
struct ChangeFeedbackTests {
    @Test func undoSaysWhatItUndidAndMovesThere() throws {
        let harness = try Harness(cases: [court("C01")])
        harness.type(Key.enter, "y", "n")  // 2.1.1 a yes, b no; the cursor is on c
        #expect(harness.app.currentItem?.prompt == "c")
        harness.type("u")
        #expect(harness.lines.last == "Undid 2.1.1/b prompt: no → open · saved at 12:00:00")
        #expect(harness.app.currentItem?.prompt == "b")
        #expect(try harness.saved("C01").answers["2.1.1"]?.prompts == ["a": .yes])
    }

    @Test func completingAndReopeningSaySo() throws {
        var file = court("C01")
        let outline = CaseOutline(framework: Harness.framework("hmip-yos-2020-09"), domain: "2")
        for question in outline.keyQuestions {
            var answer = Answer(judgement: .yes)
            for prompt in question.prompts { answer.prompts[prompt.letter] = .yes }
            file.answers[question.number] = answer
        }
        let harness = try Harness(cases: [file])
        harness.type(Key.enter, "c")
        #expect(harness.lines.last == "Case C01 complete: 12 key question(s) judged · saved at 12:00:00")
        harness.type("c")
        #expect(harness.lines.last == "Case C01 reopened: its answers can be changed · saved at 12:00:00")
        // Undoing the reopening is undoing a status, which a complete case allows.
        harness.type("c", "u")
        #expect(try harness.saved("C01").status == .inProgress)
    }
}

/// A detail that decides which questions apply (the 2018 sub-samples) is flagged when missing.
@Suite("A missing detail that decides a rule")
struct MissingDecidingDetailTests {
    @Test func completingA2018CaseWithoutTheInspectorsClassificationIsRefusedAndValidateSaysSo() throws {
        var file = court("C01", framework: "hmip-yos-2018")
        let outline = CaseOutline(framework: Harness.framework("hmip-yos-2018"), domain: "2")
        for question in outline.keyQuestions {
            var answer = Answer(judgement: .yes)
            for prompt in question.prompts { answer.prompts[prompt.letter] = .yes }
            file.answers[question.number] = answer
        }
        file.details.riskOfSeriousHarm = .medium  // safety and wellbeing not recorded
        let harness = try Harness(framework: "hmip-yos-2018", cases: [file])
        harness.type(Key.enter, "c")
        guard case .message(let title, let lines, _) = harness.app.overlay else { throw Failure("completing was not refused") }
        #expect(title == "Not complete: the inspector's safety and wellbeing judgement is not recorded")
        #expect(lines.first?.contains("2.2.2, 2.3.2") == true)
        #expect(try harness.saved("C01").status == .inProgress)
        let problems = FileValidator(catalog: Harness.catalog).validate(path: harness.root + "/cases/C01.json").map(\.message)
        #expect(
            problems.contains {
                $0.hasPrefix(
                    "the inspector's safety and wellbeing judgement is not recorded, so the case counts in the sub-samples of 2.2.2, 2.3.2")
            })
        // Recorded, the case completes and validates.
        harness.type(Key.escape, "d", Key.tab, Key.tab, Key.tab, Key.right, Key.enter)
        #expect(harness.screen.contains("These no longer apply"))
        harness.type(Key.escape, "c")
        #expect(try harness.saved("C01").status == .complete)
        #expect(FileValidator(catalog: Harness.catalog).validate(path: harness.root + "/cases/C01.json").isEmpty)
    }
}
