import CasemarkCore
import Testing

@testable import CasemarkTUI

/// The overlays' model on its own: a key closes or scrolls the box and answers the app with what
/// it must do; the box draws only inside its rectangle.
@Suite("The overlays' model")
struct OverlayModelTests {
    /// A key to `overlay`, as the app sends it: the overlay after it, the status line and the answer.
    private func press(_ key: Key, on overlay: App.Overlay) -> (overlay: App.Overlay?, status: String, answer: OverlayAnswer?) {
        var context = ScreenContext(
            size: (80, 24), status: StatusLine(text: "", isError: false), overlay: overlay, prompt: nil, lastSearch: "")
        let answer = overlay.update(.key(key), context: &context)
        return (context.overlay, context.status.text, answer)
    }

    @Test func questionsAnswerOnlyToYesAndSayWhatANoKept() {
        #expect(press(.character("y"), on: .confirmRemove(ref: "C01")) == (nil, "", .removeCase(ref: "C01")))
        #expect(press(.character("n"), on: .confirmRemove(ref: "C01")) == (nil, "Case C01 kept", nil))
        #expect(
            press(.character("Y"), on: .confirmSignOff(summary: "fine", open: ["2.1.2"], inProgress: false))
                == (nil, "", .signOff(summary: "fine", open: ["2.1.2"], inProgress: false)))
        #expect(
            press(.escape, on: .confirmSignOff(summary: nil, open: ["2.1.2"], inProgress: true))
                == (nil, "Not signed off: 1 challenge(s) still open", nil))
        #expect(
            press(.character("y"), on: .confirmSignOff(summary: nil, open: [], inProgress: true))
                == (nil, "", .signOff(summary: nil, open: [], inProgress: true)))
        #expect(
            press(.character("n"), on: .confirmSignOff(summary: nil, open: [], inProgress: true))
                == (nil, "Not signed off: the case is not complete", nil))
        #expect(press(.character("y"), on: .confirmDiscard(quitting: true)) == (nil, "", .discardTyping(quitting: true)))
        #expect(press(.character("q"), on: .confirmDiscard(quitting: false)) == (nil, "Kept what you typed: go on", nil))
        #expect(press(.character("y"), on: .message(title: "t", lines: [])) == (nil, "", nil))
    }

    @Test func choicesAnswerWithWhatWasChosen() {
        #expect(press(.character("2"), on: .resolveConflict(index: 3)) == (nil, "", .takeVersion(conflict: 3, version: 1)))
        #expect(press(.escape, on: .resolveConflict(index: 0)) == (nil, "", .takeVersion(conflict: 0, version: nil)))
        #expect(press(.character("r"), on: .recovery).answer == .restoreRecovery)
        #expect(press(.character("D"), on: .recovery).answer == .discardRecovery)
        #expect(press(.escape, on: .recovery) == (nil, "", .keepRecovery))
    }

    @Test func helpAndAboutScrollAndAnyOtherKeyClosesThem() {
        #expect(press(.character("j"), on: .help(.marking, offset: 0)).overlay == .help(.marking, offset: 1))
        #expect(press(.pageDown, on: .about(offset: 2)).overlay == .about(offset: 12))
        #expect(press(.up, on: .help(.caseList, offset: 0)).overlay == .help(.caseList, offset: 0))
        #expect(press(.character("q"), on: .help(.marking, offset: 4)).overlay == nil)
        #expect(press(.character("x"), on: .about(offset: 0)).overlay == nil)
    }

    /// A message longer than its box (a long history) scrolls, and says so; any other key
    /// closes it, as any key closes one that fits.
    @Test func aLongMessageScrollsAndAShortOneClosesOnAnyKey() throws {
        let entries = (1...60).map { "entry \($0)" }
        let long = App.Overlay.message(title: "History of case C01", lines: entries)
        #expect(press(.character("j"), on: long).overlay == .message(title: "History of case C01", lines: entries, offset: 1))
        #expect(press(.pageDown, on: long).overlay == .message(title: "History of case C01", lines: entries, offset: 10))
        // Not past its end: 60 lines, 16 rows of them in an 80x24 box.
        let end = App.Overlay.message(title: "History of case C01", lines: entries, offset: 44)
        #expect(press(.pageDown, on: end).overlay == end)
        #expect(press(.character("q"), on: long).overlay == nil)
        let short = App.Overlay.message(title: "Saved", lines: ["one line"])
        #expect(press(.character("j"), on: short).overlay == nil)
        // Drawn: the first rows, then the rest after scrolling, and the keys that scroll.
        let harness = try Harness(cases: [court("C01")])
        var buffer = ScreenBuffer(width: 80, height: 24)
        long.view(into: &buffer, rect: Rect(x: 0, y: 0, width: 80, height: 24), inputs: harness.app.overlayInputs)
        #expect(buffer.text.contains("entry 1 ") && !buffer.text.contains("entry 60"))
        #expect(buffer.text.contains("(j/k scroll, any other key closes)"))
        buffer = ScreenBuffer(width: 80, height: 24)
        end.view(into: &buffer, rect: Rect(x: 0, y: 0, width: 80, height: 24), inputs: harness.app.overlayInputs)
        #expect(buffer.text.contains("entry 60") && !buffer.text.contains("entry 1 "))
        buffer = ScreenBuffer(width: 80, height: 24)
        short.view(into: &buffer, rect: Rect(x: 0, y: 0, width: 80, height: 24), inputs: harness.app.overlayInputs)
        #expect(buffer.text.contains("(any key closes)") && !buffer.text.contains("scroll"))
    }

    @Test(arguments: [(80, 24), (140, 45)])
    func theBoxDrawsOnlyInsideItsRect(width: Int, height: Int) throws {
        let harness = try Harness(cases: [court("C01")], width: width, height: height)
        let inputs = harness.app.overlayInputs
        let overlay = App.Overlay.help(.marking, offset: 0)
        var alone = ScreenBuffer(width: width, height: height)
        overlay.view(into: &alone, rect: Rect(x: 0, y: 0, width: width, height: height), inputs: inputs)
        #expect(alone.text.contains("Keys: marking"))
        // The same box, in a rectangle moved into a larger buffer: moved with it, nothing outside.
        var larger = ScreenBuffer(width: width + 12, height: height + 6)
        let rect = Rect(x: 9, y: 5, width: width, height: height)
        overlay.view(into: &larger, rect: rect, inputs: inputs)
        for y in 0..<larger.height {
            for x in 0..<larger.width {
                let expected = rect.contains(x: x, y: y) ? alone[x - rect.x, y - rect.y] : .blank
                #expect(larger[x, y] == expected, "cell \(x),\(y)")
            }
        }
    }
}
