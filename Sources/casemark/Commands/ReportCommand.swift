import ArgumentParser
import CasemarkCore
import Foundation

extension ReportFormat: ExpressibleByArgument {
    /// What each format is, listed under `--format` in `casemark report --help` (and so in the
    /// man page and the shell completions' descriptions): every case of the enum, none forgotten.
    public static var allValueDescriptions: [String: String] {
        Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0.summary) })
    }

    /// One line saying what the format is for.
    var summary: String {
        switch self {
        case .text: "plain text for a terminal, 100 columns wide"
        case .markdown: "Markdown tables"
        case .csv: "CSV: a row per standard and per key question"
        case .json: "JSON for other tools (README, \"Report JSON\")"
        case .html: "one self-contained HTML page, no scripts"
        }
    }
}

/// `casemark report DIR`: the inspection's ratings as text, Markdown, CSV, JSON or HTML.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print an inspection's ratings: key questions, standards, score and overall rating.",
        discussion: "Refuses, naming every bad file, if any file in the inspection is invalid: a report never leaves a case out."
    )

    @Argument(help: "The inspection folder.")
    var folder: String

    @Option(help: "Output format.")
    var format: ReportFormat = .text

    @Option(name: .shortAndLong, help: "Write the report to this file (replaced atomically) instead of standard output.")
    var output: String?

    @OptionGroup var frameworks: FrameworkOptions

    func run() throws {
        try reportingFailures {
            // A report never looks at case histories: they are checked but not kept.
            let inspection = try InspectionFolder.load(folder, catalog: try frameworks.catalog(), keepingHistory: false)
            if !inspection.damaged.isEmpty {
                throw CommandFailure(
                    lines: inspection.damaged.flatMap(\.diagnostics).map(\.description)
                        + ["no report: \(inspection.damaged.count) case file(s) are invalid; fix them or move them out of cases/"])
            }
            let text = format.render(InspectionReport(folder: inspection))
            if let output {
                try FileSystem.writeAtomically(Array(text.utf8), to: output)
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
            // The report is out: end here rather than free every case one by one, which at
            // 10,000 cases took a tenth of the run. The system takes the memory back at once.
            withExtendedLifetime(inspection) { Foundation.exit(0) }
        }
    }
}
