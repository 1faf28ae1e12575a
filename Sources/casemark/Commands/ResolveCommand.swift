import ArgumentParser
import CasemarkCore
import Foundation

/// `casemark resolve CASEFILE [--conflict K --take N]`: lists a case's merge conflicts, or
/// settles one on the version chosen, recording who chose and when in the case's history.
struct ResolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "List a case's merge conflicts, or resolve one by choosing a version.",
        discussion: """
            A merge (casemark merge, or git through casemark's merge driver) keeps a field two \
            copies changed differently as a conflict in the case file, with both values. Without \
            --take, lists them, numbered, with their versions. With --take N, conflict --conflict \
            (1 by default) takes version N; the choice is recorded in the case's history and the \
            conflict is gone, also from later merges with the old copies. After a git merge, git \
            add the file once every conflict is resolved.
            """
    )

    @Argument(help: "The case file (…/cases/C01.json).")
    var caseFile: String

    @Option(help: "Which conflict, as listed (default 1).")
    var conflict: Int = 1

    @Option(help: "The number of the version to keep, as listed.")
    var take: Int?

    @OptionGroup var frameworks: FrameworkOptions

    func run() throws {
        try reportingFailures {
            let casesFolder = FilePath.parent(of: caseFile)
            guard FilePath.name(of: casesFolder) == InspectionFolder.casesFolderName else {
                throw CommandFailure(lines: [
                    "\(TerminalText.escaped(caseFile)): not a case file of an inspection folder (…/cases/REF.json)"
                ])
            }
            let folder = try InspectionFolder.load(FilePath.parent(of: casesFolder), catalog: try frameworks.catalog())
            let ref = String(FilePath.name(of: caseFile).dropLast(".json".count))
            guard let file = folder.cases.first(where: { $0.ref == ref }) else {
                let problems = folder.damaged.filter { $0.diagnostics.first?.file == folder.caseFilePath(ref: ref) }
                throw CommandFailure(
                    lines: problems.flatMap { $0.diagnostics.map(\.description) } + [
                        "\(TerminalText.escaped(caseFile)): no such case to resolve"
                    ])
            }
            guard !file.conflicts.isEmpty else {
                print("\(TerminalText.escaped(caseFile)): no merge conflict")
                return
            }
            guard let take else {
                for (index, conflict) in file.conflicts.enumerated() {
                    print("\(index + 1). \(TerminalText.escaped(conflict.place))")
                    for (number, version) in conflict.versions.enumerated() {
                        let who = [version.by, version.source].compactMap { $0 }.map(TerminalText.escaped).joined(separator: ", ")
                        print("   \(number + 1)) \(TerminalText.escaped(MergeConflict.describe(version.value)))   (\(who))")
                    }
                }
                print("resolve one with: casemark resolve \(TerminalText.escaped(caseFile)) --conflict K --take N")
                throw ExitCode(1)
            }
            guard let resolved = file.resolvingConflict(conflict - 1, choosing: take - 1) else {
                throw CommandFailure(lines: [
                    "\(TerminalText.escaped(caseFile)): no conflict \(conflict) with a version \(take) (it has \(file.conflicts.count) conflict(s)); nothing changed"
                ])
            }
            let place = file.conflicts[conflict - 1].place
            let recorded = file.recording(resolved, by: Self.user(), at: Timestamp.iso8601(Date()))
            do throws(CaseSaveFailure) {
                _ = try folder.save(recorded, base: file)
            } catch {
                throw CommandFailure(lines: [error.message])
            }
            print(
                "\(TerminalText.escaped(caseFile)): \(TerminalText.escaped(place)) resolved; \(resolved.conflicts.count) conflict(s) left")
        }
    }

    /// Who is resolving, for the history: `CASEMARK_USER`, else the login name.
    static func user() -> String {
        LockHolder.current().user
    }
}
