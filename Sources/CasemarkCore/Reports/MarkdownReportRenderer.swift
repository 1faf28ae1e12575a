/// The report as Markdown tables, one per domain and one per case-based standard, with the
/// ratings panel's reasons as footnotes. Text from files is escaped for Markdown and HTML.
public struct MarkdownReportRenderer: Sendable {
    public init() {}

    public func render(_ report: InspectionReport) -> String {
        let framework = report.framework
        let ratings = report.ratings
        var lines: [String] = []
        lines.append("# Inspection results: \(escape(report.service))")
        lines.append("")
        lines.append("Framework: `\(escape(framework.id))` (\(escape(framework.title))). Cases: \(escape(TextReportRenderer().caseSummary(report))).")
        lines.append("")
        if let score = ratings.score, let overall = ratings.overall {
            let maximum = framework.standards.filter(\.core).count * (framework.ratingScale.first?.score ?? 0)
            lines.append("**Overall rating: \(escape(overall.label))**, score \(score)/\(maximum).")
            if let rule = ratings.limitedBy, let scoreRating = ratings.scoreRating {
                lines.append("")
                lines.append(
                    "The score reaches \(escape(scoreRating.label)), limited to \(escape(overall.label)) because standard \(escape(rule.standard)) is rated \(escape(framework.label(of: rule.whenRating))).")
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
        lines.append("")
        lines.append(escape(report.reviewSummary) + ".")
        if !report.outOfDateSignOffs.isEmpty {
            lines.append("")
            lines.append("**Sign-off out of date** (answers changed since): " + report.outOfDateSignOffs.map(escape).joined(separator: ", ") + ".")
        }
        if !report.openChallenges.isEmpty {
            lines.append("")
            lines.append("**Challenges still open** (\(report.openChallenges.count)):")
            lines.append("")
            lines += report.openChallenges.map { "- " + escape($0.line) }
        }
        if !report.unresolvedConflicts.isEmpty {
            lines.append("")
            lines.append("**Merge conflicts to resolve** (\(report.unresolvedConflicts.count)); each case counts its first version until then:")
            lines.append("")
            lines += report.unresolvedConflicts.map { "- " + escape($0) }
        }
        let footnotes = Dictionary(uniqueKeysWithValues: report.discretionNotes.enumerated().map { ($1.number, $0 + 1) })
        for domain in framework.domains {
            lines.append("")
            lines.append("## \(escape(domain.number)). \(escape(domain.title))")
            lines.append("")
            lines.append("| Standard | Rating |")
            lines.append("| --- | --- |")
            for standard in domain.standards {
                guard let result = ratings.standard(standard.number) else { continue }
                lines.append("| \(escape(result.number)) \(escape(result.title))\(result.core ? "" : " (not in the score)") | \(ratingText(result, footnote: footnotes[result.number])) |")
            }
            for standard in domain.standards {
                guard let result = ratings.standard(standard.number), !result.keyQuestions.isEmpty else { continue }
                lines.append("")
                lines.append("### \(escape(result.number)) \(escape(result.title)): \(ratingText(result, footnote: footnotes[result.number]))")
                lines.append("")
                lines.append("| Key question | Yes / applicable | % | Band | +yes to next band up | -yes to next band down |")
                lines.append("| --- | ---: | ---: | --- | ---: | ---: |")
                for question in result.keyQuestions {
                    let percent = question.percent.map { "\($0)%" } ?? "-"
                    lines.append(
                        "| \(escape(question.number)) \(escape(question.text)) | \(question.tally.yes)/\(question.tally.applicable) | \(percent) | \(escape(question.band?.label ?? "no applicable case")) | \(question.toNextBandUp.map(String.init) ?? "-") | \(question.toNextBandDown.map(String.init) ?? "-") |")
                }
            }
        }
        if !report.discretionNotes.isEmpty {
            lines.append("")
            lines.append("## Ratings panel discretion")
            lines.append("")
            for (index, note) in report.discretionNotes.enumerated() {
                lines.append("\(index + 1). **\(escape(note.number)) \(escape(note.result.title))**: computed \(escape(note.result.computed?.label ?? "unrated")), rated \(escape(note.result.final?.label ?? "unrated")). \(escape(note.result.discretion?.reason ?? ""))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
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
