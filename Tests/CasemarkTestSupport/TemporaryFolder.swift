import Foundation

/// A fresh private temporary folder, removed when the test that made it lets go of it: the one
/// scratch space of all three test targets.
public final class TemporaryFolder {
    public let path: String

    public init() {
        path = FileManager.default.temporaryDirectory.path + "/casemark-test-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `text` to `relative` (creating its folders); a test cannot go on without it, so a
    /// failure stops the test run with the path.
    public func write(_ relative: String, _ text: String) {
        let full = path + "/" + relative
        try? FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: full).deletingLastPathComponent().path, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: full, contents: Data(text.utf8)) else {
            fatalError("cannot write the test file \(full)")
        }
    }

    /// The text of `relative`, or nil when it is not there.
    public func read(_ relative: String) -> String? {
        FileManager.default.contents(atPath: path + "/" + relative).map { String(decoding: $0, as: UTF8.self) }
    }
}
