import ArgumentParser
import CasemarkCore
import CasemarkTUI
import Foundation

/// `casemark demo`: the bundled sample inspections, copied into a new private sandbox folder,
/// so a demonstration never touches real data or the bundled samples.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Open a sandbox copy of the bundled sample inspections.",
        discussion: """
            The samples rebuild two published inspections case by case from their published figures: \
            Camden (May 2020, 2018 framework) and Blaenau Gwent & Caerphilly (2022, September 2020 revision). \
            The sandbox is a new folder under the temporary directory, removed on exit unless --keep is given.
            """
    )

    @Option(help: ArgumentHelp("Which sample to open.", discussion: DemoCommand.sampleNames))
    var sample: String = "camden-2020"

    @Flag(help: "Keep the sandbox folder after quitting, and print where it is.")
    var keep = false

    @Flag(name: .customLong("print"), help: "Print the samples' reports instead of opening the marking screen.")
    var printReports = false

    @OptionGroup var frameworks: FrameworkOptions

    static var sampleNames: String {
        "One of: " + (((try? PublishedSample.bundled()) ?? []).map(\.name).joined(separator: ", ")) + "."
    }

    func run() throws {
        try reportingFailures {
            let catalog = try frameworks.catalog()
            let samples = try PublishedSample.bundled()
            guard samples.contains(where: { $0.name == sample }) else {
                throw CommandFailure(lines: [
                    "no sample \"\(TerminalText.escaped(sample))\"; available: \(samples.map(\.name).joined(separator: ", "))"
                ])
            }
            let sandbox = try Sandbox.make()
            var folders: [String: InspectionFolder] = [:]
            for published in samples {
                let framework = try catalog.framework(id: published.framework)
                folders[published.name] = try SampleBuilder(sample: published, framework: framework)
                    .write(to: sandbox + "/" + published.name)
            }
            let interactive = !printReports && isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
            if interactive, let folder = folders[sample] {
                defer { if !keep { Sandbox.remove(sandbox) } }
                let app = App(folder: folder, size: (80, 24), banner: "SANDBOX demo copy")
                try Interactive.run(app, folderPath: folder.path)
            } else {
                // Rendered, and the sandbox removed, before anything is printed: piped into a
                // reader that stops early (`| head`), casemark ends on its first write, and the
                // sandbox was left behind.
                let reports = samples.compactMap { published in
                    folders[published.name].map { "== \(published.report) ==\n" + ReportFormat.text.render(InspectionReport(folder: $0)) }
                }
                if !keep { Sandbox.remove(sandbox) }
                for report in reports { print(report) }
            }
            if keep {
                print("The sandbox is kept at \(TerminalText.escaped(sandbox))")
            }
        }
    }
}

/// A new private folder under the temporary directory, for demo copies.
enum Sandbox {
    static func make() throws -> String {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((base + "/casemark-demo-XXXXXX").utf8CString)
        let created = template.withUnsafeMutableBufferPointer { buffer -> String? in
            guard let baseAddress = buffer.baseAddress, mkdtemp(baseAddress) != nil else { return nil }
            return String(cString: baseAddress)
        }
        guard let created else {
            throw CommandFailure(lines: [
                "cannot create a sandbox folder in \(TerminalText.escaped(base)): \(String(cString: strerror(errno)))"
            ])
        }
        return created
    }

    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}
