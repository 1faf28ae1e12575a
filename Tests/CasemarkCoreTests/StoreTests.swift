import CasemarkTestSupport
import Foundation
import Testing

@testable import CasemarkCore

@Suite("Storing inspections")
struct StoreTests {
    func permissions(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int) ?? -1
    }

    @Test func createdFoldersAndFilesArePrivate() throws {
        let base = TemporaryFolder()
        let path = base.path + "/new/inspection"
        let folder = try InspectionFolder.create(at: path, service: "Test YOS", framework: Frameworks.y2020)
        try folder.save(makeCase("C01"))
        #expect(permissions(path) == 0o700)
        #expect(permissions(path + "/cases") == 0o700)
        #expect(permissions(path + "/inspection.json") == 0o600)
        #expect(permissions(path + "/cases/C01.json") == 0o600)
        let reloaded = try InspectionFolder.load(path, catalog: Frameworks.catalog)
        #expect(reloaded.cases.map(\.ref) == ["C01"])
        #expect(reloaded.inspection.service == "Test YOS")
        // Nothing but the files themselves: no temporary files left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: path + "/cases") == ["C01.json"])
    }

    /// An inspection folder moved away while open is never made again at its old path, by any
    /// write: a case, a removal, the framework's revision.
    @Test func aFolderMovedAwayIsNeverMadeAgain() throws {
        let base = TemporaryFolder()
        let path = base.path + "/inspection"
        let folder = try InspectionFolder.create(at: path, service: "Test YOS", framework: Frameworks.y2020)
        try folder.save(makeCase("C01"))
        #expect(rename(path, path + ".moved") == 0)
        #expect(throws: CaseSaveFailure.self) { try folder.save(makeCase("C01"), base: makeCase("C01")) }
        #expect(throws: CaseSaveFailure.self) { try folder.save(makeCase("C02"), base: nil) }
        #expect(throws: FileSystemError.self) { try folder.save(makeCase("C02")) }
        #expect(throws: FileSystemError.self) { try folder.moveToRemoved(ref: "C01") }
        #expect(throws: FileSystemError.self) { try folder.keepFrameworkRevision() }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func createRefusesToOverwriteAnInspection() throws {
        let base = TemporaryFolder()
        _ = try InspectionFolder.create(at: base.path, service: "First", framework: Frameworks.y2020)
        #expect(throws: FileSystemError.self) {
            try InspectionFolder.create(at: base.path, service: "Second", framework: Frameworks.y2020)
        }
        #expect(base.read("inspection.json")?.contains("First") == true)
    }

    @Test func aCaseFileThatIsASymbolicLinkIsNotWrittenThrough() throws {
        let base = TemporaryFolder()
        let folder = try InspectionFolder.create(at: base.path + "/i", service: "S", framework: Frameworks.y2020)
        base.write("elsewhere.json", "precious")
        try FileManager.default.createSymbolicLink(
            atPath: base.path + "/i/cases/C01.json", withDestinationPath: base.path + "/elsewhere.json")
        #expect(throws: FileSystemError.self) { try folder.save(makeCase("C01")) }
        #expect(base.read("elsewhere.json") == "precious")
    }

    @Test func anUnsafeRefIsNeverWritten() throws {
        let base = TemporaryFolder()
        let folder = try InspectionFolder.create(at: base.path + "/i", service: "S", framework: Frameworks.y2020)
        #expect(throws: FileSystemError.self) { try folder.save(makeCase("../../escape")) }
        #expect(!FileManager.default.fileExists(atPath: base.path + "/escape.json"))
    }

    @Test func aFailedSaveLeavesTheOldFileWholeAndNoTemporaryFile() throws {
        let base = TemporaryFolder()
        base.write("old.json", "old contents")
        // Replacing a file by a folder's name fails at the rename, after the temporary file is
        // written: even as root. The old file and the folder must be untouched.
        try FileManager.default.createDirectory(atPath: base.path + "/target", withIntermediateDirectories: false)
        #expect(throws: FileSystemError.self) { try FileSystem.writeAtomically(Array("new".utf8), to: base.path + "/target") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path).sorted() == ["old.json", "target"])
        try FileSystem.writeAtomically(Array("new contents".utf8), to: base.path + "/old.json")
        #expect(base.read("old.json") == "new contents")
    }

    /// Temporary files never collide: many writers saving one file at once each get their own
    /// temporary file, the file ends as one writer's whole version, and nothing is left behind.
    @Test func concurrentSavesNeverCollideOrLeaveTemporaries() throws {
        let base = TemporaryFolder()
        let path = base.path + "/C01.json"
        let versions = (0..<8).map { writer in Array(String(repeating: "writer \(writer) ", count: 5_000).utf8) }
        DispatchQueue.concurrentPerform(iterations: 8) { writer in
            for _ in 0..<40 {
                do {
                    try FileSystem.writeAtomically(versions[writer], to: path)
                } catch {
                    Issue.record("writer \(writer): \(error)")
                }
            }
        }
        #expect(versions.contains(try FileSystem.read(path)))
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path) == ["C01.json"])
        #expect(permissions(path) == 0o600)
    }

    /// A save swaps the new version in and the old one aside under a temporary name, so deleting
    /// the old one (the slow part of replacing a file on ext4) can wait until the answer is on
    /// screen.
    ///
    /// Where the file system cannot swap, the old version is gone when the save returns.
    @Test func aSaveCanLeaveTheOldVersionForTheCallerToDelete() throws {
        let base = TemporaryFolder()
        base.write("probe-1", "1")
        base.write("probe-2", "2")
        let canSwap = FileSystem.exchange(base.path + "/probe-1", base.path + "/probe-2")
        if canSwap { #expect(base.read("probe-1") == "2" && base.read("probe-2") == "1") }
        try FileManager.default.removeItem(atPath: base.path + "/probe-1")
        try FileManager.default.removeItem(atPath: base.path + "/probe-2")

        let path = base.path + "/C01.json"
        let first = try FileSystem.writeAtomically(Array("version 1".utf8), to: path, oldVersion: .removeLater)
        #expect(first == nil, "nothing was replaced")
        let replaced = try FileSystem.writeAtomically(Array("version 2".utf8), to: path, oldVersion: .removeLater)
        #expect(base.read("C01.json") == "version 2")
        #expect(permissions(path) == 0o600)
        if canSwap {
            let old = try #require(replaced)
            #expect(try FileSystem.read(old.path) == Array("version 1".utf8))
            // Named as a leftover temporary, so a crash before deleting it is tidied up like one.
            #expect(FileSystem.leftoverTemporaries(of: path) == [old.path])
            old.remove()
        } else {
            #expect(replaced == nil)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path) == ["C01.json"])
        // Removing now, the default, leaves nothing beside the file either.
        #expect(try FileSystem.writeAtomically(Array("version 3".utf8), to: path) == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path) == ["C01.json"])
        #expect(base.read("C01.json") == "version 3")
    }

    @Test func badCaseFilesAreListedNotFatal() throws {
        let base = TemporaryFolder()
        let folder = try InspectionFolder.create(at: base.path, service: "S", framework: Frameworks.y2020)
        try folder.save(makeCase("C01"))
        base.write("cases/C02.json", "{ not json")
        base.write("cases/notes.txt", "hello")
        base.write("cases/.C03.json.123.tmp", "partial")
        let loaded = try InspectionFolder.load(base.path, catalog: Frameworks.catalog)
        #expect(loaded.cases.map(\.ref) == ["C01"])
        #expect(
            loaded.damaged.map { $0.description.replacingOccurrences(of: base.path + "/", with: "") } == [
                "cases/C02.json:1:3: expected a quoted key, found 'n'",
                "cases/notes.txt: not a case file: case files are named <ref>.json",
            ])
    }

    @Test func frameworkFoldersOverrideBundledFiles() throws {
        let base = TemporaryFolder()
        let entry = try #require(Frameworks.catalog.entry(id: "hmip-yos-2018"))
        let text = String(decoding: entry.bytes, as: UTF8.self).replacingOccurrences(
            of: "Standards for inspecting youth offending services (2018)", with: "Local copy")
        base.write("hmip-yos-2018.json", text)
        let catalog = try FrameworkCatalog(
            folders: FrameworkCatalog.searchFolders(option: [], environment: ["CASEMARK_FRAMEWORKS": base.path]))
        #expect(try catalog.framework(id: "hmip-yos-2018").title == "Local copy")
        #expect(catalog.entry(id: "hmip-yos-2018")?.origin == .file(base.path + "/hmip-yos-2018.json"))
        #expect(catalog.entry(id: "hmip-yos-2020-09")?.origin == .bundled)
        #expect(throws: FileSystemError.self) { try FrameworkCatalog(folders: [base.path + "/missing"]) }
    }
}
