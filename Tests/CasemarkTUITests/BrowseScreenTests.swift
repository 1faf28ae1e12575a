import CasemarkCore
import Testing

@testable import CasemarkTUI

/// `casemark browse`: the framework as a read-only tree with folding and search.
@Suite("Browsing a framework")
struct BrowseScreenTests {
    func browser(width: Int = 80, height: Int = 24) -> App {
        App(browsing: Harness.framework("hmip-yos-2020-09"), size: (width, height))
    }

    func type(_ app: inout App, _ keys: [Key]) {
        for key in keys { _ = app.handle(key) }
    }

    @Test func showsTheTreeWithDetailsOfTheHighlightedRow() {
        var app = browser()
        var lines = app.render().lines
        #expect(lines[0].hasPrefix(" Browse hmip-yos-2020-09"))
        #expect(lines[1].hasPrefix(" 1. Organisational delivery"))
        #expect(lines[2].hasPrefix("   ▾ 1.1 Governance and leadership"))
        #expect(lines[3].hasPrefix("     ▾ 1.1.1 Is there an effective local vision"))
        type(&app, [.down, .down, .down])  // 1.1.1's first prompt
        lines = app.render().lines
        #expect(lines[4].hasPrefix("       a) "))
        #expect(app.render().text.contains("1.1.1 a) "))  // the detail pane
        #expect(lines.count == 24)
    }

    @Test func foldingHidesAStandardsQuestionsAndSearchFindsGuidanceAndPrompts() {
        var app = browser()
        type(&app, [.down, .enter])  // fold 1.1
        #expect(app.render().lines[2].hasPrefix("   ▸ 1.1 Governance and leadership"))
        #expect(app.render().lines[3].hasPrefix("   ▾ 1.2 Staff"))
        type(&app, [.character("/")] + "resettlement".map { Key.character($0) } + [.enter])
        #expect(app.status.text.hasPrefix("\"resettlement\": match 1 of "))
        let row = app.browseRows[app.browseCursor]
        #expect(row.label.lowercased().contains("resettlement") || row.details.joined().lowercased().contains("resettlement"))
        // n and N move between the matches, the count saying where.
        let first = app.browseCursor
        type(&app, [.character("n")])
        #expect(app.browseCursor > first)
        #expect(app.status.text.hasPrefix("\"resettlement\": match 2 of "))
        type(&app, [.character("N")])
        #expect(app.browseCursor == first)
        #expect(app.status.text.hasPrefix("\"resettlement\": match 1 of "))
        type(&app, [.character("/")] + "zzqq".map { Key.character($0) } + [.enter])
        #expect(app.status.text == "\"zzqq\" is not in this framework")
    }

    @Test func nothingChangesAnythingAndQuitEnds() {
        var app = browser(width: 130, height: 40)
        for key: Key in [.character("y"), .character("n"), .character("a"), .character("D")] {
            #expect(app.handle(key) == [])
        }
        #expect(app.handle(.character("q")) == [.quit])
    }
}
