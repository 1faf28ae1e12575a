import ArgumentParser
import CasemarkCore

/// `casemark merge SOURCE... --into DIR`: gathers the cases several inspectors marked in their own
/// copies of one inspection.
///
/// Differing versions of a case are listed, never resolved silently.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Gather case files from several copies of an inspection into one folder.",
        discussion: """
            A case found in one copy is copied. A case whose versions differ is merged field by \
            field: what one copy changed is taken, histories are joined, and a field two copies \
            changed differently is a conflict, kept in the case file with both values and their \
            authors until it is resolved (casemark resolve DIR REF). Nothing in DIR is lost. \
            Merging again changes nothing. Exits 1 while conflicts or damaged files remain.
            """
    )

    @Argument(help: "Inspection folders to gather cases from.")
    var sources: [String]

    @Option(
        name: .customLong("into"),
        help: "The inspection folder to gather them into (created from the first source's inspection.json if it has none).")
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
                    throw CommandFailure(lines: [
                        "\(TerminalText.escaped(target)): marked under \(targetFolder.framework.id), the sources under \(frameworkID); nothing merged"
                    ])
                }
                guard targetFolder.damaged.isEmpty else {
                    throw CommandFailure(
                        lines: Diagnostic.lines(targetFolder.damaged.flatMap(\.diagnostics)) + [
                            "fix the files above in \(TerminalText.escaped(target)) first; nothing merged"
                        ])
                }
                existing = targetFolder
            } else {
                targetFolder = try InspectionFolder.create(
                    at: target, service: loaded[0].inspection.service, framework: loaded[0].framework)
                targetFolder.inspection = loaded[0].inspection
                try targetFolder.saveInspection()
                print("created \(TerminalText.escaped(target)) with the inspection of \(TerminalText.escaped(loaded[0].path))")
            }
            let merge = InspectionMerge(sources: loaded, target: existing)
            do throws(CaseSaveFailure) {
                try merge.apply(to: targetFolder, sources: loaded)
            } catch {
                throw CommandFailure(lines: [error.message])
            }
            var copied = 0
            var merged = 0
            for entry in merge.entries {
                let ref = TerminalText.escaped(entry.ref)
                switch entry.outcome {
                case .copied(let folders):
                    copied += 1
                    print("copied    \(ref) from \(folders.map(TerminalText.escaped).joined(separator: ", "))")
                case .unchanged:
                    print("unchanged \(ref)")
                case .merged(let folders, let conflicts):
                    merged += 1
                    if conflicts.isEmpty {
                        print("merged    \(ref) from \(folders.map(TerminalText.escaped).joined(separator: ", ")): every change taken")
                    } else {
                        print("CONFLICT  \(ref): \(conflicts.count) field(s) changed differently; everything else merged")
                        for conflict in conflicts { print("    " + conflict.summary) }
                    }
                case .unmergeable(let versions):
                    print(
                        "CONFLICT  \(ref): the versions in \(versions.map(TerminalText.escaped).joined(separator: ", ")) cannot be merged; nothing written for it"
                    )
                }
            }
            // The inspection's ratings and panel decisions, field by field: what one copy has is
            // taken; a field two copies hold differently keeps the target's and is listed.
            var inspection = targetFolder.inspection
            var ratingClashes: [String] = []
            for folder in loaded where folder.inspection != inspection {
                let outcome = InspectionFileMerge.merge(ours: inspection, theirs: folder.inspection, theirsSource: folder.path)
                guard let merged = outcome.merged else {
                    ratingClashes.append("\(TerminalText.escaped(folder.path))/inspection.json cannot be merged with the target's")
                    continue
                }
                inspection = merged
                ratingClashes += outcome.clashes
            }
            if inspection != targetFolder.inspection {
                do throws(CaseSaveFailure) {
                    _ = try targetFolder.saveInspection(inspection, base: targetFolder.inspection)
                    print("merged    inspection.json: direct ratings and panel decisions from every copy")
                } catch {
                    throw CommandFailure(lines: [error.message])
                }
            }
            for clash in ratingClashes { print("CONFLICT  inspection.json: \(clash)") }
            let conflicted = merge.conflicts.count
            print("\(copied) copied, \(merged) merged, \(merge.entries.count - copied - merged) unchanged, \(conflicted) with conflicts")
            var problems = Diagnostic.lines(merge.skipped.flatMap(\.diagnostics))
            if !problems.isEmpty { problems.append("the damaged case files above were not merged") }
            if !ratingClashes.isEmpty {
                problems.append(
                    "inspection.json: \(ratingClashes.count) rating(s) differ between copies; the target's are kept: set them on the ratings screen"
                )
            }
            if conflicted > 0 {
                problems.append(
                    "\(conflicted) case(s) have conflicts: resolve each with casemark resolve \(TerminalText.escaped(target))/cases/REF.json, or M on the marking screen"
                )
            }
            if !problems.isEmpty { throw CommandFailure(lines: problems) }
        }
    }
}
