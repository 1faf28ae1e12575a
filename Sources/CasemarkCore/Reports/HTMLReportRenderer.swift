/// The report as one self-contained HTML page: no scripts, no fonts or images fetched, styles
/// inline, a print stylesheet for A4 (a page per domain).
///
/// The inspection-results tables, a bar per key question against the labelled band thresholds, the
/// lowest figure of each standard in bold, intervals and prompt figures, the legend and rules, the
/// ratings panel's decisions as footnotes, and where the cases stand in review. Every text from a
/// file is escaped (control characters made visible, then HTML-escaped).
public struct HTMLReportRenderer: Sendable {
    public init() {}

    public func render(_ report: InspectionReport) -> String {
        let framework = report.framework
        let ratings = report.ratings
        let footnotes = report.footnoteNumbers
        var html = headLines(report)
        for domain in framework.domains {
            html.append("<section class=\"domain\">")
            html.append("<h2>\(escape(domain.number)). \(escape(domain.title))</h2>")
            html.append("<table class=\"standards\"><thead><tr><th>Standard</th><th>Rating</th></tr></thead><tbody>")
            for standard in domain.standards {
                guard let result = ratings.standard(standard.number) else { continue }
                html.append(
                    "<tr><td>\(escape(result.number)) \(escape(result.title))\(result.core ? "" : " <span class=\"meta\">(not in the score)</span>")</td><td>\(ratingCell(result, footnote: footnotes[result.number]))</td></tr>"
                )
            }
            html.append("</tbody></table>")
            for standard in domain.standards where standard.rated == .cases {
                guard let result = ratings.standard(standard.number) else { continue }
                html.append("<h3>\(escape(result.number)) \(escape(result.title))</h3>")
                html.append(
                    "<table class=\"questions\"><thead><tr><th>Key question</th><th>Yes / applicable</th><th>%</th><th>Band</th><th>80% interval</th><th>Against the bands</th></tr></thead><tbody>"
                )
                for question in result.keyQuestions {
                    let band =
                        question.band.map { "<span class=\"rating \(escape($0.id))\">\(escape($0.label))</span>" } ?? "no applicable case"
                    html.append(
                        "<tr><td>\(escape(question.number)) \(escape(question.text))</td><td class=\"n\">\(question.tally.yes)/\(question.tally.applicable)</td><td class=\"n\">\(percentCell(question))</td><td>\(band)</td><td>\(intervalCell(question))</td><td>\(bar(question, framework: framework))</td></tr>"
                    )
                }
                html.append("</tbody></table>")
                html += promptTable(result.keyQuestions)
            }
            html.append("</section>")
        }
        html += footLines(report, annex: false, footnotes: footnotes)
        html.append("</body></html>")
        return html.joined(separator: "\n") + "\n"
    }

    /// What ends both layouts: the legend and rules, the ratings panel's decisions, and the data
    /// from the cases assessed.
    func footLines(_ report: InspectionReport, annex: Bool, footnotes: [String: Int]) -> [String] {
        legendLines(report, annex: annex) + decisionLines(report, footnotes: footnotes) + casesAssessedLines(report.casesAssessed)
    }

    /// The annex-shaped page: per domain (a printed page each), each standard with its statement
    /// and rating, its key questions with "% yes", the lowest in bold; the legend and the rules.
    public func renderAnnex(_ report: InspectionReport) -> String {
        let footnotes = report.footnoteNumbers
        var html = headLines(report)
        for domain in report.framework.domains {
            html.append("<section class=\"domain\">")
            html.append("<h2>Domain \(escape(domain.number)): \(escape(domain.title))</h2>")
            html.append(
                "<table class=\"annex\"><colgroup><col><col class=\"figure\"></colgroup><thead><tr><th>Standards and key questions</th><th>Rating and % yes</th></tr></thead><tbody>"
            )
            for standard in domain.standards {
                guard let result = report.ratings.standard(standard.number) else { continue }
                html.append(
                    "<tr class=\"standard\"><th scope=\"row\">\(escape(result.number)) \(escape(result.title))\(result.core ? "" : " <span class=\"meta\">(not in the score)</span>")</th><td>\(ratingCell(result, footnote: footnotes[result.number]))</td></tr>"
                )
                html.append("<tr class=\"statement\"><td colspan=\"2\">\(escape(standard.statement))</td></tr>")
                if !result.keyQuestions.isEmpty {
                    html.append("<tr class=\"kqhead\"><td>Key questions</td><td class=\"n\">% yes</td></tr>")
                }
                for question in result.keyQuestions {
                    html.append(
                        "<tr><td>\(escape(question.number)) \(escape(question.text))</td><td class=\"n\">\(percentCell(question))</td></tr>"
                    )
                }
                // A directly rated standard's key questions, as the annex lists them: no figures.
                if result.keyQuestions.isEmpty {
                    for question in standard.keyQuestions {
                        html.append("<tr class=\"direct\"><td colspan=\"2\">\(escape(question.number)) \(escape(question.text))</td></tr>")
                    }
                }
            }
            html.append("</tbody></table>")
            html.append("</section>")
        }
        html += footLines(report, annex: true, footnotes: footnotes)
        html.append("</body></html>")
        return html.joined(separator: "\n") + "\n"
    }

    /// The prompts' figures of a standard's key questions as a table; nothing when they have no
    /// prompts.
    ///
    /// Shared with the across-inspections report.
    func promptTable(_ questions: [KeyQuestionResult]) -> [String] {
        let prompts = questions.flatMap { question in question.prompts.map { (question.number, $0) } }
        guard !prompts.isEmpty else { return [] }
        var html = [
            "<table class=\"prompts\"><thead><tr><th>Prompt</th><th>Yes</th><th>No</th><th>Not applicable</th><th>Applicable</th><th>%</th></tr></thead><tbody>"
        ]
        for (number, prompt) in prompts {
            let tally = prompt.tally
            html.append(
                "<tr><td>\(escape(number))\(escape(prompt.shownLetter)) \(escape(prompt.text))</td><td class=\"n\">\(tally.yes)</td><td class=\"n\">\(tally.no)</td><td class=\"n\">\(tally.notApplicable)</td><td class=\"n\">\(tally.applicable)</td><td class=\"n\">\(prompt.percent.map { "\($0)%" } ?? "–")</td></tr>"
            )
        }
        html.append("</tbody></table>")
        return html
    }

    private func headLines(_ report: InspectionReport) -> [String] {
        let ratings = report.ratings
        var html: [String] = []
        html.append("<!DOCTYPE html>")
        html.append("<html lang=\"en\"><head><meta charset=\"utf-8\">")
        html.append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
        html.append("<title>Inspection results: \(escape(report.service))</title>")
        html.append("<style>\(Self.style)</style></head><body>")
        html.append("<h1>Inspection results: \(escape(report.service))</h1>")
        html.append("<p class=\"meta\">Framework: \(escape(report.frameworkLine)). Cases: \(escape(report.caseSummary)).</p>")
        if let caveat = report.framework.caveat {
            html.append("<p class=\"meta\" id=\"framework-text\">Framework text: \(escape(caveat))</p>")
        }
        if let generated = report.generatedAt {
            html.append(
                "<p class=\"meta\" id=\"generated\">Generated \(escape(generated))"
                    + (report.folderPath.map { " from <code>\(escape($0))</code>" } ?? "") + ".</p>")
        }
        if let score = ratings.score, let overall = ratings.overall {
            html.append(
                "<h2 class=\"overall\" id=\"overall\">Overall rating: <strong class=\"rating \(escape(overall.id))\">\(escape(overall.label))</strong> · score <strong>\(score)/\(report.maximumScore)</strong></h2>"
            )
            if let rule = ratings.limitedBy, let scoreRating = ratings.scoreRating {
                html.append(
                    "<p>The score reaches \(escape(scoreRating.label)), limited to \(escape(overall.label)) because standard \(escape(rule.standard)) is rated \(escape(report.framework.label(of: rule.whenRating))).</p>"
                )
            }
        } else {
            html.append("<h2 class=\"overall\" id=\"overall\">Overall rating: not yet available</h2><p>Missing:</p><ul>")
            html += ratings.missing.map { "<li>\(escape($0))</li>" }
            html.append("</ul>")
        }
        if report.unansweredCount > 0 {
            html.append("<p>Provisional: \(report.unansweredCount) key-question answers are still to give.</p>")
        }
        guard report.includeReview else { return html }
        html.append("<p id=\"review\">\(escape(report.reviewSummary)).")
        if !report.outOfDateSignOffs.isEmpty {
            html.append(
                " <strong class=\"warning\">Sign-off out of date</strong> (answers changed since): \(report.outOfDateSignOffs.map(escape).joined(separator: ", "))."
            )
        }
        if !report.challengedSignOffs.isEmpty {
            html.append(
                " <strong class=\"warning\">Sign-off challenged</strong> (a challenge opened after it): \(report.challengedSignOffs.map(escape).joined(separator: ", "))."
            )
        }
        html.append("</p>")
        if !report.openChallenges.isEmpty {
            html.append("<p id=\"challenges\"><strong>Challenges still open</strong> (\(report.openChallenges.count)):</p><ul>")
            for challenge in report.openChallenges { html.append("<li>\(escape(challenge.line))</li>") }
            html.append("</ul>")
        }
        if !report.undecidedCases.isEmpty {
            html.append(
                "<p id=\"undecided\"><strong class=\"warning\">Cases without a classification a sub-sample needs</strong> (\(report.undecidedCases.count)); each counts in it whatever it is:</p><ul>"
            )
            for line in report.undecidedCases { html.append("<li>\(escape(line))</li>") }
            html.append("</ul>")
        }
        if !report.completedWithGaps.isEmpty {
            html.append(
                "<p id=\"gaps\"><strong class=\"warning\">Cases marked complete with something still missing</strong> (\(report.completedWithGaps.count)):</p><ul>"
            )
            for line in report.completedWithGaps { html.append("<li>\(escape(line))</li>") }
            html.append("</ul>")
        }
        if !report.unresolvedConflicts.isEmpty {
            html.append(
                "<p id=\"conflicts\"><strong class=\"warning\">Merge conflicts to resolve</strong> (\(report.unresolvedConflicts.count)); each case counts its first version until then:</p><ul>"
            )
            for conflict in report.unresolvedConflicts { html.append("<li>\(escape(conflict))</li>") }
            html.append("</ul>")
        }
        return html
    }

    private func legendLines(_ report: InspectionReport, annex: Bool) -> [String] {
        var html = ["<section class=\"key\" id=\"key\"><h2>Key</h2>"]
        html.append(
            "<table class=\"legend\"><thead><tr><th>Lowest banding (key question level)</th><th>Rating (standard)</th></tr></thead><tbody>")
        html += report.bandLegend.map { "<tr><td>\(escape($0.text))</td><td>\(escape($0.rating))</td></tr>" }
        html.append("</tbody></table>")
        html.append(
            "<p>The lowest figure of each standard is in <strong>bold</strong> (every tie). \(escape(InspectionReport.standardRule))</p>")
        html.append("<p id=\"scoring\">\(escape(report.scoringRule))</p>")
        if !annex {
            html.append("<p id=\"intervals\">\(escape(InspectionReport.intervalStatement))</p>")
            html.append("<p id=\"prompt-rule\">\(escape(report.promptDenominator.statement))</p>")
        }
        html.append("</section>")
        return html
    }

    /// "Data from the cases assessed": a table per detail, a column per domain (and all).
    private func casesAssessedLines(_ assessed: CasesAssessed) -> [String] {
        guard !assessed.tables.isEmpty else { return [] }
        var html = ["<section id=\"cases-assessed\"><h2>Data from the cases assessed</h2>"]
        for table in assessed.tables where !table.domains.isEmpty {
            let columns = table.domains.count > 1 ? table.domains + ["all"] : table.domains
            let titles = columns.map { domain in
                domain == "all" ? "All (\(table.total))" : "\(escape(assessed.title(of: domain))) (\(table.cases[domain] ?? 0))"
            }
            html.append(
                "<table class=\"assessed\" id=\"assessed-\(escape(table.id))\"><thead><tr><th>\(escape(table.label))</th>"
                    + titles.map { "<th>\($0)</th>" }.joined() + "</tr></thead><tbody>")
            for row in table.rows {
                let cells = columns.map { domain in
                    domain == "all"
                        ? CasesAssessed.figure(row.total(table.domains), of: table.total)
                        : CasesAssessed.figure(row.counts[domain] ?? 0, of: table.cases[domain] ?? 0)
                }
                html.append("<tr><td>\(escape(row.label))</td>" + cells.map { "<td class=\"n\">\($0)</td>" }.joined() + "</tr>")
            }
            html.append("</tbody></table>")
        }
        if let drawn = assessed.population {
            html.append("<h3>Population against the sample</h3><p class=\"meta\">As casemark drew it: \(escape(drawn.rule)).</p>")
            for domain in drawn.domains {
                html.append(
                    "<table class=\"assessed population\"><thead><tr><th>\(escape(assessed.title(of: domain.number)))</th><th>Population (\(domain.population))</th><th>Sample (\(domain.sample))</th></tr></thead><tbody>"
                )
                for stratum in domain.strata {
                    html.append(
                        "<tr><td>\(escape(stratum.attribute)): \(escape(stratum.value))</td><td class=\"n\">\(CasesAssessed.figure(stratum.population, of: domain.population))</td><td class=\"n\">\(CasesAssessed.figure(stratum.sample, of: domain.sample))</td></tr>"
                    )
                }
                html.append("</tbody></table>")
                for shortfall in domain.shortfalls { html.append("<p class=\"warning\">Not met: \(escape(shortfall))</p>") }
            }
        }
        html.append("</section>")
        return html
    }

    private func decisionLines(_ report: InspectionReport, footnotes: [String: Int]) -> [String] {
        guard !report.discretionNotes.isEmpty else { return [] }
        var html = ["<h2>Ratings panel decisions</h2><ol class=\"notes\">"]
        for note in report.discretionNotes {
            html.append(
                "<li id=\"note-\(footnotes[note.number] ?? 0)\"><strong>\(escape(note.number)) \(escape(note.result.title))</strong>: \(escape(InspectionReport.decisionText(note.result)))</li>"
            )
        }
        html.append("</ol>")
        return html
    }

    /// "73%", in bold when it is the standard's lowest figure.
    private func percentCell(_ question: KeyQuestionResult) -> String {
        guard let percent = question.percent else { return "–" }
        return question.lowest ? "<strong class=\"lowest\">\(percent)%</strong>" : "\(percent)%"
    }

    private func intervalCell(_ question: KeyQuestionResult) -> String {
        guard let interval = question.interval else { return "–" }
        var cell = interval.text
        if !question.intervalCrosses.isEmpty {
            cell += " <span class=\"flag\">crosses \(question.intervalCrosses.map { "\($0)%" }.joined(separator: ", "))</span>"
        }
        if question.isSubSample {
            cell += " <span class=\"flag\">sub-sample \(question.tally.applicable) of \(question.sampleSize)</span>"
        }
        return cell
    }

    private func ratingCell(_ result: StandardResult, footnote: Int?) -> String {
        guard let final = result.final else {
            return "Not rated" + (result.unratedReason.map { " <span class=\"meta\">(\(escape($0)))</span>" } ?? "")
        }
        var cell = "<span class=\"rating \(escape(final.id))\">\(escape(final.label))</span>"
        if footnote != nil, let computed = result.computed, computed != final {
            cell += " <span class=\"meta\">(computed \(escape(computed.label)))</span>"
        }
        if let warning = result.ratedWithoutWarning {
            cell += " <span class=\"flag\">(\(escape(warning)))</span>"
        }
        if result.declinedDiscretion != nil, result.discretion == nil {
            cell += " <span class=\"meta\">(discretion considered; not applied)</span>"
        }
        if let footnote { cell += "<sup><a href=\"#note-\(footnote)\">\(footnote)</a></sup>" }
        return cell
    }

    /// An inline SVG: the key question's percentage as a bar, the band thresholds as marks
    /// labelled with their percentage, so a printout says what they are.
    private func bar(_ question: KeyQuestionResult, framework: Framework) -> String {
        let width = 200
        var svg =
            "<svg class=\"bar\" width=\"\(width + 12)\" height=\"26\" viewBox=\"-6 0 \(width + 12) 26\" role=\"img\" aria-label=\"\(escape(question.number)): \(question.percent.map { "\($0)%" } ?? "no applicable case")\">"
        svg += "<rect x=\"0\" y=\"3\" width=\"\(width)\" height=\"10\" class=\"track\"/>"
        if let percent = question.percent {
            svg +=
                "<rect x=\"0\" y=\"3\" width=\"\(percent * width / 100)\" height=\"10\" class=\"fill \(escape(question.band?.id ?? ""))\"/>"
        }
        for band in framework.keyQuestionBands where band.atLeastPercent > 0 {
            let x = band.atLeastPercent * width / 100
            svg +=
                "<line x1=\"\(x)\" y1=\"0\" x2=\"\(x)\" y2=\"16\" class=\"threshold\"><title>\(escape(framework.label(of: band.rating))): \(band.atLeastPercent)%</title></line>"
            svg += "<text x=\"\(x)\" y=\"25\" class=\"tick\">\(band.atLeastPercent)</text>"
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
        td.n{text-align:right;white-space:nowrap}.meta{color:#555}.warning{color:#a00}.flag{color:#8a5a00;font-size:0.9em}
        .rating{font-weight:bold}.outstanding{color:#05702d;fill:#05702d}.good{color:#0b5394;fill:#0b5394}
        .requires-improvement{color:#8a5a00;fill:#b8860b}.inadequate{color:#a00;fill:#a00}
        h2.overall{font-size:1.4em}
        svg .track{fill:#eee}svg .threshold{stroke:#000;stroke-width:1}svg .tick{font-size:9px;text-anchor:middle;fill:#333}
        table.prompts{font-size:0.9em}table.prompts td:first-child{padding-left:1.5em}
        table.annex{width:100%;table-layout:fixed}table.annex col.figure{width:12em}table.annex tr.standard th{background:#e8eef4}table.annex tr.statement td{font-style:italic}
        table.annex tr.kqhead td{font-weight:bold;background:#f4f4f4}
        @media print{
        @page{size:A4;margin:15mm}
        body{margin:0;max-width:none;font-size:10pt}
        section.domain~section.domain{break-before:page}section.key{break-before:page}
        tr,h3{break-inside:avoid}h3{break-after:avoid}
        a{color:inherit;text-decoration:none}
        }
        """
}
