/// The report's "data from the cases assessed", as the seed reports print it: the cases counted
/// by disposal type and by each detail the framework tabulates (gender, ethnicity, age band,
/// offence type, looked after, the inspectors' agreement with the case manager's classifications,
/// management oversight, the case managers interviewed ...), domain by domain.
///
/// Built from the framework's declaration: a detail declared `tabulated` gets a table.
public struct CasesAssessed: Equatable, Sendable {
    /// One table: a detail's values (its groups), with the cases of each domain in each.
    public struct Table: Equatable, Sendable {
        /// The detail's id, or `disposal` for the disposal types.
        public var id: String
        public var label: String
        /// The domains the detail is asked in, in the framework's order.
        public var domains: [String]
        /// How many cases of each domain the table counts (every case of a domain it is asked in).
        public var cases: [String: Int]
        /// The groups in order, "(no entry)" last when any case has nothing entered.
        public var rows: [Row]

        /// The cases of all the table's domains.
        public var total: Int { domains.reduce(0) { $0 + (cases[$1] ?? 0) } }
    }

    /// One group of a table and its count per domain.
    public struct Row: Equatable, Sendable {
        public var label: String
        public var counts: [String: Int]

        /// The group's cases across the table's domains.
        public func total(_ domains: [String]) -> Int { domains.reduce(0) { $0 + (counts[$1] ?? 0) } }
    }

    /// The case domains, number and title, in order: the tables' columns.
    public var domains: [(number: String, title: String)]
    public var tables: [Table]
    /// The eligible population against the sample, stratum by stratum, when `casemark sample`
    /// drew it (as drawn).
    public var population: DrawnSample?

    public init(domains: [(number: String, title: String)], tables: [Table], population: DrawnSample? = nil) {
        self.domains = domains
        self.tables = tables
        self.population = population
    }

    public static func == (lhs: CasesAssessed, rhs: CasesAssessed) -> Bool {
        lhs.tables == rhs.tables && lhs.domains.map(\.number) == rhs.domains.map(\.number) && lhs.population == rhs.population
    }

    /// The label of the group of cases with nothing entered for a detail (apart from a value such as
    /// ethnicity "not recorded", which is an entry).
    public static let notRecorded = "(no entry)"

    /// "12 (75%)": a count and its share of `of` cases, rounded half up as the reports print.
    public static func figure(_ count: Int, of total: Int) -> String {
        guard total > 0 else { return "\(count)" }
        return "\(count) (\((count * 200 + total) / (2 * total))%)"
    }

    /// The title of a domain.
    public func title(of domain: String) -> String {
        domains.first { $0.number == domain }?.title ?? domain
    }

    /// A domain's title for a narrow column: "Court", "Out-of-court" (a last word "disposals"
    /// left out).
    public func shortTitle(of domain: String) -> String {
        let title = self.title(of: domain)
        for suffix in [" disposals", " disposal"] where title.lowercased().hasSuffix(suffix) && title.count > suffix.count {
            return String(title.dropLast(suffix.count))
        }
        return title
    }

    /// Counts cases into the tables, case by case (a report never holds every case), in slots
    /// found once: a case costs a lookup and an add per table, no text made.
    struct Fold: Sendable {
        let framework: Framework
        let declarations: [DetailDeclaration]
        /// Whether each declaration is asked in each column's domain, and is a built-in detail
        /// (a field of the case rather than one of `details`): found once, not per case.
        let asked: [[Bool]]
        let builtIn: [Bool]
        let ids: [String]
        /// The position of each case domain: the tables' columns.
        let columns: [String: Int]
        /// Each table's declared groups (the disposal types' titles first), and the slot of
        /// each value naming one (a disposal's or a choice's id, "yes", "no").
        let groups: [[String]]
        let slots: [[String: Int]]
        /// Per table, per column: each declared group's count, then the count of "(no entry)".
        var counts: [[[Int]]]
        /// Per table, per column: groups found that are not declared (texts, dates), by label.
        var others: [[[String: Int]]]
        var cases: [[Int]]

        init(framework: Framework) {
            self.framework = framework
            declarations = framework.details.filter(\.tabulated)
            let domains = framework.caseDomains.map(\.number)
            columns = Dictionary(domains.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            asked = declarations.map { declaration in domains.map { declaration.applies(toDomain: $0) } }
            builtIn = declarations.map(\.isBuiltIn)
            ids = declarations.map(\.id)
            let disposals = domains.flatMap { domain in framework.disposals.filter { $0.domain == domain } }
            var groups = [disposals.map(\.title)]
            var slots = [Dictionary(disposals.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })]
            for declaration in declarations {
                groups.append(declaration.groups ?? [])
                switch declaration.kind {
                case .choice(let values):
                    slots.append(Dictionary(values.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first }))
                case .yesNo: slots.append(["yes": 0, "no": 1])
                default: slots.append([:])
                }
            }
            self.groups = groups
            self.slots = slots
            counts = groups.map { table in Array(repeating: Array(repeating: 0, count: table.count + 1), count: domains.count) }
            others = groups.map { _ in Array(repeating: [:], count: domains.count) }
            cases = groups.map { _ in Array(repeating: 0, count: domains.count) }
        }

        mutating func add(_ file: CaseFile) {
            // A case of a domain not marked from cases is the checker's to report, not counted.
            guard let column = columns[file.domain] else { return }
            cases[0][column] += 1
            if let slot = slots[0][file.disposal] {
                counts[0][column][slot] += 1
            } else {
                others[0][column][file.disposal, default: 0] += 1
            }
            // Most cases record few declared details: none looked up in an empty map.
            // By index, not by declaration: copying one out of the array for each case retained
            // each of its fields.
            let recorded = file.details.recorded
            for index in declarations.indices where asked[index][column] {
                let table = index + 1
                cases[table][column] += 1
                let found = builtIn[index] ? file.details.value(of: ids[index]) : recorded.isEmpty ? nil : recorded[ids[index]]
                guard let value = found else {
                    counts[table][column][groups[table].count] += 1
                    continue
                }
                if let slot = slot(of: value, in: table, declarations[index]) {
                    counts[table][column][slot] += 1
                } else {
                    others[table][column][declarations[index].group(of: value), default: 0] += 1
                }
            }
        }

        /// Adds the counts of another fold of the same framework.
        mutating func join(_ other: Fold) {
            for table in counts.indices {
                for column in counts[table].indices {
                    for slot in counts[table][column].indices { counts[table][column][slot] += other.counts[table][column][slot] }
                    others[table][column].merge(other.others[table][column], uniquingKeysWith: +)
                    cases[table][column] += other.cases[table][column]
                }
            }
        }

        /// The declared group a value counts in, or nil when it is not one of them.
        private func slot(of value: DetailValue, in table: Int, _ declaration: DetailDeclaration) -> Int? {
            switch (value, declaration.kind) {
            case (.number(let number), .number(_, let bands)): bands.firstIndex { $0.range.contains(number) }
            case (.number, _): nil
            default: slots[table][value.text]
            }
        }

        var result: CasesAssessed {
            let domains = framework.caseDomains.map { (number: $0.number, title: $0.title) }
            var tables = [table(0, id: "disposal", label: "Disposal type", domains: domains.map(\.number))]
            for (index, declaration) in declarations.enumerated() {
                let asked = domains.map(\.number).filter { declaration.applies(toDomain: $0) }
                tables.append(table(index + 1, id: declaration.id, label: declaration.label, domains: asked))
            }
            return CasesAssessed(domains: domains, tables: tables)
        }

        /// A table with the declared groups in order (even those no case has), then any others
        /// found (texts and dates, sorted), then "(no entry)" when a case has nothing entered.
        private func table(_ index: Int, id: String, label: String, domains: [String]) -> Table {
            let positions = domains.compactMap { columns[$0] }
            var rows: [Row] = []
            func row(_ label: String, _ count: (Int) -> Int) {
                rows.append(Row(label: label, counts: Dictionary(uniqueKeysWithValues: zip(domains, positions.map(count)))))
            }
            for (slot, group) in groups[index].enumerated() {
                row(group) { counts[index][$0][slot] }
            }
            for group in Set(positions.flatMap { others[index][$0].keys }).sorted() {
                row(group) { others[index][$0][group] ?? 0 }
            }
            let empty = groups[index].count
            if positions.contains(where: { counts[index][$0][empty] > 0 }) {
                row(CasesAssessed.notRecorded) { counts[index][$0][empty] }
            }
            return Table(
                id: id, label: label, domains: domains,
                cases: Dictionary(uniqueKeysWithValues: zip(domains, positions.map { cases[index][$0] })), rows: rows)
        }
    }
}
