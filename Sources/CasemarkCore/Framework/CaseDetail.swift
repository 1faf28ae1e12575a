import Foundation

/// A case detail a framework revision records beside the answers: its id, label, kind, whether it
/// is needed before a case can be completed, the domains it is asked in, and whether the report
/// counts it in its "data from the cases assessed".
///
/// Declared in the framework file (`caseDetails`), so a new revision can add one without code.
public struct DetailDeclaration: Equatable, Sendable {
    public var id: String
    public var label: String
    public var kind: DetailKind
    /// Whether the case cannot be completed while the detail is not recorded.
    public var required: Bool
    /// The domain numbers the detail is asked in; nil for every case domain.
    public var domains: Set<String>?
    /// Whether the report's "data from the cases assessed" counts the cases by this detail.
    public var tabulated: Bool
    /// Help for the inspector, shown beside the field.
    public var help: String?

    public init(
        id: String, label: String, kind: DetailKind, required: Bool = false, domains: Set<String>? = nil, tabulated: Bool = false,
        help: String? = nil
    ) {
        self.id = id
        self.label = label
        self.kind = kind
        self.required = required
        self.domains = domains
        self.tabulated = tabulated
        self.help = help
    }

    /// Whether the detail is asked in a case of `domain`.
    public func applies(toDomain domain: String) -> Bool {
        domains?.contains(domain) ?? true
    }

    /// Why `value` is not a value of this detail, or nil when it is one.
    public func problem(with value: DetailValue) -> String? {
        switch (kind, value) {
        case (.choice(let choices), .text(let text)):
            return choices.contains { $0.id == text }
                ? nil : "\"\(text)\" is not a value of \(id); expected one of: \(choices.map(\.id).joined(separator: ", "))"
        case (.yesNo, .flag):
            return nil
        case (.number(let range, _), .number(let number)):
            guard let range, !range.contains(number) else { return nil }
            return "\(id) must be from \(range.lowerBound) to \(range.upperBound), found \(number)"
        case (.date, .text(let text)):
            return CalendarDate(text) == nil ? "\(id) must be a date written YYYY-MM-DD, found \"\(text)\"" : nil
        case (.text, .text(let text)):
            return text.count > Self.longestText ? "\(id) is longer than \(Self.longestText) characters" : nil
        default:
            return "\(id) must be \(kind.expected), found \(value.kindName)"
        }
    }

    /// The longest short text a detail holds, in characters (as the form's fields count them).
    public static let longestText = 200

    /// A value as the reports and screens show it: a choice's label, "Yes" / "No", the number or
    /// date, the text.
    public func shown(_ value: DetailValue) -> String {
        switch (kind, value) {
        case (.choice(let choices), .text(let text)): choices.first { $0.id == text }?.label ?? text
        case (_, .flag(let flag)): flag ? "Yes" : "No"
        default: value.text
        }
    }

    /// The value a piece of text stands for (a cell of a population file, a sample's count).
    ///
    /// A choice's id or label in any case, with spaces and hyphens alike (and `m` / `f` for a
    /// `male` / `female` choice); yes / no; a whole number; a date `YYYY-MM-DD`; the text. Nil
    /// when it is none of the detail's values.
    public func value(fromText raw: String) -> DetailValue? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        func normal(_ text: String) -> String { text.lowercased().replacingOccurrences(of: " ", with: "-") }
        let value: DetailValue?
        switch kind {
        case .choice(let choices):
            let typed = normal(text)
            let short = ["m": "male", "f": "female", "boy": "male", "girl": "female"][typed]
            value = choices.first { normal($0.id) == typed || normal($0.label) == typed || $0.id == short }.map { .text($0.id) }
        case .yesNo:
            value = ["yes": true, "y": true, "true": true, "no": false, "n": false, "false": false][text.lowercased()].map(DetailValue.flag)
        case .number:
            value = Int(text).map(DetailValue.number)
        case .date, .text:
            value = .text(text)
        }
        return value.flatMap { problem(with: $0) == nil ? $0 : nil }
    }

    /// The group the report counts a value in: a choice's label, "Yes" / "No", a number's band.
    public func group(of value: DetailValue) -> String {
        if case .number(_, let bands) = kind, case .number(let number) = value, !bands.isEmpty {
            return bands.first { $0.range.contains(number) }?.label ?? "other"
        }
        return shown(value)
    }

    /// The groups of a tabulated detail in the order the report lists them (choices and bands
    /// as declared); nil when they are only known from the values (dates, texts, numbers without
    /// bands).
    public var groups: [String]? {
        switch kind {
        case .choice(let choices): choices.map(\.label)
        case .yesNo: ["Yes", "No"]
        case .number(_, let bands) where !bands.isEmpty: bands.map(\.label)
        default: nil
        }
    }
}

/// What kind of value a case detail holds.
public enum DetailKind: Equatable, Sendable {
    /// One of a list of values.
    case choice([DetailChoice])
    case yesNo
    /// A whole number, within `range` when given, counted by `bands` in the report.
    case number(range: ClosedRange<Int>?, bands: [NumberBand])
    /// A calendar date, `YYYY-MM-DD`.
    case date
    /// A short line of text.
    case text

    /// The kind's name in a framework file.
    public var name: String {
        switch self {
        case .choice: "choice"
        case .yesNo: "yes-no"
        case .number: "number"
        case .date: "date"
        case .text: "text"
        }
    }

    /// Whether the two kinds take the same values (a choice's labels may differ).
    func sameValues(as other: DetailKind) -> Bool {
        switch (self, other) {
        case (.choice(let mine), .choice(let theirs)): mine.map(\.id) == theirs.map(\.id)
        default: self == other
        }
    }

    /// What a value of the kind is, for a message.
    var expected: String {
        switch self {
        case .choice: "one of its values (a string)"
        case .yesNo: "true or false"
        case .number: "a whole number"
        case .date: "a date written YYYY-MM-DD"
        case .text: "a string"
        }
    }
}

/// One value of a choice detail.
public struct DetailChoice: Equatable, Sendable {
    public var id: String
    public var label: String

    public init(id: String, label: String) {
        self.id = id
        self.label = label
    }
}

/// A band a number detail is counted in by the report ("10 to 14").
public struct NumberBand: Equatable, Sendable {
    public var label: String
    public var range: ClosedRange<Int>

    public init(label: String, range: ClosedRange<Int>) {
        self.label = label
        self.range = range
    }
}

/// A recorded value of a case detail.
public enum DetailValue: Equatable, Sendable {
    /// A choice's id, a date, or text.
    case text(String)
    case flag(Bool)
    case number(Int)

    /// The value as a history entry and `--by` write it: the text, "yes" / "no", the number.
    public var text: String {
        switch self {
        case .text(let text): text
        case .flag(let flag): flag ? "yes" : "no"
        case .number(let number): String(number)
        }
    }

    var kindName: String {
        switch self {
        case .text: "a string"
        case .flag: "a boolean"
        case .number: "a number"
        }
    }

    var jsonValue: JSONValue {
        switch self {
        case .text(let text): .string(text)
        case .flag(let flag): .bool(flag)
        case .number(let number): .integer(number)
        }
    }

    /// A value from JSON: a string, a boolean or a whole number; nil for anything else.
    init?(_ value: JSONValue) {
        switch value {
        case .string(let text): self = .text(text)
        case .bool(let flag): self = .flag(flag)
        case .number(let text):
            guard let number = Int(text) else { return nil }
            self = .number(number)
        default: return nil
        }
    }
}

extension DetailDeclaration {
    /// The details every case has had since the first version, stored as top-level fields of a
    /// case file: a framework that does not declare them gets them as here, and one that does
    /// may relabel them, mark them required, tabulate them or move them in the list.
    public static let builtIn: [DetailDeclaration] = [
        DetailDeclaration(id: "inspector", label: "Inspector", kind: .text),
        DetailDeclaration(id: "date", label: "Date inspected", kind: .date),
        DetailDeclaration(id: "riskOfSeriousHarm", label: "Risk of serious harm (inspector)", kind: .choice(levelChoices)),
        DetailDeclaration(id: "safetyAndWellbeing", label: "Safety and wellbeing (inspector)", kind: .choice(levelChoices)),
        DetailDeclaration(id: "caseManagerInterviewed", label: "Case manager interviewed", kind: .yesNo, tabulated: true),
    ]

    /// The ids of the built-in details.
    public static let builtInIDs: Set<String> = Set(builtIn.map(\.id))

    /// The classification levels as choices.
    public static let levelChoices = ClassificationLevel.allCases.map { DetailChoice(id: $0.rawValue, label: $0.label) }

    /// Whether the detail is one of the built-in top-level fields.
    public var isBuiltIn: Bool { Self.builtInIDs.contains(id) }
}

extension Framework {
    /// The declared detail with this id.
    public func detail(_ id: String) -> DetailDeclaration? {
        details.first { $0.id == id }
    }

    /// The details asked in a case of `domain`, in the declared order.
    public func details(forDomain domain: String) -> [DetailDeclaration] {
        details.filter { $0.applies(toDomain: domain) }
    }
}
