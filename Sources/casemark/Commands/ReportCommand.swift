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

extension ReportLayout: ExpressibleByArgument {
    public static var allValueDescriptions: [String: String] {
        Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0.summary) })
    }

    var summary: String {
        switch self {
        case .tables: "every figure: counts, bands, margins, intervals and prompt figures"
        case .annex:
            "as the inspection reports' annex: statements, % yes, ratings, the lowest figure marked, the legend (text, markdown, html)"
        }
    }
}

extension PromptDenominator: ExpressibleByArgument {
    public static var allValueDescriptions: [String: String] {
        Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0.summary) })
    }

    var summary: String {
        switch self {
        case .applicable: "yes out of yes + no, as for key questions (the default)"
        case .all: "yes out of yes + no + not applicable"
        }
    }
}

extension FrameworkMapping.Rule: ExpressibleByArgument {
    public static var allValueDescriptions: [String: String] {
        Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0.summary) })
    }

    var summary: String {
        switch self {
        case .numbers:
            "a key question by its number in a standard both revisions rate from cases and that was not replaced; a prompt by its text"
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

    @Argument(help: "The inspection folder; several with --across.")
    var folders: [String]

    @Flag(
        help:
            "Pool the cases of several inspections of one framework revision: per key question and prompt, counts over all, and the spread between inspections."
    )
    var across = false

    @Option(
        name: .customLong("map"),
        help:
            "With --across, pool inspections of other framework revisions under the first folder's, by this rule (numbers: key questions by number, prompts by text; what has no counterpart is listed, not pooled)."
    )
    var mappingRule: FrameworkMapping.Rule?

    @Option(
        name: .customLong("by"),
        help:
            "With --across, the figures by a case detail as well (disposal, inspector, riskOfSeriousHarm, a detail the framework declares such as gender or ageAtStart, or another field the case files hold)."
    )
    var groupField: String?

    @Option(help: "Output format.")
    var format: ReportFormat = .text

    @Option(help: "How the results are laid out (annex: text, markdown and html only).")
    var layout: ReportLayout = .tables

    @Option(help: "What a prompt's percentage is out of.")
    var promptDenominator: PromptDenominator = .applicable

    @Flag(help: "Leave the review out (statuses, sign-offs, open challenges, merge conflicts): a version to publish.")
    var noReview = false

    @Option(
        name: .shortAndLong,
        help: "Write the report to this new file instead of standard output (never a file inside an inspection folder).")
    var output: String?

    @Flag(help: "Replace the -o file if it exists (atomically). An inspection's own files are never replaced.")
    var force = false

    @OptionGroup var frameworks: FrameworkOptions

    func validate() throws {
        if folders.isEmpty { throw ValidationError("Name an inspection folder.") }
        if folders.count > 1 && !across {
            throw ValidationError("Several folders are reported together only with --across (one report per folder: run report on each).")
        }
        if groupField != nil && !across { throw ValidationError("--by works with --across.") }
        if mappingRule != nil && !across { throw ValidationError("--map works with --across.") }
    }

    /// What a report prints of damaged case files before refusing to report, with the cases
    /// among them whose only problem is orphans (which casemark drops on request) named.
    static func failure(_ damaged: InspectionReport.DamagedCases, folder: String, catalog: FrameworkCatalog) -> CommandFailure {
        // Only on the way out: the folder read again as the marking screen reads it, salvage and all.
        let hint = ((try? InspectionFolder.load(folder, catalog: catalog))?.droppableOrphansHint).map { [$0] } ?? []
        return CommandFailure(
            lines: Diagnostic.lines(damaged.files.flatMap(\.diagnostics)) + hint
                + ["no report: \(damaged.files.count) case file(s) are invalid; fix them or move them out of cases/"])
    }

    func run() throws {
        try reportingFailures {
            if across {
                try refuseOutput()
                try runAcross()
                return
            }
            let folder = folders[0]
            // Read case by case, counted and let go: memory stays flat however many cases.
            var report: InspectionReport
            do {
                report = try InspectionReport.read(folder: folder, catalog: try frameworks.catalog(), promptDenominator: promptDenominator)
            } catch let damaged as InspectionReport.DamagedCases {
                throw Self.failure(damaged, folder: folder, catalog: try frameworks.catalog())
            }
            try refuseOutput()
            if layout == .annex && !format.hasAnnexLayout {
                throw CommandFailure(lines: ["--layout annex is for text, markdown and html; \(format.rawValue) has one layout"])
            }
            report.includeReview = !noReview
            // SOURCE_DATE_EPOCH, where set, stands for now: a report made twice reads the same.
            let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(Double.init)
            report.generatedAt = Timestamp.iso8601(epoch.map { Date(timeIntervalSince1970: $0) } ?? Date())
            report.folderPath = Self.realPath(folder) ?? folder
            let text = format.render(report, layout: layout)
            if let output {
                try FileSystem.writeAtomically(Array(text.utf8), to: output)
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
            // The report is out: end here, as `run` has nothing after it.
            Foundation.exit(0)
        }
    }

    /// Refuses an `-o` file that would replace a file without `--force` or land in any of the
    /// folders reported (or another inspection's own files).
    func refuseOutput() throws {
        guard let output else { return }
        for folder in folders {
            if let refusal = Self.refusal(output: output, folder: folder, force: force) {
                throw CommandFailure(lines: ["\(TerminalText.escaped(output)): \(refusal); no report written"])
            }
        }
    }

    /// `--across`: each folder read case by case in turn, its counts pooled, nothing kept.
    func runAcross() throws {
        if layout == .annex { throw CommandFailure(lines: ["--across has one layout; --layout annex is for one inspection"]) }
        let catalog = try frameworks.catalog()
        var report: AcrossReport?
        for folder in folders {
            let counts: AcrossReport.Counts
            do {
                counts = try AcrossReport.count(folder: folder, catalog: catalog, groupField: groupField)
            } catch let damaged as InspectionReport.DamagedCases {
                throw Self.failure(damaged, folder: folder, catalog: catalog)
            }
            if report == nil {
                report = AcrossReport(framework: counts.framework, groupField: groupField)
                report?.promptDenominator = promptDenominator
                report?.mappingRule = mappingRule
            }
            if let refusal = report?.refusal(counts.framework) {
                throw CommandFailure(lines: ["\(TerminalText.escaped(folder)): \(refusal); no report written"])
            }
            report?.add(counts, path: Self.realPath(folder) ?? folder)
        }
        guard let report else { return }
        let text = AcrossReportRenderer().render(report, format: format)
        if let output {
            try FileSystem.writeAtomically(Array(text.utf8), to: output)
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    /// Why the report must not be written to `output`, or nil when it may be: it would replace a
    /// file without `--force`, or land inside the inspection folder being reported, or be another
    /// inspection's `inspection.json` or a file in its `cases/`, `removed/` or `frameworks/`.
    ///
    /// Paths are compared after resolving links, so `../x/cases/C01.json` or a link to the folder
    /// is caught too.
    static func refusal(output: String, folder: String, force: Bool) -> String? {
        let name = FilePath.name(of: output)
        // A folder that cannot be resolved cannot be written into: the save says why.
        guard let parent = realPath(FilePath.parent(of: output)) else { return nil }
        let target = FilePath.join(parent, name)
        if let reported = realPath(folder), target == reported || target.hasPrefix(reported + "/") {
            return "is inside the inspection folder being reported"
        }
        var ancestor = parent
        var below = [name]
        while true {
            if FileSystem.exists(InspectionFolder.inspectionFilePath(in: ancestor == "/" ? "" : ancestor)) {
                if below == [InspectionFolder.inspectionFileName] {
                    return "is an inspection's \(InspectionFolder.inspectionFileName)"
                }
                let own = [InspectionFolder.casesFolderName, InspectionFolder.removedFolderName, InspectionFolder.frameworksFolderName]
                if below.count > 1, let first = below.first, own.contains(first) {
                    return "is inside an inspection's \(first)/ folder"
                }
            }
            if ancestor == "/" { break }
            below.insert(FilePath.name(of: ancestor), at: 0)
            ancestor = FilePath.parent(of: ancestor)
        }
        if FileSystem.exists(output) && !force {
            return "already exists; add --force to replace it"
        }
        return nil
    }

    /// The absolute path of `path` with every link resolved, or nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = Foundation.realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
