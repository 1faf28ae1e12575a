import ArgumentParser
import CasemarkCore

/// The `casemark` command: opens the marking screen by default, with subcommands for reports,
/// validation and the framework catalogue.
@main
struct Casemark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "casemark",
        abstract: "Mark youth justice inspection cases against HM Inspectorate of Probation's standards.",
        discussion: """
            An inspection is a folder holding inspection.json and cases/<ref>.json. Framework files \
            are found in --frameworks folders, then in $\(FrameworkCatalog.environmentVariable) \
            (folders separated by ':'), then among those built into casemark.
            """,
        version: "0.1.0",
        subcommands: [
            OpenCommand.self, ReviewCommand.self, DemoCommand.self, BrowseCommand.self, CompareCommand.self, MergeCommand.self,
            SampleCommand.self, ResolveCommand.self, GitSetupCommand.self, MergeDriverCommand.self, ReportCommand.self,
            ValidateCommand.self, FrameworksCommand.self,
        ],
        defaultSubcommand: OpenCommand.self
    )
}
