/// One sampled case of an inspection, as stored in `cases/<ref>.json`: the case details and the
/// inspector's answers to its key questions and prompts.
///
/// Fields this version does not know are kept in `unknown` (at every level) and written back
/// after the known ones, so a file saved by this version loses nothing a newer one added.
public struct CaseFile: Equatable, Sendable {
    public static let format = "casemark/case"
    public static let supportedVersion = 1

    public var version: Int = supportedVersion
    public var ref: String
    public var framework: String
    /// The `contentHash` of the framework file the case was last changed under, or nil for a
    /// case written before casemark recorded it.
    public var frameworkHash: String?
    /// The domain the case is marked in: court disposals or out-of-court disposals.
    public var domain: String
    public var disposal: String
    public var status: CaseStatus = .inProgress
    public var details = CaseDetails()
    /// Answers by key-question number.
    public var answers: SmallMap<Answer> = [:]
    /// A manager's review, kept apart from the answers.
    public var review = CaseReview()
    /// Every change of an answer, judgement, note or status, oldest first; only ever appended to.
    public var history: [HistoryEntry] = []
    /// False when the case was read without its history (`InspectionFolder.load(keepingHistory:
    /// false)`: a report, or a case list that loads a case's history when it is opened).
    ///
    /// Such a case is never written as it is: a save merges it into the file on disk, history and
    /// all.
    public internal(set) var historyIsLoaded = true
    /// Values two copies of the case changed differently, left for a person to choose between
    /// (`casemark resolve`, or the marking screen).
    ///
    /// The file holds the first version's value meanwhile.
    public var conflicts: [MergeConflict] = []
    public var unknown = JSONObject()

    public init(ref: String, framework: String, domain: String, disposal: String) {
        self.ref = ref
        self.framework = framework
        self.domain = domain
        self.disposal = disposal
    }

    /// Every field at once, for the readers: a field added to the format must be given here, so
    /// no reader can forget it.
    init(
        version: Int, ref: String, framework: String, frameworkHash: String?, domain: String, disposal: String,
        status: CaseStatus, details: CaseDetails, answers: SmallMap<Answer>, review: CaseReview,
        history: [HistoryEntry], conflicts: [MergeConflict], unknown: JSONObject
    ) {
        self.version = version
        self.ref = ref
        self.framework = framework
        self.frameworkHash = frameworkHash
        self.domain = domain
        self.disposal = disposal
        self.status = status
        self.details = details
        self.answers = answers
        self.review = review
        self.history = history
        self.conflicts = conflicts
        self.unknown = unknown
    }

    /// This case without its history unless `keeping` (a loading that leaves histories out).
    func withoutHistory(unless keeping: Bool) -> CaseFile {
        guard !keeping else { return self }
        var file = self
        file.history = []
        file.historyIsLoaded = false
        return file
    }

    /// Whether the two are the same case apart from their histories (one held without it).
    public func equalsIgnoringHistory(_ other: CaseFile) -> Bool {
        var mine = self
        var theirs = other
        (mine.history, theirs.history) = ([], [])
        (mine.historyIsLoaded, theirs.historyIsLoaded) = (true, true)
        return mine == theirs
    }

    /// A classification recorded in the details, for applicability conditions; nil when it is
    /// not recorded.
    public func classification(_ kind: Classification) -> ClassificationLevel? {
        switch kind {
        case .riskOfSeriousHarm: details.riskOfSeriousHarm
        case .safetyAndWellbeing: details.safetyAndWellbeing
        }
    }
}

/// The case details an inspector records beside the answers.
public struct CaseDetails: Equatable, Sendable {
    public var inspector: String?
    /// The date the case was inspected, `YYYY-MM-DD`.
    public var date: String?
    /// The inspector's judgement of the child's risk of serious harm to others.
    public var riskOfSeriousHarm: ClassificationLevel?
    /// The inspector's judgement of the risk to the child's safety and wellbeing.
    public var safetyAndWellbeing: ClassificationLevel?
    public var caseManagerInterviewed: Bool?
    /// The details the framework declares beyond these, by id (`details` in a case file): the
    /// case manager's classifications, gender, the population id of a sampled case...
    public var recorded: [String: DetailValue] = [:]

    public init() {}

    /// The details' names in a case file.
    public static let fieldNames: Set<String> = ["inspector", "date", "riskOfSeriousHarm", "safetyAndWellbeing", "caseManagerInterviewed"]

    /// A detail's value by its id, built-in or declared; nil when it is not recorded.
    public func value(of id: String) -> DetailValue? {
        switch id {
        case "inspector": inspector.map(DetailValue.text)
        case "date": date.map(DetailValue.text)
        case "riskOfSeriousHarm": riskOfSeriousHarm.map { .text($0.rawValue) }
        case "safetyAndWellbeing": safetyAndWellbeing.map { .text($0.rawValue) }
        case "caseManagerInterviewed": caseManagerInterviewed.map(DetailValue.flag)
        default: recorded[id]
        }
    }

    /// Records a detail's value by its id (nil: not recorded); a value of the wrong kind for a
    /// built-in detail records nothing.
    public mutating func set(_ value: DetailValue?, for id: String) {
        switch id {
        case "inspector": inspector = value?.text
        case "date": date = value?.text
        case "riskOfSeriousHarm": riskOfSeriousHarm = value.flatMap { ClassificationLevel(rawValue: $0.text) }
        case "safetyAndWellbeing": safetyAndWellbeing = value.flatMap { ClassificationLevel(rawValue: $0.text) }
        case "caseManagerInterviewed":
            if case .flag(let flag)? = value { caseManagerInterviewed = flag } else { caseManagerInterviewed = nil }
        default: recorded[id] = value
        }
    }

    /// The details that differ from `other`'s, by id, with this one's value and the other's
    /// (declared details after the built-in ones, by id).
    public func differences(to other: CaseDetails) -> [(name: String, old: String?, new: String?)] {
        var pairs: [(String, String?, String?)] = [
            ("inspector", inspector, other.inspector),
            ("date", date, other.date),
            ("riskOfSeriousHarm", riskOfSeriousHarm?.rawValue, other.riskOfSeriousHarm?.rawValue),
            ("safetyAndWellbeing", safetyAndWellbeing?.rawValue, other.safetyAndWellbeing?.rawValue),
            (
                "caseManagerInterviewed", caseManagerInterviewed.map { $0 ? "yes" : "no" },
                other.caseManagerInterviewed.map { $0 ? "yes" : "no" }
            ),
        ]
        if !recorded.isEmpty || !other.recorded.isEmpty {
            for id in Set(recorded.keys).union(other.recorded.keys).sorted() {
                pairs.append((id, recorded[id]?.text, other.recorded[id]?.text))
            }
        }
        return pairs.filter { $0.1 != $0.2 }.map { (name: $0.0, old: $0.1, new: $0.2) }
    }
}

/// An inspector's answer to one key question: the judgement, the prompt answers, and notes.
public struct Answer: Equatable, Sendable {
    /// Nil while the key question is not yet judged.
    public var judgement: Judgement?
    /// Prompt answers by letter.
    public var prompts: PromptAnswers = [:]
    public var note: String?
    /// Notes on prompts, by letter.
    public var promptNotes: [String: String] = [:]
    public var unknown = JSONObject()

    public init(judgement: Judgement? = nil, prompts: PromptAnswers = [:], note: String? = nil) {
        self.judgement = judgement
        self.prompts = prompts
        self.note = note
    }

    /// Whether the answer holds nothing at all worth saving.
    public var isEmpty: Bool {
        judgement == nil && prompts.isEmpty && (note ?? "").isEmpty && promptNotes.isEmpty && unknown.isEmpty
    }
}
