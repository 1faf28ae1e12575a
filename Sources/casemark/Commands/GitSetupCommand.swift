import ArgumentParser
import CasemarkCore
import Foundation

/// `casemark git-setup [DIR]`: sets an inspection folder in a git repository up so that git
/// merges case files and `inspection.json` field by field through casemark's merge driver.
struct GitSetupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "git-setup",
        abstract: "Set an inspection folder in a git repository up for field-by-field merges.",
        discussion: """
            Writes a .gitattributes in DIR that sends case files and inspection.json to casemark's \
            merge driver, a .gitignore for casemark's lock and temporary files, and registers the \
            driver in the repository's git config (merge.casemark.driver). Commit the two files; \
            every clone runs casemark git-setup once, as git config is not cloned. Running it again \
            changes nothing.
            """
    )

    @Argument(help: "The inspection folder, or a folder of inspections, inside a git work tree (default: the current folder).")
    var folder: String = "."

    static let attributes = [
        "# casemark: merge case files and inspection.json field by field (casemark git-setup)",
        "**/cases/*.json merge=casemark",
        "**/inspection.json merge=casemark",
    ]
    static let ignored = [
        "# casemark: locks and temporary files of saves in progress",
        ".casemark-save.lock",
        ".*.lock",
        ".*.tmp",
        "# casemark: work a session ended by a signal could not save, offered at the next start",
        ".casemark-recovery-*.json",
    ]

    func run() throws {
        try reportingFailures {
            guard FileSystem.isDirectory(folder) else {
                throw CommandFailure(lines: ["\(TerminalText.escaped(folder)): no such folder"])
            }
            guard let top = try? Self.git(["-C", folder, "rev-parse", "--show-toplevel"]), !top.isEmpty else {
                throw CommandFailure(lines: [
                    "\(TerminalText.escaped(folder)): not inside a git repository. Run git init there first; on a shared drive without git, use casemark merge instead"
                ])
            }
            let executable = Self.executablePath()
            try Self.git(["-C", folder, "config", "merge.casemark.name", "casemark: case files merged field by field"])
            // git runs the driver through the shell: the path is quoted as the shell reads it.
            let quoted = "'" + executable.replacingOccurrences(of: "'", with: "'\\''") + "'"
            try Self.git(["-C", folder, "config", "merge.casemark.driver", "\(quoted) merge-driver %O %A %B %P"])
            let added =
                try Self.appendMissing(Self.attributes, to: folder + "/.gitattributes")
                + Self.appendMissing(Self.ignored, to: folder + "/.gitignore")
            print("git merges case files through \(TerminalText.escaped(executable)) merge-driver in \(TerminalText.escaped(top))")
            print(
                added > 0
                    ? "wrote .gitattributes and .gitignore in \(TerminalText.escaped(folder)): commit them"
                    : ".gitattributes and .gitignore were already set up")
            print("each inspector's clone runs casemark git-setup once (git config is not cloned)")
        }
    }

    /// Adds the lines a file lacks; how many were added.
    static func appendMissing(_ lines: [String], to path: String) throws -> Int {
        let existing = (try? FileSystem.read(path)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let have = Set(existing.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        let missing = lines.filter { !have.contains($0) }
        guard missing.contains(where: { !$0.hasPrefix("#") }) else { return 0 }
        var text = existing
        if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
        text += missing.joined(separator: "\n") + "\n"
        do {
            try FileSystem.writeAtomically(Array(text.utf8), to: path)
        } catch {
            throw CommandFailure(lines: [error.description])
        }
        return missing.count
    }

    /// The running binary's own path, so git finds this casemark whatever the PATH.
    static func executablePath() -> String {
        let resolved = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return resolved
    }

    /// Runs git and gives its output, trimmed; throws when it fails.
    @discardableResult
    static func git(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandFailure(lines: ["git \(arguments.joined(separator: " ")) failed"])
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
