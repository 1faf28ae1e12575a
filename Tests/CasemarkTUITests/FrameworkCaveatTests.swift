import CasemarkCore
import Testing

@testable import CasemarkTUI

/// Issue 13, item 4: a framework's caveat and notes (the 2018 file's "the prompts here are
/// inferred") are shown in browse and on the marking screen, not only in the reports.
@Suite("The framework's caveat and notes on screen")
struct FrameworkCaveatTests {
    /// The rows as one line of words, so a test reads wrapped text as a sentence.
    func flat(_ lines: [String]) -> String {
        lines.map { $0.split(separator: " ").joined(separator: " ") }.joined(separator: " ")
    }

    @Test func browseShowsTheCaveatUnderADomainAndIOpensTheNotes() {
        var app = App(browsing: Harness.framework("hmip-yos-2018"), size: (80, 24))
        let text = flat(app.render().lines)
        #expect(text.contains("Framework text: Standards, statements and key questions transcribed from Camden's"))
        #expect(text.contains("the prompts are inferred from the September 2020 Annexe A"))
        // A standard's row shows its own details instead.
        _ = app.handle(.down)
        #expect(!app.render().text.contains("Framework text:"))
        _ = app.handle(.character("i"))
        #expect(app.overlay == .about(offset: 0))
        var about = flat(app.render().lines)
        #expect(about.contains("About hmip-yos-2018"))
        #expect(about.contains("Source: "))
        #expect(about.contains("• Domains, standards, standard statements and key questions are"))
        // The notes are longer than the screen: j scrolls them, any other key closes.
        #expect(about.contains("more lines (j to scroll)"))
        for _ in 0..<30 { _ = app.handle(.character("j")) }
        about = flat(app.render().lines)
        #expect(about.contains("No seed prints the 2018 prompts") || about.contains("No prompt text is invented"))
        _ = app.handle(.character("x"))
        #expect(app.overlay == nil)
    }

    @Test func theMarkingScreenShowsTheCaveatBesideTheOutlineAndIOpensTheNotes() throws {
        let wide = try Harness(framework: "hmip-yos-2018", cases: [court("C01", framework: "hmip-yos-2018")], width: 140, height: 45)
        wide.type(Key.enter)
        let column = flat(wide.lines.map { String($0.prefix(24)) })
        #expect(column.contains("Framework text:"))
        #expect(column.contains("prompts are inferred"))
        wide.type("i")
        #expect(wide.app.overlay == .about(offset: 0))
        #expect(wide.app.render().text.contains("About hmip-yos-2018"))
        // At 80x24 there is no room beside the outline: `i` still gives it, and help says so.
        let narrow = try Harness(framework: "hmip-yos-2018", cases: [court("C01", framework: "hmip-yos-2018")])
        narrow.type(Key.enter, "i")
        #expect(narrow.app.render().text.contains("About hmip-yos-2018"))
        #expect(narrow.app.helpLines(for: .marking).contains { $0.hasPrefix("i ") && $0.contains("about this framework") })
    }

    @Test func aFrameworkWithoutACaveatShowsNone() {
        var framework = Harness.framework("hmip-yos-2020-09")
        framework.caveat = nil
        let app = App(browsing: framework, size: (80, 24))
        #expect(!app.render().text.contains("Framework text:"))
    }
}
