import CasemarkCore
import CasemarkTestSupport
import Foundation
import Testing

/// The mouse through the real binary in tmux: the terminal is asked for mouse reports, a click on
/// an answer cell selects it, and `CASEMARK_MOUSE=0` leaves the mouse to the terminal.
@Suite("casemark in a terminal: the mouse")
struct MouseEndToEndTests {
    func inspection(in scratch: TemporaryFolder) throws -> String {
        let folder = scratch.path + "/inspection"
        let framework = try FrameworkCatalog(folders: []).framework(id: "hmip-yos-2020-09")
        let created = try InspectionFolder.create(at: folder, service: "Test Service", framework: framework)
        try created.save(CaseFile(ref: "C01", framework: framework.id, domain: "2", disposal: "referral-order"))
        try created.save(CaseFile(ref: "C02", framework: framework.id, domain: "2", disposal: "referral-order"))
        return folder
    }

    @Test func aClickOpensTheRowAndSelectsTheAnswerCellUnderIt() throws {
        let scratch = TemporaryFolder()
        let folder = try inspection(in: scratch)
        let tmux = try TmuxSession(command: casemarkInPane(shellQuoted(folder)), width: 100, height: 30, in: scratch)
        var screen = try tmux.waitFor("Cases (2)")
        #expect(try tmux.paneFormat("#{mouse_any_flag}") == "1")
        // Row 3 is C02 (under the header and the column titles).
        try tmux.click(x: 3, y: 3)
        try tmux.send("Enter")
        screen = try tmux.waitFor("Case C02")
        // Prompt c's answer cell: a click there, then y answers c, not a.
        let rows = screen.components(separatedBy: "\n")
        let cRow = try #require(rows.firstIndex { $0.contains("c) [ ]") }, "\(screen)")
        try tmux.click(x: 7, y: cRow)
        screen = try tmux.waitFor(" > c) [ ]")
        try tmux.send("y")
        try tmux.waitFor("Saved case C02")
        let loaded = try InspectionFolder.load(folder, catalog: FrameworkCatalog(folders: []))
        let file = try #require(loaded.cases.first { $0.ref == "C02" })
        #expect(file.answers["2.1.1"]?.prompts == ["c": Judgement.yes])
        try tmux.send("q", "q")
        try tmux.waitFor("casemark exited 0")
    }

    @Test func withCasemarkMouse0TheTerminalKeepsTheMouse() throws {
        let scratch = TemporaryFolder()
        let folder = try inspection(in: scratch)
        let tmux = try TmuxSession(
            command: casemarkInPane(shellQuoted(folder), before: "CASEMARK_MOUSE=0"), width: 100, height: 30, in: scratch)
        try tmux.waitFor("Cases (2)")
        // Not asked for: the terminal selects text as usual and sends no mouse reports.
        #expect(try tmux.paneFormat("#{mouse_any_flag}") == "0")
        try tmux.send("q")
        try tmux.waitFor("casemark exited 0")
    }
}
