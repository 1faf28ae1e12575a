/// The report as Markdown tables, one per domain and per case-based standard (the lowest figure of
/// each standard in bold), each standard's prompt figures, the legend and rules, and the ratings
/// panel's decisions as footnotes.
///
/// Text from files is escaped for Markdown and HTML.
public struct MarkdownReportRenderer: Sendable {
    public init() {}

    public func render(_ report: InspectionReport) -> String {
        let framework = report.framework
        let ratings = report.ratings
        var lines = headLines(report)
        let footnotes = report.footnoteNumbers
        for domain in framework.domains {
            lines.append("")
            lines.append("## \(escape(domain.number)). \(escape(domain.title))")
            lines.append("")
            lines.append("| Standard | Rating |")
            lines.append("| --- | --- |")
            for standard in domain.standards {
                guard let result = ratings.standard(standard.number) else { continue }
                let warning = result.ratedWithoutWarning.map { " (\(escape($0)))" } ?? ""
                lines.append(
                    "| \(escape(result.number)) \(escape(result.title))\(result.core ? "" : " (not in the score)")\(warning) | \(ratingText(result, footnote: footnotes[result.number])) |"
                )
            }
            for standard in domain.standards {
                guard let result = ratings.standard(standard.number), !result.keyQuestions.isEmpty else { continue }
                lines.append("")
                lines.append(
                    "### \(escape(result.number)) \(escape(result.title)): \(ratingText(result, footnote: footnotes[result.number]))")
                lines.append("")
                lines.append(
                    "| Key question | Yes / applicable | % | Band | 80% interval | +yes to next band up | -yes to next band down |")
                lines.append("| --- | ---: | ---: | --- | --- | ---: | ---: |")
                for question in result.keyQuestions {
                    lines.append(
                        "| \(escape(question.number)) \(escape(question.text)) | \(question.tally.yes)/\(question.tally.applicable) | \(percentCell(question)) | \(escape(question.band?.label ?? "no applicable case")) | \(intervalCell(question)) | \(question.toNextBandUp.map(String.init) ?? "-") | \(question.toNextBandDown.map(String.init) ?? "-") |"
                    )
                }
                lines += promptTable(result.keyQuestions)
            }
        }
        lines += footLines(report, annex: false)
        return lines.joined(separator: "\n") + "\n"
    }

    /// What ends both layouts: the legend and rules, the ratings panel's decisions, and the data
    /// from the cases assessed.
    func footLines(_ report: InspectionReport, annex: Bool) -> [String] {
        legendLines(report, annex: annex) + decisionLines(report) + casesAssessedLines(report.casesAssessed)
    }

    /// The annex-shaped report: per domain, each standard with its statement, its key questions
    /// with "% yes" (the lowest in bold), the rating; the legend and the scoring rule.
    public func renderAnnex(_ report: InspectionReport) -> String {
        var lines = headLines(report)
        let footnotes = report.footnoteNumbers
        for domain in report.framework.domains {
            lines.append("")
            lines.append("## Domain \(escape(domain.number)): \(escape(domain.title))")
            lines.append("")
            lines.append("| Standards and key questions | % yes | Rating |")
            lines.append("| --- | ---: | --- |")
            for standard in domain.standards {
                guard let result = report.ratings.standard(standard.number) else { continue }
                lines.append(
                    "| **\(escape(result.number)) \(escape(result.title))**\(result.ratedWithoutWarning.map { " (\(escape($0)))" } ?? "")<br>\(escape(standard.statement)) |  | **\(ratingText(result, footnote: footnotes[result.number]))** |"
                )
                for question in result.keyQuestions {
                    lines.append("| \(escape(question.number)) \(escape(question.text)) | \(percentCell(question)) |  |")
                }
                // A directly rated standard's key questions, as the annex lists them: no figures.
                if result.keyQuestions.isEmpty {
                    for question in standard.keyQuestions {
                        lines.append("| \(escape(question.number)) \(escape(question.text)) |  |  |")
                    }
                }
            }
        }
        lines += footLines(report, annex: true)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The prompts' figures of a standard's key questions as a table, after a blank line; nothing
    /// when they have no prompts.
    ///
    /// Shared with the across-inspections report.
    func promptTable(_ questions: [KeyQuestionResult]) -> [String] {
        let prompts = questions.flatMap { question in question.prompts.map { (question.number, $0) } }
        guard !prompts.isEmpty else { return [] }
        var lines = ["", "| Prompt | Yes | No | Not applicable | Applicable | % |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
        for (number, prompt) in prompts {
            let tally = prompt.tally
            lines.append(
                "| \(escape(number))\(escape(prompt.shownLetter)) \(escape(prompt.text)) | \(tally.yes) | \(tally.no) | \(tally.notApplicable) | \(tally.applicable) | \(prompt.percent.map { "\($0)%" } ?? "-") |"
            )
        }
        return lines
    }

    private func headLines(_ report: InspectionReport) -> [String] {
        let ratings = report.ratings
        var lines: [String] = []
        lines.append("# Inspection results: \(escape(report.service))")
        lines.append("")
        lines.append("Framework: \(escape(report.frameworkLine)). Cases: \(escape(report.caseSummary)).")
        if let caveat = report.framework.caveat {
            lines.append("")
            lines.append("Framework text: \(escape(caveat))")
        }
        if let generated = report.generatedAt {
            lines.append("")
            lines.append("Generated \(escape(generated))" + (report.folderPath.map { " from \(escape($0))" } ?? "") + ".")
        }
        lines.append("")
        if let score = ratings.score, let overall = ratings.overall {
            lines.append("**Overall rating: \(escape(overall.label))**, score \(score)/\(report.maximumScore).")
            if let rule = ratings.limitedBy, let scoreRating = ratings.scoreRating {
                lines.append("")
                lines.append(
                    "The score reaches \(escape(scoreRating.label)), limited to \(escape(overall.label)) because standard \(escape(rule.standard)) is rated \(escape(report.framework.label(of: rule.whenRating)))."
                )
            }
        } else {
            lines.append("**Overall rating: not yet available.** Missing:")
            lines.append("")
            lines += ratings.missing.map { "- \(escape($0))" }
        }
        if report.unansweredCount > 0 {
            lines.append("")
            lines.append("Provisional: \(report.unansweredCount) key-question answers are still to give.")
        }
        guard report.includeReview else { return lines }
        lines.append("")
        lines.append(escape(report.reviewSummary) + ".")
        if !report.outOfDateSignOffs.isEmpty {
            lines.append("")
            lines.append(
                "**Sign-off out of date** (answers changed since): " + report.outOfDateSignOffs.map(escape).joined(separator: ", ") + ".")
        }
        if !report.challengedSignOffs.isEmpty {
            lines.append("")
            lines.append(
                "**Sign-off challenged** (a challenge opened after it): " + report.challengedSignOffs.map(escape).joined(separator: ", ")
                    + ".")
        }
        if !report.openChallenges.isEmpty {
            lines.append("")
            lines.append("**Challenges still open** (\(report.openChallenges.count)):")
            lines.append("")
            lines += report.openChallenges.map { "- " + escape($0.line) }
        }
        if !report.undecidedCases.isEmpty {
            lines.append("")
            lines.append(
                "**Cases without a classification a sub-sample needs** (\(report.undecidedCases.count)); each counts in it whatever it is:")
            lines.append("")
            lines += report.undecidedCases.map { "- " + escape($0) }
        }
        if !report.completedWithGaps.isEmpty {
            lines.append("")
            lines.append("**Cases marked complete with something still missing** (\(report.completedWithGaps.count)):")
            lines.append("")
            lines += report.completedWithGaps.map { "- " + escape($0) }
        }
        if !report.unresolvedConflicts.isEmpty {
            lines.append("")
            lines.append(
                "**Merge conflicts to resolve** (\(report.unresolvedConflicts.count)); each case counts its first version until then:")
            lines.append("")
            lines += report.unresolvedConflicts.map { "- " + escape($0) }
        }
        return lines
    }

    private func legendLines(_ report: InspectionReport, annex: Bool) -> [String] {
        var lines = ["", "## Key", ""]
        lines.append("| Lowest banding (key question level) | Rating (standard) |")
        lines.append("| --- | --- |")
        lines += report.bandLegend.map { "| \(escape($0.text)) | \(escape($0.rating)) |" }
        lines.append("")
        lines.append("The lowest figure of each standard is in **bold** (every tie). " + escape(InspectionReport.standardRule))
        lines.append("")
        lines.append(escape(report.scoringRule))
        if !annex {
            lines.append("")
            lines.append(escape(InspectionReport.intervalStatement))
            lines.append("")
            lines.append(escape(report.promptDenominator.statement))
        }
        return lines
    }

    /// "Data from the cases assessed": a table per detail, a column per domain (and all).
    func casesAssessedLines(_ assessed: CasesAssessed) -> [String] {
        guard !assessed.tables.isEmpty else { return [] }
        var lines = ["", "## Data from the cases assessed"]
        for table in assessed.tables where !table.domains.isEmpty {
            let columns = table.domains.count > 1 ? table.domains + ["all"] : table.domains
            let titles = columns.map { domain in
                domain == "all" ? "All (\(table.total))" : "\(escape(assessed.title(of: domain))) (\(table.cases[domain] ?? 0))"
            }
            lines += ["", "| \(escape(table.label)) | " + titles.joined(separator: " | ") + " |"]
            lines.append("| --- |" + String(repeating: " ---: |", count: columns.count))
            for row in table.rows {
                let cells = columns.map { domain in
                    domain == "all"
                        ? CasesAssessed.figure(row.total(table.domains), of: table.total)
                        : CasesAssessed.figure(row.counts[domain] ?? 0, of: table.cases[domain] ?? 0)
                }
                lines.append("| \(escape(row.label)) | " + cells.joined(separator: " | ") + " |")
            }
        }
        if let drawn = assessed.population {
            lines += ["", "### Population against the sample", "", "As casemark drew it: \(escape(drawn.rule))."]
            for domain in drawn.domains {
                lines += [
                    "",
                    "| \(escape(assessed.title(of: domain.number))) | Population (\(domain.population)) | Sample (\(domain.sample)) |",
                    "| --- | ---: | ---: |",
                ]
                for stratum in domain.strata {
                    lines.append(
                        "| \(escape(stratum.attribute)): \(escape(stratum.value)) | \(CasesAssessed.figure(stratum.population, of: domain.population)) | \(CasesAssessed.figure(stratum.sample, of: domain.sample)) |"
                    )
                }
                for shortfall in domain.shortfalls { lines += ["", "Not met: " + escape(shortfall)] }
            }
        }
        return lines
    }

    private func decisionLines(_ report: InspectionReport) -> [String] {
        guard !report.discretionNotes.isEmpty else { return [] }
        var lines = ["", "## Ratings panel discretion", ""]
        for (index, note) in report.discretionNotes.enumerated() {
            lines.append(
                "\(index + 1). **\(escape(note.number)) \(escape(note.result.title))**: \(escape(InspectionReport.decisionText(note.result)))"
            )
        }
        return lines
    }

    /// "73%", in bold when it is the standard's lowest figure.
    private func percentCell(_ question: KeyQuestionResult) -> String {
        guard let percent = question.percent else { return "-" }
        return question.lowest ? "**\(percent)%**" : "\(percent)%"
    }

    /// "57.0–85.1% (crosses 65%, 80%; sub-sample 15 of 16)".
    private func intervalCell(_ question: KeyQuestionResult) -> String {
        guard let interval = question.interval else { return "-" }
        var flags: [String] = []
        if !question.intervalCrosses.isEmpty {
            flags.append("crosses " + question.intervalCrosses.map { "\($0)%" }.joined(separator: ", "))
        }
        if question.isSubSample { flags.append("sub-sample \(question.tally.applicable) of \(question.sampleSize)") }
        return interval.text + (flags.isEmpty ? "" : " (" + flags.joined(separator: "; ") + ")")
    }

    private func ratingText(_ result: StandardResult, footnote: Int?) -> String {
        var text = escape(result.final?.label ?? "Not rated")
        if let footnote { text += " [\(footnote)]" }
        return text
    }

    /// Escapes text from a file for Markdown (a table cell, a heading, a list item): control and
    /// invisible characters made visible, Markdown punctuation (emphasis, code, links and images,
    /// headings, tables) and HTML neutralised, line breaks folded.
    func escape(_ text: String) -> String {
        var result = ""
        for character in TerminalText.escaped(text) {
            switch character {
            case "|", "*", "_", "`", "[", "]", "#", "\\": result += "\\" + String(character)
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            default: result.append(character)
            }
        }
        return result
    }
}
