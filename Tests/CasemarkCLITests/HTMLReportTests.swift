import CasemarkCore
import CasemarkTestSupport
import Foundation
import Testing

/// `casemark report --format html`, opened in a real headless browser (Debian's chromium).
@Suite("The HTML report in a browser")
struct HTMLReportTests {
    static func chromium() -> String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/local/bin/chromium"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    @Test func camdenAsTheBrowserSeesIt() throws {
        let browser = try #require(Self.chromium(), "chromium is needed for this test (apt-get install chromium; .ci/run installs it)")
        let scratch = TemporaryFolder()
        let sandbox = scratch.path + "/tmp"
        try FileManager.default.createDirectory(atPath: sandbox, withIntermediateDirectories: true)
        let demo = try BinaryRunner.run(["demo", "--print", "--keep"], environment: ["TMPDIR": sandbox])
        let line = try #require(demo.output.split(separator: "\n").last { $0.hasPrefix("The sandbox is kept at ") })
        let folder = String(line.dropFirst("The sandbox is kept at ".count)) + "/camden-2020"
        // A hostile service name must show as text, never run.
        var inspection = try InspectionFolder.load(folder, catalog: FrameworkCatalog(folders: []))
        inspection.inspection.service = "Camden <script>document.title='owned'</script> \u{1B}[2J YOS"
        try inspection.saveInspection()
        let page = scratch.path + "/camden.html"
        let report = try BinaryRunner.run(
            ["report", folder, "--format", "html", "-o", page], environment: ["SOURCE_DATE_EPOCH": "1796115600"])
        #expect(report.status == 0, "\(report.error)")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"))

        let dom = scratch.path + "/dom.html"
        let status = try ChildProcess.run(
            browser,
            ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(scratch.path)/profile", "--dump-dom", "file://" + page],
            environment: ["HOME": scratch.path, "PATH": "/usr/bin:/bin"], outputPath: dom)
        #expect(status == 0)
        let shown = try String(contentsOfFile: dom, encoding: .utf8)
        // The browser parsed the page: the title is ours, no script ran, the name is text.
        #expect(shown.contains("<title>Inspection results: Camden &lt;script&gt;"))
        #expect(!shown.contains("owned</title>"))
        #expect(shown.contains("\\e[2J"))
        // The results as published: 31/36 Outstanding, 2.2 raised by the panel with its footnote.
        // The headline rating is a heading.
        #expect(
            shown.contains(
                "<h2 class=\"overall\" id=\"overall\">Overall rating: <strong class=\"rating outstanding\">Outstanding</strong> · score <strong>31/36</strong></h2>"
            ))
        #expect(
            shown.contains(
                "<span class=\"rating outstanding\">Outstanding</span> <span class=\"meta\">(computed Good)</span><sup><a href=\"#note-1\">1</a></sup>"
            ))
        #expect(shown.contains("a more positive score in one case would have improved the rating"))
        // A bar per case key question (12 court + 11 out-of-court with 3.4), each with three thresholds.
        #expect(shown.components(separatedBy: "<svg class=\"bar\"").count - 1 == 23)
        #expect(shown.contains("aria-label=\"2.2.3: 73%\""))
        #expect(shown.contains("Review: 26 not reviewed."))
        // The band ticks say what they are on a printout, and the page says when and from where it was made.
        #expect(shown.components(separatedBy: "class=\"tick\">50</text>").count - 1 == 23)
        #expect(shown.contains("class=\"tick\">65</text>") && shown.contains("class=\"tick\">80</text>"))
        #expect(shown.contains("Generated 2026-12-01T09:00:00Z from <code>"))
        // The framework line names the revision once.
        #expect(shown.contains("Framework: Standards for inspecting youth offending services (2018) [hmip-yos-2018]."))
    }

    /// The annex as the seed reports print it, in a real browser: a screenshot taken and a PDF
    /// printed on A4, a page per domain.
    @Test func camdenAnnexReadsLikeThePublishedAnnex() throws {
        let browser = try #require(Self.chromium(), "chromium is needed for this test (apt-get install chromium; .ci/run installs it)")
        let scratch = TemporaryFolder()
        let sandbox = scratch.path + "/tmp"
        try FileManager.default.createDirectory(atPath: sandbox, withIntermediateDirectories: true)
        let demo = try BinaryRunner.run(["demo", "--print", "--keep"], environment: ["TMPDIR": sandbox])
        let line = try #require(demo.output.split(separator: "\n").last { $0.hasPrefix("The sandbox is kept at ") })
        let folder = String(line.dropFirst("The sandbox is kept at ".count)) + "/camden-2020"
        let page = scratch.path + "/annex.html"
        let report = try BinaryRunner.run(["report", folder, "--format", "html", "--layout", "annex", "--no-review", "-o", page])
        #expect(report.status == 0, "\(report.error)")
        let browse = { (arguments: [String], output: String) throws -> Int32 in
            try ChildProcess.run(
                browser,
                ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(scratch.path)/profile"] + arguments + ["file://" + page],
                environment: ["HOME": scratch.path, "PATH": "/usr/bin:/bin"], outputPath: output)
        }
        #expect(try browse(["--dump-dom"], scratch.path + "/dom.html") == 0)
        let shown = try String(contentsOfFile: scratch.path + "/dom.html", encoding: .utf8)
        // Domains, standards with their statements and ratings, key questions with % yes.
        #expect(shown.components(separatedBy: "<section class=\"domain\">").count - 1 == 3)
        #expect(shown.contains("<h2>Domain 2: Court disposals</h2>"))
        // Domain one's standards with their key questions, as the annex lists them (no figures).
        #expect(
            shown.contains(
                "<tr class=\"direct\"><td colspan=\"2\">1.2.4 Are arrangements for learning and development comprehensive and responsive?</td></tr>"
            ))
        #expect(
            shown.contains(
                "Assessment is well-informed, analytical and personalised, actively involving the child and their parents/carers."))
        #expect(
            shown.contains(
                "<tr><td>2.2.3 Does planning focus sufficiently on keeping other people safe?</td><td class=\"n\"><strong class=\"lowest\">73%</strong></td></tr>"
            ))
        #expect(
            shown.contains("<tr><td>2.2.2 Does planning focus sufficiently on keeping the child safe?</td><td class=\"n\">80%</td></tr>"))
        // 3.3: 3.3.3 at 57% is the lowest; 2.3.2 and 2.3.3 tie at 100% but 2.3.1 (94%) is lower.
        #expect(shown.contains("<strong class=\"lowest\">57%</strong>"))
        #expect(shown.contains("<strong class=\"lowest\">94%</strong>"))
        #expect(!shown.contains("<strong class=\"lowest\">100%</strong>"))
        // The legend and the scoring rule; the panel's decisions, the declined ones as such.
        #expect(shown.contains("<td>Minority: &lt;50%</td><td>Inadequate</td>"))
        #expect(shown.contains("<td>Large majority: 80%+</td><td>Outstanding</td>"))
        #expect(shown.contains("31–36 = 'Outstanding'"))
        #expect(
            shown.contains(
                "considered; not applied: The ratings for planning and implementation and delivery related to a small sub-sample"))
        // A published version: no review.
        #expect(!shown.contains("not reviewed"))
        // A screenshot to look at, and a PDF: A4, a page per domain and one for the key.
        let screenshot = scratch.path + "/annex.png"
        #expect(try browse(["--window-size=1100,1600", "--screenshot=\(screenshot)"], scratch.path + "/shot.log") == 0)
        let png = try Data(contentsOf: URL(fileURLWithPath: screenshot))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 20_000)
        let pdf = scratch.path + "/annex.pdf"
        #expect(try browse(["--no-pdf-header-footer", "--print-to-pdf=\(pdf)"], scratch.path + "/pdf.log") == 0)
        let printed = String(decoding: try Data(contentsOf: URL(fileURLWithPath: pdf)), as: UTF8.self)
        let pages = printed.components(separatedBy: "/Count ").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }.max() ?? 0
        #expect(pages >= 4, "a page for each of the 3 domains and the key; printed \(pages)")
        #expect(printed.contains("/MediaBox [0 0 594.95996 841.91998]"), "A4: 210 x 297 mm in points")
    }
}
