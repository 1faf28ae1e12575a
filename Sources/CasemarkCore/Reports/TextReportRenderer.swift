/// The report as plain text, laid out like the inspection reports' results tables: each domain's
/// standards with their ratings, each case-based key question with its count, percentage and
/// band, the score and overall rating, and the ratings panel's reasons as footnotes. All text
/// from files is escaped, so nothing in a file can control the terminal.
public struct TextReportRenderer: Sendable {
    public var width: Int

    public init(width: Int = 100) {
        self.width = max(width, 60)
    }

    private let ratingWidth = 20

    public func render(_ report: InspectionReport) -> String {
        var lines: [String] = []
        let framework = report.framework
        lines.append("Inspection results: " + TerminalText.escaped(report.service))
        lines.append("Framework: \(TerminalText.escaped(framework.id)) (\(TerminalText.escaped(framework.title)))")
        lines.append("Cases: " + caseSummary(report))
        lines.append("")
        lines.append(contentsOf: overallLines(report))
        let footnotes = report.discretionNotes.enumerated().map { ($1.number, $0 + 1) }
        let footnoteNumbers = Dictionary(uniqueKeysWithValues: footnotes)
        for domain in framework.domains {
            lines.append("")
            lines.append("\(TerminalText.escaped(domain.number)). \(TerminalText.escaped(domain.title))")
            for standard in domain.standards {
                guard let result = report.ratings.standard(standard.number) else { continue }
                lines.append(standardLine(result, footnote: footnoteNumbers[standard.number], framework: framework))
                for question in result.keyQuestions {
                    lines.append(contentsOf: keyQuestionLines(question))
                }
            }
        }
        if !report.discretionNotes.isEmpty {
            lines.append("")
            lines.append("Ratings panel discretion")
            for (index, note) in report.discretionNotes.enumerated() {
                let computed = TerminalText.escaped(note.result.computed?.label ?? "unrated")
                let final = TerminalText.escaped(note.result.final?.label ?? "unrated")
                let head = "[\(index + 1)] \(TerminalText.escaped(note.number)) \(TerminalText.escaped(note.result.title)): computed \(computed), rated \(final) by the ratings panel."
                lines.append(contentsOf: DisplayWidth.wrap(head, width: width))
                let reason = TerminalText.escaped(note.result.discretion?.reason ?? "")
                lines.append(contentsOf: DisplayWidth.wrap(reason, width: width - 4).map { "    " + $0 })
            }
        }
        return lines.map { trimTrailing($0) }.joined(separator: "\n") + "\n"
    }

    func caseSummary(_ report: InspectionReport) -> String {
        report.framework.caseDomains.map { domain in
            "\(report.caseCounts[domain.number] ?? 0) \(TerminalText.escaped(domain.title).lowercased())"
        }.joined(separator: ", ")
    }

    private func overallLines(_ report: InspectionReport) -> [String] {
        let ratings = report.ratings
        let maximum = report.framework.standards.filter(\.core).count * (report.framework.ratingScale.first?.score ?? 0)
        guard let score = ratings.score, let overall = ratings.overall else {
            var lines = ["Overall rating: not yet available (score needs every core standard rated)", "Missing:"]
            lines += ratings.missing.flatMap { DisplayWidth.wrap(TerminalText.escaped($0), width: width - 4).enumerated().map { $0 == 0 ? "  - " + $1 : "    " + $1 } }
            return lines + reviewLines(report)
        }
        var lines = [
            DisplayWidth.padded("Overall rating: \(TerminalText.escaped(overall.label))", to: width - 12) + DisplayWidth.leftPadded("Score \(score)/\(maximum)", to: 12)
        ]
        if let rule = ratings.limitedBy, let scoreRating = ratings.scoreRating {
            let reaches = TerminalText.escaped(scoreRating.label), limited = TerminalText.escaped(overall.label)
            let standard = TerminalText.escaped(rule.standard), rated = TerminalText.escaped(report.framework.label(of: rule.whenRating))
            lines.append("  The score reaches \(reaches), limited to \(limited) because standard \(standard) is rated \(rated).")
        }
        if report.unansweredCount > 0 {
            lines.append("  Provisional: \(report.unansweredCount) key-question answers are still to give.")
        }
        return lines + reviewLines(report)
    }

    private func reviewLines(_ report: InspectionReport) -> [String] {
        var lines = ["  " + report.reviewSummary + "."]
        if !report.outOfDateSignOffs.isEmpty {
            let refs = report.outOfDateSignOffs.map(TerminalText.escaped).joined(separator: ", ")
            lines += DisplayWidth.wrap("Sign-off out of date (answers changed since): \(refs).", width: width - 2).map { "  " + $0 }
        }
        if !report.openChallenges.isEmpty {
            lines.append("  Challenges still open (\(report.openChallenges.count)):")
            for challenge in report.openChallenges {
                lines += DisplayWidth.wrap(TerminalText.escaped(challenge.line), width: width - 4).map { "    " + $0 }
            }
        }
        if !report.unresolvedConflicts.isEmpty {
            lines.append("  Merge conflicts to resolve (\(report.unresolvedConflicts.count)); each case counts its first version until then:")
            for conflict in report.unresolvedConflicts {
                lines += DisplayWidth.wrap(TerminalText.escaped(conflict), width: width - 4).map { "    " + $0 }
            }
        }
        return lines
    }

    private func standardLine(_ result: StandardResult, footnote: Int?, framework: Framework) -> String {
        var rating = TerminalText.escaped(result.final?.label ?? "Not rated")
        if let footnote { rating += " [\(footnote)]" }
        var title = "  \(TerminalText.escaped(result.number)) \(TerminalText.escaped(result.title))"
        if !result.core { title += " (not in the score)" }
        if result.final == nil, let reason = result.unratedReason { title += " - \(TerminalText.escaped(reason))" }
        if result.rated == .directly { title += " (rated directly)" }
        return DisplayWidth.padded(title, to: width - ratingWidth - 5) + "     " + rating
    }

    private func keyQuestionLines(_ question: KeyQuestionResult) -> [String] {
        let numberWidth = 8
        let figuresWidth = 1 + 7 + 2 + 4 + 2 + ratingWidth
        let textWidth = width - 4 - numberWidth - figuresWidth
        let wrapped = DisplayWidth.wrap(TerminalText.escaped(question.text), width: textWidth)
        let counts = "\(question.tally.yes)/\(question.tally.applicable)"
        let percent = question.percent.map { "\($0)%" } ?? "-"
        let band = TerminalText.escaped(question.band?.label ?? "no applicable case")
        var lines: [String] = []
        for (index, text) in wrapped.enumerated() {
            let number = index == 0 ? TerminalText.escaped(question.number) : ""
            var line = "    " + DisplayWidth.padded(number, to: numberWidth) + DisplayWidth.padded(text, to: textWidth)
            if index == 0 {
                line += " " + DisplayWidth.leftPadded(counts, to: 7) + "  " + DisplayWidth.leftPadded(percent, to: 4) + "  " + band
            }
            lines.append(line)
        }
        return lines
    }

    private func trimTrailing(_ line: String) -> String {
        var line = line
        while line.last == " " { line.removeLast() }
        return line
    }
}
