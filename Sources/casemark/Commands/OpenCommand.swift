import ArgumentParser
import CasemarkCore

/// `casemark [DIR]`: opens the marking screen on an inspection folder.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open the marking screen on an inspection folder (the default command)."
    )

    @Argument(help: "The inspection folder.")
    var folder: String = "."

    @OptionGroup var frameworks: FrameworkOptions

    func run() throws {
        try reportingFailures {
            throw CommandFailure(lines: ["the marking screen is not built yet; use `casemark report \(folder)`"])
        }
    }
}
