import CasemarkTestSupport
import CasemarkCore
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
        let report = try BinaryRunner.run(["report", folder, "--format", "html", "-o", page])
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
        #expect(shown.contains("Overall rating: <strong class=\"rating outstanding\">Outstanding</strong> · score <strong>31/36</strong>"))
        #expect(shown.contains("<span class=\"rating outstanding\">Outstanding</span> <span class=\"meta\">(computed Good)</span><sup><a href=\"#note-1\">1</a></sup>"))
        #expect(shown.contains("a more positive score in one case would have improved the rating"))
        // A bar per case key question (12 court + 11 out-of-court with 3.4), each with three thresholds.
        #expect(shown.components(separatedBy: "<svg class=\"bar\"").count - 1 == 23)
        #expect(shown.contains("aria-label=\"2.2.3: 73%\""))
        #expect(shown.contains("Review: 26 not reviewed."))
    }
}
