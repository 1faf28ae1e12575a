/// The report as one self-contained HTML page: no scripts, no fonts or images fetched, styles
/// inline. The inspection-results tables, a bar per key question against the band thresholds,
/// the ratings panel's reasons as footnotes, and where the cases stand in review. Every text from
/// a file is escaped (control characters made visible, then HTML-escaped).
public struct HTMLReportRenderer: Sendable {
    public init() {}

    public func render(_ report: InspectionReport) -> String {
        let framework = report.framework
        let ratings = report.ratings
        let footnotes = Dictionary(uniqueKeysWithValues: report.discretionNotes.enumerated().map { ($1.number, $0 + 1) })
        var html: [String] = []
        html.append("<!DOCTYPE html>")
        html.append("<html lang=\"en\"><head><meta charset=\"utf-8\">")
        html.append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
        html.append("<title>Inspection results: \(escape(report.service))</title>")
        html.append("<style>\(Self.style)</style></head><body>")
        html.append("<h1>Inspection results: \(escape(report.service))</h1>")
        html.append("<p class=\"meta\">Framework <code>\(escape(framework.id))</code>: \(escape(framework.title)) (revised \(escape(framework.revised))). Cases: \(escape(TextReportRenderer().caseSummary(report))).</p>")
        let maximum = framework.standards.filter(\.core).count * (framework.ratingScale.first?.score ?? 0)
        if let score = ratings.score, let overall = ratings.overall {
            html.append("<p class=\"overall\" id=\"overall\">Overall rating: <strong class=\"rating \(escape(overall.id))\">\(escape(overall.label))</strong> · score <strong>\(score)/\(maximum)</strong></p>")
            if let rule = ratings.limitedBy, let scoreRating = ratings.scoreRating {
                html.append("<p>The score reaches \(escape(scoreRating.label)), limited to \(escape(overall.label)) because standard \(escape(rule.standard)) is rated \(escape(framework.label(of: rule.whenRating))).</p>")
            }
        } else {
            html.append("<p class=\"overall\" id=\"overall\">Overall rating: not yet available. Missing:</p><ul>")
            html += ratings.missing.map { "<li>\(escape($0))</li>" }
            html.append("</ul>")
        }
        if report.unansweredCount > 0 {
            html.append("<p>Provisional: \(report.unansweredCount) key-question answers are still to give.</p>")
        }
        html.append("<p id=\"review\">\(escape(report.reviewSummary)).")
        if !report.outOfDateSignOffs.isEmpty {
            html.append(" <strong class=\"warning\">Sign-off out of date</strong> (answers changed since): \(report.outOfDateSignOffs.map(escape).joined(separator: ", ")).")
        }
        html.append("</p>")
        if !report.openChallenges.isEmpty {
            html.append("<p id=\"challenges\"><strong>Challenges still open</strong> (\(report.openChallenges.count)):</p><ul>")
            for challenge in report.openChallenges { html.append("<li>\(escape(challenge.line))</li>") }
            html.append("</ul>")
        }
        if !report.unresolvedConflicts.isEmpty {
            html.append("<p id=\"conflicts\"><strong class=\"warning\">Merge conflicts to resolve</strong> (\(report.unresolvedConflicts.count)); each case counts its first version until then:</p><ul>")
            for conflict in report.unresolvedConflicts { html.append("<li>\(escape(conflict))</li>") }
            html.append("</ul>")
        }
        for domain in framework.domains {
            html.append("<h2>\(escape(domain.number)). \(escape(domain.title))</h2>")
            html.append("<table class=\"standards\"><thead><tr><th>Standard</th><th>Rating</th></tr></thead><tbody>")
            for standard in domain.standards {
                guard let result = ratings.standard(standard.number) else { continue }
                html.append("<tr><td>\(escape(result.number)) \(escape(result.title))\(result.core ? "" : " <span class=\"meta\">(not in the score)</span>")</td><td>\(ratingCell(result, footnote: footnotes[result.number]))</td></tr>")
            }
            html.append("</tbody></table>")
            for standard in domain.standards where standard.rated == .cases {
                guard let result = ratings.standard(standard.number) else { continue }
                html.append("<h3>\(escape(result.number)) \(escape(result.title))</h3>")
                html.append("<table class=\"questions\"><thead><tr><th>Key question</th><th>Yes / applicable</th><th>%</th><th>Band</th><th>Against the bands</th></tr></thead><tbody>")
                for question in result.keyQuestions {
                    let percent = question.percent.map { "\($0)%" } ?? "–"
                    let band = question.band.map { "<span class=\"rating \(escape($0.id))\">\(escape($0.label))</span>" } ?? "no applicable case"
                    html.append("<tr><td>\(escape(question.number)) \(escape(question.text))</td><td class=\"n\">\(question.tally.yes)/\(question.tally.applicable)</td><td class=\"n\">\(percent)</td><td>\(band)</td><td>\(bar(question, framework: framework))</td></tr>")
                }
                html.append("</tbody></table>")
            }
        }
        if !report.discretionNotes.isEmpty {
            html.append("<h2>Ratings panel decisions</h2><ol class=\"notes\">")
            for note in report.discretionNotes {
                let computed = note.result.computed?.label ?? "unrated"
                let final = note.result.final?.label ?? "unrated"
                html.append("<li id=\"note-\(footnotes[note.number] ?? 0)\"><strong>\(escape(note.number)) \(escape(note.result.title))</strong>: computed \(escape(computed)), rated \(escape(final)) by the ratings panel. \(escape(note.result.discretion?.reason ?? ""))</li>")
            }
            html.append("</ol>")
        }
        html.append("</body></html>")
        return html.joined(separator: "\n") + "\n"
    }

    private func ratingCell(_ result: StandardResult, footnote: Int?) -> String {
        guard let final = result.final else {
            return "Not rated" + (result.unratedReason.map { " <span class=\"meta\">(\(escape($0)))</span>" } ?? "")
        }
        var cell = "<span class=\"rating \(escape(final.id))\">\(escape(final.label))</span>"
        if footnote != nil, let computed = result.computed, computed != final {
            cell += " <span class=\"meta\">(computed \(escape(computed.label)))</span>"
        }
        if let footnote { cell += "<sup><a href=\"#note-\(footnote)\">\(footnote)</a></sup>" }
        return cell
    }

    /// An inline SVG: the key question's percentage as a bar, the band thresholds as marks.
    private func bar(_ question: KeyQuestionResult, framework: Framework) -> String {
        let width = 200
        var svg = "<svg class=\"bar\" width=\"\(width)\" height=\"16\" viewBox=\"0 0 \(width) 16\" role=\"img\" aria-label=\"\(escape(question.number)): \(question.percent.map { "\($0)%" } ?? "no applicable case")\">"
        svg += "<rect x=\"0\" y=\"3\" width=\"\(width)\" height=\"10\" class=\"track\"/>"
        if let percent = question.percent {
            svg += "<rect x=\"0\" y=\"3\" width=\"\(percent * width / 100)\" height=\"10\" class=\"fill \(escape(question.band?.id ?? ""))\"/>"
        }
        for band in framework.keyQuestionBands where band.atLeastPercent > 0 {
            let x = band.atLeastPercent * width / 100
            svg += "<line x1=\"\(x)\" y1=\"0\" x2=\"\(x)\" y2=\"16\" class=\"threshold\"><title>\(escape(framework.label(of: band.rating))): \(band.atLeastPercent)%</title></line>"
        }
        return svg + "</svg>"
    }

    /// Text made safe for HTML: control characters made visible first, then markup escaped.
    func escape(_ text: String) -> String {
        var result = ""
        for character in TerminalText.escaped(text) {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    static let style = """
        body{font-family:system-ui,sans-serif;margin:2em;max-width:70em;color:#111}
        table{border-collapse:collapse;margin:0.5em 0 1.5em}th,td{border:1px solid #bbb;padding:0.25em 0.5em;text-align:left;vertical-align:top}
        td.n{text-align:right;white-space:nowrap}.meta{color:#555}.warning{color:#a00}
        .rating{font-weight:bold}.outstanding{color:#05702d;fill:#05702d}.good{color:#0b5394;fill:#0b5394}
        .requires-improvement{color:#8a5a00;fill:#b8860b}.inadequate{color:#a00;fill:#a00}
        svg .track{fill:#eee}svg .threshold{stroke:#000;stroke-width:1}
        """
}
