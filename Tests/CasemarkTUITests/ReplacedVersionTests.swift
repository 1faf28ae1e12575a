import CasemarkCore
import Foundation
import Testing

@testable import CasemarkTUI

/// An answer's save swaps the new case file in, and the runner deletes the version it replaced
/// only after the frame is drawn, so the answer reaches the screen without waiting for the disk
/// to free the old file.
@Suite("Deleting replaced versions after the frame")
struct ReplacedVersionTests {
    /// A fake terminal that notes which temporary files sit beside the case at each frame.
    final class WatchingTerminal: Terminal {
        let casePath: String
        var size: (width: Int, height: Int) = (80, 24)
        var keys: [Key]
        var leftoversAtEachFrame: [[String]] = []

        init(casePath: String, keys: [Key]) {
            self.casePath = casePath
            self.keys = keys
        }

        func nextKey() -> Key? { keys.isEmpty ? nil : keys.removeFirst() }

        func present(_ buffer: ScreenBuffer) {
            leftoversAtEachFrame.append(FileSystem.leftoverTemporaries(of: casePath))
        }
    }

    static func canSwap(in folder: String) -> Bool {
        let (first, second) = (folder + "/probe-1", folder + "/probe-2")
        defer {
            unlink(first)
            unlink(second)
        }
        guard FileManager.default.createFile(atPath: first, contents: Data("1".utf8)),
            FileManager.default.createFile(atPath: second, contents: Data("2".utf8))
        else { return false }
        return FileSystem.exchange(first, second)
    }

    @Test func theReplacedVersionIsDeletedOnceTheFrameIsDrawn() throws {
        let harness = try Harness(cases: [court("C01")])
        let casePath = harness.root + "/cases/C01.json"
        let before = try FileSystem.read(casePath)
        let canSwap = Self.canSwap(in: harness.root)
        // Open C01, answer the first item, answer it the other way, close the case, quit.
        let keys: [Key] = [.enter, .character("y"), .character("n"), .character("q"), .character("q")]
        let terminal = WatchingTerminal(casePath: casePath, keys: keys)
        let runner = AppRunner(app: harness.app, terminal: terminal, folderPath: harness.root, clock: { "12:00:00" })
        runner.run()

        // Frames: the list, the opened case, after "y", after "n", after closing.
        #expect(terminal.leftoversAtEachFrame.count == 5)
        #expect(terminal.leftoversAtEachFrame[0].isEmpty && terminal.leftoversAtEachFrame[1].isEmpty)
        for frame in [2, 3] {
            let leftovers = terminal.leftoversAtEachFrame[frame]
            if canSwap {
                // On screen while the replaced version still waits beside the case, one at a time.
                #expect(leftovers.count == 1, "frame \(frame): \(leftovers)")
            } else {
                #expect(leftovers.isEmpty, "frame \(frame): \(leftovers)")
            }
        }
        #expect(terminal.leftoversAtEachFrame[4].isEmpty, "deleted after the frame that showed the answer")
        // At the end only the case files are left, and the case holds the last answer.
        #expect(try FileManager.default.contentsOfDirectory(atPath: harness.root + "/cases") == ["C01.json"])
        #expect(try FileSystem.read(casePath) != before)
        #expect(try harness.saved("C01").answers.values.contains { $0.judgement == .no || $0.prompts.values.contains(.no) })
    }

    @Test func steppingWithoutDrawingDeletesTheReplacedVersionBeforeTheNextKey() throws {
        let harness = try Harness(cases: [court("C01")])
        let casePath = harness.root + "/cases/C01.json"
        harness.type(Key.enter, "y", "n")
        #expect(FileSystem.leftoverTemporaries(of: casePath).count <= 1)
        harness.runner.removeReplacedFiles()
        #expect(FileSystem.leftoverTemporaries(of: casePath).isEmpty)
        harness.type("y", "q")
        // Closing the case (a key with no save) deleted the version "y" replaced.
        #expect(FileSystem.leftoverTemporaries(of: casePath).isEmpty)
    }
}
