/// A manager's review of a case, stored in the case file under `review`, apart from the
/// inspector's `answers`: a verdict and comment on any key question or prompt, the inspector's
/// replies, and every outcome of the review in order (returned, signed off, reopened).
public struct CaseReview: Equatable, Sendable {
    /// Verdicts and comments by item: a key question (`"2.1.1"`) or one of its prompts (`"2.1.1/a"`).
    public var items: [String: ReviewItem] = [:]
    /// Every outcome, oldest first: nothing replaces an earlier one.
    public var outcomes: [ReviewOutcome] = []
    public var unknown = JSONObject()

    public init() {}

    /// The latest outcome; nil while the review is under way or not begun.
    ///
    /// Setting it replaces the latest (for building test data); the front end appends with
    /// `record(_:)`.
    public var outcome: ReviewOutcome? {
        get { outcomes.last }
        set {
            if let newValue {
                if outcomes.isEmpty { outcomes.append(newValue) } else { outcomes[outcomes.count - 1] = newValue }
            } else {
                outcomes.removeAll()
            }
        }
    }

    /// Adds an outcome after the earlier ones.
    public mutating func record(_ outcome: ReviewOutcome) {
        outcomes.append(outcome)
    }

    /// The item key of a key question, or of one of its prompts.
    public static func itemKey(keyQuestion: String, prompt: String?) -> String {
        prompt.map { keyQuestion + "/" + $0 } ?? keyQuestion
    }

    /// The key question and prompt an item key names: `"2.1.1/a"` is prompt `a` of 2.1.1.
    ///
    /// A history entry's `item` is written alike. Every key has parts, `""` and `"/a"` too.
    public static func parts(ofItemKey key: String) -> (keyQuestion: String, prompt: String?) {
        guard let slash = key.firstIndex(of: "/") else { return (key, nil) }
        return (String(key[..<slash]), String(key[key.index(after: slash)...]))
    }

    public var isEmpty: Bool { items.isEmpty && outcomes.isEmpty && unknown.isEmpty }

    /// The challenged items, in numbering order: open until the reviewer agrees or clears them
    /// (an inspector's "answered" waits for the reviewer to look again).
    public var challenges: [(key: String, item: ReviewItem)] {
        items.filter { $0.value.verdict == .challenge }
            .sorted { numberingOrder($0.key, $1.key) }
            .map { ($0.key, $0.value) }
    }

    /// Challenges the inspector has not yet marked answered, in numbering order.
    public var unansweredChallenges: [String] {
        challenges.filter { $0.item.answered == nil }.map(\.key)
    }

    /// The challenges open now that are not in `asked`, the ones a reviewer was shown when asked
    /// to sign off over them, in numbering order: a sign-off never goes over a challenge its
    /// reviewer was not asked about.
    public func challengesOpened(since asked: [String]) -> [String] {
        challenges.map(\.key).filter { !asked.contains($0) }
    }

    /// Whether `challengesOpened(since:)` has any, without sorting them: the review status
    /// asks it of every signed-off case.
    func hasChallengeOpened(since asked: [String]) -> Bool {
        items.contains { $0.value.verdict == .challenge && !asked.contains($0.key) }
    }
}

/// The inspector's reply to a reviewer's verdict or comment.
public struct ReviewReply: Equatable, Sendable {
    public var by: String
    /// When, as an ISO 8601 UTC time.
    public var at: String
    public var text: String

    public init(by: String, at: String, text: String) {
        self.by = by
        self.at = at
        self.text = text
    }
}

/// Who marked a challenge answered, and when.
public struct ReviewStamp: Equatable, Sendable {
    public var by: String
    public var at: String

    public init(by: String, at: String) {
        self.by = by
        self.at = at
    }
}

/// A reviewer's view of one key question or prompt.
public struct ReviewItem: Equatable, Sendable {
    public var verdict: ReviewVerdict?
    public var comment: String?
    public var by: String?
    /// When, as an ISO 8601 UTC time.
    public var at: String?
    /// The inspector's replies, oldest first.
    public var replies: [ReviewReply] = []
    /// Set when the inspector marks a challenge answered; cleared when the reviewer changes the item.
    public var answered: ReviewStamp?
    public var unknown = JSONObject()

    public init(verdict: ReviewVerdict? = nil, comment: String? = nil, by: String? = nil, at: String? = nil) {
        self.verdict = verdict
        self.comment = comment
        self.by = by
        self.at = at
    }

    public var isEmpty: Bool {
        verdict == nil && (comment ?? "").isEmpty && replies.isEmpty && answered == nil && unknown.isEmpty
    }

    /// What the item says, in one line: `challenged by Pat: "the plan is missing"; 1 reply`
    /// (a comment of more than 200 characters cut there, with "…").
    public var summary: String {
        var parts: [String] = []
        let who = by.map { " by \($0)" } ?? ""
        let quoted = comment.map { comment in ": \"" + (comment.count > 200 ? comment.prefix(200) + "…" : comment) + "\"" } ?? ""
        switch verdict {
        case .agree: parts.append("agreed" + who + quoted)
        case .challenge: parts.append("challenged" + who + quoted)
        case nil: if comment != nil { parts.append("comment" + who + quoted) }
        }
        if !replies.isEmpty { parts.append(replies.count == 1 ? "1 reply" : "\(replies.count) replies") }
        if answered != nil { parts.append("answered") }
        return parts.isEmpty ? "empty" : parts.joined(separator: "; ")
    }
}

/// Whether the reviewer agrees with the inspector's answer.
public enum ReviewVerdict: String, CaseIterable, Sendable {
    case agree
    case challenge
}

/// How a review ended: returned to the inspector with a summary, or signed off.
public struct ReviewOutcome: Equatable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case returned
        case signedOff = "signed-off"
        /// A sign-off or return withdrawn: the review is under way again.
        case reopened
    }

    public var kind: Kind
    public var by: String
    /// The day, `YYYY-MM-DD`.
    public var date: String
    public var summary: String?
    /// `CaseFile.answersDigest` of the answers as they were when signed off or returned.
    public var answersDigest: String
    /// How many history entries the case had then: later ones are what changed since.
    public var historyLength: Int?
    /// The challenges still open when it was signed off (the reviewer was asked and confirmed),
    /// `[]` when there were none.
    ///
    /// Nil when not recorded: a return or reopening, or a sign-off by a casemark that wrote it
    /// only when some were open. A sign-off that records them stands only over those: a challenge
    /// opened after it, in this copy or another one merged in, puts the case back in review.
    public var openChallenges: [String]?
    public var unknown = JSONObject()

    public init(kind: Kind, by: String, date: String, summary: String? = nil, answersDigest: String) {
        self.kind = kind
        self.by = by
        self.date = date
        self.summary = summary
        self.answersDigest = answersDigest
    }
}

/// Where a case stands in review, for the case list, its filter and reports.
public enum ReviewStatus: String, CaseIterable, Sendable {
    case notReviewed = "not reviewed"
    case inReview = "in review"
    case returned
    case signedOff = "signed off"
    /// Signed off, then the answers changed.
    case outOfDate = "out of date"
}

extension CaseFile {
    /// The review status: a sign-off goes out of date as soon as the answers differ from the ones
    /// signed off (changing them back makes it current again), and is in review again while a
    /// challenge is open that its reviewer was not asked about (closing it makes it stand again).
    public var reviewStatus: ReviewStatus {
        guard let outcome = review.outcome, outcome.kind != .reopened else {
            return review.items.isEmpty && review.outcomes.isEmpty ? .notReviewed : .inReview
        }
        switch outcome.kind {
        case .returned, .reopened: return .returned
        case .signedOff:
            guard FNV1a.isHexDigest(outcome.answersDigest, of: answersHash) else { return .outOfDate }
            if let asked = outcome.openChallenges, review.hasChallengeOpened(since: asked) { return .inReview }
            return .signedOff
        }
    }

    /// A short fingerprint of the answers (judgements, prompt answers and notes): FNV-1a of
    /// the answers written as JSON (`answersDigestBytes`).
    public var answersDigest: String {
        FNV1a.hex(answersHash)
    }

    /// The hash `answersDigest` writes out: a report compares it with each sign-off's digest
    /// without making the text (16 characters, a heap allocation).
    var answersHash: UInt64 {
        // Hashed as written, never kept.
        var hash = FNV1a()
        answersDigestBytes(into: &hash)
        return hash.value
    }

    /// What `answersDigest` hashes: the answers as the file writes them (`writeAnswers`), as
    /// a document of their own (stored sign-offs depend on these bytes; a test compares them with
    /// a tree of the answers written by `JSONWriter`).
    func answersDigestBytes(into output: inout some JSONOutput) {
        writeAnswers(level: 0, into: &output)
        output.append(UInt8(ascii: "\n"))
    }
}

/// FNV-1a, 64 bits: a fingerprint to notice that answers changed, not a security measure.
///
/// Bytes are hashed as they are written to it (a `JSONOutput`), or all at once (`hash`).
struct FNV1a: JSONOutput {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func append(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    mutating func append(bytes: UnsafeBufferPointer<UInt8>) {
        var hash = value
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        value = hash
    }

    static func hash(_ bytes: [UInt8]) -> UInt64 {
        var hash = FNV1a()
        bytes.withUnsafeBufferPointer { hash.append(bytes: $0) }
        return hash.value
    }

    /// `hash` as 16 lowercase hex digits.
    static func hex(_ hash: UInt64) -> String {
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    static func hexDigest(_ bytes: [UInt8]) -> String {
        hex(hash(bytes))
    }

    /// Whether `text` is `hex(hash)`, read rather than written: 16 lowercase hex digits.
    static func isHexDigest(_ text: String, of hash: UInt64) -> Bool {
        var value: UInt64 = 0
        var count = 0
        for byte in text.utf8 {
            count += 1
            guard count <= 16 else { return false }
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value << 4 | UInt64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = value << 4 | UInt64(byte - UInt8(ascii: "a") + 10)
            default: return false
            }
        }
        return count == 16 && value == hash
    }
}
