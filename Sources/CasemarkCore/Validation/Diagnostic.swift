/// One problem found in a file: which file, where in it, and what is wrong, in words a user can act
/// on.
///
/// Rendered as `file:line:column: $.json.path: message` on one line.
public struct Diagnostic: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var path: JSONPath?
    public var position: SourcePosition?
    public var message: String

    public init(file: String, path: JSONPath? = nil, position: SourcePosition? = nil, message: String) {
        self.file = file
        self.path = path
        self.position = position
        self.message = message
    }

    public var description: String {
        var text = TerminalText.escaped(file)
        if let position { text += ":\(position)" }
        text += ": "
        if let path { text += "\(path): " }
        return text + TerminalText.escaped(message)
    }
}

extension Diagnostic {
    /// The most problems printed for one file: a file with thousands is named with its first
    /// hundred and a count of the rest, which are the same mistake repeated as a rule.
    public static let printedPerFile = 100

    /// One line per diagnostic (`description`), at most `limit` for each file, then one line "… and
    /// N more problems in FILE".
    ///
    /// Files keep the order they first appear in.
    public static func lines(_ diagnostics: [Diagnostic], limit: Int = printedPerFile) -> [String] {
        // Only what is printed is kept; the rest is counted (a file of a million problems).
        var order: [String] = []
        var shown: [String: [Diagnostic]] = [:]
        var counts: [String: Int] = [:]
        var index = diagnostics.startIndex
        while index < diagnostics.endIndex {
            // A file's problems come together: a run of them is counted at once.
            let file = diagnostics[index].file
            var end = index + 1
            while end < diagnostics.endIndex && diagnostics[end].file == file { end += 1 }
            let before = counts[file] ?? 0
            if before == 0 { order.append(file) }
            counts[file] = before + (end - index)
            if before < limit { shown[file, default: []] += diagnostics[index..<min(end, index + limit - before)] }
            index = end
        }
        var lines: [String] = []
        for file in order {
            lines += (shown[file] ?? []).map(\.description)
            let rest = (counts[file] ?? 0) - limit
            if rest > 0 {
                lines.append("… and \(rest) more problem\(rest == 1 ? "" : "s") in \(TerminalText.escaped(file))")
            }
        }
        return lines
    }
}

/// A file that could not be used, with every problem found in it.
public struct FileProblems: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }

    /// The JSON document in `bytes`, or these problems: its syntax error, located in `file`.
    ///
    /// The first step of every reader of a file read as a tree (framework, inspection, sample).
    static func parsing(_ bytes: [UInt8], file: String) throws(FileProblems) -> JSONValue {
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw FileProblems([Diagnostic(file: file, position: error.position, message: error.message)])
        }
    }

    /// Lines to print, at most `Diagnostic.printedPerFile` for each file (`Diagnostic.lines`).
    public var printedLines: [String] { Diagnostic.lines(diagnostics) }
}

/// Collects problems while a JSON document is read into a model, with the path of each.
///
/// Readers keep going after a problem so that `casemark validate` can report every problem in a
/// file at once; a loader throws when any were found.
public struct ProblemCollector: Sendable {
    public let file: String
    public private(set) var diagnostics: [Diagnostic] = []

    public init(file: String) {
        self.file = file
    }

    public mutating func report(_ message: String, at path: JSONPath) {
        diagnostics.append(Diagnostic(file: file, path: path, message: message))
    }

    public var isEmpty: Bool { diagnostics.isEmpty }

    /// The diagnostics with line and column filled in from the file's bytes: every position
    /// from one parse (`JSONParser.positions(of:in:)`), as a file may hold thousands of problems.
    ///
    /// Only the first `Diagnostic.printedPerFile` are located: no more are ever printed, and a
    /// file with a million problems would spend most of its time finding where the rest are.
    public func located(in bytes: [UInt8]) -> [Diagnostic] {
        let wanted = diagnostics.prefix(Diagnostic.printedPerFile)
        let located = wanted.filter { $0.path != nil }
        guard !located.isEmpty else { return diagnostics }
        let positions = JSONParser.positions(of: located.compactMap(\.path), in: bytes)
        var next = positions.makeIterator()
        var result = diagnostics
        for index in wanted.indices where result[index].path != nil {
            result[index].position = next.next() ?? nil
        }
        return result
    }
}
