import CasemarkCore
import Foundation
import Testing

@testable import CasemarkTUI

/// A terminal that plays keys from a script and keeps the frames shown.
final class FakeTerminal: Terminal {
    var size: (width: Int, height: Int)
    var keys: [Key] = []
    var frames: [ScreenBuffer] = []

    init(width: Int = 80, height: Int = 24) {
        size = (width, height)
    }

    func nextKey() -> Key? {
        keys.isEmpty ? nil : keys.removeFirst()
    }

    func present(_ buffer: ScreenBuffer) {
        frames.append(buffer)
    }

    var screen: String { frames.last?.text ?? "" }
}

/// An inspection folder in a temporary place, with a runner on a fake terminal.
final class Harness {
    let root: String
    /// False for a second view of another harness's folder, which that harness removes.
    private var ownsFolder = true
    let terminal: FakeTerminal
    var runner: AppRunner

    static let catalog: FrameworkCatalog = {
        do { return try FrameworkCatalog(folders: []) } catch { fatalError("\(error)") }
    }()

    static func framework(_ id: String) -> Framework {
        do { return try catalog.framework(id: id) } catch { fatalError("\(error)") }
    }

    /// A new inspection under `framework` with these cases, opened at the case list.
    ///
    /// A fixed moment, 2026-11-23 10:00:00 UTC, so history and sign-off stamps are predictable.
    static let moment = Date(timeIntervalSince1970: 1_795_428_000)

    init(
        framework id: String = "hmip-yos-2020-09", cases: [CaseFile] = [], width: Int = 80, height: Int = 24,
        session: Session = Session(user: "Ann Inspector", now: { Harness.moment })
    ) throws {
        root = FileManager.default.temporaryDirectory.path + "/casemark-tui-" + UUID().uuidString
        let framework = Self.framework(id)
        var folder = try InspectionFolder.create(at: root, service: "Test Youth Justice Service", framework: framework)
        for file in cases { try folder.save(file) }
        folder = try InspectionFolder.load(root, catalog: Self.catalog)
        terminal = FakeTerminal(width: width, height: height)
        var app = App(folder: folder, size: (width, height))
        app.session = session
        runner = AppRunner(app: app, terminal: terminal, folderPath: root, clock: { "12:00:00" })
    }

    /// The same inspection folder opened again, as another user in another role.
    func reopened(as session: Session) throws -> Harness {
        try Harness(reopening: root, session: session, width: app.size.width, height: app.size.height)
    }

    private init(reopening root: String, session: Session, width: Int, height: Int) throws {
        self.root = root
        ownsFolder = false
        terminal = FakeTerminal(width: width, height: height)
        var app = App(folder: try InspectionFolder.load(root, catalog: Self.catalog), size: (width, height))
        app.session = session
        runner = AppRunner(app: app, terminal: terminal, folderPath: root, clock: { "12:05:00" })
    }

    /// A bundled demo sample (`camden-2020`, `bgc-2022`), rebuilt from its published figures, at
    /// the case list: a whole inspection with a score, as trainers show it.
    init(sample name: String, width: Int = 80, height: Int = 24) throws {
        root = FileManager.default.temporaryDirectory.path + "/casemark-tui-" + UUID().uuidString
        let published = try #require(try PublishedSample.bundled().first { $0.name == name })
        let folder = try SampleBuilder(sample: published, framework: Self.framework(published.framework)).write(to: root)
        terminal = FakeTerminal(width: width, height: height)
        var app = App(folder: folder, size: (width, height))
        app.session = Session(user: "Tess Trainer", now: { Harness.moment })
        runner = AppRunner(app: app, terminal: terminal, folderPath: root, clock: { "12:00:00" })
    }

    /// A folder with no inspection: the setup form.
    init(emptyWidth width: Int = 80, height: Int = 24) {
        root = FileManager.default.temporaryDirectory.path + "/casemark-tui-" + UUID().uuidString
        terminal = FakeTerminal(width: width, height: height)
        let frameworks = Self.catalog.ids.map(Self.framework)
        runner = AppRunner(
            app: App(frameworks: frameworks, size: (width, height)), terminal: terminal, folderPath: root, clock: { "12:00:00" })
    }

    deinit { if ownsFolder { try? FileManager.default.removeItem(atPath: root) } }

    /// Types keys (strings are typed character by character) and returns the screen.
    @discardableResult
    func type(_ keys: Any...) -> String {
        for key in keys {
            if let text = key as? String {
                for character in text { runner.step(.character(character)) }
            } else if let key = key as? Key {
                runner.step(key)
            } else if let list = key as? [Key] {
                for item in list { runner.step(item) }
            }
        }
        return screen
    }

    var app: App { runner.app }
    var screen: String { app.render().text }
    var lines: [String] { app.render().lines }

    /// The case file as saved on disk.
    func saved(_ ref: String) throws -> CaseFile {
        let path = root + "/cases/\(ref).json"
        let bytes = try FileSystem.read(path)
        return try InspectionFolder.readCase(
            bytes: bytes, file: path, framework: app.framework, inspection: app.folder?.inspection
        ).get()
    }

    func inspectionOnDisk() throws -> InspectionFile {
        let bytes = try FileSystem.read(root + "/inspection.json")
        var problems = ProblemCollector(file: "inspection.json")
        guard let file = InspectionFile.read(try JSONParser.parse(bytes), problems: &problems) else {
            throw FileProblems(problems.diagnostics)
        }
        return file
    }
}

func court(_ ref: String, disposal: String = "referral-order", framework: String = "hmip-yos-2020-09") -> CaseFile {
    CaseFile(ref: ref, framework: framework, domain: "2", disposal: disposal)
}
