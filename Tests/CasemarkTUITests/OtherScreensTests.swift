import CasemarkCore
import Foundation
import Testing

@testable import CasemarkTUI

@Suite("Case list, details, ratings, setup, and terminal sizes")
struct OtherScreensTests {
    @Test func theCaseListShowsEachCaseAndItsProgress() throws {
        var first = court("C01")
        first.details.inspector = "Ann Inspector"
        first.answers["2.1.1"] = Answer(judgement: .yes)
        let second = CaseFile(ref: "O01", framework: "hmip-yos-2020-09", domain: "3", disposal: "youth-conditional-caution")
        let harness = try Harness(cases: [first, second])
        let lines = harness.lines
        #expect(lines[0].hasPrefix(" Cases (2)"))
        #expect(lines[1] == " Ref     Domain       Disposal       Inspector  Progress Status      Review")
        // Shortened as people write them at 80 columns, never cut mid-word ("Ann Inspe…",
        // "Youth conditi…" before); the highlighted case's are given in full under the list.
        #expect(lines[2] == " C01     Court        Referral order Ann I.     1/12     in progress —")
        #expect(lines[3].hasPrefix(" O01     Out of court YCC                       0/9 "))
        #expect(lines[20] == " C01: Referral order · Ann Inspector")
        #expect(lines[3].contains("0/9 "))  // 2020's 3.4 is rated directly: 9 key questions
        #expect(lines[21] == " No score yet · 12 core standard(s) unrated")
    }

    @Test func addingACaseWritesItsFileAndOpensIt() throws {
        let harness = try Harness(cases: [])
        #expect(harness.screen.contains("No cases yet. Press a to add the first case."))
        harness.type("a")
        #expect(harness.screen.contains("Add a case"))
        // The inspector is the user, the date today: both filled in.
        #expect(harness.app.detailsForm.inspector.text == "Ann Inspector")
        #expect(harness.app.detailsForm.date.text == "2026-11-23")
        #expect(harness.screen.contains("▶ Case reference"))
        // The ref is suggested; change the domain to out-of-court and the disposal twice.
        harness.type(Key.tab, Key.right, Key.tab, Key.right, Key.right)
        // A date as UK users write it is taken.
        harness.type(Key.tab, Key.control("u"), "Bea Inspector", Key.tab, Key.control("u"), "20/11/2026", Key.tab, Key.right, Key.right)
        #expect(harness.screen.contains("< Youth conditional caution >"))
        #expect(harness.screen.contains("< Medium >"))
        harness.type(Key.enter)
        #expect(harness.app.mode == .marking)
        let saved = try harness.saved("C01")
        #expect(saved.domain == "3")
        #expect(saved.disposal == "youth-conditional-caution")
        #expect(saved.details.inspector == "Bea Inspector")
        #expect(saved.details.date == "2026-11-20")
        #expect(saved.details.riskOfSeriousHarm == .medium)
        #expect(saved.details.safetyAndWellbeing == nil)
        let permissions = try FileManager.default.attributesOfItem(atPath: harness.root + "/cases/C01.json")[.posixPermissions] as? Int
        #expect(permissions == 0o600)
    }

    @Test func theDetailsFormRefusesABadRefOrDate() throws {
        let harness = try Harness(cases: [court("C01")])
        harness.type("a", Key.control("u"), "../x", Key.enter)
        #expect(harness.lines.last == "A case reference uses letters, digits, '.', '_' and '-', not starting with '.'")
        harness.type(Key.control("u"), "C01", Key.enter)
        #expect(harness.lines.last == "There is already a case C01")
        harness.type(Key.control("u"), "C02", Key.tab, Key.tab, Key.tab, Key.tab, Key.control("u"), "2026-02-30", Key.tab, Key.enter)
        #expect(harness.lines.last == "Write the date as YYYY-MM-DD or DD/MM/YYYY (a real day)")
        // The focus goes to the field in error.
        #expect(harness.app.detailsForm.field == .date)
        harness.type(Key.control("u"), "30/02/2026", Key.enter)
        #expect(harness.app.detailsForm.field == .date)
        harness.type(Key.escape)
        #expect(harness.app.mode == .caseList)
        #expect(!FileManager.default.fileExists(atPath: harness.root + "/cases/C02.json"))
    }

    @Test func editingDetailsKeepsTheAnswers() throws {
        var file = court("C01")
        file.answers["2.1.1"] = Answer(judgement: .yes)
        let harness = try Harness(cases: [file])
        harness.type(Key.enter, "d")
        #expect(harness.screen.contains("Case C01: details"))
        harness.type(Key.tab, Key.tab, Key.tab, Key.right, Key.right, Key.right, Key.right, Key.enter)
        let saved = try harness.saved("C01")
        #expect(saved.details.safetyAndWellbeing == .veryHigh)
        #expect(saved.answers["2.1.1"]?.judgement == .yes)
        #expect(harness.app.mode == .marking)
    }

    @Test func removingACaseMovesItsFileAside() throws {
        let harness = try Harness(cases: [court("C01"), court("C02")])
        harness.type("D")
        #expect(harness.screen.contains("Remove case C01?"))
        harness.type("n")
        #expect(FileManager.default.fileExists(atPath: harness.root + "/cases/C01.json"))
        harness.type("D", "y")
        #expect(!FileManager.default.fileExists(atPath: harness.root + "/cases/C01.json"))
        #expect(FileManager.default.fileExists(atPath: harness.root + "/removed/C01.json"))
        #expect(harness.app.cases.map(\.ref) == ["C02"])
        #expect(harness.lines.last == "Moved case C01 to removed/")
    }

    @Test func directRatingsAndPanelDecisionsAreSavedAndShown() throws {
        let harness = try Harness(cases: [court("C01")])
        harness.type("r")
        #expect(harness.screen.contains("Direct ratings and ratings panel decisions"))
        harness.type("o")
        #expect(try harness.inspectionOnDisk().ratings["1.1"]?.rating == "outstanding")
        harness.type("e", "Board minutes and interviews", Key.enter)
        #expect(try harness.inspectionOnDisk().ratings["1.1"]?.note == "Board minutes and interviews")
        // A case-rated standard cannot be rated directly...
        for _ in 0..<4 { harness.type(Key.down) }
        harness.type("o")
        #expect(harness.lines.last == "2.1 is rated from cases; press p to record a ratings panel decision")
        // ...but the panel can decide, and must give a reason.
        harness.type("p", "g", Key.enter)
        #expect(harness.lines.last == "A ratings panel decision needs a reason")
        harness.type("Small sample", Key.enter)
        #expect(try harness.inspectionOnDisk().discretion["2.1"] == Discretion(rating: "good", reason: "Small sample"))
        #expect(harness.screen.contains("Ratings panel: Good. Reason: Small sample"))
        #expect(harness.screen.contains(" 2.1 Assessment                  cases   -                 Good (P)"))
        harness.type("P")
        #expect(try harness.inspectionOnDisk().discretion["2.1"] == nil)
    }

    @Test func aFolderWithNoInspectionGetsTheSetupForm() throws {
        let harness = Harness(emptyWidth: 80)
        #expect(harness.screen.contains("No inspection here yet: name the service and choose the framework."))
        #expect(harness.screen.contains("youth offending services (2018) · 2018-03"))
        // Titles are never cut: the 2020 title wraps whole.
        #expect(harness.screen.contains("(revised September"))
        #expect(harness.screen.contains("(•) Standards"))
        harness.type(Key.enter, Key.enter)
        #expect(harness.lines.last == "Type the name of the service inspected")
        // The list starts on the latest revision; ↑ chooses the one before it.
        harness.type("Camden YOS", Key.tab, Key.up, Key.enter)
        #expect(harness.app.mode == .caseList)
        let inspection = try harness.inspectionOnDisk()
        #expect(inspection.service == "Camden YOS")
        #expect(inspection.framework == "hmip-yos-2020-09")
    }

    @Test func aTerminalTooSmallSaysSoAndResizingRelayouts() throws {
        let harness = try Harness(cases: [court("C01")])
        harness.type(Key.resize(width: 79, height: 24))
        #expect(harness.lines[0] == "casemark needs 80x24")
        #expect(harness.lines[1] == "this terminal is 79x24")
        harness.type("a")  // ignored while too small
        #expect(harness.app.mode == .caseList)
        harness.type(Key.resize(width: 20, height: 5))
        #expect(harness.app.render().lines.count == 5)
        // However small, the size it needs is the first thing shown, whole.
        #expect(harness.lines[0] == "casemark needs 80x24")
        harness.type(Key.resize(width: 20, height: 6))
        #expect(harness.lines[1] == "this terminal is")
        #expect(harness.lines[2] == "20x6")
        harness.type(Key.resize(width: 12, height: 2))
        #expect(harness.lines == ["casemark", "needs 80x24"])
        harness.type(Key.resize(width: 1, height: 1), Key.resize(width: 0, height: 0))
        _ = harness.app.render()
        harness.type(Key.resize(width: 80, height: 24))
        #expect(harness.lines[0].hasPrefix(" Cases (1)"))
    }

    @Test func aWideTerminalShowsOutlineQuestionAndPanelSideBySide() throws {
        var other = court("C02")
        other.answers["2.1.1"] = Answer(judgement: .no)
        let harness = try Harness(cases: [court("C01"), other], width: 150, height: 40)
        harness.type(Key.enter, "yyyyyyyy")
        let lines = harness.lines
        #expect(lines[2].hasPrefix(" 2.1 Assessment"))
        #expect(lines[3].hasPrefix("  2.1.1   Y"))
        #expect(lines[2].contains("Banding · 2 cases · court disposals"))
        let panelRow = try #require(lines.first { $0.contains("Δ2.1.1     1/2  50%  ▲ Req. improvement ←0/1") })
        #expect(panelRow.contains("2.1 Assessment") == false)
        // 2.1.2 and 2.1.3 have no applicable case yet, so 2.1 is not rated.
        #expect(lines.contains { $0.contains("2.1 Assessment") && $0.contains("· not rated") })
    }

    @Test func searchInTheCaseList() throws {
        var second = court("C02")
        second.details.inspector = "Zoë"
        let harness = try Harness(cases: [court("C01"), second])
        harness.type("/", "zoe", Key.enter)
        #expect(harness.app.caseCursor == 1)
    }
}

/// Issue 14: nothing on the 80x24 screens is cut mid-word: text that does not fit is cut at a
/// word with an ellipsis ("in progress …"), shortened as people write it ("YRO", "Ann I."), or
/// wrapped.
@Suite("Nothing cut mid-word at 80x24")
struct NothingCutMidWordTests {
    /// Every line of `screen` where a letter runs straight into "…" (a word cut).
    func cutWords(_ lines: [String]) -> [String] {
        lines.filter { line in
            let characters = Array(line)
            return characters.indices.contains { index in
                characters[index] == "…" && index > 0 && characters[index - 1].isLetter
            }
        }
    }

    @Test func theCaseListShortensDisposalsAndNamesAndTheScreensCutAtAWord() throws {
        var first = court("C01", disposal: "youth-rehabilitation-order")
        first.details.inspector = "Sample inspector of the service"
        let second = court("C02", disposal: "detention-and-training-order")
        let harness = try Harness(cases: [first, second])
        #expect(harness.lines[2].hasPrefix(" C01     Court        YRO            Sample …   0/12"))
        #expect(harness.lines[3].hasPrefix(" C02     Court        DTO "))
        #expect(harness.lines[20] == " C01: Youth rehabilitation order · Sample inspector of the service")
        var screens: [(String, [String])] = [("case list", harness.lines)]
        harness.type(Key.enter)
        screens.append(("marking", harness.lines))
        harness.type("w")
        screens.append(("what-if", harness.lines))
        harness.type(Key.escape, "q", "r")
        screens.append(("ratings", harness.lines))
        harness.type("q", "t")
        screens.append(("trainer", harness.lines))
        for (name, lines) in screens {
            #expect(cutWords(lines).isEmpty, "\(name) cuts a word: \(cutWords(lines))")
        }
    }
}
