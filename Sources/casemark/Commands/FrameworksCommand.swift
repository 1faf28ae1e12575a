import ArgumentParser
import CasemarkCore

/// `casemark frameworks`: the framework revisions available, with where each comes from.
struct FrameworksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frameworks",
        abstract: "List the framework revisions casemark can use, and where each file is."
    )

    @OptionGroup var frameworks: FrameworkOptions

    func run() throws {
        try reportingFailures {
            let catalog = try frameworks.catalog()
            for id in catalog.ids {
                guard let entry = catalog.entry(id: id) else { continue }
                let origin = entry.displayName
                do {
                    let framework = try catalog.framework(id: id)
                    print(
                        "\(TerminalText.escaped(id))\t\(TerminalText.escaped(framework.revised))\t\(TerminalText.escaped(framework.title))\t\(TerminalText.escaped(origin))"
                    )
                } catch let problems as FileProblems {
                    print(
                        "\(TerminalText.escaped(id))\t-\tinvalid: \(problems.diagnostics.first?.description ?? "")\t\(TerminalText.escaped(origin))"
                    )
                }
            }
        }
    }
}
