import CasemarkCore
import CasemarkTestSupport
import Foundation
import Testing

/// The help, the man page, the README's command table and the shell completions all describe the
/// same commands: these tests fail when one of them misses a command, option or value.
@Suite("casemark's help, man page and completions agree")
struct HelpAndManualTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// One subcommand as `--experimental-dump-help` describes it (the input of the man page).
    struct Command {
        var name: String
        var abstract: String
        /// Each option's or flag's spellings (`--format`, `-o`), its help and its values with their descriptions.
        var options: [(spellings: [String], abstract: String, values: [(value: String, description: String?)])]
    }

    /// The subcommands a user sees, from the binary's own description of itself.
    static func commands() throws -> [Command] {
        let result = try BinaryRunner.run(["--experimental-dump-help"])
        #expect(result.status == 0)
        let dump = try JSONParser.parse(result.output)
        let root = try #require(dump.member("command"))
        let subcommands = try #require(root.member("subcommands")?.arrayValue)
        return subcommands.compactMap { subcommand -> Command? in
            guard let name = subcommand.member("commandName")?.stringValue, name != "help" else { return nil }
            let arguments = subcommand.member("arguments")?.arrayValue ?? []
            let options = arguments.compactMap {
                argument -> (spellings: [String], abstract: String, values: [(value: String, description: String?)])? in
                guard let names = argument.member("names")?.arrayValue, argument.member("shouldDisplay")?.boolValue != false else {
                    return nil
                }
                let spellings = names.compactMap { name -> String? in
                    guard let kind = name.member("kind")?.stringValue, let text = name.member("name")?.stringValue else { return nil }
                    return (kind == "short" ? "-" : "--") + text
                }
                let descriptions = argument.member("allValueDescriptions")?.objectValue
                let values = (argument.member("allValues")?.arrayValue ?? []).compactMap(\.stringValue).map { value in
                    (value: value, description: descriptions?[value]?.stringValue)
                }
                return (spellings, argument.member("abstract")?.stringValue ?? "", values)
            }
            return Command(name: name, abstract: subcommand.member("abstract")?.stringValue ?? "", options: options)
        }
    }

    /// A text line as mdoc holds it: a backslash is `\e`, a leading `.` or `'` gets `\&`.
    static func mdocLine(_ text: String) -> String {
        var line = text.replacingOccurrences(of: "\\", with: "\\e")
        if line.hasPrefix(".") || line.hasPrefix("'") { line = "\\&" + line }
        return line
    }

    @Test func reportHelpListsEveryFormatWithWhatItIs() throws {
        let help = try BinaryRunner.run(["report", "--help"])
        #expect(help.status == 0)
        let lines = help.output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(ReportFormat.allCases.count == 5)
        for format in ReportFormat.allCases {
            #expect(
                lines.contains { $0.hasPrefix("\(format.rawValue) ") && $0.contains(" - ") },
                "no line for \(format.rawValue) in:\n\(help.output)")
        }
        #expect(lines.contains { $0.hasPrefix("html") && $0.contains("HTML") })
    }

    @Test func everySubcommandHasHelpWithEachOfItsOptions() throws {
        let commands = try Self.commands()
        #expect(
            Set(commands.map(\.name)) == [
                "open", "review", "demo", "browse", "compare", "merge", "sample", "resolve", "git-setup", "merge-driver", "report",
                "validate", "frameworks",
            ])
        for command in commands {
            let help = try BinaryRunner.run([command.name, "--help"])
            func mentions(_ text: String) -> Bool { help.output.contains(text) }
            #expect(help.status == 0, "\(command.name) --help")
            #expect(help.output.contains("USAGE: casemark \(command.name)"))
            for option in command.options {
                for spelling in option.spellings {
                    #expect(mentions(spelling), "\(command.name) --help lacks \(spelling)")
                }
                for value in option.values {
                    #expect(mentions(value.value), "\(command.name) --help lacks \(value.value)")
                }
            }
        }
    }

    /// The README's table of commands names only options and values the binary has, and every
    /// subcommand the binary has is in it.
    @Test func theReadmeCommandTableMatchesTheHelp() throws {
        let readme = try String(contentsOfFile: Self.packageRoot + "/README.md", encoding: .utf8)
        let rows = readme.split(separator: "\n").filter { $0.hasPrefix("| `casemark ") }
        var documented: Set<String> = []
        for row in rows {
            // "| `casemark report DIR [--format text\|markdown\|csv\|json\|html] [-o FILE]` | what it does |"
            let usage = String(row.dropFirst(3).prefix { $0 != "`" })
            let words = usage.split(separator: " ").map(String.init)
            let name = words.count > 1 ? words[1].trimmingCharacters(in: CharacterSet(charactersIn: "[]")) : ""
            documented.insert(name)
            let help = try BinaryRunner.run([name, "--help"])
            func mentions(_ text: String) -> Bool { help.output.contains(text) }
            #expect(help.status == 0, "README names `casemark \(name)`, which has no help")
            for (index, word) in words.enumerated() {
                let option = word.trimmingCharacters(in: CharacterSet(charactersIn: "[]."))
                guard option.hasPrefix("-") else { continue }
                #expect(mentions(option), "README gives \(name) \(option); its help does not")
                guard index + 1 < words.count, words[index + 1].contains("\\|") else { continue }
                for value in words[index + 1].trimmingCharacters(in: CharacterSet(charactersIn: "[]")).components(separatedBy: "\\|") {
                    #expect(mentions(value), "README gives \(name) \(option) \(value); its help does not")
                }
            }
        }
        #expect(documented == Set(try Self.commands().map(\.name)))
    }

    /// docs/casemark.1 (made by `make man`) describes every subcommand, option and value the binary
    /// has, in the words of its help: regenerate it when this fails.
    @Test func theManPageIsUpToDate() throws {
        let page = try String(contentsOfFile: Self.packageRoot + "/docs/casemark.1", encoding: .utf8)
        let lines = Set(page.split(separator: "\n").map(String.init))
        // A function, so that a failure shows the missing line rather than the whole page.
        func has(_ line: String) -> Bool { lines.contains(line) }
        let stale = "docs/casemark.1 is out of date: run `make man`"
        #expect(page.hasPrefix(".\\\" \"Generated by swift-argument-parser\""))
        for command in try Self.commands() {
            #expect(has(".It Em \(command.name)"), "\(stale) (no \(command.name))")
            #expect(has(Self.mdocLine(command.abstract)), "\(stale) (\(command.name)'s abstract)")
            for option in command.options {
                // ".It Fl o , -output Ar output": each spelling without its first dash, as a word.
                let items = lines.filter { $0.hasPrefix(".It Fl ") }.map { $0.split(separator: " ").map(String.init) }
                for spelling in option.spellings {
                    #expect(items.contains { $0.contains(String(spelling.dropFirst())) }, "\(stale) (no \(command.name) \(spelling))")
                }
                #expect(has(Self.mdocLine(option.abstract)), "\(stale) (the help of \(command.name) \(option.spellings[0]))")
                for value in option.values {
                    #expect(has(".It Ar \(value.value)") || page.contains(value.value), "\(stale) (no \(value.value))")
                    if let description = value.description {
                        #expect(has(Self.mdocLine(description)), "\(stale) (what \(value.value) is)")
                    }
                }
            }
        }
    }

    @Test func completionScriptsForEveryShellNameEverySubcommandAndFormat() throws {
        let names = try Self.commands().map(\.name)
        for shell in ["bash", "zsh", "fish"] {
            let script = try BinaryRunner.run(["--generate-completion-script", shell])
            #expect(script.status == 0, "\(shell): \(script.error)")
            for name in names {
                #expect(script.output.contains(name), "the \(shell) completions lack \(name)")
            }
            for format in ReportFormat.allCases {
                #expect(script.output.contains(format.rawValue), "the \(shell) completions lack \(format.rawValue)")
            }
        }
    }

    /// Sourced into bash and asked for `casemark report --format <Tab>`, the script offers the
    /// formats, and for `casemark re<Tab>` the subcommands that start so.
    @Test func bashCompletionCompletesFormatsAndSubcommands() throws {
        let scratch = TemporaryFolder()
        let script = try BinaryRunner.run(["--generate-completion-script", "bash"])
        scratch.write("casemark.bash", script.output)
        func complete(_ words: [String]) throws -> [String] {
            let line = words.joined(separator: " ")
            let quoted = words.map { "'\($0)'" }.joined(separator: " ")
            let program = """
                source '\(scratch.path)/casemark.bash'
                COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1)
                COMP_LINE='\(line)'; COMP_POINT=${#COMP_LINE}
                _casemark casemark '\(words[words.count - 1])' '\(words[words.count - 2])'
                printf '%s\\n' "${COMPREPLY[@]}"
                """
            scratch.write("complete.sh", program)
            let output = scratch.path + "/complete.out"
            let status = try ChildProcess.run(
                "/bin/bash", [scratch.path + "/complete.sh"],
                environment: ["PATH": BinaryRunner.executable.deletingLastPathComponent().path + ":/usr/bin:/bin"],
                outputPath: output)
            #expect(status == 0)
            return (scratch.read("complete.out") ?? "").split(separator: "\n").map(String.init)
        }
        #expect(try complete(["casemark", "report", "--format", ""]) == ReportFormat.allCases.map(\.rawValue))
        #expect(Set(try complete(["casemark", "re"])) == ["review", "report", "resolve"])
    }
}

extension JSONValue {
    /// The value of `key` when this is an object.
    fileprivate func member(_ key: String) -> JSONValue? { objectValue?[key] }
}
