import CasemarkCore

/// What a cell means, not how it looks: the terminal adapter maps each role to colours and
/// attributes (or to attributes alone under `NO_COLOR`), so screens read in monochrome too.
public enum StyleRole: Hashable, Sendable {
    case normal
    case title
    case dim
    case selected
    case status
    case error
    case warning
    case key
    case yes
    case no
    case notApplicable
    /// A band or rating, by its place on the framework's scale (0 for the best; nil: none).
    case rating(Int?)
}

/// How one cell is drawn: a role, plus emphasis.
public struct Style: Hashable, Sendable {
    public var role: StyleRole
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(_ role: StyleRole = .normal, bold: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.role = role
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
    }

    public static let normal = Style()
    public static let title = Style(.title, bold: true)
    public static let dim = Style(.dim)
    public static let selected = Style(.selected, reverse: true)
    public static let status = Style(.status, reverse: true)
    public static let error = Style(.error, bold: true)
    public static let key = Style(.key, bold: true)
}
