import CasemarkTestSupport
import Foundation
import Testing

@testable import CasemarkCore

/// Text pasted from case records, or a framework or inspection file written by someone else, may
/// hold escape sequences, bells, NULs and spreadsheet formulas.
///
/// Every report shows them harmlessly.
@Suite("Hostile text in reports")
struct HostileTextTests {
    static let clear = "\u{1B}[2J"
    static let title = "\u{1B}]0;owned\u{07}"
    static let service = "=HYPERLINK(\"http://evil.example\")\(clear)<script>alert(1)</script>"

    /// The 2020 framework with escape sequences, control characters and formula starts in its
    /// title, a domain title, a standard title, a key question and a prompt.
    static func hostileFramework(in temporary: TemporaryFolder) throws -> Framework {
        var text = String(decoding: Array(BundledFrameworkFiles.all.first { $0.name == "hmip-yos-2020-09.json" }!.text.utf8), as: UTF8.self)
        func replaceFirst(_ old: String, _ new: String) throws {
            let range = try #require(text.range(of: old), "\(old)")
            text.replaceSubrange(range, with: new)
        }
        try replaceFirst(
            "\"title\": \"Standards for inspecting youth offending services (revised September 2020)\"",
            "\"title\": \"Standards\\u001b[2J\\u0007 for inspecting\"")
        try replaceFirst("\"title\": \"Court disposals\"", "\"title\": \"=Court\\u001b]0;owned\\u0007 disposals\"")
        try replaceFirst("\"title\": \"Assessment\"", "\"title\": \"+Assess\\u0000ment\\u007f\"")
        try replaceFirst(
            "Does assessment sufficiently analyse how to support the child's desistance?",
            "@Does assessment\\u009b31m analyse\\u2028desistance?")
        try replaceFirst(
            "Does assessment focus on the child's strengths and protective factors?",
            "-Strengths\\u001bP and\\u001b\\\\ factors?")
        temporary.write("frameworks/hmip-yos-2020-09.json", text)
        return try FrameworkCatalog(folders: [temporary.path + "/frameworks"]).framework(id: "hmip-yos-2020-09")
    }

    static func hostileInspection(in temporary: TemporaryFolder) throws -> InspectionFolder {
        let framework = try hostileFramework(in: temporary)
        var folder = try InspectionFolder.create(at: temporary.path + "/inspection", service: service, framework: framework)
        folder.inspection.discretion["2.1"] = Discretion(rating: "good", reason: "Panel\(clear)\(title) decided\u{0}")
        try folder.saveInspection()
        for index in 1...5 {
            var file = makeCase("C\(index)", framework: framework, ["2.1.1": index == 5 ? .no : .yes, "2.1.2": .yes])
            file.details.inspector = "Eve\(clear)"
            file.answers["2.1.1"]?.note = "Note\(title)\u{07}"
            try folder.save(file)
        }
        return try InspectionFolder.load(folder.path, catalog: try FrameworkCatalog(folders: [temporary.path + "/frameworks"]))
    }

    /// The control characters in `text`, other than those allowed (line ends).
    static func controls(_ text: String, allowing allowed: Set<UInt32> = [0x0A]) -> [UInt32] {
        text.unicodeScalars.filter { TerminalText.isControl($0) && !allowed.contains($0.value) }.map(\.value)
    }

    @Test func textAndMarkdownReportsShowNoRawControlCharacter() throws {
        let temporary = TemporaryFolder()
        let report = InspectionReport(folder: try Self.hostileInspection(in: temporary))
        let text = TextReportRenderer().render(report)
        #expect(Self.controls(text) == [])
        #expect(text.contains("Inspection results: =HYPERLINK(\"http://evil.example\")\\e[2J<script>"))
        #expect(text.contains("+Assess\\0ment\\u{7f}"))
        #expect(text.contains("Panel\\e[2J\\e]0;owned\\u{7} decided\\0"))
        let markdown = MarkdownReportRenderer().render(report)
        #expect(Self.controls(markdown) == [])
        #expect(!markdown.contains("<script>"))
        #expect(markdown.contains("&lt;script&gt;"))
    }

    @Test func csvNeutralisesFormulasAndEscapesControls() throws {
        let temporary = TemporaryFolder()
        let report = InspectionReport(folder: try Self.hostileInspection(in: temporary))
        let csv = CSVReportRenderer().render(report)
        #expect(Self.controls(csv, allowing: [0x0A, 0x0D]) == [])
        #expect(!csv.replacingOccurrences(of: "\r\n", with: "").contains("\r"), "CR only in line ends")
        let cells = Self.csvCells(csv)
        #expect(cells.count > 50)
        for cell in cells {
            if let first = cell.unicodeScalars.first {
                #expect(!["=", "+", "-", "@"].contains(first), "cell \(cell) would run as a formula")
            }
        }
        #expect(cells.contains("'=HYPERLINK(\"http://evil.example\")\\e[2J<script>alert(1)</script>"))
        #expect(cells.contains("'+Assess\\0ment\\u{7f}"))
        #expect(cells.contains("'@Does assessment\\u{9b}31m analyse\\u{2028}desistance?"))
    }

    @Test func htmlAndJSONEscapeEverything() throws {
        let temporary = TemporaryFolder()
        let report = InspectionReport(folder: try Self.hostileInspection(in: temporary))
        let html = HTMLReportRenderer().render(report)
        #expect(Self.controls(html) == [])
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        let json = JSONReportRenderer().render(report)
        #expect(Self.controls(json) == [])
        let parsed = try JSONParser.parse(json).objectValue
        #expect(parsed?["service"] == .string(Self.service), "JSON keeps the text exactly, escaped by JSON")
    }

    @Test func validationMessagesQuoteHostileFileTextEscaped() throws {
        let temporary = TemporaryFolder()
        temporary.write("cases/C1.json", "{\"format\": \"casemark/case\", \"version\": 1, \"ref\": \"C1\\u001b[2J\\u0007\"}")
        let result = InspectionFolder.readCase(
            bytes: Array(
                "{\"format\": \"casemark/case\", \"version\": 1, \"ref\": \"C1\\u001b[2J\\u0007\", \"status\": \"\\u001b]0;x\\u0007\"}".utf8
            ),
            file: temporary.path + "/cases/C1.json", framework: Frameworks.y2020, inspection: nil)
        guard case .failure(let problems) = result else {
            Issue.record("a hostile case file was accepted")
            return
        }
        let messages = problems.diagnostics.map(\.description).joined(separator: "\n")
        #expect(Self.controls(messages) == [])
        #expect(messages.contains("\\e]0;x\\u{7}"))
    }

    /// The cells of a CSV text (RFC 4180 quoting).
    static func csvCells(_ text: String) -> [String] {
        var cells: [String] = []
        var cell = ""
        var quoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        cell.append("\"")
                        characters = characters.dropFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    cell.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," || character == "\r\n" || character == "\n" {
                cells.append(cell)
                cell = ""
            } else {
                cell.append(character)
            }
        }
        return cells
    }
}
