/// The report as plain text, laid out like the inspection reports' results tables: each domain's
/// standards with their ratings, each case-based key question with its count, percentage and band
/// (the lowest figure of each standard marked `*`), its 80% interval, and its prompts' figures, the
/// score and overall rating, and the ratings panel's decisions as footnotes.
///
/// Long text is wrapped, never cut. All text from files is escaped, so nothing in a file can
/// control the terminal.
public struct TextReportRenderer: Sendable {
    public var width: Int

    public init(width: Int = 100) {
        self.width = max(width, 60)
    }

    private let ratingWidth = 20

    /// The marker beside a standard's lowest figure.
    static let lowestMarker = "*"

    public func render(_ report: InspectionReport) -> String {
        var lines = headLines(report)
        let footnoteNumbers = report.footnoteNumbers
        for domain in report.framework.domains {
            lines.append("")
            lines.append("\(TerminalText.escaped(domain.number)). \(TerminalText.escaped(domain.title))")
            for standard in domain.standards {
                guard let result = report.ratings.standard(standard.number) else { continue }
                lines += standardLines(result, footnote: footnoteNumbers[standard.number])
                for question in result.keyQuestions {
                    lines += keyQuestionLines(question)
                }
            }
        }
        lines.append("")
        lines += footLines(report, annex: false)
        return finish(lines)
    }

    /// What ends both layouts: the legend and rules, the ratings panel's decisions, and the data
    /// from the cases assessed.
    func footLines(_ report: InspectionReport, annex: Bool) -> [String] {
        legendLines(report, annex: annex) + decisionLines(report) + casesAssessedLines(report.casesAssessed)
    }

    /// The annex-shaped report: per domain, each standard with its statement, its key questions
    /// with "% yes" (the lowest marked), its rating; the legend and the scoring rule.
    public func renderAnnex(_ report: InspectionReport) -> String {
        var lines = headLines(report)
        let footnoteNumbers = report.footnoteNumbers
        let percentWidth = 7
        for domain in report.framework.domains {
            lines.append("")
            lines.append(String(repeating: "=", count: width))
            lines.append("Domain \(TerminalText.escaped(domain.number)): \(TerminalText.escaped(domain.title))")
            lines.append(String(repeating: "=", count: width))
            for standard in domain.standards {
                guard let result = report.ratings.standard(standard.number) else { continue }
                lines.append("")
                lines += standardLines(result, footnote: footnoteNumbers[standard.number])
                lines += DisplayWidth.wrap(TerminalText.escaped(standard.statement), width: width - 4).map { "  " + $0 }
                // A directly rated standard's key questions, as the annex lists them: no figures.
                guard !result.keyQuestions.isEmpty else {
                    for question in standard.keyQuestions {
                        lines += DisplayWidth.wrap(TerminalText.escaped(question.text), width: width - 12).enumerated().map { index, text in
                            "    " + DisplayWidth.padding(index == 0 ? TerminalText.escaped(question.number) : "", to: 8) + text
                        }
                    }
                    continue
                }
                lines.append(
                    "    " + DisplayWidth.padding("Key questions", to: width - 4 - percentWidth)
                        + DisplayWidth.leftPadded("% yes", to: percentWidth))
                let textWidth = width - 4 - 8 - percentWidth - 1
                for question in result.keyQuestions {
                    let wrapped = DisplayWidth.wrap(TerminalText.escaped(question.text), width: textWidth)
                    let figure = (question.percent.map { "\($0)%" } ?? "-") + (question.lowest ? Self.lowestMarker : " ")
                    for (index, text) in wrapped.enumerated() {
                        var line = "    " + DisplayWidth.padding(index == 0 ? TerminalText.escaped(question.number) : "", to: 8)
                        line += DisplayWidth.padding(text, to: textWidth)
                        if index == 0 { line += " " + DisplayWidth.leftPadded(figure, to: percentWidth) }
                        lines.append(line)
                    }
                }
            }
        }
        lines.append("")
        lines += footLines(report, annex: true)
        return finish(lines)
    }

    private func finish(_ lines: [String]) -> String {
        lines.map { trimTrailing($0) }.joined(separator: "\n") + "\n"
    }

    private func headLines(_ report: InspectionReport) -> [String] {
        var lines = ["Inspection results: " + TerminalText.escaped(report.service)]
        lines += DisplayWidth.wrap("Framework: " + TerminalText.escaped(report.frameworkLine), width: width)
        if let caveat = report.framework.caveat {
            lines += DisplayWidth.wrap("Framework text: " + TerminalText.escaped(caveat), width: width)
        }
        lines.append("Cases: " + TerminalText.escaped(report.caseSummary))
        if let generated = report.generatedAt {
            lines += DisplayWidth.wrap(
                "Generated \(TerminalText.escaped(generated))" + (report.folderPath.map { " from \(TerminalText.escaped($0))" } ?? ""),
                width: width)
        }
        lines.append("")
        lines += overallLines(report)
        return lines
    }

    /// The legend: what the marks and figures mean, the band legend, the rules.
    private func legendLines(_ report: InspectionReport, annex: Bool) -> [String] {
        var lines = ["Key"]
        let legend = report.bandLegend.map { "\($0.text) = \($0.rating)" }.joined(separator: "; ")
        lines += DisplayWidth.wrap(
            "Lowest banding (key question level) and rating (standard): \(TerminalText.escaped(legend)).", width: width - 2
        ).map { "  " + $0 }
        lines += DisplayWidth.wrap(
            "\(Self.lowestMarker) marks the lowest figure of each standard (every tie). " + InspectionReport.standardRule, width: width - 2
        ).map { "  " + $0 }
        lines += DisplayWidth.wrap(TerminalText.escaped(report.scoringRule), width: width - 2).map { "  " + $0 }
        if !annex {
            lines += DisplayWidth.wrap(InspectionReport.intervalStatement, width: width - 2).map { "  " + $0 }
            lines += DisplayWidth.wrap(report.promptDenominator.statement, width: width - 2).map { "  " + $0 }
        }
        return lines
    }

    /// "Data from the cases assessed": a table per detail, a column per domain (and one for all
    /// when there are two), each figure a count and its share of the domain's cases.
    func casesAssessedLines(_ assessed: CasesAssessed) -> [String] {
        guard !assessed.tables.isEmpty else { return [] }
        var lines = ["", "Data from the cases assessed"]
        for table in assessed.tables where !table.domains.isEmpty {
            let columns = table.domains.count > 1 ? table.domains + ["all"] : table.domains
            func title(_ domain: String) -> String {
                domain == "all"
                    ? "All (\(table.total))" : TerminalText.escaped(assessed.shortTitle(of: domain)) + " (\(table.cases[domain] ?? 0))"
            }
            let columnWidth = min(26, max(12, (columns.map { DisplayWidth.of(title($0)) }.max() ?? 0) + 2))
            let labelWidth = max(20, width - 2 - columns.count * columnWidth)
            // Long labels wrap, the figures beside their first line.
            func put(_ label: String, indent: Int, _ cells: [String]) {
                for (index, text) in DisplayWidth.wrap(label, width: labelWidth - indent).enumerated() {
                    let head = String(repeating: " ", count: 2 + indent) + text
                    lines.append(index == 0 ? DisplayWidth.padding(head, to: labelWidth + 2) + cells.joined() : head)
                }
            }
            lines.append("")
            put(
                TerminalText.escaped(table.label), indent: 0,
                columns.map { DisplayWidth.leftPadded(DisplayWidth.truncated(title($0), to: columnWidth - 1), to: columnWidth) })
            for row in table.rows {
                let cells = columns.map { domain in
                    let count = domain == "all" ? row.total(table.domains) : row.counts[domain] ?? 0
                    let of = domain == "all" ? table.total : table.cases[domain] ?? 0
                    return DisplayWidth.leftPadded(CasesAssessed.figure(count, of: of), to: columnWidth)
                }
                put(TerminalText.escaped(row.label), indent: 2, cells)
            }
        }
        if let drawn = assessed.population {
            lines += ["", "Population against the sample (as casemark drew it: \(TerminalText.escaped(drawn.rule)))"]
            for domain in drawn.domains {
                let title = TerminalText.escaped(assessed.title(of: domain.number))
                lines.append("")
                lines.append(
                    "  "
                        + DisplayWidth.padding("\(title): \(domain.population) in the population, \(domain.sample) sampled", to: width - 34)
                        + DisplayWidth.leftPadded("population", to: 17) + DisplayWidth.leftPadded("sample", to: 17))
                for stratum in domain.strata {
                    lines.append(
                        "    " + DisplayWidth.padding(TerminalText.escaped("\(stratum.attribute): \(stratum.value)"), to: width - 36)
                            + DisplayWidth.leftPadded(CasesAssessed.figure(stratum.population, of: domain.population), to: 17)
                            + DisplayWidth.leftPadded(CasesAssessed.figure(stratum.sample, of: domain.sample), to: 17))
                }
                for shortfall in domain.shortfalls {
                    lines += DisplayWidth.wrap("not met: " + TerminalText.escaped(shortfall), width: width - 4).map { "    " + $0 }
                }
            }
        }
        return lines
    }

    private func decisionLines(_ report: InspectionReport) -> [String] {
        guard !report.discretionNotes.isEmpty else { return [] }
        var lines = ["", "Ratings panel discretion"]
        for (index, note) in report.discretionNotes.enumerated() {
            let head = "[\(index + 1)] \(TerminalText.escaped(note.number)) \(TerminalText.escaped(note.result.title)): "
            lines += DisplayWidth.wrap(head + TerminalText.escaped(InspectionReport.decisionText(note.result)), width: width - 4)
                .enumerated().map { $0 == 0 ? $1 : "    " + $1 }
        }
        return lines
    }

    /// The case counts, for a line of its own (unescaped text escaped).
    func caseSummary(_ report: InspectionReport) -> String {
        TerminalText.escaped(report.caseSummary)
    }

    private func overallLines(_ report: InspectionReport) -> [String] {
        let ratings = report.ratings
        guard let score = ratings.score, let overall = ratings.overall else {
            var lines = ["Overall rating: not yet available (score needs every core standard rated)", "Missing:"]
            lines += ratings.missing.flatMap {
                DisplayWidth.wrap(TerminalText.escaped($0), width: width - 4).enumerated().map { $0 == 0 ? "  - " + $1 : "    " + $1 }
            }
            return lines + reviewLines(report)
        }
        var lines = [
            DisplayWidth.padding("Overall rating: \(TerminalText.escaped(overall.label))", to: width - 12)
                + DisplayWidth.leftPadded("Score \(score)/\(report.maximumScore)", to: 12)
        ]
        if let rule = ratings.limitedBy, let scoreRating = ratings.scoreRating {
            let reaches = TerminalText.escaped(scoreRating.label), limited = TerminalText.escaped(overall.label)
            let standard = TerminalText.escaped(rule.standard), rated = TerminalText.escaped(report.framework.label(of: rule.whenRating))
            lines += DisplayWidth.wrap(
                "The score reaches \(reaches), limited to \(limited) because standard \(standard) is rated \(rated).", width: width - 2
            ).map { "  " + $0 }
        }
        if report.unansweredCount > 0 {
            lines.append("  Provisional: \(report.unansweredCount) key-question answers are still to give.")
        }
        return lines + reviewLines(report)
    }

    private func reviewLines(_ report: InspectionReport) -> [String] {
        guard report.includeReview else { return [] }
        var lines = ["  " + report.reviewSummary + "."]
        if !report.outOfDateSignOffs.isEmpty {
            let refs = report.outOfDateSignOffs.map(TerminalText.escaped).joined(separator: ", ")
            lines += DisplayWidth.wrap("Sign-off out of date (answers changed since): \(refs).", width: width - 2).map { "  " + $0 }
        }
        if !report.challengedSignOffs.isEmpty {
            let refs = report.challengedSignOffs.map(TerminalText.escaped).joined(separator: ", ")
            lines += DisplayWidth.wrap("Sign-off challenged (a challenge opened after it): \(refs).", width: width - 2).map { "  " + $0 }
        }
        if !report.openChallenges.isEmpty {
            lines.append("  Challenges still open (\(report.openChallenges.count)):")
            for challenge in report.openChallenges {
                lines += DisplayWidth.wrap(TerminalText.escaped(challenge.line), width: width - 4).map { "    " + $0 }
            }
        }
        if !report.undecidedCases.isEmpty {
            lines.append(
                "  Cases without a classification a sub-sample needs (\(report.undecidedCases.count)); each counts in it whatever it is:")
            for line in report.undecidedCases {
                lines += DisplayWidth.wrap(TerminalText.escaped(line), width: width - 4).map { "    " + $0 }
            }
        }
        if !report.completedWithGaps.isEmpty {
            lines.append("  Cases marked complete with something still missing (\(report.completedWithGaps.count)):")
            for line in report.completedWithGaps {
                lines += DisplayWidth.wrap(TerminalText.escaped(line), width: width - 4).map { "    " + $0 }
            }
        }
        if !report.unresolvedConflicts.isEmpty {
            lines.append(
                "  Merge conflicts to resolve (\(report.unresolvedConflicts.count)); each case counts its first version until then:")
            for conflict in report.unresolvedConflicts {
                lines += DisplayWidth.wrap(TerminalText.escaped(conflict), width: width - 4).map { "    " + $0 }
            }
        }
        return lines
    }

    /// The standard's number and title, wrapped beside its rating (never cut).
    private func standardLines(_ result: StandardResult, footnote: Int?) -> [String] {
        var rating = TerminalText.escaped(result.final?.label ?? "Not rated")
        if let footnote { rating += " [\(footnote)]" }
        var title = "\(TerminalText.escaped(result.number)) \(TerminalText.escaped(result.title))"
        if !result.core { title += " (not in the score)" }
        if result.final == nil, let reason = result.unratedReason { title += " - \(TerminalText.escaped(reason))" }
        if result.rated == .directly { title += " (rated directly)" }
        if let warning = result.ratedWithoutWarning { title += " - \(TerminalText.escaped(warning))" }
        let titleWidth = width - ratingWidth - 5 - 2
        return DisplayWidth.wrap(title, width: titleWidth).enumerated().map { index, text in
            index == 0 ? "  " + DisplayWidth.padding(text, to: titleWidth) + "     " + rating : "    " + text
        }
    }

    private func keyQuestionLines(_ question: KeyQuestionResult) -> [String] {
        let numberWidth = 8
        let figuresWidth = 1 + 7 + 2 + 5 + 2 + ratingWidth
        let textWidth = width - 4 - numberWidth - figuresWidth
        let wrapped = DisplayWidth.wrap(TerminalText.escaped(question.text), width: textWidth)
        let counts = "\(question.tally.yes)/\(question.tally.applicable)"
        let percent = (question.percent.map { "\($0)%" } ?? "-") + (question.lowest ? Self.lowestMarker : " ")
        let band = TerminalText.escaped(question.band?.label ?? "no applicable case")
        var lines: [String] = []
        for (index, text) in wrapped.enumerated() {
            let number = index == 0 ? TerminalText.escaped(question.number) : ""
            var line = "    " + DisplayWidth.padding(number, to: numberWidth) + DisplayWidth.padding(text, to: textWidth)
            if index == 0 {
                line += " " + DisplayWidth.leftPadded(counts, to: 7) + "  " + DisplayWidth.leftPadded(percent, to: 5) + "  " + band
            }
            lines.append(line)
        }
        let indent = String(repeating: " ", count: 4 + numberWidth)
        if let figures = Self.sureness(question) {
            lines += DisplayWidth.wrap(figures, width: width - indent.count).map { indent + $0 }
        }
        let letterWidth = 3
        let promptWidth = textWidth - letterWidth
        for prompt in question.prompts {
            let text = DisplayWidth.wrap(TerminalText.escaped(prompt.text), width: promptWidth)
            for (index, part) in text.enumerated() {
                var line = indent + DisplayWidth.padding(index == 0 ? TerminalText.escaped(prompt.shownLetter) : "", to: letterWidth)
                line += DisplayWidth.padding(part, to: promptWidth)
                if index == 0 {
                    line +=
                        " " + DisplayWidth.leftPadded("\(prompt.tally.yes)/\(prompt.denominator)", to: 7) + "  "
                        + DisplayWidth.leftPadded((prompt.percent.map { "\($0)%" } ?? "-") + " ", to: 5)
                        + "  no \(prompt.tally.no), n/a \(prompt.tally.notApplicable)"
                        + (prompt.tally.unanswered > 0 ? ", open \(prompt.tally.unanswered)" : "")
                }
                lines.append(line)
            }
        }
        return lines
    }

    /// "80% interval 57.0–85.1% (Wilson), crosses 65% and 80%; sub-sample: 15 of 16 cases;
    /// +1 yes: Outstanding; -1 yes: Requires improvement", or nil when nothing applies.
    static func sureness(_ question: KeyQuestionResult) -> String? {
        guard let interval = question.interval else { return nil }
        var parts = ["80% interval \(interval.text)" + crossingText(question)]
        if question.isSubSample { parts.append("sub-sample: \(question.tally.applicable) of \(question.sampleSize) cases") }
        if let up = question.toNextBandUp, let band = question.nextBandUp {
            parts.append("+\(up) yes: \(TerminalText.escaped(band.label))")
        }
        if let down = question.toNextBandDown, let band = question.nextBandDown {
            parts.append("-\(down) yes: \(TerminalText.escaped(band.label))")
        }
        return parts.joined(separator: "; ")
    }

    /// ", crosses 65% and 80%" or "".
    static func crossingText(_ question: KeyQuestionResult) -> String {
        guard !question.intervalCrosses.isEmpty else { return "" }
        let thresholds = question.intervalCrosses.map { "\($0)%" }
        let list = thresholds.count == 1 ? thresholds[0] : thresholds.dropLast().joined(separator: ", ") + " and " + (thresholds.last ?? "")
        return ", crosses " + list
    }

    private func trimTrailing(_ line: String) -> String {
        var line = line
        while line.last == " " { line.removeLast() }
        return line
    }
}
