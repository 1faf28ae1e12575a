import CasemarkCore
import CasemarkTestSupport
import Foundation
import Testing

/// The real binary in a real terminal (tmux): what an inspector does in the first minutes of a
/// fieldwork week, and the ways out of the program that must leave the terminal usable.
@Suite("casemark in a terminal, end to end")
struct EndToEndTests {

    @Test func createAnInspectionMarkACaseResizeQuitAndReopen() throws {
        let scratch = TemporaryFolder()
        let folder = scratch.path + "/camden"
        do {
            let tmux = try TmuxSession(command: casemarkInPane(shellQuoted(folder)), width: 100, height: 30, in: scratch)
            // The setup form: service name, then the framework (the second, 2020-09).
            try tmux.waitFor("New inspection")
            try tmux.send("Camden Youth Justice Service", literal: true)
            // The list starts on the latest revision (2022); the one above it is 2020-09.
            try tmux.send("Tab", "Up", "Enter")
            try tmux.waitFor("Cases (0)")
            // Add a case with the form's defaults: C01, court, referral order.
            try tmux.send("a")
            try tmux.waitFor("Add a case")
            try tmux.send("Enter")
            try tmux.waitFor("2.1.1 Does assessment sufficiently analyse how to support the child")
            // 2.1.1: seven prompts, then the judgement; the panel shows 1/1 at once.
            try tmux.send("y", "y", "n", "x", "y", "y", "y")
            try tmux.waitFor("(prompts: 5 yes · 1 no · 1 n/a · 0 open)")
            try tmux.send("y")
            var screen = try tmux.waitFor("2.1.2 Does assessment sufficiently analyse how to keep the child safe?")
            #expect(screen.contains("2.1.1     1/1 100%  ★ Outstanding"))
            // 2.1.2: three prompts and a "no": the panel moves it to Inadequate.
            try tmux.send("y", "n", "y", "n")
            screen = try tmux.waitFor("2.1.3 Does assessment sufficiently analyse how to keep other people safe?")
            #expect(screen.contains("2.1.2     0/1   0%  ✖ Inadequate"))
            // A note with accents, curly quotes and a dash.
            try tmux.send("e")
            try tmux.waitFor("Note")
            try tmux.send("Café – “seen by the YOT”", literal: true)
            try tmux.waitFor("Café – “seen by the YOT”")
            try tmux.send("Enter")
            try tmux.waitFor("note: Café – “seen by the YOT”")
            // Wide: outline, marking pane and panel side by side.
            try tmux.resize(width: 140, height: 40)
            screen = try tmux.waitFor("Banding · 1 case · court")
            #expect(screen.contains("2.1 Assessment"))
            // Too small: a message instead of garbage; back to a usable size.
            try tmux.resize(width: 60, height: 15)
            try tmux.waitFor("80x24")
            try tmux.resize(width: 100, height: 30)
            try tmux.waitFor("2.1.3 Does assessment")
            try tmux.send("q")
            try tmux.waitFor("Cases (1)")
            try tmux.send("q")
            try tmux.waitFor("casemark exited 0")
        }

        // The JSON on disk holds every answer.
        let data = try #require(FileManager.default.contents(atPath: folder + "/cases/C01.json"))
        let loaded = try InspectionFolder.load(folder, catalog: FrameworkCatalog(folders: []))
        #expect(loaded.damaged.isEmpty)
        let file = try #require(loaded.cases.first { $0.ref == "C01" })
        #expect(file.answers["2.1.1"]?.judgement == .yes)
        #expect(file.answers["2.1.1"]?.prompts == ["a": Judgement.yes, "b": .yes, "c": .no, "d": .na, "e": .yes, "f": .yes, "g": .yes])
        #expect(file.answers["2.1.2"]?.judgement == .no)
        #expect(file.answers["2.1.2"]?.prompts == ["a": Judgement.yes, "b": .no, "c": .yes])
        #expect(String(decoding: data, as: UTF8.self).contains("Café – “seen by the YOT”"))
        let inspection = try #require(FileManager.default.contents(atPath: folder + "/inspection.json"))
        #expect(String(decoding: inspection, as: UTF8.self).contains("\"framework\": \"hmip-yos-2020-09\""))

        // Reopening shows the same answers.
        let again = try TmuxSession(command: casemarkInPane(shellQuoted(folder)), width: 100, height: 30, in: scratch)
        var screen = try again.waitFor("Cases (1)")
        #expect(screen.contains("2/12"))
        try again.send("Enter")
        screen = try again.waitFor("2.1.3 Does assessment")
        try again.send("BTab")
        screen = try again.waitFor("2.1.2 Does assessment")
        #expect(screen.contains("Judgement: No "))
        #expect(screen.contains("a) [Y]"))
        #expect(screen.contains("b) [N]"))
        try again.send("q", "q")
        try again.waitFor("casemark exited 0")
    }

    /// The shell's own terminal modes, as `stty` prints them: "icanon echo" when restored.
    static let modes = "stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e echo -e -icanon -e -echo | tr '\\n' ' '; echo"

    func makeInspection(in scratch: TemporaryFolder) throws -> String {
        let folder = scratch.path + "/inspection"
        let framework = try FrameworkCatalog(folders: []).framework(id: "hmip-yos-2018")
        let created = try InspectionFolder.create(at: folder, service: "Test Service", framework: framework)
        try created.save(CaseFile(ref: "C01", framework: framework.id, domain: "2", disposal: "referral-order"))
        return folder
    }

    @Test func ctrlCQuitsAndRestoresTheTerminal() throws {
        let scratch = TemporaryFolder()
        let folder = try makeInspection(in: scratch)
        let command = "\(shellQuoted(BinaryRunner.executable.path)) \(shellQuoted(folder)); echo \"exited $?\"; \(Self.modes); sleep 600"
        let tmux = try TmuxSession(command: command, in: scratch)
        try tmux.waitFor("Cases (1)")
        try tmux.send("C-c")
        let screen = try tmux.waitFor("exited 0")
        #expect(try tmux.waitFor("icanon echo").contains("icanon echo"), "\(screen)")
    }

    @Test func ctrlZThenFgRedrawsTheScreen() throws {
        let scratch = TemporaryFolder()
        let folder = try makeInspection(in: scratch)
        let tmux = try TmuxSession(command: "PS1='$ ' bash --norc --noprofile", in: scratch)
        try tmux.send("clear; \(shellQuoted(BinaryRunner.executable.path)) \(shellQuoted(folder))", "Enter")
        try tmux.waitFor("Cases (1)")
        try tmux.send("C-z")
        try tmux.waitFor("Stopped")
        try tmux.send("clear; \(Self.modes)", "Enter")
        try tmux.waitFor("icanon echo")
        try tmux.send("clear; fg", "Enter")
        let screen = try tmux.waitFor("Cases (1)")
        #expect(screen.contains("C01"))
        try tmux.send("q")
        try tmux.send("clear; echo \"back with $?\"", "Enter")
        try tmux.waitFor("back with 0")
    }

    /// A case left with answers on what its framework no longer has stops `report`; its
    /// inspector drops them in casemark, and the report runs, with the file as it was in `removed/`.
    @Test func orphansDroppedInCasemarkLetTheReportRun() throws {
        let scratch = TemporaryFolder()
        let folder = scratch.path + "/inspection"
        let framework = try FrameworkCatalog(folders: []).framework(id: "hmip-yos-2020-09")
        _ = try InspectionFolder.create(at: folder, service: "Test Service", framework: framework)
        let text =
            #"{"format": "casemark/case", "version": 1, "ref": "C01", "framework": "hmip-yos-2020-09", "domain": "2", "disposal": "referral-order", "status": "in-progress", "answers": {"2.1.1": {"judgement": "yes", "prompts": {"a": "yes", "z": "no"}}}}"#
        try FileSystem.writeAtomically(Array(text.utf8), to: folder + "/cases/C01.json")
        let refused = try BinaryRunner.run(["report", folder])
        #expect(refused.status == 1)
        #expect(refused.error.contains(#"key question 2.1.1 has no prompt "z""#))
        #expect(
            refused.error.contains(
                "casemark: C01: only answers or review items on what the framework no longer has; open each case in casemark to drop them"
            ))
        let validated = try BinaryRunner.run(["validate", folder])
        #expect(validated.status == 1)
        #expect(validated.output.contains("C01: only answers or review items on what the framework no longer has"))

        let tmux = try TmuxSession(command: casemarkInPane(shellQuoted(folder)), width: 100, height: 30, in: scratch)
        try tmux.waitFor("Cases (1)")
        try tmux.send("Enter")
        try tmux.waitFor("y  drop them")
        try tmux.send("y")
        try tmux.waitFor("the file as it was is kept as removed/C01.json")
        try tmux.send("q", "q")
        try tmux.waitFor("casemark exited 0")

        let report = try BinaryRunner.run(["report", "--format", "json", folder])
        #expect(report.status == 0, "\(report.error)")
        #expect(String(decoding: try FileSystem.read(folder + "/removed/C01.json"), as: UTF8.self) == text)
        let saved = try #require(InspectionFolder.load(folder, catalog: FrameworkCatalog(folders: [])).cases.first)
        #expect(saved.answers["2.1.1"]?.prompts == ["a": .yes])
        #expect(saved.history.last?.summary.hasSuffix("2.1.1/z prompt: no → —") == true)
    }

    @Test func aReviewerChallengesAJudgementAndSignsOffThenTheInspectorSeesTheChallenge() throws {
        let scratch = TemporaryFolder()
        let folder = scratch.path + "/inspection"
        let framework = try FrameworkCatalog(folders: []).framework(id: "hmip-yos-2020-09")
        let created = try InspectionFolder.create(at: folder, service: "Test Service", framework: framework)
        var marked = CaseFile(ref: "C01", framework: framework.id, domain: "2", disposal: "referral-order")
        marked.answers["2.1.1"] = Answer(judgement: .yes, prompts: ["a": .yes, "b": .yes])
        try created.save(marked)
        let caseFile = folder + "/cases/C01.json"

        // The manager opens the colleague's case file for review.
        let review = try TmuxSession(
            command: casemarkInPane("review --reviewer 'Pat Manager' " + shellQuoted(caseFile)), width: 100, height: 30, in: scratch)
        try review.waitFor("REVIEW by Pat Manager")
        try review.waitFor("2.1.1 Does assessment sufficiently analyse how to support the child")
        // Answer keys are refused; the judgement is challenged with a comment; then sign-off.
        try review.send("n")
        try review.waitFor("Review mode: the inspector's answers")
        for _ in 0..<7 { try review.send("j") }  // 2.1.1 has prompts a-g; the judgement is after them
        try review.waitFor("> Judgement: Yes")
        try review.send("c")
        try review.waitFor("Challenge 2.1.1: why?")
        try review.send("Diversity needs not analysed", literal: true)
        try review.send("Enter")
        try review.waitFor("⚑ challenged by Pat Manager: Diversity needs not analysed")
        try review.send("S")
        try review.waitFor("Sign off as Pat Manager")
        try review.send("Enter")
        // A challenge is open and the case not complete: casemark asks first, and the sign-off
        // records the challenge.
        try review.waitFor("Sign off with 1 challenge(s) open, before the case is complete?")
        try review.send("y")
        try review.waitFor("signed off by Pat Manager")
        try review.send("q", "q")
        try review.waitFor("casemark exited 0")

        let saved = try #require(InspectionFolder.load(folder, catalog: FrameworkCatalog(folders: [])).cases.first)
        #expect(saved.answers == marked.answers)
        #expect(saved.review.items["2.1.1"]?.verdict == .challenge)
        #expect(saved.reviewStatus == .signedOff)
        #expect(saved.review.outcome?.openChallenges == ["2.1.1"])

        // The inspector opens the inspection and sees the sign-off and the challenge.
        let inspector = try TmuxSession(command: casemarkInPane(shellQuoted(folder)), width: 100, height: 30, in: scratch)
        var screen = try inspector.waitFor("Cases (1)")
        #expect(screen.contains("signed off"))
        try inspector.send("Enter")
        try inspector.waitFor("Case C01")
        try inspector.send("g")
        for _ in 0..<7 { try inspector.send("j") }
        screen = try inspector.waitFor("⚑ challenged by Pat Manager: Diversity needs not analysed")
        #expect(screen.contains("signed off by Pat Manager"))
        try inspector.send("q", "q")
        try inspector.waitFor("casemark exited 0")
    }

    /// Process ids whose command line has `argument` among its arguments (read from /proc).
    static func processes(withArgument argument: String) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> pid_t? in
            guard let pid = pid_t(entry),
                let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline")
            else { return nil }
            let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            guard arguments.first?.hasSuffix("/casemark") == true, arguments.contains(argument) else { return nil }
            return pid
        }
    }
}
