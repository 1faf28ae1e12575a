import CasemarkCore
import CasemarkTestSupport
import Foundation
import Testing

/// Bracketed paste through the real binary in tmux: pasted text goes into the note typed, line
/// breaks and all, and none of it runs as keys.
@Suite("casemark in a terminal: bracketed paste")
struct PasteEndToEndTests {
    static let evidence = "Line one of pasted evidence.\nLine two: second paragraph.\nLine three."

    /// An inspection with one case, C01, open in casemark in tmux, with the note editor open on its
    /// first key question.
    static func noteEditorOnC01(in scratch: TemporaryFolder) throws -> (TmuxSession, folder: String) {
        let folder = scratch.path + "/inspection"
        let framework = try FrameworkCatalog(folders: []).framework(id: "hmip-yos-2020-09")
        let created = try InspectionFolder.create(at: folder, service: "Test Service", framework: framework)
        try created.save(CaseFile(ref: "C01", framework: framework.id, domain: "2", disposal: "referral-order"))
        let tmux = try TmuxSession(command: casemarkInPane(shellQuoted(folder)), width: 100, height: 30, in: scratch)
        try tmux.waitFor("Cases (1)")
        try tmux.send("Enter")
        try tmux.waitFor("2.1.1 Does assessment")
        try tmux.send("e")
        try tmux.waitFor("Note (Enter saves")
        return (tmux, folder)
    }

    @Test func aMultiLinePasteIsOneNote() throws {
        let scratch = TemporaryFolder()
        let (tmux, folder) = try Self.noteEditorOnC01(in: scratch)
        try tmux.paste(Self.evidence)
        // The whole paste is in the field, and the prompt is still open: no line break saved it.
        let screen = try tmux.waitFor("Line three.")
        #expect(screen.contains("Note (Enter saves"), "\(screen)")
        #expect(screen.contains("Line two: second paragraph."), "\(screen)")
        try tmux.send("Enter")
        try tmux.waitFor("Saved case C01")
        let loaded = try InspectionFolder.load(folder, catalog: FrameworkCatalog(folders: []))
        let file = try #require(loaded.cases.first { $0.ref == "C01" })
        // The note holds the three lines; no prompt was answered, no other note opened.
        #expect(file.answers.count == 1)
        let answer = try #require(file.answers["2.1.1"])
        #expect(answer.promptNotes == ["a": Self.evidence])
        #expect(answer.prompts.isEmpty)
        #expect(answer.judgement == nil && answer.note == nil)
        try tmux.send("q", "q")
        try tmux.waitFor("casemark exited 0")
    }

    /// Ctrl-C (SIGINT from the terminal) while a note has typing asks first; `y` then quits.
    @Test func ctrlCInATypedNoteAsksFirst() throws {
        let scratch = TemporaryFolder()
        let (tmux, _) = try Self.noteEditorOnC01(in: scratch)
        try tmux.send("worth keeping", literal: true)
        // On the screen first: the terminal flushes what is not yet read when it sends SIGINT.
        try tmux.waitFor("worth keeping")
        try tmux.send("C-c")
        try tmux.waitFor("Discard what you typed?")
        try tmux.send("Space")
        var screen = try tmux.waitFor("Kept what you typed")
        #expect(screen.contains("worth keeping"))
        try tmux.send("C-c")
        try tmux.waitFor("Discard what you typed?")
        try tmux.send("y")
        screen = try tmux.waitFor("casemark exited")
        #expect(screen.contains("casemark exited 0"), "\(screen)")
    }
}
