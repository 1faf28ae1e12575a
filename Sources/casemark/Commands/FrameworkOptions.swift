import ArgumentParser
import CasemarkCore
import Foundation

/// The option every command that reads frameworks shares: extra folders of framework files.
struct FrameworkOptions: ParsableArguments {
    @Option(
        name: .customLong("frameworks"),
        help: ArgumentHelp("A folder of framework files, searched before the built-in ones (repeatable).", valueName: "dir"))
    var folders: [String] = []

    /// The catalogue: these folders, then $CASEMARK_FRAMEWORKS, then the bundled files.
    func catalog() throws -> FrameworkCatalog {
        do {
            return try FrameworkCatalog(
                folders: FrameworkCatalog.searchFolders(option: folders, environment: ProcessInfo.processInfo.environment))
        } catch let error as FileSystemError {
            throw CommandFailure(lines: [error.description])
        }
    }
}

/// A failure already put into words: printed to standard error, one line per problem, with a
/// non-zero exit.
struct CommandFailure: Error {
    var lines: [String]
    var exitCode: Int32 = 1

    init(lines: [String], exitCode: Int32 = 1) {
        self.lines = lines
        self.exitCode = exitCode
    }

    init(_ problems: FileProblems) {
        self.lines = problems.printedLines
    }
}

extension ParsableCommand {
    /// Runs `body`, turning casemark's errors into their one-line messages and an exit code.
    func reportingFailures(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let failure as CommandFailure {
            printError(failure.lines)
            throw ExitCode(failure.exitCode)
        } catch let problems as FileProblems {
            printError(problems.printedLines)
            throw ExitCode.failure
        } catch let error as FileSystemError {
            printError([error.description])
            throw ExitCode.failure
        }
    }
}

func printError(_ lines: [String]) {
    for line in lines {
        FileHandle.standardError.write(Data(("casemark: " + line + "\n").utf8))
    }
}
