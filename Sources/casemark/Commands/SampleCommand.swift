import ArgumentParser
import CasemarkCore
import Foundation

/// `casemark sample POPULATION.csv --into DIR`: draws an inspection's sample from the eligible
/// population the service provides, as the inspectorate does, and writes the sampled cases.
struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Draw the inspection's sample from the eligible population and write its cases.",
        discussion: """
            POPULATION.csv has a header row and one row per child's case: id (pseudonymous), domain \
            (court or out-of-court), disposal, gender, risk_of_serious_harm and safety_and_wellbeing \
            (low, medium, high, very-high) and start_date (YYYY-MM-DD); other spellings of these \
            headers are taken and other columns ignored. A column of names is refused. Each domain's \
            sample is sized for the confidence level and margin of error (n0 = z² · 0.25 / e², \
            corrected for the population: n = n0 / (1 + (n0 - 1) / N), rounded up) or fixed, and \
            drawn so its shares of gender, disposal type and the two classifications match the \
            population's as closely as whole cases allow, meeting time windows where it can. The same \
            --seed draws the same sample. Cases are written with refs C01... (court) and O01... \
            (out-of-court), their population record kept in the file; an existing case is never \
            overwritten, and a population id sampled before is not drawn into a second case.
            """
    )

    @Argument(help: "The eligible population, a CSV file.")
    var population: String

    @Option(name: .customLong("into"), help: "The inspection folder to write the sampled cases into.")
    var folder: String

    @Option(help: "Confidence level, in per cent.")
    var confidence: Double = 80

    @Option(help: "Margin of error, in per cent.")
    var margin: Double = 5

    @Option(help: "A fixed sample size for every domain, instead of the confidence rule.")
    var size: Int?

    @Option(
        name: .customLong("window"),
        help: ArgumentHelp(
            "A share of a domain's sample from a time window before --as-of: court:60%:3-6m (repeatable).",
            valueName: "domain:percent:months"))
    var windows: [String] = []

    @Option(name: .customLong("as-of"), help: "The day the windows count back from, YYYY-MM-DD (default: today).")
    var asOf: String?

    @Option(help: "The seed of the draw: the same seed draws the same sample.")
    var seed: UInt64 = 2026

    @Option(help: "Inspectors to allocate the cases to, evenly: \"Ann,Bob,Cal\".")
    var inspectors: String?

    @Flag(help: "Show the draw, write nothing.")
    var dryRun = false

    @Option(help: "Create the inspection in DIR first, for this service (when DIR holds none).")
    var service: String?

    @Option(name: .customLong("framework"), help: "The framework of an inspection created with --service (default: the latest revision).")
    var frameworkID: String?

    @OptionGroup var frameworks: FrameworkOptions

    func run() throws {
        try reportingFailures {
            let catalog = try frameworks.catalog()
            // The framework first (the inspection's, or the one it will be created with), then the
            // population read and checked, and only then anything created or written.
            let exists = FileSystem.exists(InspectionFolder.inspectionFilePath(in: self.folder))
            let framework: Framework
            if exists {
                framework = try InspectionFolder.load(self.folder, catalog: catalog, keepingHistory: false).framework
            } else {
                guard let service, !service.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw CommandFailure(lines: [
                        "\(TerminalText.escaped(self.folder)): holds no inspection; create it with casemark \(TerminalText.escaped(self.folder)), or give --service (and --framework) to create it here"
                    ])
                }
                let available = catalog.ids.compactMap { try? catalog.framework(id: $0) }
                guard
                    let chosen = frameworkID.map({ id in available.first { $0.id == id } })
                        ?? available.max(by: { $0.revised < $1.revised })
                else {
                    throw CommandFailure(lines: [
                        "no framework \(TerminalText.escaped(frameworkID ?? "")); available: \(catalog.ids.joined(separator: ", "))"
                    ])
                }
                framework = chosen
            }
            let bytes: [UInt8]
            do throws(FileSystemError) {
                bytes = try FileSystem.read(population)
            } catch {
                throw CommandFailure(lines: [error.description])
            }
            let eligible = try Population.read(String(decoding: bytes, as: UTF8.self), file: population, framework: framework)
            var sampler = Sampler(size: size.map(SampleSize.fixed) ?? .confidence(level: confidence, margin: margin), seed: seed)
            sampler.windows = try windows.map { try Self.window($0, framework: framework) }
            let reference = asOf ?? Timestamp.iso8601(Date()).prefix(10).description
            guard let day = CalendarDate(reference) else {
                throw CommandFailure(lines: ["--as-of \(TerminalText.escaped(reference)): expected YYYY-MM-DD"])
            }
            sampler.reference = day
            let draws = sampler.draw(eligible, framework: framework)
            let names = (inspectors ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let allocation = Sampler.allocate(draws, to: names)
            for draw in draws {
                let title = framework.domain(draw.domain)?.title ?? draw.domain
                let rule =
                    size.map { "a fixed size of \($0)" } ?? "\(Self.number(confidence))% confidence, margin of error \(Self.number(margin))"
                print("\(title): \(draw.population) in the population, \(draw.cases.count) sampled (\(rule))")
                print(
                    "  "
                        + ["attribute", "value", "population", "sample", "wanted"].enumerated().map {
                            DisplayWidth.padded($1, to: [22, 30, 12, 12, 6][$0])
                        }.joined())
                for stratum in draw.strata {
                    let share = { (count: Int, of: Int) in of == 0 ? "" : " (\(Int((Double(count) * 100 / Double(of)).rounded()))%)" }
                    let cells = [
                        stratum.attribute, TerminalText.escaped(stratum.value),
                        "\(stratum.population)" + share(stratum.population, draw.population),
                        // A window's share is a least for the cases in it (and so a most for the rest).
                        "\(stratum.sample)" + share(stratum.sample, draw.cases.count),
                        stratum.attribute == "time window"
                            ? (stratum.value == "in" ? "≥" : "≤") + "\(stratum.target)" : "\(stratum.target)",
                    ]
                    print("  " + cells.enumerated().map { DisplayWidth.padded($1, to: [22, 30, 12, 12, 6][$0]) }.joined())
                }
                for shortfall in draw.shortfalls { print("  not met: \(TerminalText.escaped(shortfall))") }
            }
            guard !dryRun else {
                print("dry run: nothing written")
                return
            }
            if !exists, let service {
                _ = try InspectionFolder.create(at: self.folder, service: service, framework: framework)
                print(
                    "created the inspection of \(TerminalText.escaped(service)) in \(TerminalText.escaped(self.folder)) (\(framework.id))")
            }
            let folder = try InspectionFolder.load(self.folder, catalog: catalog, keepingHistory: false)
            let written = try write(draws, allocation: allocation, into: folder)
            print(written.isEmpty ? "nothing written" : "wrote \(written.count) case(s): \(written.joined(separator: ", "))")
            if !written.isEmpty {
                // The population beside the sample, for the report; merged with what is in
                // inspection.json meanwhile, as every save of it is.
                let rule =
                    size.map { "a fixed size of \($0)" } ?? "\(Self.number(confidence))% confidence, margin of error \(Self.number(margin))"
                var updated = folder.inspection
                updated.drawnSample = DrawnSample(draws, rule: rule, seed: seed)
                do throws(CaseSaveFailure) {
                    _ = try folder.saveInspection(updated, base: folder.inspection)
                } catch {
                    throw CommandFailure(lines: ["the cases are written; the population was not recorded: \(error.message)"])
                }
            }
            if !names.isEmpty {
                let counts = names.map { name in "\(TerminalText.escaped(name)) \(allocation.values.filter { $0 == name }.count)" }
                print("allocated: " + counts.joined(separator: ", "))
            }
        }
    }

    /// Writes the drawn cases with free refs (C01..., O01...), never over an existing case, and not
    /// again for a population id already sampled.
    ///
    /// Gives the refs written.
    func write(_ draws: [Sampler.Draw], allocation: [String: String], into folder: InspectionFolder) throws -> [String] {
        var sampledBefore: [String: String] = [:]
        for file in folder.cases {
            // Sampled before the population's values were details, the case kept them under `population`.
            if let id = file.details.recorded[Self.populationID]?.text ?? file.unknown["population"]?.objectValue?["id"]?.stringValue {
                sampledBefore[id] = file.ref
            }
        }
        var taken = Set(folder.cases.map(\.ref))
        var written: [String] = []
        var skipped: [String] = []
        for (domainIndex, draw) in draws.enumerated() {
            let prefix = domainIndex == 0 ? "C" : "O"
            var number = 1
            for member in draw.cases {
                if let ref = sampledBefore[member.id] {
                    skipped.append("\(TerminalText.escaped(member.id)) (already \(ref))")
                    continue
                }
                func ref(_ number: Int) -> String { prefix + String(format: "%02d", number) }
                while taken.contains(ref(number)) || FileSystem.exists(folder.caseFilePath(ref: ref(number))) { number += 1 }
                var file = CaseFile(ref: ref(number), framework: folder.framework.id, domain: draw.domain, disposal: member.disposal)
                file.details.inspector = allocation[member.id]
                Self.record(member, in: &file, framework: folder.framework)
                do throws(CaseSaveFailure) {
                    _ = try folder.save(file, base: nil)
                } catch {
                    throw CommandFailure(
                        lines: [error.message] + (written.isEmpty ? [] : ["written before this: \(written.joined(separator: ", "))"]))
                }
                taken.insert(file.ref)
                written.append(file.ref)
            }
        }
        if !skipped.isEmpty { print("not drawn again, sampled before: \(skipped.joined(separator: ", "))") }
        return written
    }

    /// The detail a sampled case keeps its population id in.
    static let populationID = "populationID"

    /// The population's values as the case's details, where the framework declares them.
    ///
    /// The id, gender, the case manager's classifications and the start date; what the framework
    /// does not declare is kept under `population`, as before details were declared.
    static func record(_ member: Population.Member, in file: inout CaseFile, framework: Framework) {
        let start = member.startDate.map { String(format: "%04d-%02d-%02d", $0.year, $0.month, $0.day) }
        let values: [(detail: String, old: String, text: String?)] = [
            (populationID, "id", member.id), ("gender", "gender", member.gender),
            ("caseManagerRiskOfSeriousHarm", "riskOfSeriousHarm", member.riskOfSeriousHarm.rawValue),
            ("caseManagerSafetyAndWellbeing", "safetyAndWellbeing", member.safetyAndWellbeing.rawValue), ("startDate", "startDate", start),
        ]
        var rest = JSONObject()
        for (detail, old, text) in values {
            guard let text else { continue }
            // A gender the declaration has no value for is recorded as its "other".
            if let declaration = framework.detail(detail), !declaration.isBuiltIn,
                let value = declaration.value(fromText: text) ?? (detail == "gender" ? declaration.value(fromText: "other") : nil)
            {
                file.details.recorded[detail] = value
            } else {
                rest[old] = .string(text)
            }
        }
        if !rest.isEmpty { file.unknown["population"] = .object(rest) }
    }

    /// `court:60%:3-6m` → at least 60% of the court sample from 3 to 6 months before.
    static func window(_ text: String, framework: Framework) throws -> TimeWindow {
        let parts = text.split(separator: ":").map(String.init)
        let months = parts.count == 3 ? parts[2].lowercased().replacingOccurrences(of: "m", with: "").split(separator: "-") : []
        guard parts.count == 3, let domain = Population.domain(parts[0], framework: framework),
            let percent = Int(parts[1].replacingOccurrences(of: "%", with: "")), (0...100).contains(percent),
            months.count == 2, let from = Int(months[0]), let to = Int(months[1]), from <= to
        else {
            throw CommandFailure(lines: [
                "--window \(TerminalText.escaped(text)): expected domain:percent:months, e.g. court:60%:3-6m or out-of-court:40%:0-3m"
            ])
        }
        return TimeWindow(domain: domain, percent: percent, fromMonths: from, toMonths: to)
    }

    static func number(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : String(value)
    }
}
