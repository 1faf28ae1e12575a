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

    /// Counts cases into the tables, case by case (a report never holds every case).
    struct Fold: Sendable {
        let framework: Framework
        let declarations: [DetailDeclaration]
        /// Per table (disposal first, then the declarations), per domain, per group.
        var counts: [[String: [String: Int]]]
        var cases: [[String: Int]]

        init(framework: Framework) {
            self.framework = framework
            declarations = framework.details.filter(\.tabulated)
            counts = Array(repeating: [:], count: declarations.count + 1)
            cases = Array(repeating: [:], count: declarations.count + 1)
        }

        mutating func add(_ file: CaseFile) {
            let disposal = framework.disposal(file.disposal)?.title ?? file.disposal
            counts[0][file.domain, default: [:]][disposal, default: 0] += 1
            cases[0][file.domain, default: 0] += 1
            for (index, declaration) in declarations.enumerated() where declaration.applies(toDomain: file.domain) {
                let group = file.details.value(of: declaration.id).map(declaration.group) ?? CasesAssessed.notRecorded
                counts[index + 1][file.domain, default: [:]][group, default: 0] += 1
                cases[index + 1][file.domain, default: 0] += 1
            }
        }

        var result: CasesAssessed {
            let domains = framework.caseDomains.map { (number: $0.number, title: $0.title) }
            var tables: [Table] = []
            let disposalGroups = framework.caseDomains.flatMap { domain in
                framework.disposals.filter { $0.domain == domain.number }.map(\.title)
            }
            tables.append(table(0, id: "disposal", label: "Disposal type", groups: disposalGroups, domains: domains.map(\.number)))
            for (index, declaration) in declarations.enumerated() {
                let asked = domains.map(\.number).filter { declaration.applies(toDomain: $0) }
                tables.append(
                    table(index + 1, id: declaration.id, label: declaration.label, groups: declaration.groups ?? [], domains: asked))
            }
            return CasesAssessed(domains: domains, tables: tables)
        }

        /// A table with the declared groups in order (even those no case has), then any others
        /// found (text and dates, sorted), then "Not recorded" when a case is.
        private func table(_ index: Int, id: String, label: String, groups: [String], domains: [String]) -> Table {
            let found = Set(counts[index].values.flatMap(\.keys))
            let extra = found.subtracting(groups).subtracting([CasesAssessed.notRecorded]).sorted()
            let labels = groups + extra + (found.contains(CasesAssessed.notRecorded) ? [CasesAssessed.notRecorded] : [])
            let rows = labels.map { label in
                Row(label: label, counts: Dictionary(uniqueKeysWithValues: domains.map { ($0, counts[index][$0]?[label] ?? 0) }))
            }
            return Table(id: id, label: label, domains: domains, cases: cases[index], rows: rows)
        }
    }
}
