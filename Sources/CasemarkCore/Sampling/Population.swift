import Foundation

/// The eligible population a service provides for an inspection's sample: one row per child's
/// case, pseudonymous, read from a CSV file with a header row.
///
/// Columns (other spellings accepted, other columns ignored): `id`, `domain` (`court` or
/// `out-of-court`), `disposal` (a disposal id or title of the framework), `gender`,
/// `risk_of_serious_harm` and `safety_and_wellbeing` (`low`, `medium`, `high`, `very-high`) and
/// `start_date` (`YYYY-MM-DD`). A column of people's names is refused: a case is a ref.
public struct Population: Sendable {
    /// One eligible case.
    public struct Member: Equatable, Sendable {
        /// The service's pseudonymous id, kept with the sampled case so it can be traced back.
        public var id: String
        /// The framework's domain number (`2` court, `3` out-of-court).
        public var domain: String
        public var disposal: String
        public var gender: String
        /// The case manager's classifications, as the service recorded them.
        public var riskOfSeriousHarm: ClassificationLevel
        public var safetyAndWellbeing: ClassificationLevel
        public var startDate: CalendarDate?
        /// The row in the file, for messages.
        public var line: Int
    }

    public var members: [Member]

    /// The columns casemark reads, each with the spellings it accepts (compared lower case, with
    /// spaces and hyphens taken as underscores).
    static let columns: [(name: String, spellings: Set<String>, required: Bool)] = [
        ("id", ["id", "case_id", "caseid", "child_id", "pseudonym", "pseudonymous_id", "ref", "reference", "case_ref"], true),
        ("domain", ["domain", "case_type", "court_or_out_of_court", "type"], true),
        ("disposal", ["disposal", "disposal_type", "sentence", "sentence_type", "order", "outcome"], true),
        ("gender", ["gender", "sex"], true),
        ("risk_of_serious_harm", ["risk_of_serious_harm", "rosh", "risk_of_harm", "rosh_level", "risk_of_serious_harm_to_others"], true),
        ("safety_and_wellbeing", ["safety_and_wellbeing", "risk_to_safety_and_wellbeing", "safety_wellbeing", "saw", "rsw", "asw"], true),
        ("start_date", ["start_date", "disposal_date", "start", "date_of_disposal", "sentence_date", "date"], true),
    ]

    /// Headers that hold people's names, whatever else they say.
    static func isNameColumn(_ normalized: String) -> Bool {
        let exact: Set<String> = ["name", "names", "child", "forename", "forenames", "surname", "surnames", "first", "last"]
        return exact.contains(normalized) || normalized.contains("name")
    }

    static func normalize(_ header: String) -> String {
        var text = header.lowercased().trimmingCharacters(in: .whitespaces)
        for separator in [" ", "-", "/", "."] { text = text.replacingOccurrences(of: separator, with: "_") }
        while text.contains("__") { text = text.replacingOccurrences(of: "__", with: "_") }
        return text
    }

    /// Reads a population file.
    ///
    /// Every problem names the file and its line (and column); a file with a column of names is
    /// refused before anything else is read from it.
    public static func read(_ text: String, file: String, framework: Framework) throws(FileProblems) -> Population {
        let rows = CSV.rows(text)
        guard let header = rows.first else {
            throw FileProblems([Diagnostic(file: file, message: "the file is empty: expected a header row (id, domain, disposal, ...)")])
        }
        let normalized = header.fields.map(normalize)
        if let index = normalized.firstIndex(where: isNameColumn) {
            throw FileProblems([
                Diagnostic(
                    file: file, position: SourcePosition(line: header.line, column: index + 1),
                    message:
                        "column \(index + 1) \"\(TerminalText.escaped(header.fields[index]))\" holds people's names; casemark never takes a child's name (a case is a ref): remove the column; nothing was written"
                )
            ])
        }
        var positions: [String: Int] = [:]
        var problems: [Diagnostic] = []
        for column in columns {
            if let index = normalized.firstIndex(where: { column.spellings.contains($0) }) {
                positions[column.name] = index
            } else if column.required {
                problems.append(
                    Diagnostic(
                        file: file, position: SourcePosition(line: header.line, column: 1),
                        message: "no \(column.name) column (found: \(header.fields.map(TerminalText.escaped).joined(separator: ", ")))"))
            }
        }
        guard problems.isEmpty else { throw FileProblems(problems) }
        var members: [Member] = []
        var seen: [String: Int] = [:]
        for row in rows.dropFirst() where !row.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            func field(_ name: String) -> (text: String, column: Int) {
                let index = positions[name] ?? 0
                return (index < row.fields.count ? row.fields[index].trimmingCharacters(in: .whitespaces) : "", index + 1)
            }
            func problem(_ name: String, _ message: String) {
                problems.append(
                    Diagnostic(file: file, position: SourcePosition(line: row.line, column: field(name).column), message: message))
            }
            let id = field("id").text
            if id.isEmpty { problem("id", "no id") }
            if let earlier = seen[id], !id.isEmpty {
                problem("id", "id \"\(TerminalText.escaped(id))\" appears twice (first on line \(earlier))")
            }
            seen[id] = row.line
            let domain = Self.domain(field("domain").text, framework: framework)
            if domain == nil {
                problem("domain", "domain \"\(TerminalText.escaped(field("domain").text))\": expected court or out-of-court")
            }
            let disposal = domain.flatMap { Self.disposal(field("disposal").text, domain: $0, framework: framework) }
            if domain != nil, disposal == nil {
                let known = framework.disposals.filter { $0.domain == domain }.map(\.id).joined(separator: ", ")
                problem("disposal", "disposal \"\(TerminalText.escaped(field("disposal").text))\" is not one of this domain's: \(known)")
            }
            let gender = field("gender").text.lowercased()
            if gender.isEmpty { problem("gender", "no gender (write \"not recorded\" where it is not)") }
            let risk = Self.level(field("risk_of_serious_harm").text)
            if risk == nil {
                problem(
                    "risk_of_serious_harm",
                    "risk of serious harm \"\(TerminalText.escaped(field("risk_of_serious_harm").text))\": expected low, medium, high or very-high"
                )
            }
            let safety = Self.level(field("safety_and_wellbeing").text)
            if safety == nil {
                problem(
                    "safety_and_wellbeing",
                    "safety and wellbeing \"\(TerminalText.escaped(field("safety_and_wellbeing").text))\": expected low, medium, high or very-high"
                )
            }
            let dateText = field("start_date").text
            let date = dateText.isEmpty ? nil : CalendarDate(dateText)
            if !dateText.isEmpty, date == nil {
                problem("start_date", "start date \"\(TerminalText.escaped(dateText))\": expected YYYY-MM-DD")
            }
            if let domain, let disposal, let risk, let safety, !id.isEmpty, !gender.isEmpty, dateText.isEmpty || date != nil {
                members.append(
                    Member(
                        id: id, domain: domain, disposal: disposal, gender: gender, riskOfSeriousHarm: risk, safetyAndWellbeing: safety,
                        startDate: date, line: row.line))
            }
        }
        guard problems.isEmpty else { throw FileProblems(problems) }
        return Population(members: members)
    }

    /// The domain number for how a file writes it: court (2), out-of-court (3), or the number.
    public static func domain(_ text: String, framework: Framework) -> String? {
        let value = normalize(text)
        let court = framework.caseDomains.first?.number
        let outOfCourt = framework.caseDomains.dropFirst().first?.number
        switch value {
        case "court", "court_disposal", "court_disposals", "2": return court
        case "out_of_court", "outofcourt", "ooc", "oocd", "out_of_court_disposal", "out_of_court_disposals", "3": return outOfCourt
        default: return nil
        }
    }

    static func disposal(_ text: String, domain: String, framework: Framework) -> String? {
        let value = normalize(text)
        return framework.disposals.first { $0.domain == domain && (normalize($0.id) == value || normalize($0.title) == value) }?.id
    }

    static func level(_ text: String) -> ClassificationLevel? {
        switch normalize(text) {
        case "low": .low
        case "medium": .medium
        case "high": .high
        case "very_high", "veryhigh": .veryHigh
        default: nil
        }
    }
}

/// Comma-separated values as spreadsheets write them: quoted fields may hold commas, quotes
/// (doubled) and line breaks; lines end in LF or CRLF.
enum CSV {
    struct Row {
        var fields: [String]
        /// The line the row starts on, counted from 1.
        var line: Int
    }

    static func rows(_ text: String) -> [Row] {
        var rows: [Row] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var line = 1
        var rowLine = 1
        var characters = text.makeIterator()
        var pending: Character? = nil
        func endRow() {
            fields.append(field)
            rows.append(Row(fields: fields, line: rowLine))
            fields = []
            field = ""
        }
        while let character = pending ?? characters.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    let next = characters.next()
                    if next == "\"" {
                        field.append("\"")
                    } else {
                        quoted = false
                        pending = next
                    }
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where field.isEmpty: quoted = true
            case ",": fields.append(field); field = ""
            case "\n", "\r\n":
                endRow()
                line += 1
                rowLine = line
            case "\r": break
            case "\u{FEFF}" where rows.isEmpty && fields.isEmpty && field.isEmpty: break
            default: field.append(character)
            }
        }
        if !field.isEmpty || !fields.isEmpty { endRow() }
        return rows
    }
}
