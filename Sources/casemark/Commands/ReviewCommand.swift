import ArgumentParser
import CasemarkCore
import CasemarkTUI
import Foundation

/// `casemark review PATH`: a manager reviews a colleague's case file, or an inspection's cases.
///
/// The answers are shown and cannot be changed; verdicts, comments, return and sign-off are stored
/// under the case file's `review` field.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review a colleague's case file, or the cases of an inspection folder.",
        discussion: """
            On each key question or prompt: a agree, c challenge (with a comment), e comment. On the case: \
            R return it to the inspector with a summary, S sign it off. The inspector's answers cannot be \
            changed from here. A sign-off goes out of date when the answers change afterwards.
            """
    )

    @Argument(help: "A case file (DIR/cases/C01.json) or an inspection folder DIR.")
    var path: String

    @Option(help: "The reviewer's name, written with each verdict and sign-off (default: $CASEMARK_USER or the login name).")
    var reviewer: String?

    @OptionGroup var frameworks: FrameworkOptions

    func run() throws {
        try reportingFailures {
            let catalog = try frameworks.catalog()
            let (folderPath, ref) = try Self.locate(path)
            let folder = try InspectionFolder.load(folderPath, catalog: catalog, keepingHistory: false)
            let name = reviewer?.trimmingCharacters(in: .whitespaces) ?? Session.defaultUser()
            guard !name.isEmpty else { throw CommandFailure(lines: ["--reviewer needs a name"]) }
            var app = App(folder: folder, size: (80, 24), banner: "REVIEW by \(name)")
            app.session = Session(role: .reviewer, user: name)
            if let ref {
                guard folder.cases.contains(where: { $0.ref == ref }) else {
                    let damaged = folder.damaged.first { problems in
                        problems.diagnostics.contains { $0.file.hasSuffix("/\(ref).json") }
                    }
                    let missing =
                        "\(TerminalText.escaped(path)): no case \(TerminalText.escaped(ref)) in \(TerminalText.escaped(folderPath))"
                    throw CommandFailure(lines: damaged.map(\.printedLines) ?? [missing])
                }
                app.openMarking(ref)
            }
            try Interactive.run(app, folderPath: folderPath)
        }
    }

    /// The inspection folder and, for a case file, its ref.
    ///
    /// Taken apart with `FilePath`, which handles every path (Foundation's helpers trap on some
    /// one-character ones).
    static func locate(_ path: String) throws -> (folder: String, ref: String?) {
        let shown = TerminalText.escaped(path)
        guard FileSystem.exists(path) else {
            throw CommandFailure(lines: ["\(shown): no such file or folder"])
        }
        if FileSystem.isDirectory(path) { return (path, nil) }
        let name = FilePath.name(of: path)
        let casesFolder = FilePath.parent(of: path)
        guard FilePath.pathExtension(name) == "json", FilePath.name(of: casesFolder) == InspectionFolder.casesFolderName else {
            throw CommandFailure(lines: ["\(shown): not a case file (expected a file in the cases/ folder of an inspection)"])
        }
        return (FilePath.parent(of: casesFolder), FilePath.removingExtension(name))
    }
}
