import ArgumentParser
import CasemarkCore

/// `casemark compare OLD NEW`: what changed between two framework revisions.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Show what changed between two framework revisions.",
        discussion: """
            OLD and NEW are framework ids (see `casemark frameworks`) or paths to framework files. \
            Standards and key questions are matched by number, prompts by their text (a revision \
            that inserts a prompt re-letters the ones after it).
            """
    )

    @Argument(help: "The earlier framework: an id or a file path.")
    var old: String

    @Argument(help: "The later framework: an id or a file path.")
    var new: String

    @Option(help: "text or markdown.")
    var format: ComparisonRenderer.Format = .text

    @OptionGroup var frameworks: FrameworkOptions

    func run() throws {
        try reportingFailures {
            let catalog = try frameworks.catalog()
            let comparison = FrameworkComparison(
                old: try Self.framework(old, catalog: catalog), new: try Self.framework(new, catalog: catalog))
            print(ComparisonRenderer(format: format).render(comparison), terminator: "")
        }
    }

    /// A framework by file path when such a file exists, else by id.
    static func framework(_ reference: String, catalog: FrameworkCatalog) throws -> Framework {
        if reference.hasSuffix(".json") || reference.contains("/") {
            return try FrameworkReader.read(bytes: try FileSystem.read(reference), file: reference, expectedID: nil)
        }
        return try catalog.framework(id: reference)
    }
}

extension ComparisonRenderer.Format: ExpressibleByArgument {}
