import ArgumentParser
import CasemarkCore
import Foundation

/// `casemark validate FILE...`: checks framework, inspection and case files (or inspection
/// folders) and names every problem with its file, line, column and JSON path.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check framework, inspection and case files, or whole inspection folders.",
        discussion: "Prints one line per problem (file:line:column: JSON path: what is wrong) and exits 1 if any file has a problem."
    )

    @Argument(help: "Files or inspection folders to check.")
    var paths: [String]

    @OptionGroup var frameworks: FrameworkOptions

    func run() throws {
        try reportingFailures {
            let validator = FileValidator(catalog: try frameworks.catalog())
            var problemCount = 0
            var badFiles = 0
            for path in paths {
                let (diagnostics, hint) = validator.check(path: path)
                if diagnostics.isEmpty {
                    print("\(TerminalText.escaped(path)): ok")
                } else {
                    badFiles += 1
                    problemCount += diagnostics.count
                    for line in Diagnostic.lines(diagnostics) { print(line) }
                    // A folder's cases whose only problem is orphans are named, with the way out.
                    if let hint { print(hint) }
                }
            }
            if problemCount > 0 {
                throw CommandFailure(lines: ["\(problemCount) problem(s) in \(badFiles) of \(paths.count) path(s)"])
            }
        }
    }
}
