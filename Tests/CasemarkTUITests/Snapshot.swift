import Foundation
import Testing

@testable import CasemarkTUI

/// Whole-screen snapshots, as text files under version control (a helper of our own, not
/// pointfreeco/swift-snapshot-testing: a screen is already text, so a file per screen and a
/// line diff is all it takes, with no dependency to build, pin and keep in step with Swift).
///
/// On swift-argument-parser's pattern: a missing snapshot is recorded and the test fails (so a
/// new one is looked at before it is committed); `CASEMARK_RECORD_SNAPSHOTS=1` records them all
/// again. A second layer marks the styles that carry meaning (`Snapshot.styleLayer`).
enum Snapshot {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")

    static var recording: Bool { ProcessInfo.processInfo.environment["CASEMARK_RECORD_SNAPSHOTS"] == "1" }

    /// The screen's text, then a line of dashes, then its style layer.
    static func text(of buffer: ScreenBuffer) -> String {
        buffer.lines.map { line in
            // Trailing spaces are not worth a diff line; a whole empty row is kept as one.
            var line = line
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n") + "\n" + String(repeating: "-", count: buffer.width) + "\n" + styleLayer(of: buffer) + "\n"
    }

    /// A character per cell for the styles that carry meaning: `R` reverse video (the focus), `S`
    /// the highlighted row, `E` an error, `W` a warning, `y`/`n` yes and no, `0`–`3` a band by its
    /// place on the scale, `.` anything else.
    ///
    /// Rows with nothing marked are left empty.
    static func styleLayer(of buffer: ScreenBuffer) -> String {
        (0..<buffer.height).map { row in
            var line = ""
            for column in 0..<buffer.width {
                let style = buffer[column, row].style
                let mark: Character
                switch style.role {
                case .error: mark = "E"
                case .warning: mark = "W"
                case .yes: mark = "y"
                case .no: mark = "n"
                case .rating(let rank): mark = rank.map { Character(String(min(9, max(0, $0)))) } ?? "."
                case .selected: mark = "S"
                default: mark = style.reverse ? "R" : "."
                }
                line.append(mark)
            }
            while line.hasSuffix(".") { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    /// Compares the screen with `__Snapshots__/<name>.<width>x<height>.txt`.
    static func check(_ buffer: ScreenBuffer, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = folder.appendingPathComponent("\(name).\(buffer.width)x\(buffer.height).txt")
        let actual = text(of: buffer)
        let expected = try? String(contentsOf: url, encoding: .utf8)
        if recording || expected == nil {
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            do {
                try actual.write(to: url, atomically: true, encoding: .utf8)
            } catch {
                Issue.record(Comment(rawValue: "cannot record \(url.path): \(error)"), sourceLocation: sourceLocation)
                return
            }
            if !recording {
                Issue.record(
                    Comment(rawValue: "No snapshot was recorded for \(url.lastPathComponent): recorded now; look at it, then run again"),
                    sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected, expected != actual else { return }
        let old = expected.components(separatedBy: "\n")
        let new = actual.components(separatedBy: "\n")
        var diff: [String] = []
        for index in 0..<max(old.count, new.count) {
            let before = index < old.count ? old[index] : "<none>"
            let after = index < new.count ? new[index] : "<none>"
            if before != after { diff += ["line \(index + 1):", "- " + before, "+ " + after] }
        }
        let shown: String = diff.prefix(60).joined(separator: "\n")
        let message = "\(url.lastPathComponent) differs (CASEMARK_RECORD_SNAPSHOTS=1 records it again):\n" + shown
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }
}
