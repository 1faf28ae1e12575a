import CasemarkCore
import CasemarkTestSupport
import Foundation
import Testing

/// `report -o FILE` never replaces a file without `--force`, and never an inspection's own files.
@Suite("report -o never replaces an inspection's files")
struct ReportOutputTests {
    static let framework = try! FrameworkCatalog(folders: []).framework(id: "hmip-yos-2020-09")

    func makeInspection(_ path: String) throws {
        let folder = try InspectionFolder.create(at: path, service: "Test Service", framework: Self.framework)
        try folder.save(CaseFile(ref: "C01", framework: Self.framework.id, domain: "2", disposal: "referral-order"))
    }

    func contents(_ path: String) -> Data? {
        FileManager.default.contents(atPath: path)
    }

    @Test func anExistingFileIsReplacedOnlyWithForce() throws {
        let scratch = TemporaryFolder()
        let path = scratch.path + "/inspection"
        try makeInspection(path)
        scratch.write("report.txt", "keep me")
        let output = scratch.path + "/report.txt"
        let refused = try BinaryRunner.run(["report", path, "-o", output], timeout: 60)
        #expect(refused.status == 1)
        #expect(refused.output == "")
        #expect(refused.error == "casemark: \(output): already exists; add --force to replace it; no report written\n")
        #expect(scratch.read("report.txt") == "keep me")
        let forced = try BinaryRunner.run(["report", path, "-o", output, "--force"], timeout: 60)
        #expect(forced.status == 0, "\(forced.error)")
        #expect(scratch.read("report.txt")?.contains("Test Service") == true)
        let fresh = try BinaryRunner.run(["report", path, "-o", scratch.path + "/new.md", "--format", "markdown"], timeout: 60)
        #expect(fresh.status == 0, "\(fresh.error)")
        #expect(scratch.read("new.md")?.contains("Test Service") == true)
    }

    @Test func anInspectionsOwnFilesAreNeverReplacedEvenWithForce() throws {
        let scratch = TemporaryFolder()
        let path = scratch.path + "/inspection"
        let other = scratch.path + "/other"
        try makeInspection(path)
        try makeInspection(other)
        try FileManager.default.createSymbolicLink(atPath: scratch.path + "/alias", withDestinationPath: path)
        let refusals: [(String, String)] = [
            (path + "/cases/C01.json", "is inside the inspection folder being reported"),
            (path + "/inspection.json", "is inside the inspection folder being reported"),
            (path + "/cases/C02.json", "is inside the inspection folder being reported"),
            (path + "/report.txt", "is inside the inspection folder being reported"),
            (scratch.path + "/alias/report.txt", "is inside the inspection folder being reported"),
            (path + "/../inspection/cases/../inspection.json", "is inside the inspection folder being reported"),
            (other + "/inspection.json", "is an inspection's inspection.json"),
            (other + "/cases/C01.json", "is inside an inspection's cases/ folder"),
            (other + "/cases/C05.json", "is inside an inspection's cases/ folder"),
            (other + "/frameworks/x.json", "is inside an inspection's frameworks/ folder"),
        ]
        let before = [path, other].flatMap { folder in
            ["/inspection.json", "/cases/C01.json"].map { contents(folder + $0) }
        }
        for (output, reason) in refusals {
            for extra in [[], ["--force"]] {
                let result = try BinaryRunner.run(["report", path, "-o", output] + extra, timeout: 60)
                #expect(result.status == 1, "\(output)")
                #expect(result.error == "casemark: \(output): \(reason); no report written\n")
            }
        }
        let after = [path, other].flatMap { folder in
            ["/inspection.json", "/cases/C01.json"].map { contents(folder + $0) }
        }
        #expect(before == after)
        for created in [path + "/cases/C02.json", path + "/report.txt", other + "/cases/C05.json"] {
            #expect(!FileManager.default.fileExists(atPath: created), "\(created)")
        }
        let validate = try BinaryRunner.run(["validate", path, other], timeout: 60)
        #expect(validate.status == 0, "\(validate.output)")
    }
}
