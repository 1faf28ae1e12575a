import CasemarkTestSupport
import Foundation
import Testing

@testable import CasemarkCore

/// A case records the framework file it was marked under; when the file changes later, what
/// changed for that case can be shown, because the inspection folder keeps the earlier revision.
@Suite("Framework drift")
struct FrameworkDriftTests {
    static let original = Array(BundledFrameworkFiles.all.first { $0.name == "hmip-yos-2020-09.json" }!.text.utf8)
    static let oldPrompt = "Does assessment focus on the child's strengths and protective factors?"
    static let newPrompt = "Does assessment focus on the child's strengths, interests and protective factors?"

    /// An inspection whose framework comes from a user folder, with C01 answering 2.1.1 saved
    /// under it.
    func markedInspection(_ temporary: TemporaryFolder) throws -> InspectionFolder {
        temporary.write("frameworks/hmip-yos-2020-09.json", String(decoding: Self.original, as: UTF8.self))
        let catalog = try FrameworkCatalog(folders: [temporary.path + "/frameworks"])
        let framework = try catalog.framework(id: "hmip-yos-2020-09")
        #expect(framework.contentHash == FrameworkReader.contentHash(of: Self.original))
        #expect(framework.contentHash.hasPrefix("fnv1a64:") && framework.contentHash.count == 24)
        let folder = try InspectionFolder.create(at: temporary.path + "/inspection", service: "YJS", framework: framework)
        var file = makeCase("C01", framework: framework, ["2.1.1": .yes])
        file.frameworkHash = framework.markedHash
        try folder.save(file)
        return folder
    }

    func changeFramework(_ temporary: TemporaryFolder) throws -> FrameworkCatalog {
        let text = String(decoding: Self.original, as: UTF8.self)
        #expect(text.contains(Self.oldPrompt))
        // Only the first occurrence, 2.1.1 c: 3.1.1 c of the out-of-court domain has the same text.
        let first = try #require(text.range(of: Self.oldPrompt))
        temporary.write("frameworks/hmip-yos-2020-09.json", text.replacingCharacters(in: first, with: Self.newPrompt))
        return try FrameworkCatalog(folders: [temporary.path + "/frameworks"])
    }

    /// A catalog keeps the frameworks it has read (an across report opens one per folder): it
    /// and its copies give the same framework each time, while a catalog made after the file
    /// changed reads the new text, and the old one keeps the text it was made with.
    @Test func aCatalogGivesTheFrameworkItWasMadeWithAndANewCatalogTheChangedOne() throws {
        let temporary = TemporaryFolder()
        temporary.write("frameworks/hmip-yos-2020-09.json", String(decoding: Self.original, as: UTF8.self))
        let before = try FrameworkCatalog(folders: [temporary.path + "/frameworks"])
        let first = try before.framework(id: "hmip-yos-2020-09")
        let copy = before
        #expect(try before.framework(id: "hmip-yos-2020-09").contentHash == first.contentHash)
        #expect(try copy.framework(id: "hmip-yos-2020-09").contentHash == first.contentHash)
        let after = try changeFramework(temporary)
        let changed = try after.framework(id: "hmip-yos-2020-09")
        #expect(changed.contentHash != first.contentHash)
        #expect(changed.keyQuestion("2.1.1")?.prompts.contains { $0.text == Self.newPrompt } == true)
        #expect(try before.framework(id: "hmip-yos-2020-09").contentHash == first.contentHash)
        #expect(try after.framework(id: "hmip-yos-2020-09").contentHash == changed.contentHash)
    }

    @Test func theCaseRecordsTheHashAndTheFolderKeepsThatRevisionPrivately() throws {
        let temporary = TemporaryFolder()
        let folder = try markedInspection(temporary)
        let loaded = try InspectionFolder.load(folder.path, catalog: try FrameworkCatalog(folders: [temporary.path + "/frameworks"]))
        #expect(loaded.cases.first?.frameworkHash == folder.framework.contentHash)
        #expect(loaded.damaged.isEmpty)
        let copy = folder.frameworkRevisionPath(hash: folder.framework.contentHash)
        #expect(try FileSystem.read(copy) == Self.original)
        var status = stat()
        #expect(stat(copy, &status) == 0 && status.st_mode & 0o777 == 0o600)
        #expect(stat(folder.path + "/frameworks", &status) == 0 && status.st_mode & 0o777 == 0o700)
        #expect(loaded.frameworkDrift(of: loaded.cases[0]) == nil)
    }

    @Test func aChangedFrameworkFileSaysWhatChangedForTheCase() throws {
        let temporary = TemporaryFolder()
        let folder = try markedInspection(temporary)
        let loaded = try InspectionFolder.load(folder.path, catalog: try changeFramework(temporary))
        #expect(loaded.damaged.isEmpty)
        let drift = try #require(loaded.frameworkDrift(of: loaded.cases[0]))
        #expect(drift.markedUnder == folder.framework.contentHash)
        #expect(drift.now == loaded.framework.contentHash && drift.now != drift.markedUnder)
        let items = try #require(drift.items)
        #expect(items.count == 1)
        #expect(items.first?.change.item == "2.1.1 c" && items.first?.change.kind == .reworded)
        #expect(items.first?.answered == true)
        #expect(drift.lines.count == 2)
        #expect(drift.lines[1].contains("answered 2.1.1 c prompt reworded"))
        #expect(drift.lines[1].contains("strengths, interests and protective"))
    }

    @Test func aChangeInAnotherDomainIsNotTheCasesConcern() throws {
        let temporary = TemporaryFolder()
        let folder = try markedInspection(temporary)
        var file = makeCase("C02", framework: folder.framework, domain: "3", disposal: "youth-caution", ["3.1.1": .no])
        file.frameworkHash = folder.framework.markedHash
        try folder.save(file)
        let loaded = try InspectionFolder.load(folder.path, catalog: try changeFramework(temporary))
        let c02 = try #require(loaded.cases.first { $0.ref == "C02" })
        let drift = try #require(loaded.frameworkDrift(of: c02))
        #expect(drift.items == [])
        #expect(drift.lines == ["Framework hmip-yos-2020-09 changed since case C02 was marked, but not in this case's domain."])
    }

    @Test func withoutTheEarlierRevisionTheChangeIsStillNoticed() throws {
        let temporary = TemporaryFolder()
        let folder = try markedInspection(temporary)
        try FileManager.default.removeItem(atPath: folder.path + "/frameworks")
        let loaded = try InspectionFolder.load(folder.path, catalog: try changeFramework(temporary))
        let drift = try #require(loaded.frameworkDrift(of: loaded.cases[0]))
        #expect(drift.items == nil)
        #expect(drift.lines[1].contains("not kept in this inspection folder"))
    }

    @Test func aCaseWithoutAHashOrUnderTheSameFileHasNoDrift() throws {
        let temporary = TemporaryFolder()
        let folder = try markedInspection(temporary)
        var file = makeCase("C03", framework: folder.framework, ["2.1.1": .no])
        file.frameworkHash = nil
        try folder.save(file)
        let loaded = try InspectionFolder.load(folder.path, catalog: try changeFramework(temporary))
        let c03 = try #require(loaded.cases.first { $0.ref == "C03" })
        #expect(loaded.frameworkDrift(of: c03) == nil)
    }

    @Test func theHashIsWrittenAndReadBack() throws {
        var file = makeCase("C01", ["2.1.1": .yes])
        file.frameworkHash = "fnv1a64:0123456789abcdef"
        let text = String(decoding: file.encoded(), as: UTF8.self)
        #expect(text.contains("\"framework\": \"hmip-yos-2020-09\",\n  \"frameworkHash\": \"fnv1a64:0123456789abcdef\",\n  \"domain\""))
        let read = try InspectionFolder.readCase(bytes: file.encoded(), file: "C01.json", framework: Frameworks.y2020, inspection: nil)
            .get()
        #expect(read == file)
        #expect(read.unknown.isEmpty)
    }
}
