/// The report as CSV (RFC 4180, CRLF line ends): one row per standard and per key question, and
/// a last row with the score and overall rating. Cells that a spreadsheet would run as a formula
/// (starting with `=`, `+`, `-`, `@`, tab or carriage return) are prefixed with `'`.
public struct CSVReportRenderer: Sendable {
    public init() {}

    static let header = [
        "row", "number", "title", "core", "yes", "no", "notApplicable", "unanswered", "applicable", "percent", "band",
        "toNextBandUp", "toNextBandDown", "computedRating", "rating", "discretionRating", "discretionReason",
    ]

    public func render(_ report: InspectionReport) -> String {
        var rows: [[String]] = [Self.header]
        for standard in report.ratings.standards {
            rows.append([
                "standard", standard.number, standard.title, standard.core ? "yes" : "no", "", "", "", "", "", "", "", "", "",
                standard.computed?.id ?? "", standard.final?.id ?? "", standard.discretion?.rating ?? "",
                standard.discretion?.reason ?? "",
            ])
            for question in standard.keyQuestions {
                let tally = question.tally
                rows.append([
                    "keyQuestion", question.number, question.text, "", String(tally.yes), String(tally.no),
                    String(tally.notApplicable), String(tally.unanswered), String(tally.applicable),
                    question.percent.map(String.init) ?? "", question.band?.id ?? "",
                    question.toNextBandUp.map(String.init) ?? "", question.toNextBandDown.map(String.init) ?? "", "", "",
                    "", "",
                ])
            }
        }
        var overall = Array(repeating: "", count: Self.header.count)
        overall[0] = "overall"
        overall[2] = report.service
        overall[9] = report.ratings.score.map(String.init) ?? ""
        overall[14] = report.ratings.overall?.id ?? ""
        rows.append(overall)
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

import Foundation
