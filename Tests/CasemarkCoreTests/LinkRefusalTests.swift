import CasemarkTestSupport
import Foundation
import Testing

@testable import CasemarkCore

/// Reading takes only regular files, never through a link, up to a size limit; an inspection's own
/// folders are never followed through links, so nothing is read or written outside it.
@Suite("Links, fifos and size limits")
struct LinkRefusalTests {
    func makeFolder(_ scratch: TemporaryFolder) throws -> InspectionFolder {
        let folder = try InspectionFolder.create(at: scratch.path + "/inspection", service: "S", framework: Frameworks.y2020)
        try folder.save(makeCase("C01"))
        return folder
    }

    func link(_ target: String, at path: String) throws {
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
    }

    func names(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    @Test func readRefusesLinksFifosDevicesAndFoldersWithoutWaiting() throws {
        let scratch = TemporaryFolder()
        scratch.write("real.json", "{}")
        try link(scratch.path + "/real.json", at: scratch.path + "/link.json")
        try link("/dev/zero", at: scratch.path + "/zero.json")
        #expect(mkfifo(scratch.path + "/fifo.json", 0o600) == 0)
        #expect(try FileSystem.read(scratch.path + "/real.json") == Array("{}".utf8))
        for (name, message) in [
            ("link.json", "is a symbolic link; casemark does not follow links"),
            ("zero.json", "is a symbolic link; casemark does not follow links"),
            ("fifo.json", "is not a regular file; casemark reads only regular files"),
        ] {
            #expect(throws: FileSystemError(path: scratch.path + "/" + name, message: message)) {
                try FileSystem.read(scratch.path + "/" + name)
            }
        }
        #expect(throws: FileSystemError(path: "/dev/zero", message: "is not a regular file; casemark reads only regular files")) {
            try FileSystem.read("/dev/zero")
        }
        #expect(throws: FileSystemError(path: scratch.path, message: "is a folder, not a file")) {
            try FileSystem.read(scratch.path)
        }
    }

    @Test func readRefusesAFileOverTheLimitBeforeReadingIt() throws {
        let scratch = TemporaryFolder()
        scratch.write("ten", "0123456789")
        #expect(try FileSystem.read(scratch.path + "/ten", limit: 10).count == 10)
        #expect(throws: FileSystemError(path: scratch.path + "/ten", message: "is larger than 9 bytes; casemark reads files up to 9 bytes"))
        {
            try FileSystem.read(scratch.path + "/ten", limit: 9)
        }
        // A sparse file of 64 MiB and one byte: refused by its length, nothing allocated for it.
        let big = scratch.path + "/big.json"
        #expect(FileManager.default.createFile(atPath: big, contents: nil))
        #expect(truncate(big, off_t(FileSystem.defaultReadLimit + 1)) == 0)
        #expect(throws: FileSystemError(path: big, message: "is larger than 64 MiB; casemark reads files up to 64 MiB")) {
            try FileSystem.read(big)
        }
    }

    @Test func checkNoLinksFindsALinkAnywhereBelowTheRootButNotTheRootItself() throws {
        let scratch = TemporaryFolder()
        try FileManager.default.createDirectory(atPath: scratch.path + "/real/a/b", withIntermediateDirectories: true)
        try link(scratch.path + "/real", at: scratch.path + "/root")
        try link(scratch.path + "/real/a", at: scratch.path + "/real/l")
        try FileSystem.checkNoLinks(below: scratch.path + "/root", path: scratch.path + "/root/a/b")
        try FileSystem.checkNoLinks(below: scratch.path + "/root", path: scratch.path + "/root/a/missing/deeper")
        #expect(throws: FileSystemError(path: scratch.path + "/root/l", message: "is a symbolic link; casemark does not follow links")) {
            try FileSystem.checkNoLinks(below: scratch.path + "/root", path: scratch.path + "/root/l/b")
        }
        #expect(throws: FileSystemError(path: scratch.path + "/root/l", message: "is a symbolic link; casemark does not follow links")) {
            try FileSystem.checkNoLinks(below: scratch.path + "/root/", path: scratch.path + "/root/l")
        }
    }

    @Test func aLinkedCasesFolderIsNeverLoadedOrSavedInto() throws {
        let scratch = TemporaryFolder()
        let folder = try makeFolder(scratch)
        let outside = scratch.path + "/outside"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        // A valid case outside: loading through the link would count it.
        try FileManager.default.copyItem(atPath: folder.caseFilePath(ref: "C01"), toPath: outside + "/C01.json")
        try FileManager.default.removeItem(atPath: folder.casesFolderPath)
        try link(outside, at: folder.casesFolderPath)
        let refusal = "is a symbolic link; casemark does not follow links"
        #expect(throws: FileSystemError(path: folder.casesFolderPath, message: refusal)) {
            try folder.save(makeCase("C02"))
        }
        #expect(names(outside) == ["C01.json"])
        do {
            _ = try InspectionFolder.load(folder.path, catalog: Frameworks.catalog)
            Issue.record("a folder whose cases/ is a link was loaded")
        } catch let problems as FileProblems {
            #expect(problems.description == "\(folder.casesFolderPath): \(refusal); the inspection was not opened")
        }
    }

    @Test func aLinkedRemovedOrFrameworksFolderIsNeverWrittenInto() throws {
        let scratch = TemporaryFolder()
        let folder = try makeFolder(scratch)
        let outside = scratch.path + "/outside"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try link(outside, at: folder.path + "/removed")
        #expect(throws: FileSystemError(path: folder.path + "/removed", message: "is a symbolic link; casemark does not follow links")) {
            try folder.moveToRemoved(ref: "C01")
        }
        #expect(names(outside).isEmpty)
        #expect(FileSystem.exists(folder.caseFilePath(ref: "C01")))
        try FileManager.default.removeItem(atPath: folder.path + "/removed")
        // The framework revision is kept in frameworks/: moved out and linked back.
        let frameworks = folder.path + "/" + InspectionFolder.frameworksFolderName
        try FileManager.default.removeItem(atPath: frameworks)
        try link(outside, at: frameworks)
        // A case marked under the current framework file copies it into frameworks/ when missing.
        var marked = makeCase("C02")
        marked.frameworkHash = folder.framework.contentHash
        #expect(throws: FileSystemError(path: frameworks, message: "is a symbolic link; casemark does not follow links")) {
            try folder.save(marked)
        }
        #expect(names(outside).isEmpty)
    }

    /// A folder held open is where its files go, even when its name is swapped for a link
    /// meanwhile: files inside an inspection are reached relative to folders opened without
    /// following links (`openat`), never by a path looked up again.
    @Test func filesGoIntoTheFolderOpenedNotWhereItsNameLaterPoints() throws {
        let scratch = TemporaryFolder()
        let folder = try makeFolder(scratch)
        let outside = scratch.path + "/outside"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        let cases = try folder.openOwnFolder(InspectionFolder.casesFolderName)
        // cases/ is moved aside and a link to the outside folder put in its place.
        try FileManager.default.moveItem(atPath: folder.casesFolderPath, toPath: scratch.path + "/moved-cases")
        try link(outside, at: folder.casesFolderPath)
        try cases.writeAtomically(Array("{}".utf8), to: "X.json")
        #expect(names(outside).isEmpty)
        #expect(names(scratch.path + "/moved-cases").contains("X.json"))
        #expect(throws: FileSystemError(path: folder.casesFolderPath, message: "is a symbolic link; casemark does not follow links")) {
            try folder.openOwnFolder(InspectionFolder.casesFolderName)
        }
        #expect(throws: FileSystemError(path: folder.casesFolderPath, message: "is a symbolic link; casemark does not follow links")) {
            try FileSystem.Folder.open(folder.casesFolderPath, below: folder.path)
        }
        // A lock and a case read go through the folder as opened from the inspection, so both refuse.
        #expect(throws: FileSystemError.self) { try CaseLock.acquire(caseFile: folder.caseFilePath(ref: "C01"), below: folder.path) }
        guard case .failure(let problems) = folder.readCase(ref: "C01") else {
            Issue.record("a case was read through a linked cases/ folder")
            return
        }
        #expect(problems.description == "\(folder.casesFolderPath): is a symbolic link; casemark does not follow links")
    }
}
