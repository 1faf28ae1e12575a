import CasemarkCore
import Testing

@testable import CasemarkTUI

/// The trainer view (issue 14): every key question's band and the cases to the next band, the
/// ones a single case would move marked, and what a change moved marked until the next key; on
/// the Camden demo sample, as trainers use it.
@Suite("The trainer view")
struct TrainerViewTests {
    /// The row of the screen that starts with `prefix` once its leading spaces are dropped.
    func row(_ harness: Harness, _ prefix: String) -> String? {
        harness.lines.first { $0.drop { $0 == " " }.hasPrefix(prefix) }
    }

    /// Camden's case with 2.4.2 judged yes, opened at that judgement and reopened for changes.
    func openAt242(_ harness: Harness) throws {
        let index = try #require(harness.app.listedCases.firstIndex { $0.answers["2.4.2"]?.judgement == .yes })
        for _ in 0..<index { harness.type("j") }
        harness.type(Key.enter, "c")  // reopen: the demo's cases are complete
        while harness.app.currentItem?.keyQuestion != "2.4.2" { harness.type(Key.tab) }
        while harness.app.currentItem?.prompt != nil { harness.type("j") }
    }

    @Test func everyKeyQuestionWithItsBandAndTheCasesToTheNextBands() throws {
        let harness = try Harness(sample: "camden-2020")
        harness.type("t")
        #expect(harness.app.mode == .trainer)
        #expect(harness.lines[0].hasPrefix(" Trainer view · 9 key question(s) one case from a band edge"))
        // 4/4: one case judged No drops it to Good; none can lift it.
        #expect(row(harness, "◆ 2.4.2") == " ◆ 2.4.2           4/4   100%  ★ Outstanding             -      -1 ●")
        // 11/15 (73%): one more lifts it to Outstanding, two fewer drop it to Req. improvement.
        #expect(row(harness, "◆ 2.2.3") == " ◆ 2.2.3         11/15    73%  ● Good                 +1 ★      -2 ▲")
        #expect(row(harness, "2.1.1") == "   2.1.1         16/16   100%  ★ Outstanding             -      -4 ●")
        // Camden's ratings panel rated 2.2 above what its key questions give.
        #expect(row(harness, "2.2 Planning")?.hasSuffix("★ Outstanding (panel: computed Good)") == true)
        #expect(harness.screen.contains(" Score 31/36 · Overall Outstanding"))
        // s: the nine one case from an edge first, in framework order, then the rest.
        harness.type("s")
        let sorted = harness.lines[2...10].map { String($0.prefix(9)) }
        #expect(sorted.allSatisfy { $0.hasPrefix(" ◆") })
        #expect(harness.lines[2].hasPrefix(" ◆ 2.2.2"))
        #expect(harness.lines[11].hasPrefix("   2.1.3"))
        #expect(harness.lines.last == "Key questions nearest a band edge first")
        // q goes back where it came from.
        harness.type("q")
        #expect(harness.app.mode == .caseList)
    }

    @Test func whatAChangeMovedIsMarkedUntilTheNextKey() throws {
        let harness = try Harness(sample: "camden-2020")
        try openAt242(harness)
        harness.type("n")
        // The panel row, the standard and the score that moved, and the status line saying so.
        #expect(harness.lines[19] == " Δ2.4.2     3/4  75%  ● Good ←4/4")
        #expect(harness.lines[17] == " 2.4 Reviewing                    ● Good ←★  Score 31 → 30/36 · Overall Good ←★")
        #expect(
            harness.app.status.text
                == "Saved case C01 at 12:00:00 · 2.4.2 4/4 → 3/4 (Outstanding → Good) · 2.4 Outstanding → Good · Score 31 → 30"
                + " · Overall Outstanding → Good")
        // At 80 columns the status line is cut at a word.
        #expect(harness.lines.last == "Saved case C01 at 12:00:00 · 2.4.2 4/4 → 3/4 (Outstanding → Good) · 2.4 …")
        // t, straight after: the trainer view marks the same.
        harness.type("t")
        #expect(row(harness, "Δ◆ 2.4.2") == "Δ◆ 2.4.2           3/4    75%  ● Good                 +1 ★      -1 ▲  was 4/4")
        #expect(row(harness, "Δ 2.4 Reviewing")?.hasSuffix("● Good (was Outstanding)") == true)
        #expect(harness.screen.contains(" Score 31 → 30/36 · Overall Good"))
        #expect(harness.screen.contains(" Δ moved: 2.4.2 4/4 → 3/4 (Outstanding → Good) · 2.4 Outstanding → Good · Score"))
        // The next key clears the marks.
        harness.type("j")
        #expect(row(harness, "Δ") == nil)
        #expect(harness.screen.contains(" Score 30/36 · Overall Good"))
        #expect(row(harness, "◆ 2.4.2") == " ◆ 2.4.2           3/4    75%  ● Good                 +1 ★      -1 ▲")
        // Back on the marking screen, the panel no longer marks it either.
        harness.type("t")
        #expect(harness.app.mode == .marking)
        #expect(!harness.screen.contains("Δ"))
    }

    @Test func whatIfAndThePanelSayWhenARatingsPanelDecisionHoldsAStandard() throws {
        let harness = try Harness(sample: "camden-2020")
        let index = try #require(harness.app.listedCases.firstIndex { $0.answers["2.2.3"]?.judgement == .yes })
        for _ in 0..<index { harness.type("j") }
        harness.type(Key.enter, "c")
        while harness.app.currentItem?.keyQuestion != "2.2.3" { harness.type(Key.tab) }
        harness.type("w")
        guard case .message(_, let lines, _) = harness.app.overlay else { throw Failure("no what-if") }
        // Now: 2.2 is Outstanding by the panel's decision, computed Good.
        #expect(lines.contains("  held at Outstanding by the ratings panel's decision (computed Good)"))
        // If this case were No: 10/15 (67%) Good, and 2.2 still Outstanding, held by the panel.
        #expect(lines.contains("  2.2.3: 10/15 67% Good"))
        #expect(lines.contains("  standard 2.2: Outstanding"))
        // Answered so, the change's marks say the panel held it.
        harness.type(Key.escape)
        while harness.app.currentItem?.prompt != nil { harness.type("j") }
        harness.type("n")
        // A key question moved inside the same band: no standard moved, nothing held.
        #expect(harness.lines.last?.contains("2.2.3 11/15 → 10/15") == true)
        #expect(harness.lines.last?.contains("held") == false)
    }

    @Test func aChangeThePanelsDecisionAbsorbsIsSaidToBeHeld() throws {
        // Camden's 2.2 is Outstanding by the ratings panel's decision, Good from its key
        // questions; 2.2.3 is 11/15. Two of its yes judgements turned No drop it to 9/15 (60%,
        // Req. improvement): the computed rating falls, the final one is held. Wide, so the panel
        // lists every standard of the domain.
        let harness = try Harness(sample: "camden-2020", width: 140, height: 45)
        let refs = harness.app.listedCases.filter { $0.answers["2.2.3"]?.judgement == .yes }.prefix(2).map(\.ref)
        #expect(refs.count == 2)
        for ref in refs {
            let index = try #require(harness.app.listedCases.firstIndex { $0.ref == ref })
            harness.type(Key.home)
            for _ in 0..<index { harness.type("j") }
            harness.type(Key.enter, "c")
            while harness.app.currentItem?.keyQuestion != "2.2.3" { harness.type(Key.tab) }
            while harness.app.currentItem?.prompt != nil { harness.type("j") }
            harness.type("n")
            if ref == refs.last {
                let held = try #require(harness.app.movement?.standard("2.2"))
                #expect(held.isHeld)
                #expect(held.text == "2.2 held at Outstanding by the ratings panel (computed Req. improvement)")
                #expect(harness.app.status.text.contains("2.2 held at Outstanding by the ratings panel (computed Req. improvement)"))
                // The panel's standard row says the decision holds it.
                #expect(harness.lines.contains { $0.contains("2.2 Planning") && $0.hasSuffix("★ Outstanding (panel) holds") })
            }
            harness.type("q")
        }
    }

    @Test func aPromptAnswerMovesNothingAndAJudgementMovesItsKeyQuestion() throws {
        let harness = try Harness(cases: [court("C01")])
        harness.type(Key.enter, "y")
        #expect(harness.app.movement == nil)
        #expect(harness.lines.last == "Saved case C01 at 12:00:00")
        harness.type("yyyyyy", "y")  // the other six prompts, then the judgement
        #expect(harness.app.movement?.keyQuestions.map(\.number) == ["2.1.1"])
        #expect(harness.app.movement?.scoreMoved == false)
        // A note moves nothing either.
        harness.type("e", "a note", Key.enter)
        #expect(harness.app.movement == nil)
    }

    @Test func aClickSelectsARowAndTheWheelScrolls() throws {
        let harness = try Harness(sample: "camden-2020")
        harness.type("t", Key.mouse(.click, x: 5, y: 5))
        #expect(harness.app.trainer?.cursor == 3)
        harness.type(Key.mouse(.wheelDown, x: 5, y: 5))
        #expect(harness.app.trainer?.cursor == 6)
        #expect(harness.lines[8].hasPrefix(" ◆ 2.2.2") || harness.app.render()[1, 8].style == .selected)
    }
}
