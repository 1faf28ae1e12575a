import ArgumentParser
import CasemarkCore
import CasemarkTUI

/// `casemark browse [FRAMEWORK]`: a framework as a read-only tree, with search.
struct BrowseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "browse",
        abstract: "Browse a framework's domains, standards, key questions, prompts and guidance (read-only)."
    )

    @Argument(help: "A framework id (see `casemark frameworks`) or file path; the latest bundled revision by default.")
    var framework: String?

    @OptionGroup var frameworks: FrameworkOptions

    func run() throws {
        try reportingFailures {
            let catalog = try frameworks.catalog()
            let chosen: Framework
            if let framework {
                chosen = try CompareCommand.framework(framework, catalog: catalog)
            } else {
                let all = catalog.ids.compactMap { try? catalog.framework(id: $0) }
                guard let latest = all.max(by: { $0.revised < $1.revised }) else {
                    throw CommandFailure(lines: ["no framework is available"])
                }
                chosen = latest
            }
            try Interactive.run(App(browsing: chosen, size: (80, 24)), folderPath: ".")
        }
    }
}
