import ArgumentParser
import CasemarkCore
import CasemarkTUI
import Foundation

/// `casemark [DIR]`: opens the marking screen on an inspection folder, or the setup form for a
/// folder that holds no inspection yet.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open the marking screen on an inspection folder (the default command)."
    )

    @Argument(help: "The inspection folder; a folder with no inspection gets a short setup form.")
    var folder: String = "."

    @OptionGroup var frameworks: FrameworkOptions

    func run() throws {
        try reportingFailures {
            let catalog = try frameworks.catalog()
            let app: App
            if FileSystem.exists(InspectionFolder.inspectionFilePath(in: folder)) {
                // Histories load when a case is opened (see AppRunner), not all at start.
                app = App(folder: try InspectionFolder.load(folder, catalog: catalog, keepingHistory: false), size: (80, 24))
            } else {
                // The setup form creates the inspection here: never through a linked cases/.
                try InspectionFolder.refuseLinkedFolders(in: folder)
                let available = catalog.ids.compactMap { try? catalog.framework(id: $0) }
                let shown = folder.hasPrefix("/") ? folder : FileManager.default.currentDirectoryPath + "/" + folder
                app = App(frameworks: available, size: (80, 24), folder: shown)
            }
            try Interactive.run(app, folderPath: folder)
        }
    }
}

/// Runs an app on the real terminal and restores the terminal on every way out.
enum Interactive {
    static func run(_ app: App, folderPath: String) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw CommandFailure(lines: ["the marking screen needs a terminal; for output to a file or pipe use `casemark report`"])
        }
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal()
        } catch {
            throw CommandFailure(lines: ["cannot start the terminal: \(TerminalText.escaped(String(describing: error)))"])
        }
        defer { terminal.end() }
        let runner = AppRunner(app: app, terminal: terminal, folderPath: folderPath)
        runner.run()
        // Said once the terminal is back, where it stays readable.
        terminal.end()
        if let report = runner.unsavedWorkReport {
            printError([report])
            throw ExitCode(3)
        }
    }
}
