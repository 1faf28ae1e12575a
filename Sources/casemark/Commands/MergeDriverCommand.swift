import ArgumentParser
import CasemarkCore
import Foundation

/// `casemark merge-driver BASE OURS THEIRS [PATH]`: git's merge driver for case files and
/// `inspection.json` (set up by `casemark git-setup`).
///
/// Merges field by field from the common version and writes the result over OURS, as git expects;
/// exits 1 when a field was changed differently on both sides, which git then reports as a conflict
/// for `casemark resolve`.
struct MergeDriverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge-driver",
        abstract: "git's merge driver for casemark files (set up by casemark git-setup).",
        discussion: """
            git runs it as: casemark merge-driver %O %A %B %P. A case file is merged field by field \
            from the version both sides started from: a field changed on one side is taken, the \
            same change on both is taken once, histories are joined in time order. A field changed \
            differently on both sides stays as ours in the file and is recorded as a conflict with \
            both values; then it exits 1 and git marks the file conflicted: run casemark resolve on \
            it, then git add. Files that are not casemark files are left to git merge-file.
            """
    )

    @Argument(help: "The common ancestor's version (git's %O).")
    var base: String
    @Argument(help: "Our version; the result is written here (git's %A).")
    var ours: String
    @Argument(help: "Their version (git's %B).")
    var theirs: String
    @Argument(help: "The file's path in the repository (git's %P), for messages.")
    var path: String?

    func run() throws {
        let name = TerminalText.escaped(path ?? ours)
        guard let oursBytes = try? FileSystem.read(ours), let theirsBytes = try? FileSystem.read(theirs) else {
            printError(["casemark merge-driver: \(name): cannot read the versions to merge"])
            throw ExitCode(2)
        }
        let baseBytes = (try? FileSystem.read(base)) ?? []
        let format = (try? JSONParser.parse(oursBytes))?.objectValue?["format"]?.stringValue
        switch format {
        case CaseFile.format:
            guard let oursFile = Self.readCase(oursBytes), let theirsFile = Self.readCase(theirsBytes) else { return try fallBack(name) }
            let baseFile = Self.readCase(baseBytes)
            let outcome = CaseMerge.merge(base: baseFile, ours: oursFile, theirs: theirsFile, oursSource: "ours", theirsSource: "theirs")
            guard let merged = outcome.merged else { return try fallBack(name) }
            try write(merged.encoded(), name: name)
            if !merged.conflicts.isEmpty {
                printError(
                    ["casemark: \(name): \(merged.conflicts.count) field(s) changed differently on both sides:"]
                        + merged.conflicts.map { "  " + $0.summary }
                        + ["resolve with: casemark resolve \(name) --conflict K --take N, then git add \(name)"])
                throw ExitCode(1)
            }
        case InspectionFile.format:
            guard let oursFile = Self.readInspection(oursBytes), let theirsFile = Self.readInspection(theirsBytes) else {
                return try fallBack(name)
            }
            let baseFile = Self.readInspection(baseBytes) ?? oursFile
            let outcome = InspectionFileMerge.merge(base: baseFile, ours: oursFile, theirs: theirsFile, keepingOurs: true)
            guard let merged = outcome.merged else { return try fallBack(name) }
            try write(merged.encoded(), name: name)
            if !outcome.notApplied.isEmpty {
                printError(
                    ["casemark: \(name): changed differently on both sides (ours kept in the file; edit it, then git add):"]
                        + outcome.notApplied.map { "  " + $0 })
                throw ExitCode(1)
            }
        default:
            try fallBack(name)
        }
    }

    private func write(_ bytes: [UInt8], name: String) throws {
        do {
            try FileSystem.writeAtomically(bytes, to: ours)
        } catch {
            printError(["casemark merge-driver: \(name): \(error.message)"])
            throw ExitCode(2)
        }
    }

    /// Not a file casemark can read: git's own line merge.
    private func fallBack(_ name: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "merge-file", "-L", "ours", "-L", "base", "-L", "theirs", ours, base, theirs]
        try process.run()
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            printError(["casemark: \(name): not a file casemark can merge by field; merged by lines, with conflicts"])
            throw ExitCode(1)
        }
    }

    private static func readCase(_ bytes: [UInt8]) -> CaseFile? {
        guard !bytes.isEmpty else { return nil }
        return CaseFileDecoder.decode(bytes, file: "").file
    }

    private static func readInspection(_ bytes: [UInt8]) -> InspectionFile? {
        guard !bytes.isEmpty, let value = try? JSONParser.parse(bytes) else { return nil }
        var problems = ProblemCollector(file: "")
        return InspectionFile.read(value, problems: &problems)
    }
}
