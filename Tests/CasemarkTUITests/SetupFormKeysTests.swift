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
        let frameworks = Harness.catalog.ids.map(Harness.framework)
        #expect(frameworks.count >= 2)
        // A new inspection starts on the latest revision.
        let latest = frameworks.indices.max { frameworks[$0].revised < frameworks[$1].revised } ?? 0
        #expect(app.setup.frameworkIndex == latest)
        _ = app.handle(.down)
        #expect(app.setup.field == 1)
        #expect(app.setup.frameworkIndex == latest)
        _ = app.handle(.character("k"))
        #expect(app.setup.field == 1)
        #expect(app.setup.frameworkIndex == latest - 1)
        _ = app.handle(.down)
        #expect(app.setup.frameworkIndex == latest)
        // ↑ moves the selection, and from the top goes back to the name.
        for _ in 0..<latest { _ = app.handle(.up) }
        #expect(app.setup.field == 1)
        #expect(app.setup.frameworkIndex == 0)
        _ = app.handle(.up)
        #expect(app.setup.field == 0)
    }

    @Test func enterCreatesFromEitherFieldOnceTheServiceIsNamed() {
        var app = newSetup()
        #expect(app.handle(.enter).isEmpty)
        #expect(app.status.text == "Type the name of the service inspected")
        for character in "Camden" { _ = app.handle(.character(character)) }
        #expect(
            app.handle(.enter) == [
                .createInspection(service: "Camden", framework: Harness.catalog.ids.map(Harness.framework)[app.setup.frameworkIndex].id)
            ])
        _ = app.handle(.tab)
        #expect(app.handle(.enter).count == 1)
    }

    @Test func upInTheNameStaysInTheName() {
        var app = newSetup()
        _ = app.handle(.character("C"))
        _ = app.handle(.up)
        #expect(app.setup.field == 0)
        #expect(app.setup.service.text == "C")
    }
}
