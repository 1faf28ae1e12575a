import CasemarkCore

/// What the marking screen reads of what the screens share, built once per event by the app: the
/// case, its outline and items (built once, not on every use), who is working and why the case
/// cannot be changed, if it cannot.
public struct MarkingInputs {
    public var framework: Framework
    public var file: CaseFile
    public var outline: CaseOutline
    /// The case's items, in order: every stop of the cursor.
    public var items: [MarkingItem]
    /// Where `file` stands in review, worked out once (a signed-off case's answers are hashed
    /// for it): the header, the outline strip and the question pane all show it.
    public var reviewStatus: ReviewStatus
    public var isReviewing: Bool
    public var session: Session
    /// Why the case is read-only (held by another casemark, a newer file), when it is.
    public var readOnlyReason: String?
    /// The inspection's tally and file, from which what-if works out the ratings.
    public var tally: InspectionTally
    public var inspection: InspectionFile

    public init(
        framework: Framework, file: CaseFile, isReviewing: Bool, session: Session, readOnlyReason: String?, tally: InspectionTally,
        inspection: InspectionFile
    ) {
        self.framework = framework
        self.file = file
        self.outline = CaseOutline(framework: framework, domain: file.domain)
        self.items = outline.items(for: file)
        self.reviewStatus = file.reviewStatus
        self.isReviewing = isReviewing
        self.session = session
        self.readOnlyReason = readOnlyReason
        self.tally = tally
        self.inspection = inspection
    }

    /// The inspection's ratings now.
    var ratings: InspectionRatings { RatingEngine(framework: framework).rate(tally: tally, inspection: inspection) }
}

/// The marking screen, and its review mode: the case's outline, the highlighted key question with
/// its prompts, and the banding panel; its own model.
///
/// It holds the case open (`ref`), the cursor, whether the banding panel is full height and the
/// undo stacks. It reads the case and what it needs from the app (`MarkingInputs`), and asks for
/// a changed case through `context.changes` (`.replaceCase`), which the app makes (a reviewer's
/// refusal, saving and what moved stay in one place), and for the details form, the conflict box
/// or leaving through `context.request` and `context.leave`.
public struct MarkingScreen: Equatable, Sendable {
    /// The case open, by ref.
    public private(set) var ref: String?
    /// Where `ref` is in the folder's cases, found once when a case is opened (no search of a
    /// large inspection on every key).
    public private(set) var index: Int?
    /// The highlighted item, an index into the case's items.
    public var cursor = 0
    /// Whether the banding panel shows full height (`b`) on a narrow terminal.
    public var panelExpanded = false
    /// Earlier versions of each case, newest last, for undo.
    public var undoStacks: [String: [CaseFile]] = [:]

    public init() {}

    /// Opens `ref`, found in `cases`, at its first unanswered item (the first for a reviewer).
    mutating func open(_ ref: String, in cases: [CaseFile], framework: Framework?, isReviewing: Bool) {
        self.ref = ref
        locate(in: cases)
        cursor = 0
        if !isReviewing, let framework, let index, cases.indices.contains(index) {
            let file = cases[index]
            let items = CaseOutline(framework: framework, domain: file.domain).items(for: file)
            cursor = items.firstIndex { !Self.isAnswered($0, in: file) } ?? 0
        }
    }

    /// Finds the case open again in `cases` (after they were added to, removed from or sorted).
    mutating func locate(in cases: [CaseFile]) {
        index = ref.flatMap { ref in cases.firstIndex { $0.ref == ref } }
    }

    /// Keeps `old` to undo back to (at most 200 versions a case).
    mutating func recordUndo(_ old: CaseFile) {
        undoStacks[old.ref, default: []].append(old)
        if undoStacks[old.ref, default: []].count > 200 { undoStacks[old.ref]?.removeFirst() }
    }

    /// The highlighted item among `items`.
    func current(_ items: [MarkingItem]) -> MarkingItem? {
        items.indices.contains(cursor) ? items[cursor] : nil
    }

    static func isAnswered(_ item: MarkingItem, in file: CaseFile) -> Bool {
        let answer = file.answers[item.keyQuestion]
        if let letter = item.prompt {
            return answer?.prompts[letter] != nil || answer?.judgement == .na
        }
        return answer?.judgement != nil
    }

    /// The message on a key that would change a complete case's answers.
    static let completeRefusal = "This case is complete: press c to reopen it before changing answers"

    // MARK: - Update

    /// Applies an event and returns the effects for the runner (none of its own: the changed case
    /// it asks for is saved by the app).
    public mutating func update(_ event: ScreenEvent, inputs: MarkingInputs, context: inout ScreenContext) -> [Effect] {
        switch event {
        case .click(let x, let y):
            // An answer cell (a prompt's or the judgement's rows) or a key question of the outline.
            guard let target = item(atX: x, y: y, inputs: inputs, rect: context.screenRect) else { return [] }
            let items = inputs.items
            // A key question answered not applicable has no prompt items: its judgement then.
            if let index = items.firstIndex(of: target) ?? items.firstIndex(where: { $0.keyQuestion == target.keyQuestion }) {
                cursor = index
            }
        case .search(let query, let backwards):
            search(query, backwards: backwards, inputs: inputs, context: &context)
        case .key(let key):
            if inputs.isReviewing {
                updateReview(key, inputs: inputs, context: &context)
            } else {
                updateMarking(key, inputs: inputs, context: &context)
            }
        }
        return []
    }

    /// A key of the inspector's marking screen.
    mutating func updateMarking(_ key: Key, inputs: MarkingInputs, context: inout ScreenContext) {
        guard let action = KeyMap.marking.action(for: key) else { return }
        let file = inputs.file
        let items = inputs.items
        let outline = inputs.outline
        let framework = inputs.framework
        if action.changesCase, let reason = inputs.readOnlyReason {
            context.status = StatusLine(text: "Nothing changed: read-only, \(reason)", isError: true)
            return
        }
        switch action {
        case .quit: context.leave = true
        case .help: context.overlay = .help(.marking, offset: 0)
        case .about: context.overlay = .about(offset: 0)
        case .up: cursor = max(0, cursor - 1)
        case .down: cursor = min(max(0, items.count - 1), cursor + 1)
        case .top: cursor = 0
        case .bottom: cursor = max(0, items.count - 1)
        case .nextKeyQuestion, .previousKeyQuestion:
            let current = current(items)?.keyQuestion
            let numbers = Self.uniqueKeyQuestions(items)
            guard let position = numbers.firstIndex(where: { $0 == current }) else { return }
            let target = action == .nextKeyQuestion ? min(numbers.count - 1, position + 1) : max(0, position - 1)
            cursor = items.firstIndex { $0.keyQuestion == numbers[target] } ?? cursor
        case .nextStandard, .previousStandard:
            guard let current = current(items),
                let standardIndex = outline.standards.firstIndex(where: {
                    $0.number == framework.standard(ofKeyQuestion: current.keyQuestion)?.number
                })
            else { return }
            let step = action == .nextStandard ? 1 : -1
            var target = standardIndex + step
            while outline.standards.indices.contains(target) {
                let numbers = Set(outline.standards[target].keyQuestions.map(\.number))
                if let index = items.firstIndex(where: { numbers.contains($0.keyQuestion) }) {
                    cursor = index
                    break
                }
                target += step
            }
        case .firstUnanswered:
            if let index = items.firstIndex(where: { !Self.isAnswered($0, in: file) }) {
                cursor = index
            } else {
                context.status = StatusLine(text: "Every item of this case is answered", isError: false)
            }
        case .answerYes: answer(.yes, inputs: inputs, context: &context)
        case .answerNo: answer(.no, inputs: inputs, context: &context)
        case .answerNotApplicable: answer(.na, inputs: inputs, context: &context)
        case .clearAnswer: answer(nil, inputs: inputs, context: &context)
        case .editNote:
            guard let item = current(items) else { return }
            let answer = file.answers[item.keyQuestion]
            let text = item.prompt.map { answer?.promptNotes[$0] ?? "" } ?? (answer?.note ?? "")
            // Room to extend the longest note a case will meet (a megabyte pasted from a record)
            // while a runaway paste still stops somewhere.
            context.prompt = .note(TextField(text, limit: max(TextField.noteLimit, text.count + 4_096)))
        case .undo:
            undo(inputs: inputs, context: &context)
        case .search:
            context.prompt = .search(TextField())
        case .complete:
            complete(inputs: inputs, context: &context)
        case .details:
            if file.status == .complete {
                context.status = StatusLine(
                    text: "This case is complete: press c to reopen it before changing its details", isError: true)
                return
            }
            context.request = .editDetails(file.ref)
        case .nextChallenge:
            jumpToNextChallenge(inputs: inputs, context: &context)
        case .reply:
            guard let item = current(items) else { return }
            let key = CaseReview.itemKey(keyQuestion: item.keyQuestion, prompt: item.prompt)
            guard file.review.items[key] != nil else {
                context.status = StatusLine(text: "The reviewer has written nothing on this item to reply to", isError: false)
                return
            }
            context.prompt = .reply(item: key, field: TextField(limit: 20_000))
        case .markAnswered:
            guard let item = current(items) else { return }
            let key = CaseReview.itemKey(keyQuestion: item.keyQuestion, prompt: item.prompt)
            guard file.review.items[key]?.verdict == .challenge else {
                context.status = StatusLine(text: "No challenge on this item", isError: false)
                return
            }
            var updated = file
            let answered = file.review.items[key]?.answered == nil
            updated.review.items[key]?.answered = answered ? ReviewStamp(by: inputs.session.user, at: inputs.session.timestamp()) : nil
            context.status = StatusLine(
                text: answered ? "Challenge on \(key) marked answered: the reviewer sees it" : "Challenge on \(key) open again",
                isError: false)
            context.changes.append(.replaceCase(updated, recordUndo: false))
        case .resolveConflict:
            guard !file.conflicts.isEmpty else {
                context.status = StatusLine(text: "This case has no merge conflict", isError: false)
                return
            }
            context.overlay = .resolveConflict(index: 0)
        case .history:
            context.overlay = Self.history(of: file)
        case .whatIf:
            context.overlay = whatIf(inputs: inputs)
        case .togglePanel:
            panelExpanded.toggle()
        default:
            break
        }
    }

    private static func uniqueKeyQuestions(_ items: [MarkingItem]) -> [String] {
        var seen = Set<String>()
        return items.map(\.keyQuestion).filter { seen.insert($0).inserted }
    }

    /// Answers the highlighted prompt or judgement and moves to the next item.
    private mutating func answer(_ judgement: Judgement?, inputs: MarkingInputs, context: inout ScreenContext) {
        var file = inputs.file
        let items = inputs.items
        guard let item = current(items) else { return }
        if file.status == .complete {
            context.status = StatusLine(text: Self.completeRefusal, isError: true)
            return
        }
        var answer = file.answers[item.keyQuestion] ?? Answer()
        if let letter = item.prompt {
            answer.prompts[letter] = judgement
        } else {
            answer.judgement = judgement
        }
        file.answers[item.keyQuestion] = answer.isEmpty ? nil : answer
        context.changes.append(.replaceCase(file, recordUndo: true))
        if judgement != nil {
            // Move on; prompts of a key question judged not applicable need no answer: skip them.
            var next = cursor + 1
            while items.indices.contains(next), items[next].prompt != nil,
                file.answers[items[next].keyQuestion]?.judgement == .na
            {
                next += 1
            }
            cursor = min(max(0, items.count - 1), next)
        }
    }

    /// Brings back the case's last version, saying what it undid, and moves to where the change was.
    private mutating func undo(inputs: MarkingInputs, context: inout ScreenContext) {
        let file = inputs.file
        guard var stack = undoStacks[file.ref], let previous = stack.popLast() else {
            context.status = StatusLine(text: "Nothing to undo", isError: false)
            return
        }
        // A complete case's answers stay as they are; undoing the completion itself is fine.
        if file.status == .complete && previous.status == .complete {
            context.status = StatusLine(text: Self.completeRefusal, isError: true)
            return
        }
        undoStacks[file.ref] = stack
        // Undo brings back answers, notes, status and details; never an older review.
        var restored = previous
        restored.review = file.review
        let undone = file.changes(to: restored, by: "", at: "")
        if let first = undone.first {
            let more = undone.count > 1 ? " (and \(undone.count - 1) more)" : ""
            let subject = first.item.isEmpty ? first.field.rawValue : "\(first.item) \(first.field.rawValue)"
            context.changeNote = TerminalText.escaped("Undid \(subject): \(first.old ?? "open") → \(first.new ?? "open")\(more)")
            // The cursor goes where the change was.
            let (keyQuestion, letter) = CaseReview.parts(ofItemKey: first.item)
            if let index = inputs.items.firstIndex(where: { $0.keyQuestion == keyQuestion && $0.prompt == letter }) {
                cursor = index
            }
        }
        context.changes.append(.replaceCase(restored, recordUndo: false))
    }

    /// Completes the case (or says what keeps it from being complete), or reopens a complete one.
    private func complete(inputs: MarkingInputs, context: inout ScreenContext) {
        let file = inputs.file
        let framework = inputs.framework
        var updated = file
        if file.status == .complete {
            updated.status = .inProgress
            context.changeNote = "Case \(file.ref) reopened: its answers can be changed"
            context.changes.append(.replaceCase(updated, recordUndo: true))
            return
        }
        if let undecided = framework.deciding(file).first {
            context.overlay = .message(
                title: "Not complete: the inspector's \(undecided.classification.label.lowercased()) judgement is not recorded",
                lines: [
                    "It decides whether \(undecided.keyQuestions.joined(separator: ", ")) apply to this case (the framework's sub-samples).",
                    "Record it in the case details (d), then complete the case.",
                ])
            return
        }
        // What else it lacks, as `validate` and the report see it.
        let gaps = framework.completionGaps(file)
        if !gaps.details.isEmpty {
            context.overlay = .message(
                title: "Not complete: \(gaps.details.count) required case detail(s) not recorded",
                lines: ["Record these in the case details (d), then complete the case:"]
                    + gaps.details.map { "  " + TerminalText.escaped(framework.detail($0)?.label ?? $0) })
            return
        }
        if !file.conflicts.isEmpty {
            context.overlay = .message(
                title: "Not complete: \(file.conflicts.count) merge conflict(s) to resolve first (M)",
                lines: file.conflicts.map(\.summary))
            return
        }
        let open = gaps.keyQuestions
        if !open.isEmpty {
            let lines = open.map { open in
                var parts =
                    open.prompts.isEmpty ? [] : ["prompt\(open.prompts.count == 1 ? "" : "s") " + open.prompts.joined(separator: ", ")]
                if !open.judged { parts.append("judgement") }
                return "\(open.keyQuestion): " + parts.joined(separator: "; ")
            }
            context.overlay = .message(
                title: "Not complete: \(open.count) key question(s) still open",
                lines: ["Answer these, or mark them not applicable:"] + lines)
            return
        }
        updated.status = .complete
        let judged = inputs.outline.progress(of: file)
        context.changeNote = "Case \(file.ref) complete: \(judged.judged) key question(s) judged"
        context.changes.append(.replaceCase(updated, recordUndo: true))
    }

    /// The case with `text` as the note of the highlighted item (nil when there is no item).
    func noted(_ text: String, inputs: MarkingInputs) -> CaseFile? {
        guard let item = current(inputs.items) else { return nil }
        var file = inputs.file
        var answer = file.answers[item.keyQuestion] ?? Answer()
        let value = text.isEmpty ? nil : text
        if let letter = item.prompt {
            answer.promptNotes[letter] = value
        } else {
            answer.note = value
        }
        file.answers[item.keyQuestion] = answer.isEmpty ? nil : answer
        return file
    }

    /// Moves to the next challenge the inspector has not answered (the next open one, for a
    /// reviewer), after the cursor (wrapping).
    mutating func jumpToNextChallenge(inputs: MarkingInputs, context: inout ScreenContext) {
        let file = inputs.file
        let items = inputs.items
        let open = Set(inputs.isReviewing ? file.review.challenges.map(\.key) : file.review.unansweredChallenges)
        guard !open.isEmpty else {
            context.status = StatusLine(
                text: inputs.isReviewing ? "No challenge is open on this case" : "No challenge is waiting for your answer", isError: false)
            return
        }
        let positions = items.indices.filter {
            open.contains(CaseReview.itemKey(keyQuestion: items[$0].keyQuestion, prompt: items[$0].prompt))
        }
        guard let target = positions.first(where: { $0 > cursor }) ?? positions.first else {
            context.status = StatusLine(
                text:
                    "The open challenges are on items this case does not show (\(open.sorted(by: numberingOrder).joined(separator: ", ")))",
                isError: true)
            return
        }
        cursor = target
        let key = CaseReview.itemKey(keyQuestion: items[target].keyQuestion, prompt: items[target].prompt)
        context.status = StatusLine(
            text: "Challenge \((positions.firstIndex(of: target) ?? 0) + 1) of \(positions.count): \(key). r reply, A mark answered",
            isError: false)
    }

    // MARK: - Search

    /// Moves to the next (or previous) item after the cursor whose question or prompt text or note
    /// holds `query` (case and diacritics ignored), wrapping around; the status line says which
    /// match of how many it is ("\"risk\": match 2 of 5").
    mutating func search(_ query: String, backwards: Bool, inputs: MarkingInputs, context: inout ScreenContext) {
        let needle = Chrome.folded(query)
        guard !needle.isEmpty else { return }
        func matches(_ text: String) -> Bool { Chrome.folded(text).contains(needle) }
        let items = inputs.items
        let file = inputs.file
        let hits = items.indices.filter { index in
            let item = items[index]
            guard let question = inputs.framework.keyQuestion(item.keyQuestion) else { return false }
            let text = item.prompt.flatMap { question.prompt($0)?.text } ?? (question.number + " " + question.text)
            let answer = file.answers[item.keyQuestion]
            let note = item.prompt.map { answer?.promptNotes[$0] ?? "" } ?? (answer?.note ?? "")
            return matches(text) || (!note.isEmpty && matches(note))
        }
        guard let (target, place) = Chrome.nextHit(hits, after: cursor, backwards: backwards) else {
            context.status = StatusLine(text: "No match for \"\(query)\"", isError: true)
            return
        }
        cursor = target
        context.status = StatusLine(text: "\"\(query)\": match \(place) of \(hits.count) (/ Enter: the next)", isError: false)
    }
}
