/// One entry of a case's append-only history: who changed which answer, when, from what to what.
///
/// Kept in the case file under `history`, oldest first, so a reviewer can see what changed since
/// they last looked.
public struct HistoryEntry: Equatable, Sendable {
    /// What changed.
    public enum Field: String, CaseIterable, Sendable {
        /// A key question's judgement; `item` is the key question.
        case judgement
        /// A prompt answer; `item` is `"2.1.1/a"`.
        case prompt
        /// A note on a key question or prompt. Only its length is recorded: notes can be long.
        case note
        /// The case's status (`in-progress`, `complete`); `item` is empty.
        case status
        /// A case detail (`item` names it: `safetyAndWellbeing`, `disposal`, ...).
        case detail
        /// A reviewer's verdict or comment, an inspector's reply or "answered" on a review item
        /// (`item` is the item; `old`/`new` the verdict, or a comment's length).
        case review
        /// A merge conflict resolved (`item` is the conflict's place, `new` the value taken).
        case resolved
    }

    /// ISO 8601 UTC time.
    public var at: String {
        get { time.text }
        set { time = HistoryTime(newValue) }
    }
    /// `at`, kept packed (see `HistoryTime`).
    ///
    /// Declared before `field`, whose one byte then fills the gap after the time's: a million
    /// entries are eight bytes smaller each.
    private(set) var time: HistoryTime
    public var field: Field
    public var by: String
    public var item: String
    /// Nil when there was no value (not answered, no note).
    public var old: String?
    public var new: String?
    public var unknown = JSONObject()

    public init(at: String, by: String, field: Field, item: String, old: String?, new: String?) {
        self.init(time: HistoryTime(at), by: by, field: field, item: item, old: old, new: new)
    }

    init(time: HistoryTime, by: String, field: Field, item: String, old: String?, new: String?) {
        self.time = time
        self.by = by
        self.field = field
        self.item = item
        self.old = old
        self.new = new
    }

    /// The entry's content as one string, to tell entries apart when joining two histories.
    var identity: String {
        [at, by, field.rawValue, item, old ?? "\u{0}", new ?? "\u{0}", unknown.isEmpty ? "" : JSONWriter.string(from: .object(unknown))]
            .joined(separator: "\u{1}")
    }

    /// One line for screens: "2026-11-23T10:02:03Z ann 2.1.1/a prompt: yes → no".
    public var summary: String {
        let subject = item.isEmpty ? field.rawValue : "\(item) \(field.rawValue)"
        return "\(at) \(by) \(subject): \(old ?? "—") → \(new ?? "—")"
    }
}

extension CaseFile {
    /// The history entries that take this case's answers and status to `updated`'s.
    public func changes(to updated: CaseFile, by: String, at: String) -> [HistoryEntry] {
        var entries: [HistoryEntry] = []
        func add(_ field: HistoryEntry.Field, _ item: String, _ old: String?, _ new: String?) {
            if old != new { entries.append(HistoryEntry(at: at, by: by, field: field, item: item, old: old, new: new)) }
        }
        let numbers = Set(answers.keys).union(updated.answers.keys).sorted(by: numberingOrder)
        for number in numbers {
            let before = answers[number] ?? Answer()
            let after = updated.answers[number] ?? Answer()
            for letter in Set(before.prompts.keys).union(after.prompts.keys).sorted() {
                add(.prompt, number + "/" + letter, before.prompts[letter]?.rawValue, after.prompts[letter]?.rawValue)
            }
            add(.judgement, number, before.judgement?.rawValue, after.judgement?.rawValue)
            add(.note, number, Self.noteLength(before.note), Self.noteLength(after.note))
            for letter in Set(before.promptNotes.keys).union(after.promptNotes.keys).sorted() {
                add(.note, number + "/" + letter, Self.noteLength(before.promptNotes[letter]), Self.noteLength(after.promptNotes[letter]))
            }
        }
        add(.status, "", status.rawValue, updated.status.rawValue)
        add(.detail, "domain", domain, updated.domain)
        add(.detail, "disposal", disposal, updated.disposal)
        for (name, old, new) in details.differences(to: updated.details) {
            add(.detail, name, old, new)
        }
        for key in Set(review.items.keys).union(updated.review.items.keys).sorted(by: numberingOrder) {
            let before = review.items[key] ?? ReviewItem()
            let after = updated.review.items[key] ?? ReviewItem()
            add(.review, key, before.verdict?.rawValue, after.verdict?.rawValue)
            add(.review, key, Self.commentLength(before.comment), Self.commentLength(after.comment))
            if after.replies.count > before.replies.count {
                for reply in after.replies.dropFirst(before.replies.count) {
                    add(.review, key, nil, "reply of \(reply.text.count) characters")
                }
            }
            add(.review, key, before.answered == nil ? nil : "answered", after.answered == nil ? nil : "answered")
        }
        for conflict in conflicts where !updated.conflicts.contains(conflict) {
            add(.resolved, conflict.path.joined(separator: "/"), "conflict", "settled")
        }
        if updated.review.outcomes.count > review.outcomes.count {
            for outcome in updated.review.outcomes.dropFirst(review.outcomes.count) {
                add(.review, "", nil, outcome.kind.rawValue)
            }
        }
        return entries
    }

    private static func commentLength(_ comment: String?) -> String? {
        guard let comment, !comment.isEmpty else { return nil }
        return "comment of \(comment.count) characters"
    }

    private static func noteLength(_ note: String?) -> String? {
        guard let note, !note.isEmpty else { return nil }
        return "\(note.count) characters"
    }

    /// `updated` with this case's history and the entries of what changed appended: the history
    /// only ever grows, whatever `updated` carried (an undo brings back old answers, not an old history).
    public func recording(_ updated: CaseFile, by: String, at: String) -> CaseFile {
        var result = updated
        result.history = history + changes(to: updated, by: by, at: at)
        return result
    }
}
