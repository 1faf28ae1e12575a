import ArgumentParser
import CasemarkCore

/// `casemark merge SOURCE... --into DIR`: gathers the cases several inspectors marked in their own
/// copies of one inspection. Differing versions of a case are listed, never resolved silently.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Gather case files from several copies of an inspection into one folder.",
        discussion: """
            A case found in one source is copied; the same case with the same content in several \
            sources is copied once; a case whose versions differ (between sources, or from the one \
            already in DIR) is a conflict: its differences are listed and nothing is written for it. \
            Nothing in DIR is overwritten. Merging again changes nothing. Exits 1 when there are \
            conflicts or damaged files, after copying everything else.
            """
    )

    @Argument(help: "Inspection folders to gather cases from.")
    var sources: [String]

    @Option(name: .customLong("into"), help: "The inspection folder to gather them into (created from the first source's inspection.json if it has none).")
    var target: String

    @OptionGroup var frameworks: FrameworkOptions

    func run() throws {
        try reportingFailures {
            guard !sources.isEmpty else { throw CommandFailure(lines: ["name at least one source folder"]) }
            let catalog = try frameworks.catalog()
            let loaded = try sources.map { try InspectionFolder.load($0, catalog: catalog) }
            let frameworkID = loaded[0].framework.id
            for folder in loaded where folder.framework.id != frameworkID {
                throw CommandFailure(lines: [
                    "\(TerminalText.escaped(folder.path)): marked under \(folder.framework.id), but \(TerminalText.escaped(loaded[0].path)) under \(frameworkID); nothing merged"
                ])
            }
            // Loading refused links in the sources' own folders; the target's are refused
            // before anything is created or copied into it.
            try InspectionFolder.refuseLinkedFolders(in: target)
            var targetFolder: InspectionFolder
            var existing: InspectionFolder?
            if FileSystem.exists(InspectionFolder.inspectionFilePath(in: target)) {
                targetFolder = try InspectionFolder.load(target, catalog: catalog)
                guard targetFolder.framework.id == frameworkID else {
                    throw CommandFailure(lines: ["\(TerminalText.escaped(target)): marked under \(targetFolder.framework.id), the sources under \(frameworkID); nothing merged"])
                }
                guard targetFolder.damaged.isEmpty else {
                    throw CommandFailure(lines: Diagnostic.lines(targetFolder.damaged.flatMap(\.diagnostics)) + ["fix the files above in \(TerminalText.escaped(target)) first; nothing merged"])
                }
                existing = targetFolder
            } else {
                targetFolder = try InspectionFolder.create(at: target, service: loaded[0].inspection.service, framework: loaded[0].framework)
                targetFolder.inspection = loaded[0].inspection
                try targetFolder.saveInspection()
                print("created \(TerminalText.escaped(target)) with the inspection of \(TerminalText.escaped(loaded[0].path))")
            }
            let merge = InspectionMerge(sources: loaded, target: existing)
            try merge.apply(to: targetFolder, sources: loaded)
            for entry in merge.entries {
                let ref = TerminalText.escaped(entry.ref)
                switch entry.outcome {
                case .copied(let folders):
                    print("copied    \(ref) from \(folders.map(TerminalText.escaped).joined(separator: ", "))")
                case .unchanged:
                    print("unchanged \(ref)")
                case .conflict(_, let differences):
                    print("CONFLICT  \(ref): versions differ; nothing written for this case")
                    for line in differences { print("    " + TerminalText.escaped(line)) }
                }
            }
            for folder in loaded where folder.inspection != targetFolder.inspection {
                print("note: \(TerminalText.escaped(folder.path))/inspection.json differs from the target's (direct ratings, discretion): merge those by hand")
            }
            let copied = merge.entries.filter { if case .copied = $0.outcome { true } else { false } }.count
            print("\(copied) copied, \(merge.entries.count - copied - merge.conflicts.count) unchanged, \(merge.conflicts.count) conflict(s)")
            var problems = Diagnostic.lines(merge.skipped.flatMap(\.diagnostics))
            if !problems.isEmpty { problems.append("the damaged case files above were not merged") }
            if !merge.conflicts.isEmpty { problems.append("\(merge.conflicts.count) case(s) differ between versions: resolve them, then merge again") }
            if !problems.isEmpty { throw CommandFailure(lines: problems) }
        }
    }
}
