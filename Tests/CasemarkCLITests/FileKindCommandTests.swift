import CasemarkCore
import CasemarkTestSupport
import Foundation
import Testing

/// Fifos, links and huge files where casemark expects its own files: every command finishes with
/// a one-line error naming the file, and nothing outside the inspection is read or written.
@Suite("Fifos, links and huge files, run as a process")
struct FileKindCommandTests {
    static let framework = try! FrameworkCatalog(folders: []).framework(id: "hmip-yos-2020-09")

    /// An inspection at `path` with the court cases `refs`, each judged yes on 2.1.1.
    @discardableResult
    func makeInspection(_ path: String, _ refs: [String] = ["C01"]) throws -> InspectionFolder {
        let folder = try InspectionFolder.create(at: path, service: "Test Service", framework: Self.framework)
        for ref in refs {
            var file = CaseFile(ref: ref, framework: Self.framework.id, domain: "2", disposal: "referral-order")
            file.answers["2.1.1"] = Answer(judgement: .yes)
            try folder.save(file)
        }
        return folder
    }

    /// The lines of an error output that name `file`.
    func lines(_ error: String, naming file: String) -> [Substring] {
        error.split(separator: "\n").filter { $0.contains(file) }
    }

    @Test func aFifoAsACaseFileIsRefusedByValidateAndReport() throws {
        let scratch = TemporaryFolder()
        let path = scratch.path + "/inspection"
        try makeInspection(path)
        let fifo = path + "/cases/C02.json"
        #expect(mkfifo(fifo, 0o600) == 0)
        for arguments in [["validate", path], ["validate", fifo], ["report", path]] {
            let result = try BinaryRunner.run(arguments, timeout: 30)
            #expect(result.status == 1, "\(arguments): \(result.status) \(result.error)")
            let naming = lines(result.error + result.output, naming: fifo)
            #expect(naming.count == 1, "\(arguments): \(result.error)")
            #expect(naming.first?.hasSuffix("\(fifo): is not a regular file; casemark reads only regular files") == true)
        }
    }

    @Test func aFifoAsInspectionOrFrameworkFileIsRefused() throws {
        let scratch = TemporaryFolder()
        let path = scratch.path + "/inspection"
        try makeInspection(path)
        let inspection = path + "/inspection.json"
        try FileManager.default.removeItem(atPath: inspection)
        #expect(mkfifo(inspection, 0o600) == 0)
        for arguments in [["validate", path], ["report", path], ["merge", path, "--into", scratch.path + "/team"]] {
            let result = try BinaryRunner.run(arguments, timeout: 30)
            #expect(result.status == 1, "\(arguments): \(result.status)")
            // validate lists problems on standard output, the others on standard error.
            #expect(lines(result.output + result.error, naming: inspection).count == 1, "\(arguments): \(result.error)")
            #expect((result.output + result.error).contains("\(inspection): is not a regular file"), "\(arguments): \(result.error)")
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/team"))
        let frameworks = scratch.path + "/frameworks"
        try FileManager.default.createDirectory(atPath: frameworks, withIntermediateDirectories: true)
        #expect(mkfifo(frameworks + "/hmip-yos-2020-09.json", 0o600) == 0)
        // A framework named by its path.
        let named = try BinaryRunner.run(["compare", frameworks + "/hmip-yos-2020-09.json", "hmip-yos-2018"], timeout: 30)
        #expect(named.status == 1)
        #expect(named.error == "casemark: \(frameworks)/hmip-yos-2020-09.json: is not a regular file; casemark reads only regular files\n")
        let other = scratch.path + "/other"
        try makeInspection(other)
        for arguments in [["validate", other], ["report", other], ["browse", "hmip-yos-2020-09"], ["frameworks"]] {
            let result = try BinaryRunner.run(arguments + ["--frameworks", frameworks], timeout: 30)
            #expect(result.status == 1, "\(arguments): \(result.status)")
            #expect(
                result.error == "casemark: \(frameworks)/hmip-yos-2020-09.json: is not a regular file; casemark reads only regular files\n",
                "\(arguments)")
        }
    }

    /// A link named as a case, to a valid case of another inspection: refused, not counted.
    @Test func aLinkedCaseFileIsRefusedAndNotCounted() throws {
        let scratch = TemporaryFolder()
        let path = scratch.path + "/inspection"
        try makeInspection(path)
        try makeInspection(scratch.path + "/elsewhere", ["C02"])
        let linked = path + "/cases/C02.json"
        try FileManager.default.createSymbolicLink(atPath: linked, withDestinationPath: scratch.path + "/elsewhere/cases/C02.json")
        let report = try BinaryRunner.run(["report", path, "--format", "json"], timeout: 30)
        #expect(report.status == 1)
        #expect(report.output == "")
        #expect(lines(report.error, naming: linked) == ["casemark: \(linked): is a symbolic link; casemark does not follow links"])
        let validate = try BinaryRunner.run(["validate", linked], timeout: 30)
        #expect(validate.status == 1)
        #expect(validate.output.contains("\(linked): is a symbolic link; casemark does not follow links"))
        // The same file copied in is counted: the refusal is the link's, not the case's.
        try FileManager.default.removeItem(atPath: linked)
        try FileManager.default.copyItem(atPath: scratch.path + "/elsewhere/cases/C02.json", toPath: linked)
        let counted = try BinaryRunner.run(["report", path, "--format", "json"], timeout: 30)
        #expect(counted.status == 0, "\(counted.error)")
        #expect(counted.output.contains("\"yes\": 2"))
    }

    @Test func aLinkToDevZeroAndAHugeFileAreRefusedWithoutReadingThem() throws {
        let scratch = TemporaryFolder()
        let path = scratch.path + "/inspection"
        try makeInspection(path)
        let zero = path + "/cases/C02.json"
        try FileManager.default.createSymbolicLink(atPath: zero, withDestinationPath: "/dev/zero")
        let big = path + "/cases/C03.json"
        #expect(FileManager.default.createFile(atPath: big, contents: nil))
        #expect(truncate(big, off_t(64 * 1024 * 1024 + 1)) == 0)
        let result = try BinaryRunner.run(["report", path], timeout: 30)
        #expect(result.status == 1)
        #expect(lines(result.error, naming: zero) == ["casemark: \(zero): is a symbolic link; casemark does not follow links"])
        #expect(lines(result.error, naming: big) == ["casemark: \(big): is larger than 64 MiB; casemark reads files up to 64 MiB"])
    }

    /// Merging never reads through a source's linked cases/ folder, nor writes through the
    /// target's.
    @Test func mergeRefusesLinkedFoldersInSourcesAndTarget() throws {
        let scratch = TemporaryFolder()
        let source = scratch.path + "/ann"
        try makeInspection(source)
        try makeInspection(scratch.path + "/elsewhere", ["C09"])
        try FileManager.default.removeItem(atPath: source + "/cases")
        try FileManager.default.createSymbolicLink(atPath: source + "/cases", withDestinationPath: scratch.path + "/elsewhere/cases")
        let team = scratch.path + "/team"
        let fromLinked = try BinaryRunner.run(["merge", source, "--into", team], timeout: 30)
        #expect(fromLinked.status == 1)
        #expect(
            fromLinked.error
                == "casemark: \(source)/cases: is a symbolic link; casemark does not follow links; the inspection was not opened\n")
        #expect(!FileManager.default.fileExists(atPath: team))

        let bob = scratch.path + "/bob"
        try makeInspection(bob)
        let outside = scratch.path + "/outside"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: team, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: team + "/cases", withDestinationPath: outside)
        let intoLinked = try BinaryRunner.run(["merge", bob, "--into", team], timeout: 30)
        #expect(intoLinked.status == 1)
        #expect(intoLinked.error == "casemark: \(team)/cases: is a symbolic link; casemark does not follow links\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: team + "/inspection.json"))
    }

    /// The setup form is never offered for a folder whose cases/ is a link: the new inspection's
    /// cases would be saved outside it.
    @Test func theSetupFormRefusesAFolderWithALinkedCasesFolder() throws {
        let scratch = TemporaryFolder()
        let folder = scratch.path + "/new"
        let outside = scratch.path + "/outside"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder + "/cases", withDestinationPath: outside)
        let result = try BinaryRunner.run(["open", folder], timeout: 30)
        #expect(result.status == 1)
        #expect(result.error == "casemark: \(folder)/cases: is a symbolic link; casemark does not follow links\n")
        #expect(!FileManager.default.fileExists(atPath: folder + "/inspection.json"))
    }
}
