/// One revision of the inspection standards: domains, standards, key questions and prompts, with
/// the rules that turn case answers into ratings.
///
/// Read from a framework file (see `frameworks/README.md`); nothing in it is hard-coded.
public struct Framework: Sendable {
    public var id: String
    public var title: String
    public var revised: String
    public var source: String
    /// One sentence at the head of every report and comparison: where the framework's text comes
    /// from and what in it is inferred.
    ///
    /// Nil when the file gives none.
    public var caveat: String?
    /// Where the file's text comes from, level by level, for every standard that does not say
    /// otherwise (`Standard.provenance` is the one to use).
    public var provenance = TextProvenance.published
    public var notes: [String]
    /// The ratings, best first.
    public var ratingScale: [RatingLevel]
    /// Key-question bands, best first.
    public var keyQuestionBands: [KeyQuestionBand]
    /// Overall bands on the total score, best first.
    public var overallBands: [OverallBand]
    public var limitingRules: [LimitingRule]
    public var disposals: [Disposal]
    /// The case details a case records, in the order the details form lists them: the built-in
    /// ones unless the file declares its own list (`caseDetails`), which always holds them.
    public var details: [DetailDeclaration] = DetailDeclaration.builtIn
    /// A fingerprint of the file this framework was read from (`fnv1a64:` and 16 hex digits),
    /// recorded in each case so a later change to the file can be noticed; empty when built in code.
    public var contentHash = ""
    /// The bytes of that file, kept so the inspection folder can hold a copy of the revision its
    /// cases were marked under.
    public var sourceBytes: [UInt8] = []
    /// The hash a case changed under this framework records: nil when the framework was not
    /// read from a file.
    public var markedHash: String? { contentHash.isEmpty ? nil : contentHash }
    /// The domains with their standards; changing them rebuilds the indexes below.
    public var domains: [Domain] {
        didSet { reindex() }
    }

    private var standardIndex: [String: Int] = [:]
    private var keyQuestionIndex: [String: (standard: Int, question: Int)] = [:]

    /// Every standard in printed order.
    public private(set) var standards: [Standard] = []

    public init(
        id: String, title: String, revised: String, source: String, notes: [String],
        ratingScale: [RatingLevel], keyQuestionBands: [KeyQuestionBand], overallBands: [OverallBand],
        limitingRules: [LimitingRule], disposals: [Disposal], domains: [Domain]
    ) {
        self.id = id
        self.title = title
        self.revised = revised
        self.source = source
        self.notes = notes
        self.ratingScale = ratingScale
        self.keyQuestionBands = keyQuestionBands
        self.overallBands = overallBands
        self.limitingRules = limitingRules
        self.disposals = disposals
        self.domains = domains
        reindex()
    }

    private mutating func reindex() {
        standards = domains.flatMap(\.standards)
        standardIndex = [:]
        keyQuestionIndex = [:]
        for (position, standard) in standards.enumerated() {
            standardIndex[standard.number] = position
            for (questionPosition, question) in standard.keyQuestions.enumerated() {
                keyQuestionIndex[question.number] = (position, questionPosition)
            }
        }
    }

    public func standard(_ number: String) -> Standard? {
        standardIndex[number].map { standards[$0] }
    }

    public func keyQuestion(_ number: String) -> KeyQuestion? {
        keyQuestionIndex[number].map { standards[$0.standard].keyQuestions[$0.question] }
    }

    /// The standard a key question belongs to.
    public func standard(ofKeyQuestion number: String) -> Standard? {
        keyQuestionIndex[number].map { standards[$0.standard] }
    }

    public func domain(_ number: String) -> Domain? {
        domains.first { $0.number == number }
    }

    public func disposal(_ id: String) -> Disposal? {
        disposals.first { $0.id == id }
    }

    public func rating(_ id: String) -> RatingLevel? {
        ratingScale.first { $0.id == id }
    }

    /// The domains whose standards are marked from case files (court and out-of-court).
    public var caseDomains: [Domain] {
        domains.filter { $0.standards.contains { $0.rated == .cases } }
    }

    /// The key questions a case of `domain` is marked on, in order.
    public func caseKeyQuestions(domain: String) -> [KeyQuestion] {
        self.domain(domain)?.standards.filter { $0.rated == .cases }.flatMap(\.keyQuestions) ?? []
    }

    /// The label of a rating id, or the id itself when the scale does not have it.
    public func label(of ratingID: String) -> String {
        rating(ratingID)?.label ?? ratingID
    }
}

/// A rating a standard or key question can have, with its score.
public struct RatingLevel: Hashable, Sendable {
    public var id: String
    public var label: String
    public var score: Int

    public init(id: String, label: String, score: Int) {
        self.id = id
        self.label = label
        self.score = score
    }
}

/// A key-question band: reached when at least `atLeastPercent` per cent of applicable cases
/// are judged sufficient, compared on the exact fraction.
public struct KeyQuestionBand: Hashable, Sendable {
    public var rating: String
    public var atLeastPercent: Int
    /// The band's name in the reports' legend ("Large majority"), when the framework gives one.
    public var label: String?

    public init(rating: String, atLeastPercent: Int, label: String? = nil) {
        self.rating = rating
        self.atLeastPercent = atLeastPercent
        self.label = label
    }
}

/// An overall band: reached when the total score of the core standards is at least `minScore`.
public struct OverallBand: Hashable, Sendable {
    public var rating: String
    public var minScore: Int
}

/// A rule that caps the overall rating when one standard has a given rating (the resettlement
/// hurdle: Inadequate on resettlement means no overall Outstanding).
///
/// The score is unchanged.
public struct LimitingRule: Hashable, Sendable {
    public var standard: String
    public var whenRating: String
    public var overallAtMost: String
    public var note: String?
}

/// A disposal type and the domain its cases are marked in.
public struct Disposal: Hashable, Sendable {
    public var id: String
    public var title: String
    public var domain: String
}

public struct Domain: Sendable {
    public var number: String
    public var title: String
    public var standards: [Standard]
}

/// How a standard gets its rating.
public enum RatingMethod: String, Sendable {
    /// From the share of cases judged sufficient on each key question.
    case cases
    /// By the inspection team, recorded in `inspection.json` with evidence.
    case directly
}

public struct Standard: Sendable {
    public var number: String
    public var title: String
    public var statement: String
    public var rated: RatingMethod
    /// Whether the standard's score counts towards the total.
    public var core: Bool
    public var keyQuestions: [KeyQuestion]
    public var domain: String
    public var note: String?
    /// Where this standard's text comes from, level by level: the framework's, with the
    /// standard's own `provenance` over it.
    public var provenance = TextProvenance.published
    /// Other wordings of the statement that sources print for this same standard (another report
    /// of the same revision, a report's chapter): printed variants, not revisions.
    public var statementVariants: [String] = []
}

public struct KeyQuestion: Sendable {
    public var number: String
    public var text: String
    public var guidance: String?
    public var note: String?
    /// Other wordings that sources print for this same key question (another report of the same
    /// revision, a report's chapter): printed variants, not revisions.
    public var variants: [String] = []
    public var applicability: Applicability?
    public var prompts: [Prompt]
    public var standard: String

    public func prompt(_ letter: String) -> Prompt? {
        prompts.first { $0.letter == letter }
    }
}

public struct Prompt: Sendable {
    /// The prompt's identity under its key question: what case files key its answers by.
    ///
    /// Unique within the key question.
    public var letter: String
    public var text: String
    public var guidance: String?
    public var note: String?
    /// The letter as the source prints it, when that differs from the identity: the 2022 report
    /// prints 2.4.1's prompts a, b, c, d, d, e, f, so the second d is `d2` printed "d".
    public var printed: String?

    public init(letter: String, text: String, guidance: String? = nil, note: String? = nil, printed: String? = nil) {
        self.letter = letter
        self.text = text
        self.guidance = guidance
        self.note = note
        self.printed = printed
    }

    /// The letter to show: as printed.
    public var shownLetter: String { printed ?? letter }
}

/// A level in the risk of serious harm or safety-and-wellbeing classification.
public enum ClassificationLevel: String, CaseIterable, Sendable {
    case low
    case medium
    case high
    case veryHigh = "very-high"

    public var label: String {
        switch self {
        case .low: "Low"
        case .medium: "Medium"
        case .high: "High"
        case .veryHigh: "Very high"
        }
    }
}

/// Which classification a condition looks at.
public enum Classification: String, CaseIterable, Sendable {
    case riskOfSeriousHarm
    case safetyAndWellbeing

    public var label: String {
        switch self {
        case .riskOfSeriousHarm: "Risk of serious harm"
        case .safetyAndWellbeing: "Safety and wellbeing"
        }
    }
}

/// When a key question applies to a case.
///
/// A case it does not apply to counts as not applicable, whatever its file holds.
public struct Applicability: Sendable {
    /// When set, the key question applies only to cases with one of these disposal types.
    public var disposals: Set<String>?
    /// The key question does not apply to a case classified at one of these levels.
    public var excludeWhen: [Classification: Set<ClassificationLevel>]
    public var note: String?

    /// Whether the key question applies to a case: its disposal is one of `disposals` (when set),
    /// and none of its recorded classifications is excluded.
    ///
    /// A classification that is not recorded excludes nothing.
    public func applies(to file: CaseFile) -> Bool {
        if let disposals, !disposals.contains(file.disposal) { return false }
        for (classification, levels) in excludeWhen {
            if let level = file.classification(classification), levels.contains(level) { return false }
        }
        return true
    }

    /// The rule in words, for a screen or a report: "Asked only for youth-conditional-caution
    /// cases", "Not asked when safety and wellbeing is low".
    public var summary: String {
        var parts: [String] = []
        if let disposals {
            parts.append("Asked only for " + disposals.sorted().joined(separator: ", ") + " cases")
        }
        for classification in Classification.allCases {
            if let levels = excludeWhen[classification] {
                let names = ClassificationLevel.allCases.filter { levels.contains($0) }.map(\.rawValue)
                parts.append("Not asked when \(classification.label.lowercased()) is \(names.joined(separator: " or "))")
            }
        }
        return parts.joined(separator: "; ")
    }
}
