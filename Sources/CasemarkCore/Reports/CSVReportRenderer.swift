/// The report as CSV (RFC 4180, CRLF line ends): one row per standard, per key question and per
/// prompt, a row with the score and overall rating in their own columns, and rows stating the rules
/// the figures follow.
///
/// Cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or
/// carriage return) are prefixed with `'`.
public struct CSVReportRenderer: Sendable {
    public init() {}

    static let header = [
        "row", "number", "letter", "key", "title", "core", "yes", "no", "notApplicable", "unanswered", "applicable", "percent",
        "band", "lowest", "intervalLow", "intervalHigh", "intervalCrosses", "subSample", "toNextBandUp", "toNextBandDown",
        "computedRating", "rating", "discretionRating", "discretionReason", "discretionDeclined", "ratedWithout", "score", "maximumScore",
        "detail", "domain", "count", "cases",
    ]

    /// The index of a column named in `header` (every caller names one of its own columns).
    private static func column(_ name: String) -> Int {
        header.firstIndex(of: name) ?? header.count
    }

    public func render(_ report: InspectionReport) -> String {
        var rows: [[String]] = [Self.header]
        func row(_ kind: String, _ cells: [String: String]) {
            var row = Array(repeating: "", count: Self.header.count)
            row[0] = kind
            for (name, value) in cells { row[Self.column(name)] = value }
            rows.append(row)
        }
        for standard in report.ratings.standards {
            var cells = [
                "number": standard.number, "title": standard.title, "core": standard.core ? "yes" : "no",
                "computedRating": standard.computed?.id ?? "", "rating": standard.final?.id ?? "",
                "ratedWithout": standard.ratedWithout.joined(separator: " "),
            ]
            if let discretion = standard.discretion {
                cells["discretionRating"] = discretion.rating
                cells["discretionReason"] = discretion.reason
            } else if let declined = standard.declinedDiscretion {
                cells["discretionReason"] = declined.reason
                cells["discretionDeclined"] = "yes"
            }
            row("standard", cells)
            for question in standard.keyQuestions {
                let tally = question.tally
                row(
                    "keyQuestion",
                    [
                        "number": question.number, "title": question.text, "yes": String(tally.yes), "no": String(tally.no),
                        "notApplicable": String(tally.notApplicable), "unanswered": String(tally.unanswered),
                        "applicable": String(tally.applicable), "percent": question.percent.map(String.init) ?? "",
                        "band": question.band?.id ?? "", "lowest": question.lowest ? "yes" : "no",
                        "intervalLow": question.interval.map { ScoreInterval.format($0.lowPercent) } ?? "",
                        "intervalHigh": question.interval.map { ScoreInterval.format($0.highPercent) } ?? "",
                        "intervalCrosses": question.intervalCrosses.map(String.init).joined(separator: " "),
                        "subSample": question.isSubSample ? "yes" : "no",
                        "toNextBandUp": question.toNextBandUp.map(String.init) ?? "",
                        "toNextBandDown": question.toNextBandDown.map(String.init) ?? "",
                    ])
                for prompt in question.prompts {
                    let tally = prompt.tally
                    row(
                        "prompt",
                        [
                            "number": question.number, "letter": prompt.shownLetter, "key": prompt.letter, "title": prompt.text,
                            "yes": String(tally.yes),
                            "no": String(tally.no), "notApplicable": String(tally.notApplicable), "unanswered": String(tally.unanswered),
                            "applicable": String(tally.applicable), "percent": prompt.percent.map(String.init) ?? "",
                        ])
                }
            }
        }
        row(
            "overall",
            [
                "title": report.service, "score": report.ratings.score.map(String.init) ?? "",
                "maximumScore": String(report.maximumScore), "rating": report.ratings.overall?.id ?? "",
            ])
        // The cases assessed: a row per detail, group and domain (`all` across them).
        for table in report.casesAssessed.tables {
            for entry in table.rows {
                for domain in table.domains {
                    row(
                        "casesAssessed",
                        [
                            "detail": table.id, "title": entry.label, "domain": domain, "count": String(entry.counts[domain] ?? 0),
                            "cases": String(table.cases[domain] ?? 0),
                        ])
                }
                if table.domains.count > 1 {
                    row(
                        "casesAssessed",
                        [
                            "detail": table.id, "title": entry.label, "domain": "all", "count": String(entry.total(table.domains)),
                            "cases": String(table.total),
                        ])
                }
            }
        }
        // The population against the sample as drawn: `count` in the population, `cases` in the sample.
        for domain in report.casesAssessed.population?.domains ?? [] {
            for stratum in domain.strata {
                row(
                    "sampleDrawn",
                    [
                        "detail": stratum.attribute, "title": stratum.value, "domain": domain.number, "count": String(stratum.population),
                        "cases": String(stratum.sample),
                    ])
            }
        }
        if let caveat = report.framework.caveat { row("framework", ["number": report.framework.id, "title": caveat]) }
        row("rule", ["title": report.promptDenominator.statement])
        row("rule", ["title": InspectionReport.intervalStatement])
        return rows.map { $0.map(Self.cell).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// One CSV cell: escaped control characters, formula neutralised, quoted when needed.
    static func cell(_ raw: String) -> String {
        var text = TerminalText.escaped(raw)
        if let first = raw.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            text = "'" + text
        }
        if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || text.hasPrefix(" ") {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }
}
