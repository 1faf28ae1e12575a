import CasemarkCore
import Foundation
import Testing

@testable import CasemarkTUI

/// Escape sequences, bells, NULs and bidirectional overrides in every kind of text a screen shows (framework text,
/// service name, case details, notes, review comments, ratings panel reasons) are drawn as
/// visible escapes on every screen: no cell of any frame holds a control character.
@Suite("Hostile text on every screen")
struct HostileTextScreenTests {
    /// Control characters, then the invisible ones that reorder or hide text (a right-to-left
    /// override and isolate, zero-width characters, a byte-order mark).
    static let payload = "\u{1B}[2J\u{1B}]0;owned\u{07}\u{0}\u{7F}\u{9B}1m\u{2028}\u{202E}\u{2067}\u{200B}\u{200D}\u{FEFF}\u{061C}"

    /// The 2020 framework with the payload in every title, statement, question, prompt and guidance.
    static func hostileFramework() -> Framework {
        var framework = Harness.framework("hmip-yos-2020-09")
        framework.title += payload
        framework.domains = framework.domains.map { domain in
            var domain = domain
            domain.title += payload
            domain.standards = domain.standards.map { standard in
                var standard = standard
                standard.title += payload
                standard.statement += payload
                standard.keyQuestions = standard.keyQuestions.map { question in
                    var question = question
                    question.text += payload
                    question.guidance = (question.guidance ?? "") + payload
                    question.prompts = question.prompts.map { prompt in
                        var prompt = prompt
                        prompt.text += payload
                        prompt.guidance = (prompt.guidance ?? "") + payload
                        return prompt
                    }
                    return question
                }
                return standard
            }
            return domain
        }
        return framework
    }

    static func hostileApp() throws -> (App, String) {
        let root = FileManager.default.temporaryDirectory.path + "/casemark-hostile-" + UUID().uuidString
        var folder = try InspectionFolder.create(at: root, service: "YJS" + payload, framework: hostileFramework())
        folder.inspection.discretion["2.1"] = Discretion(rating: "good", reason: "Panel" + payload)
        folder.inspection.ratings["1.1"] = DirectRating(rating: "good", note: "Governance" + payload)
        for index in 1...3 {
            var file = court("C\(index)")
            file.details.inspector = "Eve" + payload
            file.answers["2.1.1"] = Answer(
                judgement: .yes, prompts: ["a": .yes, "b": .no], note: "Note" + payload + "\nsecond line" + payload)
            file.answers["2.1.1"]?.promptNotes["a"] = "Prompt note" + payload
            file.review.items["2.1.1"] = ReviewItem(
                verdict: .challenge, comment: "Why" + payload, by: "Pat" + payload, at: "2026-11-23T10:00:00Z")
            file.history.append(
                HistoryEntry(at: "2026-11-23T10:00:00Z", by: "Eve" + payload, field: .note, item: "2.1.1", old: nil, new: "5"))
            folder.cases.append(file)
        }
        return (App(folder: folder, size: (100, 30)), root)
    }

    /// Fails the test at the first cell holding a control character.
    static func expectHarmless(_ buffer: ScreenBuffer, _ what: String) {
        let bad = buffer.cells.first { $0.text.unicodeScalars.contains(where: TerminalText.isControl) }
        #expect(bad == nil, "\(what): a cell holds a control character")
        #expect(buffer.text.contains("\\e[2J") || what.hasPrefix("small"), "\(what): the payload is shown escaped")
    }

    @Test func everyScreenOfAnInspectionShowsThePayloadEscaped() throws {
        let (start, root) = try Self.hostileApp()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let visits: [(String, [Key])] = [
            ("case list", []),
            ("case list help", [.character("?")]),
            ("marking", [.enter]),
            ("marking on a prompt with a note", [.enter, .down]),
            ("marking help", [.enter, .character("?")]),
            ("note editor", [.enter, .character("e")]),
            ("details form", [.enter, .character("d")]),
            ("history", [.enter, .character("h")]),
            ("what if", [.enter, .character("J"), .character("K"), .character("w")]),
            ("full panel", [.enter, .character("b")]),
            ("search", [.enter, .character("/"), .character("N"), .character("o")]),
            ("ratings", [.character("r")]),
            ("ratings, panel decision", [.character("r"), .character("j"), .character("p")]),
            ("ratings help", [.character("r"), .character("?")]),
            ("add case form", [.character("a")]),
        ]
        for (what, keys) in visits {
            var app = start
            for key in keys { _ = app.handle(key) }
            Self.expectHarmless(app.render(), what)
        }
        var reviewer = start
        reviewer.session = Session(role: .reviewer, user: "Pat", now: { Harness.moment })
        for key: Key in [.enter, .down, .character("c")] { _ = reviewer.handle(key) }
        Self.expectHarmless(reviewer.render(), "review")
    }

    @Test func browseAndSetupShowThePayloadEscaped() {
        var browse = App(browsing: Self.hostileFramework(), size: (100, 30))
        Self.expectHarmless(browse.render(), "browse")
        for _ in 0..<6 { _ = browse.handle(.down) }
        Self.expectHarmless(browse.render(), "browse, a prompt's details")
        let setup = App(frameworks: [Self.hostileFramework()], size: (100, 30))
        let bad = setup.render().cells.first { $0.text.unicodeScalars.contains(where: TerminalText.isControl) }
        #expect(bad == nil)
    }

    @Test func randomKeysOnAHostileInspectionNeverDrawAControlCharacter() throws {
        let (start, root) = try Self.hostileApp()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var random = SplitMix64(seed: 0xE5C)
        let keys: [Key] =
            [.enter, .escape, .up, .down, .tab, .backTab, .pageUp, .pageDown, .home, .end, .backspace]
            + "yynxjjkkJK[]eadhbwr?/qgGpoc S".map { Key.character($0) }
        var app = start
        for step in 0..<3_000 {
            let key = keys[Int(random.next() % UInt64(keys.count))]
            if app.handle(key).contains(.quit) { app = start }
            if step % 10 == 0 {
                let bad = app.render().cells.first { $0.text.unicodeScalars.contains(where: TerminalText.isControl) }
                #expect(bad == nil, "step \(step), mode \(app.mode)")
                if bad != nil { break }
            }
        }
    }
}
