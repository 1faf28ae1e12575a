/// One problem found in a file: which file, where in it, and what is wrong, in words a user can
/// act on. Rendered as `file:line:column: $.json.path: message` on one line.
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

/// A file that could not be used, with every problem found in it.
public struct FileProblems: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
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

    /// The diagnostics with line and column filled in from the file's bytes.
    public func located(in bytes: [UInt8]) -> [Diagnostic] {
        diagnostics.map { diagnostic in
            var located = diagnostic
            if let path = diagnostic.path {
                located.position = JSONParser.position(of: path, in: bytes)
            }
            return located
        }
    }
}
