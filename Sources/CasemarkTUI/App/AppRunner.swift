import CasemarkCore
import Foundation

/// Runs the app on a terminal: shows a frame, reads a key, applies it, performs the effects
/// (writing files before the next frame, so the status line tells the truth), until quit or
/// until the terminal ends input.
public final class AppRunner {
    public private(set) var app: App
    let terminal: Terminal
    /// Where a new inspection is created, for the setup form.
    let folderPath: String
    let clock: () -> String

    public init(app: App, terminal: Terminal, folderPath: String, clock: @escaping () -> String = AppRunner.wallClock) {
        self.app = app
        self.terminal = terminal
        self.folderPath = folderPath
        self.clock = clock
    }

    /// The time of day, for "Saved at 14:02:07".
    public static func wallClock() -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm:ss"
        return formatter.string(from: Date())
    }

    public func run() {
        let size = terminal.size
        app.size = size
        terminal.present(app.render())
        while let key = terminal.nextKey() {
            if step(key) == false { return }
            terminal.present(app.render())
        }
    }

    /// Applies one key and performs its effects; false when the app asked to quit.
    @discardableResult
    public func step(_ key: Key) -> Bool {
        for effect in app.handle(key) {
            if !perform(effect) { return false }
        }
        return true
    }

    private func perform(_ effect: Effect) -> Bool {
        switch effect {
        case .quit:
            return false
        case .saveCase(let file):
            guard let folder = app.folder else { return true }
            do {
                try folder.save(file)
                app.saved("case \(file.ref)", at: clock())
            } catch {
                app.saveFailed(error.description)
            }
        case .saveInspection(let inspection):
            guard let folder = app.folder else { return true }
            do {
                try FileSystem.writeAtomically(inspection.encoded(), to: folder.inspectionFilePath)
                app.saved("inspection.json", at: clock())
            } catch {
                app.saveFailed(error.description)
            }
        case .removeCase(let ref):
            guard let folder = app.folder else { return true }
            do {
                try folder.moveToRemoved(ref: ref)
                app.removed(ref: ref)
            } catch {
                app.failed("Case \(ref) not removed: \(error.description)")
            }
        case .createInspection(let service, let frameworkID):
            guard let framework = app.frameworks.first(where: { $0.id == frameworkID }) else { return true }
            do {
                app.created(try InspectionFolder.create(at: folderPath, service: service, framework: framework))
            } catch let error as FileSystemError {
                app.failed("Inspection not created: \(error.description)")
            } catch {
                app.failed("Inspection not created: \(error)")
            }
        }
        return true
    }
}
