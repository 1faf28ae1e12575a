import CasemarkTestSupport
import Foundation
import Testing

@testable import CasemarkCore

/// One hostile string in every text field of a framework, an inspection and its cases: no report
/// format lets any of it act (clear the screen, ring the bell, reorder or hide text, load an
/// image, run markup or a spreadsheet formula).
@Suite("A hostile string in every text field, in every report format")
struct HostileEverywhereTests {
    /// A formula start, a screen clear, a bell, a right-to-left override, a zero-width space,
    /// HTML that runs script, a Markdown image and quotes.
    static let hostile = "=1+1 \u{1B}[2J\u{07}\u{202E}\u{200B}<img src=x onerror=alert(1)>![x](http://e/x.png)\"'"
    /// The characters none of which may reach any output raw.
    static let rawDangers: [Unicode.Scalar] = ["\u{1B}", "\u{07}", "\u{202E}", "\u{200B}"]
    static let textKeys: Set<String> = ["title", "source", "notes", "label", "note", "statement", "text"]
    static let hostileRating = "good" + hostile

    /// The 2020 framework with the hostile string before every text field, and as part of the
    /// id of the rating "good" wherever it is used.
    static func hostileValue(_ value: JSONValue, key: String?) -> JSONValue {
        switch value {
        case .string(let text):
            if let key, textKeys.contains(key) { return .string(hostile + text) }
            return text == "good" ? .string(hostileRating) : value
        case .array(let items):
            return .array(items.map { hostileValue($0, key: key) })
        case .object(let object):
            return .object(JSONObject(object.members.map { JSONObject.Member(key: $0.key, value: hostileValue($0.value, key: $0.key)) }))
        default:
            return value
        }
    }

    static func hostileCatalog(in temporary: TemporaryFolder) throws -> FrameworkCatalog {
        let bundled = try #require(BundledFrameworkFiles.all.first { $0.name == "hmip-yos-2020-09.json" })
        let value = hostileValue(try JSONParser.parse(Array(bundled.text.utf8)), key: nil)
        try FileSystem.makePrivateFolder(temporary.path + "/frameworks")
        try FileSystem.writeAtomically(JSONWriter.bytes(from: value), to: temporary.path + "/frameworks/hmip-yos-2020-09.json")
        return try FrameworkCatalog(folders: [temporary.path + "/frameworks"])
    }

    /// A rated inspection (score, overall rating, discretion) and an unrated one (a list of what
    /// is missing), both full of the hostile string.
    static func hostileReports(in temporary: TemporaryFolder) throws -> [InspectionReport] {
        let catalog = try hostileCatalog(in: temporary)
        let framework = try catalog.framework(id: "hmip-yos-2020-09")
        var reports: [InspectionReport] = []
        for rated in [true, false] {
            var folder = try InspectionFolder.create(
                at: temporary.path + (rated ? "/rated" : "/unrated"), service: hostile, framework: framework)
            if rated {
                for standard in framework.standards where standard.rated == .directly {
                    folder.inspection.ratings[standard.number] = DirectRating(rating: hostileRating, note: hostile)
                }
                folder.inspection.discretion["2.2"] = Discretion(rating: hostileRating, reason: hostile)
            }
            try folder.saveInspection()
            for (domain, disposal) in rated ? [("2", "referral-order"), ("3", "youth-caution")] : [("2", "referral-order")] {
                for index in 1...3 {
                    var file = CaseFile(ref: "C\(domain)\(index)", framework: framework.id, domain: domain, disposal: disposal)
                    file.details.inspector = hostile
                    for question in framework.caseKeyQuestions(domain: domain) {
                        var answer = Answer(judgement: index == 3 ? .no : .yes)
                        answer.note = hostile
                        if let prompt = question.prompts.first { answer.promptNotes[prompt.letter] = hostile }
                        file.answers[question.number] = answer
                    }
                    try folder.save(file)
                }
            }
            let loaded = try InspectionFolder.load(folder.path, catalog: catalog)
            #expect(loaded.damaged.isEmpty, "\(loaded.damaged)")
            reports.append(InspectionReport(folder: loaded))
        }
        #expect(reports[0].ratings.score != nil)
        #expect(reports[1].ratings.score == nil && !reports[1].ratings.missing.isEmpty)
        return reports
    }

    /// Any character `TerminalText.isControl` names, raw, other than the line ends allowed.
    func rawControls(_ text: String, allowing allowed: Set<Unicode.Scalar> = ["\n"]) -> [String] {
        text.unicodeScalars.filter { TerminalText.isControl($0) && !allowed.contains($0) }.map { "U+" + String($0.value, radix: 16) }
    }

    /// Expects `output` to hold `needle`, naming only the needle when it does not.
    func expectShows(_ output: String, _ needle: String, _ format: ReportFormat, sourceLocation: SourceLocation = #_sourceLocation) {
        let shows = output.contains(needle)
        #expect(shows, "\(format) does not show \(needle)", sourceLocation: sourceLocation)
    }

    @Test func noReportFormatLetsTheHostileStringAct() throws {
        let temporary = TemporaryFolder()
        for report in try Self.hostileReports(in: temporary) {
            for format in ReportFormat.allCases {
                let output = format.render(report)
                let allowed: Set<Unicode.Scalar> = format == .csv ? ["\n", "\r"] : ["\n"]
                #expect(rawControls(output, allowing: allowed).isEmpty, "\(format): \(rawControls(output, allowing: allowed))")
                for danger in Self.rawDangers {
                    #expect(!output.unicodeScalars.contains(danger), "\(format) holds U+\(String(danger.value, radix: 16)) raw")
                }
                switch format {
                case .text:
                    expectShows(output, "=1+1 \\e[2J\\u{7}\\u{202e}\\u{200b}<img", format)
                case .markdown:
                    let markup = output.contains("<img") || output.contains("![x](")
                    #expect(!markup, "markdown: markup from the file")
                    expectShows(
                        output, "=1+1 \\\\e\\[2J\\\\u{7}\\\\u{202e}\\\\u{200b}&lt;img src=x onerror=alert(1)&gt;!\\[x\\](http://e/x.png)",
                        format)
                case .csv:
                    let lines = output.components(separatedBy: "\r\n")
                    let formula = lines.contains { $0.hasPrefix("=") } || output.contains(",=") || output.contains("\"=")
                    #expect(!formula, "csv: a cell starts a formula")
                    expectShows(output, "'=1+1 \\e[2J\\u{7}\\u{202e}\\u{200b}<img", format)
                case .json:
                    let value = try JSONParser.parse(Array(output.utf8))
                    // The data is kept as it is: the escapes only show it.
                    #expect(value.objectValue?["service"] == .string(Self.hostile))
                    expectShows(output, "\\u001b[2J\\u0007\\u202e\\u200b", format)
                case .html:
                    let breaksOut = output.contains("<img") || output.contains("\"'")
                    #expect(!breaksOut, "html: markup or an attribute from the file")
                    expectShows(output, "=1+1 \\e[2J\\u{7}\\u{202e}\\u{200b}&lt;img src=x onerror=alert(1)&gt;", format)
                }
            }
        }
    }

    @Test func everyInvisibleCharacterIsShownAsAnEscape() {
        let invisible: [UInt32] = [
            0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200B, 0x200C, 0x200D, 0x200E,
            0x200F, 0x061C, 0xFEFF, 0x2028, 0x2029,
        ]
        for value in invisible {
            let scalar = Unicode.Scalar(value)!
            let text = "a" + String(Character(scalar)) + "b"
            #expect(TerminalText.escaped(text) == "a\\u{\(String(value, radix: 16))}b")
            #expect(TerminalText.isControl(scalar))
        }
        // Ordinary text, accents, Arabic, Hebrew and CJK pass unchanged.
        for text in ["Café – “quoted”", "مرحبا", "שלום", "漢字", "\u{00A0}nbsp", "\u{2030}‰"] {
            #expect(TerminalText.escaped(text) == text)
        }
    }
}
