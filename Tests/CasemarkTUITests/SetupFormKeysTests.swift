import CasemarkCore
import CasemarkTUI
import Testing

/// The keys that move between the setup form's two fields (service name, framework list), pinned
/// when the case that handles them was rewritten to silence "'where' only applies to the second
/// pattern": Tab and Shift-Tab always switch, Down leaves the name for the list.
@Suite("The setup form's field keys")
struct SetupFormKeysTests {
    func newSetup() -> App {
        App(frameworks: Harness.catalog.ids.map(Harness.framework), size: (80, 24))
    }

    @Test func tabAndShiftTabSwitchFieldsFromEither() {
        var app = newSetup()
        #expect(app.setup.field == 0)
        _ = app.handle(.tab)
        #expect(app.setup.field == 1)
        _ = app.handle(.tab)
        #expect(app.setup.field == 0)
        _ = app.handle(.backTab)
        #expect(app.setup.field == 1)
        _ = app.handle(.backTab)
        #expect(app.setup.field == 0)
    }

    @Test func downLeavesTheNameForTheListAndThenMovesTheSelection() {
        var app = newSetup()
        #expect(Harness.catalog.ids.count >= 2)
        _ = app.handle(.down)
        #expect(app.setup.field == 1)
        #expect(app.setup.frameworkIndex == 0)
        _ = app.handle(.down)
        #expect(app.setup.field == 1)
        #expect(app.setup.frameworkIndex == 1)
        _ = app.handle(.character("k"))
        #expect(app.setup.field == 1)
        #expect(app.setup.frameworkIndex == 0)
    }

    @Test func upInTheNameStaysInTheName() {
        var app = newSetup()
        _ = app.handle(.character("C"))
        _ = app.handle(.up)
        #expect(app.setup.field == 0)
        #expect(app.setup.service.text == "C")
    }
}
