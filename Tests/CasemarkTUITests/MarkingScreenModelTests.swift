import CasemarkCore
import Testing

@testable import CasemarkTUI

/// The marking screen's model on its own: what its update changes of its state and asks of the
/// app through the context, and its view drawing only inside its rectangle.
@Suite("The marking screen's model")
struct MarkingScreenModelTests {
    /// The inputs the app would build for `file` of `harness`'s inspection.
    private func inputs(
        _ harness: Harness, _ file: CaseFile, reviewing: Bool = false, readOnly: String? = nil, user: String = "Pat Manager"
    ) throws -> MarkingInputs {
        let folder = try #require(harness.app.folder)
        let tally = try #require(harness.app.tally)
        var session = harness.app.session
        session.user = user
        return MarkingInputs(
            framework: folder.framework, file: file, isReviewing: reviewing, session: session, readOnlyReason: readOnly, tally: tally,
            inspection: folder.inspection)
    }

    private func context(_ width: Int = 80, _ height: Int = 24) -> ScreenContext {
        ScreenContext(size: (width, height), status: StatusLine(text: "", isError: false), overlay: nil, prompt: nil, lastSearch: "")
    }

    @Test func anAnswerIsAskedForAsTheChangedCaseAndTheCursorMovesOn() throws {
        let harness = try Harness(cases: [court("C01")])
        let file = try #require(harness.app.cases.first)
        var screen = MarkingScreen()
        screen.open("C01", in: harness.app.cases, framework: harness.app.framework, isReviewing: false)
        #expect(screen.ref == "C01")
        #expect(screen.cursor == 0)
        var context = context()
        _ = screen.update(.key(.character("y")), inputs: try inputs(harness, file), context: &context)
        var answered = file
        answered.answers["2.1.1"] = Answer(prompts: ["a": .yes])
        #expect(context.changes == [.replaceCase(answered, recordUndo: true)])
        #expect(screen.cursor == 1)
        // The model changes nothing the screens share: the app's case is as it was.
        #expect(harness.app.cases.first == file)
    }

    @Test func aReadOnlyCaseAndAReviewerAreRefusedWithNothingAskedFor() throws {
        let harness = try Harness(cases: [court("C01")])
        let file = try #require(harness.app.cases.first)
        var screen = MarkingScreen()
        screen.open("C01", in: harness.app.cases, framework: harness.app.framework, isReviewing: false)
        var held = context()
        _ = screen.update(.key(.character("y")), inputs: try inputs(harness, file, readOnly: "held by Ann"), context: &held)
        #expect(held.changes.isEmpty)
        #expect(held.status == StatusLine(text: "Nothing changed: read-only, held by Ann", isError: true))
        #expect(screen.cursor == 0)

        var reviewing = context()
        _ = screen.update(.key(.character("y")), inputs: try inputs(harness, file, reviewing: true), context: &reviewing)
        #expect(reviewing.changes.isEmpty)
        #expect(reviewing.status == StatusLine(text: App.reviewRefusal, isError: true))
        // A reviewer's agreement is asked for as the case with the review changed, stamped.
        var agreeing = context()
        _ = screen.update(.key(.character("a")), inputs: try inputs(harness, file, reviewing: true), context: &agreeing)
        guard case .replaceCase(let reviewed, let recordUndo)? = agreeing.changes.first else {
            Issue.record("no change asked for: \(agreeing.changes)")
            return
        }
        #expect(!recordUndo)
        #expect(reviewed.answers == file.answers)
        #expect(reviewed.review.items["2.1.1/a"]?.verdict == .agree)
        #expect(reviewed.review.items["2.1.1/a"]?.by == "Pat Manager")
    }

    @Test func undoPopsItsOwnStackSaysWhatItUndidAndMovesThere() throws {
        let harness = try Harness(cases: [court("C01")])
        let old = try #require(harness.app.cases.first)
        var screen = MarkingScreen()
        screen.open("C01", in: harness.app.cases, framework: harness.app.framework, isReviewing: false)
        var now = old
        now.answers["2.1.1"] = Answer(prompts: ["a": .yes, "b": .no])
        screen.recordUndo(old)
        screen.cursor = 5
        var context = context()
        _ = screen.update(.key(.character("u")), inputs: try inputs(harness, now), context: &context)
        #expect(context.changes == [.replaceCase(old, recordUndo: false)])
        #expect(context.changeNote?.hasPrefix("Undid 2.1.1/a") == true)
        #expect(screen.cursor == 0)
        #expect(screen.undoStacks["C01"]?.isEmpty == true)
        var again = self.context()
        _ = screen.update(.key(.character("u")), inputs: try inputs(harness, old), context: &again)
        #expect(again.changes.isEmpty)
        #expect(again.status.text == "Nothing to undo")
    }

    @Test(arguments: [(80, 24, false), (80, 24, true), (140, 45, false)])
    func theViewDrawsOnlyInsideItsRectAsTheAppDrawsIt(width: Int, height: Int, expanded: Bool) throws {
        let harness = try Harness(cases: [court("C01")], width: width, height: height)
        harness.type(Key.enter, "yn")
        if expanded { harness.type("b") }
        let app = harness.app
        let inputs = try #require(app.markingInputs())
        let ratings = try #require(app.ratings)
        // A buffer larger than the rectangle on every side.
        var buffer = ScreenBuffer(width: width + 20, height: height + 10)
        let rect = Rect(x: 7, y: 4, width: width, height: height - 1)
        app.marking.view(into: &buffer, rect: rect, inputs: inputs, ratings: ratings, moved: app.movement, header: app.headerRight)
        let whole = app.render()
        for y in 0..<buffer.height {
            for x in 0..<buffer.width {
                if rect.contains(x: x, y: y) {
                    #expect(buffer[x, y].text == whole[x - rect.x, y - rect.y].text, "cell \(x - rect.x),\(y - rect.y)")
                } else {
                    #expect(buffer[x, y] == .blank, "drawn outside the rectangle at \(x),\(y)")
                }
            }
        }
    }
}
