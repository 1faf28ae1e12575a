import ArgumentParser
import CasemarkCore
import CasemarkTUI
import Foundation

/// `casemark review PATH`: a manager reviews a colleague's case file, or an inspection's cases.
/// The answers are shown and cannot be changed; verdicts, comments, return and sign-off are
/// stored under the case file's `review` field.
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
            let folder = try InspectionFolder.load(folderPath, catalog: catalog)
            let name = reviewer?.trimmingCharacters(in: .whitespaces) ?? Session.defaultUser()
            guard !name.isEmpty else { throw CommandFailure(lines: ["--reviewer needs a name"]) }
            var app = App(folder: folder, size: (80, 24), banner: "REVIEW by \(name)")
            app.session = Session(role: .reviewer, user: name)
            if let ref {
                guard folder.cases.contains(where: { $0.ref == ref }) else {
                    let damaged = folder.damaged.first { problems in
                        problems.diagnostics.contains { $0.file.hasSuffix("/\(ref).json") }
                    }
                    throw CommandFailure(lines: damaged.map { $0.diagnostics.map(\.description) } ?? ["\(path): no case \(ref) in \(folderPath)"])
                }
                app.openMarking(ref)
            }
            try Interactive.run(app, folderPath: folderPath)
        }
    }

    /// The inspection folder and, for a case file, its ref.
    static func locate(_ path: String) throws -> (folder: String, ref: String?) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandFailure(lines: ["\(path): no such file or folder"])
        }
        if isDirectory.boolValue { return (path, nil) }
        let url = URL(fileURLWithPath: path)
        let casesFolder = url.deletingLastPathComponent()
        guard url.pathExtension == "json", casesFolder.lastPathComponent == "cases" else {
            throw CommandFailure(lines: ["\(path): not a case file (expected a file in the cases/ folder of an inspection)"])
        }
        return (casesFolder.deletingLastPathComponent().path, url.deletingPathExtension().lastPathComponent)
    }
}
