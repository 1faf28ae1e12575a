/// `casemark report DIR1 DIR2 ... --across`: the cases of several inspections of one framework
/// revision pooled, as the inspectorate's research bulletins aggregate inspected cases.
///
/// Per key question and prompt, the counts and percentages over every case, and the spread of the
/// key question's figure between inspections (lowest, median, highest); optionally the same figures
/// by a case detail (`--by disposal`). Inspections are added one at a time and only their counts
/// are kept, each read case by case, so memory follows neither the number of cases nor the largest
/// folder.
public struct AcrossReport: Sendable {
    public struct Inspection: Sendable {
        public var service: String
        public var folder: String
        /// Cases counted per domain number.
        public var caseCounts: [String: Int]
    }

    /// The spread of one key question's figure between the inspections it applies in.
    public struct Spread: Equatable, Sendable {
        /// How many inspections have an applicable case.
        public var inspections: Int
        /// Fractions of 1.
        public var lowest: Double
        public var median: Double
        public var highest: Double
    }

    public let framework: Framework
    public private(set) var inspections: [Inspection] = []
    /// Every case of every inspection, counted together.
    public private(set) var pooled: InspectionTally
    /// Each inspection's yes / applicable on each key question, by key-question number, in the
    /// order the inspections were added.
    private var figures: [String: [(yes: Int, applicable: Int)]] = [:]
    /// The case detail the cases are grouped by, and a tally per value.
    public let groupField: String?
    public private(set) var groups: [String: InspectionTally] = [:]
    public var promptDenominator: PromptDenominator = .applicable
    /// How inspections of another framework revision join (`--map`); nil: they are refused.
    public var mappingRule: FrameworkMapping.Rule?
    /// The mappings used, by the revision mapped from, in the order first met.
    public private(set) var mappings: [FrameworkMapping] = []

    public init(framework: Framework, groupField: String? = nil) {
        self.framework = framework
        self.groupField = groupField
        pooled = InspectionTally(framework: framework)
    }

    /// Why an inspection marked under `other` cannot join the others, or nil when it can.
    public func refusal(_ other: Framework) -> String? {
        guard other.id == framework.id || mappingRule != nil else {
            return
                "is marked under \(other.id), the others under \(framework.id); --across pools one framework revision only, unless told how (--map numbers)"
        }
        return nil
    }

    /// The mapping from `source` to the pooled revision, made once per revision.
    private mutating func mapping(from source: Framework, rule: FrameworkMapping.Rule) -> FrameworkMapping {
        if let known = mappings.first(where: { $0.from.id == source.id }) { return known }
        let made = FrameworkMapping(from: source, to: framework, rule: rule)
        mappings.append(made)
        return made
    }

    /// One inspection's counts under its own framework revision, gathered case by case: all a
    /// report across inspections keeps of it.
    public struct Counts: Sendable {
        public internal(set) var service: String
        public let framework: Framework
        let groupField: String?
        var tally: InspectionTally
        /// A tally per value of `groupField`.
        var groups: [String: InspectionTally] = [:]

        init(service: String, framework: Framework, groupField: String?) {
            self.service = service
            self.framework = framework
            self.groupField = groupField
            tally = InspectionTally(framework: framework)
        }

        mutating func add(_ file: CaseFile) {
            tally.add(file)
            guard let groupField else { return }
            groups[AcrossReport.value(of: groupField, in: file, framework: framework), default: InspectionTally(framework: framework)].add(
                file)
        }

        mutating func join(_ other: Counts) {
            tally.add(other.tally)
            for (value, counts) in other.groups { groups[value, default: InspectionTally(framework: framework)].add(counts) }
        }
    }

    /// Reads the inspection at `path` case by case on every core, keeping only its counts (by
    /// `groupField` too): memory does not grow with its cases.
    ///
    /// Throws the problems of every damaged file, as a report never leaves a case out.
    public static func count(folder path: String, catalog: FrameworkCatalog, groupField: String?) throws -> Counts {
        let (read, fold) = try InspectionFolder.foldCaseByCase(
            path, catalog: catalog, start: { Counts(service: "", framework: $0, groupField: groupField) },
            add: { counts, file, _ in counts.add(file) }, join: { $0.join($1) })
        guard read.damaged.isEmpty else { throw InspectionReport.DamagedCases(files: read.damaged) }
        var counts = fold
        counts.service = read.inspection.service
        return counts
    }

    /// Adds one inspection's counts to the pool and the spread.
    ///
    /// An inspection of another revision (allowed by `mappingRule`) was counted under its own
    /// and is carried over through the mapping.
    public mutating func add(_ counts: Counts, path: String) {
        var mapping: FrameworkMapping?
        if counts.framework.id != framework.id, let rule = mappingRule { mapping = self.mapping(from: counts.framework, rule: rule) }
        func carried(_ tally: InspectionTally) -> InspectionTally {
            guard let mapping else { return tally }
            var carried = InspectionTally(framework: framework)
            carried.add(tally, mapping: mapping)
            return carried
        }
        let tally = carried(counts.tally)
        pooled.add(tally)
        for question in framework.caseDomains.flatMap({ framework.caseKeyQuestions(domain: $0.number) }) {
            let figure = tally[question.number]
            figures[question.number, default: []].append((figure.yes, figure.applicable))
        }
        for (value, group) in counts.groups {
            groups[value, default: InspectionTally(framework: framework)].add(carried(group))
        }
        inspections.append(Inspection(service: counts.service, folder: path, caseCounts: tally.caseCounts))
    }

    /// A case's value of a detail, as text: "referral-order", "low", "yes", a declared detail's
    /// group ("Female", "15 to 17"); "not recorded" when absent.
    public static func value(of field: String, in file: CaseFile, framework: Framework? = nil) -> String {
        // A declared detail by its group; one a team kept as a field of its own before the
        // framework declared it is still found there (below).
        if let value = file.details.recorded[field] {
            if let declaration = framework?.detail(field), !declaration.isBuiltIn { return declaration.group(of: value) }
            return value.text
        }
        let missing = "not recorded"
        switch field {
        case "disposal": return file.disposal
        case "domain": return file.domain
        case "status": return file.status.rawValue
        case "inspector": return file.details.inspector ?? missing
        case "riskOfSeriousHarm": return file.details.riskOfSeriousHarm?.rawValue ?? missing
        case "safetyAndWellbeing": return file.details.safetyAndWellbeing?.rawValue ?? missing
        case "caseManagerInterviewed": return file.details.caseManagerInterviewed.map { $0 ? "yes" : "no" } ?? missing
        default:
            switch file.unknown[field] {
            case .string(let text)?: return text
            case .bool(let flag)?: return flag ? "yes" : "no"
            case .number(let number)?: return number
            default: return missing
            }
        }
    }

    /// The pooled figures, standard by standard, for the case-rated standards: counts, bands,
    /// intervals, prompts and lowest figures exactly as one inspection holding every case would
    /// have them.
    public var standards: [StandardResult] {
        let engine = RatingEngine(framework: framework)
        let none = InspectionFile(service: "", framework: framework.id)
        return framework.standards.filter { $0.rated == .cases }.map {
            engine.rate($0, tally: pooled, inspection: none, promptDenominator: promptDenominator)
        }
    }

    /// The spread of a key question's figure over the inspections it applies in; nil when it
    /// applies in none.
    public func spread(_ number: String) -> Spread? {
        let shares = (figures[number] ?? []).filter { $0.applicable > 0 }.map { Double($0.yes) / Double($0.applicable) }.sorted()
        guard let lowest = shares.first, let highest = shares.last else { return nil }
        let middle = shares.count / 2
        let median = shares.count % 2 == 1 ? shares[middle] : (shares[middle - 1] + shares[middle]) / 2
        return Spread(inspections: shares.count, lowest: lowest, median: median, highest: highest)
    }

    /// The group values in order, with their key-question figures.
    public var groupResults: [(value: String, cases: Int, keyQuestions: [KeyQuestionResult])] {
        let engine = RatingEngine(framework: framework)
        let questions = framework.caseDomains.flatMap { framework.caseKeyQuestions(domain: $0.number) }
        return groups.keys.sorted().compactMap { value in
            guard let tally = groups[value] else { return nil }
            let results = questions.map { engine.keyQuestionResult($0, tally: tally[$0.number]) }
            return (value, tally.caseCounts.values.reduce(0, +), results)
        }
    }

    /// "3 inspections, 45 cases".
    public var summary: String {
        let cases = pooled.caseCounts.values.reduce(0, +)
        return "\(inspections.count) inspection\(inspections.count == 1 ? "" : "s"), \(cases) case\(cases == 1 ? "" : "s")"
    }
}

/// The formats of an across-inspections report.
public struct AcrossReportRenderer: Sendable {
    public init() {}

    /// One decimal, as a percentage: 0.8 is "80.0".
    static func percent(_ share: Double) -> String {
        ScoreInterval.format(ScoreInterval.percentOneDecimal(share))
    }

    public func render(_ report: AcrossReport, format: ReportFormat) -> String {
        switch format {
        case .json: json(report)
        case .csv: csv(report)
        case .markdown: markdown(report)
        case .html: html(report)
        case .text: text(report)
        }
    }

    // MARK: JSON

    public func jsonValue(_ report: AcrossReport) -> JSONValue {
        let framework = report.framework
        var object = JSONObject([
            "across": .integer(report.inspections.count),
            "framework": .string(framework.id),
            "frameworkTitle": .string(framework.title),
            "frameworkCaveat": framework.caveat.map(JSONValue.string) ?? .null,
        ])
        object["mappings"] = .array(
            report.mappings.map { mapping in
                .object(
                    JSONObject([
                        "from": .string(mapping.from.id), "rule": .string(mapping.rule.rawValue),
                        "keyQuestions": .object(
                            JSONObject(
                                mapping.keyQuestions.keys.sorted(by: numberingOrder).map { number in
                                    JSONObject.Member(key: number, value: .string(mapping.keyQuestions[number] ?? number))
                                })),
                        "notPooled": .array(
                            mapping.unmappedKeyQuestions.map {
                                .object(JSONObject(["number": .string($0.number), "reason": .string($0.reason)]))
                            }),
                        "reworded": .array(mapping.reworded.sorted(by: numberingOrder).map(JSONValue.string)),
                        "promptsNotPooled": .array(mapping.unmappedPrompts.map(JSONValue.string)),
                        "summary": .string(mapping.summary),
                    ]))
            })
        object["inspections"] = .array(
            report.inspections.map { inspection in
                var cases = JSONObject()
                for domain in framework.caseDomains { cases[domain.number] = .integer(inspection.caseCounts[domain.number] ?? 0) }
                return .object(
                    JSONObject(["service": .string(inspection.service), "folder": .string(inspection.folder), "cases": .object(cases)]))
            })
        var cases = JSONObject()
        for domain in framework.caseDomains { cases[domain.number] = .integer(report.pooled.caseCounts[domain.number] ?? 0) }
        object["cases"] = .object(cases)
        object["promptDenominator"] = .string(report.promptDenominator.rawValue)
        let renderer = JSONReportRenderer()
        object["standards"] = .array(
            report.standards.map { standard in
                var item = JSONObject(["number": .string(standard.number), "title": .string(standard.title)])
                item["keyQuestions"] = .array(
                    standard.keyQuestions.map { question in
                        guard case .object(var value) = renderer.keyQuestionValue(question) else { return .null }
                        value["spread"] =
                            report.spread(question.number).map { spread in
                                .object(
                                    JSONObject([
                                        "inspections": .integer(spread.inspections), "lowest": .number(Self.percent(spread.lowest)),
                                        "median": .number(Self.percent(spread.median)), "highest": .number(Self.percent(spread.highest)),
                                    ]))
                            } ?? .null
                        return .object(value)
                    })
                return .object(item)
            })
        if let field = report.groupField {
            object["by"] = .object(
                JSONObject([
                    "field": .string(field),
                    "groups": .array(
                        report.groupResults.map { group in
                            .object(
                                JSONObject([
                                    "value": .string(group.value), "cases": .integer(group.cases),
                                    "keyQuestions": .array(
                                        group.keyQuestions.map { question in
                                            var item = JSONObject([
                                                "number": .string(question.number), "yes": .integer(question.tally.yes),
                                                "applicable": .integer(question.tally.applicable),
                                            ])
                                            item["percent"] = question.percent.map(JSONValue.integer) ?? .null
                                            return .object(item)
                                        }),
                                ]))
                        }),
                ]))
        } else {
            object["by"] = .null
        }
        return .object(object)
    }

    func json(_ report: AcrossReport) -> String {
        JSONReportRenderer.escapingInvisibles(JSONWriter.string(from: jsonValue(report)))
    }

    // MARK: CSV

    func csv(_ report: AcrossReport) -> String {
        let header = [
            "row", "group", "number", "letter", "title", "yes", "no", "notApplicable", "unanswered", "applicable", "percent", "band",
            "intervalLow", "intervalHigh", "inspections", "lowest", "median", "highest",
        ]
        var rows = [header]
        func row(_ cells: [String: String]) {
            rows.append(header.map { cells[$0] ?? "" })
        }
        for standard in report.standards {
            for question in standard.keyQuestions {
                let tally = question.tally
                var cells = [
                    "row": "keyQuestion", "number": question.number, "title": question.text, "yes": String(tally.yes),
                    "no": String(tally.no), "notApplicable": String(tally.notApplicable), "unanswered": String(tally.unanswered),
                    "applicable": String(tally.applicable), "percent": question.percent.map(String.init) ?? "",
                    "band": question.band?.id ?? "",
                    "intervalLow": question.interval.map { ScoreInterval.format($0.lowPercent) } ?? "",
                    "intervalHigh": question.interval.map { ScoreInterval.format($0.highPercent) } ?? "",
                ]
                if let spread = report.spread(question.number) {
                    cells["inspections"] = String(spread.inspections)
                    cells["lowest"] = Self.percent(spread.lowest)
                    cells["median"] = Self.percent(spread.median)
                    cells["highest"] = Self.percent(spread.highest)
                }
                row(cells)
                for prompt in question.prompts {
                    row([
                        "row": "prompt", "number": question.number, "letter": prompt.shownLetter, "title": prompt.text,
                        "yes": String(prompt.tally.yes), "no": String(prompt.tally.no), "notApplicable": String(prompt.tally.notApplicable),
                        "unanswered": String(prompt.tally.unanswered), "applicable": String(prompt.tally.applicable),
                        "percent": prompt.percent.map(String.init) ?? "",
                    ])
                }
            }
        }
        for group in report.groupResults {
            for question in group.keyQuestions {
                row([
                    "row": "group", "group": group.value, "number": question.number, "yes": String(question.tally.yes),
                    "applicable": String(question.tally.applicable), "percent": question.percent.map(String.init) ?? "",
                ])
            }
        }
        for mapping in report.mappings { row(["row": "mapping", "number": mapping.from.id, "title": mapping.summary]) }
        row(["row": "rule", "title": report.promptDenominator.statement])
        return rows.map { $0.map(CSVReportRenderer.cell).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    // MARK: Markdown and HTML

    /// The rows both formats print, text unescaped: per standard, its key questions' figures and
    /// spread, then their prompts.
    private func spreadCells(_ report: AcrossReport, _ question: KeyQuestionResult) -> [String] {
        guard let spread = report.spread(question.number) else { return ["-", "-", "-", "-"] }
        return [
            String(spread.inspections), Self.percent(spread.lowest) + "%", Self.percent(spread.median) + "%",
            Self.percent(spread.highest) + "%",
        ]
    }

    func markdown(_ report: AcrossReport) -> String {
        let md = MarkdownReportRenderer()
        let framework = report.framework
        var lines = ["# Across inspections: \(md.escape(report.summary))", ""]
        lines.append("Framework: \(md.escape(framework.title)) \\[\(md.escape(framework.id))\\].")
        if let caveat = framework.caveat { lines += ["", "Framework text: " + md.escape(caveat)] }
        for mapping in report.mappings { lines += ["", "Mapped: " + md.escape(mapping.summary)] }
        lines += ["", "| Inspection | Folder | Cases |", "| --- | --- | ---: |"]
        for inspection in report.inspections {
            lines.append(
                "| \(md.escape(inspection.service)) | \(md.escape(inspection.folder)) | \(inspection.caseCounts.values.reduce(0, +)) |")
        }
        for standard in report.standards {
            lines += ["", "## \(md.escape(standard.number)) \(md.escape(standard.title))", ""]
            lines.append("| Key question | Yes / applicable | % | Band | 80% interval | Inspections | Lowest | Median | Highest |")
            lines.append("| --- | ---: | ---: | --- | --- | ---: | ---: | ---: | ---: |")
            for question in standard.keyQuestions {
                let percent = question.percent.map { question.lowest ? "**\($0)%**" : "\($0)%" } ?? "-"
                let cells =
                    [
                        "\(md.escape(question.number)) \(md.escape(question.text))", "\(question.tally.yes)/\(question.tally.applicable)",
                        percent,
                        md.escape(question.band?.label ?? "no applicable case"), question.interval?.text ?? "-",
                    ] + spreadCells(report, question)
                lines.append("| " + cells.joined(separator: " | ") + " |")
            }
            lines += md.promptTable(standard.keyQuestions)
        }
        if let field = report.groupField {
            lines += ["", "## By \(md.escape(field))"]
            for group in report.groupResults {
                lines += [
                    "", "**\(md.escape(group.value))** (\(group.cases) case\(group.cases == 1 ? "" : "s"))", "",
                    "| Key question | Yes / applicable | % |", "| --- | ---: | ---: |",
                ]
                for question in group.keyQuestions where question.tally.applicable > 0 {
                    lines.append(
                        "| \(md.escape(question.number)) | \(question.tally.yes)/\(question.tally.applicable) | \(question.percent.map { "\($0)%" } ?? "-") |"
                    )
                }
            }
        }
        lines += [
            "",
            "The lowest figure of each standard is in **bold**. " + md.escape(report.promptDenominator.statement) + " "
                + md.escape(InspectionReport.intervalStatement),
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    func html(_ report: AcrossReport) -> String {
        let page = HTMLReportRenderer()
        let framework = report.framework
        var html = [
            "<!DOCTYPE html>", "<html lang=\"en\"><head><meta charset=\"utf-8\">",
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
            "<title>Across inspections: \(page.escape(report.summary))</title>", "<style>\(HTMLReportRenderer.style)</style></head><body>",
            "<h1>Across inspections: \(page.escape(report.summary))</h1>",
            "<p class=\"meta\">Framework: \(page.escape(framework.title)) [\(page.escape(framework.id))].</p>",
        ]
        if let caveat = framework.caveat { html.append("<p class=\"meta\">Framework text: \(page.escape(caveat))</p>") }
        for mapping in report.mappings { html.append("<p class=\"meta\">Mapped: \(page.escape(mapping.summary))</p>") }
        html.append("<table><thead><tr><th>Inspection</th><th>Folder</th><th>Cases</th></tr></thead><tbody>")
        for inspection in report.inspections {
            html.append(
                "<tr><td>\(page.escape(inspection.service))</td><td><code>\(page.escape(inspection.folder))</code></td><td class=\"n\">\(inspection.caseCounts.values.reduce(0, +))</td></tr>"
            )
        }
        html.append("</tbody></table>")
        for standard in report.standards {
            html.append("<h2>\(page.escape(standard.number)) \(page.escape(standard.title))</h2>")
            html.append(
                "<table class=\"questions\"><thead><tr><th>Key question</th><th>Yes / applicable</th><th>%</th><th>Band</th><th>80% interval</th><th>Inspections</th><th>Lowest</th><th>Median</th><th>Highest</th></tr></thead><tbody>"
            )
            for question in standard.keyQuestions {
                let percent = question.percent.map { question.lowest ? "<strong class=\"lowest\">\($0)%</strong>" : "\($0)%" } ?? "–"
                let spread = spreadCells(report, question).map { "<td class=\"n\">\(page.escape($0))</td>" }.joined()
                html.append(
                    "<tr><td>\(page.escape(question.number)) \(page.escape(question.text))</td><td class=\"n\">\(question.tally.yes)/\(question.tally.applicable)</td><td class=\"n\">\(percent)</td><td>\(page.escape(question.band?.label ?? "no applicable case"))</td><td>\(page.escape(question.interval?.text ?? "–"))</td>\(spread)</tr>"
                )
            }
            html.append("</tbody></table>")
            html += page.promptTable(standard.keyQuestions)
        }
        if let field = report.groupField {
            html.append("<h2>By \(page.escape(field))</h2>")
            for group in report.groupResults {
                html.append(
                    "<h3>\(page.escape(group.value)) (\(group.cases) case\(group.cases == 1 ? "" : "s"))</h3><table><thead><tr><th>Key question</th><th>Yes / applicable</th><th>%</th></tr></thead><tbody>"
                )
                for question in group.keyQuestions where question.tally.applicable > 0 {
                    html.append(
                        "<tr><td>\(page.escape(question.number))</td><td class=\"n\">\(question.tally.yes)/\(question.tally.applicable)</td><td class=\"n\">\(question.percent.map { "\($0)%" } ?? "–")</td></tr>"
                    )
                }
                html.append("</tbody></table>")
            }
        }
        html.append(
            "<p>The lowest figure of each standard is in <strong>bold</strong>. \(page.escape(report.promptDenominator.statement)) \(page.escape(InspectionReport.intervalStatement))</p>"
        )
        html.append("</body></html>")
        return html.joined(separator: "\n") + "\n"
    }

    // MARK: Text

    func text(_ report: AcrossReport) -> String {
        let width = 100
        let framework = report.framework
        var lines = ["Across inspections: " + report.summary]
        lines += DisplayWidth.wrap(
            "Framework: \(TerminalText.escaped(framework.title)) [\(TerminalText.escaped(framework.id))]", width: width)
        if let caveat = framework.caveat { lines += DisplayWidth.wrap("Framework text: " + TerminalText.escaped(caveat), width: width) }
        for mapping in report.mappings { lines += DisplayWidth.wrap("Mapped: " + TerminalText.escaped(mapping.summary), width: width) }
        for inspection in report.inspections {
            let counts = framework.caseDomains.map { "\(inspection.caseCounts[$0.number] ?? 0)" }.joined(separator: " + ")
            lines += DisplayWidth.wrap(
                "  \(TerminalText.escaped(inspection.service)) (\(counts) cases): \(TerminalText.escaped(inspection.folder))", width: width)
        }
        for standard in report.standards {
            lines.append("")
            lines.append("\(TerminalText.escaped(standard.number)) \(TerminalText.escaped(standard.title))")
            for question in standard.keyQuestions {
                let figure =
                    "\(question.tally.yes)/\(question.tally.applicable)  " + (question.percent.map { "\($0)%" } ?? "-")
                    + (question.lowest ? "*" : "")
                lines += DisplayWidth.wrap(
                    "\(TerminalText.escaped(question.number)) \(TerminalText.escaped(question.text))", width: width - 24
                )
                .enumerated().map { index, part in
                    index == 0 ? "  " + DisplayWidth.padding(part, to: width - 24) + DisplayWidth.leftPadded(figure, to: 22) : "    " + part
                }
                var details: [String] = []
                if let spread = report.spread(question.number) {
                    details.append(
                        "between \(spread.inspections) inspections: lowest \(AcrossReportRenderer.percent(spread.lowest))%, median \(AcrossReportRenderer.percent(spread.median))%, highest \(AcrossReportRenderer.percent(spread.highest))%"
                    )
                }
                if let interval = question.interval { details.append("80% interval \(interval.text)") }
                if !details.isEmpty { lines += DisplayWidth.wrap(details.joined(separator: "; "), width: width - 6).map { "      " + $0 } }
                for prompt in question.prompts {
                    let figure = "\(prompt.tally.yes)/\(prompt.denominator)  " + (prompt.percent.map { "\($0)%" } ?? "-")
                    lines += DisplayWidth.wrap(
                        "\(TerminalText.escaped(prompt.shownLetter))) \(TerminalText.escaped(prompt.text))", width: width - 30
                    )
                    .enumerated().map { index, part in
                        index == 0
                            ? "      " + DisplayWidth.padding(part, to: width - 30) + DisplayWidth.leftPadded(figure, to: 24)
                            : "         " + part
                    }
                }
            }
        }
        if let field = report.groupField {
            lines.append("")
            lines.append("By \(TerminalText.escaped(field))")
            for group in report.groupResults {
                lines.append("  \(TerminalText.escaped(group.value)) (\(group.cases) case\(group.cases == 1 ? "" : "s"))")
                for question in group.keyQuestions where question.tally.applicable > 0 {
                    lines.append(
                        "    " + DisplayWidth.padding(TerminalText.escaped(question.number), to: 10)
                            + DisplayWidth.leftPadded("\(question.tally.yes)/\(question.tally.applicable)", to: 9)
                            + DisplayWidth.leftPadded(question.percent.map { "\($0)%" } ?? "-", to: 6))
                }
            }
        }
        lines.append("")
        lines += DisplayWidth.wrap(
            "* marks the lowest figure of each standard. " + report.promptDenominator.statement + " " + InspectionReport.intervalStatement,
            width: width)
        return lines.map { line in
            var line = line
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n") + "\n"
    }
}
