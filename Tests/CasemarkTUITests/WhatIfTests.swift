import CasemarkCore
import Testing

@testable import CasemarkTUI

/// The "what if" key: how one case's judgement moves its key question's band, the standard and
/// the score, without changing anything.
@Suite("What if a judgement were the other way")
struct WhatIfTests {
    @Test func flippingOneNoToYesMovesGoodToOutstandingAndChangesNothing() throws {
        var cases: [CaseFile] = []
        for (index, judgement) in [Judgement.yes, .yes, .yes, .no].enumerated() {
            var file = court("C0\(index + 1)")
            file.answers["2.1.1"] = Answer(judgement: judgement)
            cases.append(file)
        }
        let harness = try Harness(cases: cases, width: 100, height: 30)
        harness.type("G", Key.enter)  // C04
        #expect(harness.app.markingRef == "C04")
        harness.type(Key.home, "jjjjjjj")  // 2.1.1's judgement, after prompts a-g
        let before = try harness.saved("C04")
        let screen = harness.type("w")
        #expect(screen.contains("What if: 2.1.1 in case C04 (nothing is changed)"))
        #expect(screen.contains("2.1.1: 3/4 75% Good"))
        #expect(screen.contains("If C04's judgement were Yes:"))
        #expect(screen.contains("2.1.1: 4/4 100% Outstanding (was Good)"))
        #expect(!screen.contains("were No:"))  // only the other way for a judged question
        #expect(try harness.saved("C04") == before)
        // An unjudged question shows both ways.
        harness.type(Key.escape, Key.tab, "w")
        #expect(harness.screen.contains("If C04's judgement were Yes:"))
        #expect(harness.screen.contains("If C04's judgement were No:"))
    }
}
