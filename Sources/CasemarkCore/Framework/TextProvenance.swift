/// Where a piece of a framework file's text comes from: a published framework revision, a
/// transcription from an inspection report that prints it, or casemark's inference where no
/// source prints it.
///
/// Ordered from most to least certain, so the less certain of two is their `max`.
public enum TextOrigin: String, CaseIterable, Comparable, Sendable {
    /// As the inspectorate published the framework revision itself.
    case published
    /// Copied from an inspection report that prints it: the wording one inspection used.
    case transcribed
    /// Reconstructed where no source prints it (the file's notes say how).
    case inferred

    public static func < (lhs: TextOrigin, rhs: TextOrigin) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// Where each level of a standard's text comes from (a framework file's `provenance`, overridden
/// key by key by a standard's own).
public struct TextProvenance: Equatable, Sendable {
    public var title: TextOrigin
    public var statement: TextOrigin
    public var keyQuestions: TextOrigin
    public var prompts: TextOrigin

    /// Everything as published: what a framework file says when it gives no `provenance`.
    public static let published = TextProvenance(title: .published, statement: .published, keyQuestions: .published, prompts: .published)

    public init(title: TextOrigin, statement: TextOrigin, keyQuestions: TextOrigin, prompts: TextOrigin) {
        self.title = title
        self.statement = statement
        self.keyQuestions = keyQuestions
        self.prompts = prompts
    }

    /// The field names of a `provenance` object in a framework file.
    static let fieldNames = ["title", "statement", "keyQuestions", "prompts"]

    /// The origin of the text at `level`.
    public func origin(of level: FrameworkComparison.Level) -> TextOrigin {
        switch level {
        case .standard: title
        case .statement: statement
        case .keyQuestion: keyQuestions
        case .prompt: prompts
        }
    }

    /// This provenance with the origin named `field` (one of `fieldNames`) set to `origin`.
    func setting(_ field: String, to origin: TextOrigin) -> TextProvenance {
        var copy = self
        switch field {
        case "title": copy.title = origin
        case "statement": copy.statement = origin
        case "keyQuestions": copy.keyQuestions = origin
        default: copy.prompts = origin
        }
        return copy
    }
}
