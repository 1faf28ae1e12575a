import CasemarkCore

extension App {
    /// The marking keys that change a case: refused on a read-only one.
    static let changingActions: Set<Action> = [
        .answerYes, .answerNo, .answerNotApplicable, .clearAnswer, .editNote, .undo, .complete, .details,
    ]

    mutating func handleMarking(_ key: Key) -> [Effect] {
        if isReviewing { return handleReviewMarking(key) }
        guard let file = markingCase, let outline, let action = KeyMap.marking.action(for: key) else { return [] }
        let items = outline.items(for: file)
        if Self.changingActions.contains(action), refuseIfReadOnly(file.ref) { return [] }
        switch action {
        case .quit:
            mode = .caseList
            if let index = listedCases.firstIndex(where: { $0.ref == file.ref }) { caseCursor = index }
        case .help: overlay = .help(.marking, offset: 0)
        case .up: markingCursor = max(0, markingCursor - 1)
        case .down: markingCursor = min(max(0, items.count - 1), markingCursor + 1)
        case .top: markingCursor = 0
        case .bottom: markingCursor = max(0, items.count - 1)
        case .nextKeyQuestion, .previousKeyQuestion:
            let current = currentItem?.keyQuestion
            let numbers = uniqueKeyQuestions(items)
            guard let position = numbers.firstIndex(where: { $0 == current }) else { return [] }
            let target = action == .nextKeyQuestion ? min(numbers.count - 1, position + 1) : max(0, position - 1)
            markingCursor = items.firstIndex { $0.keyQuestion == numbers[target] } ?? markingCursor
        case .nextStandard, .previousStandard:
            guard let current = currentItem, let framework,
                let standardIndex = outline.standards.firstIndex(where: { $0.number == framework.standard(ofKeyQuestion: current.keyQuestion)?.number })
            else { return [] }
            let step = action == .nextStandard ? 1 : -1
            var target = standardIndex + step
            while outline.standards.indices.contains(target) {
                let numbers = Set(outline.standards[target].keyQuestions.map(\.number))
                if let index = items.firstIndex(where: { numbers.contains($0.keyQuestion) }) {
                    markingCursor = index
                    break
                }
                target += step
            }
        case .firstUnanswered:
            if let index = items.firstIndex(where: { !isAnswered($0, in: file) }) {
                markingCursor = index
            } else {
                status = StatusLine(text: "Every item of this case is answered", isError: false)
            }
        case .answerYes: return answer(.yes, items: items)
        case .answerNo: return answer(.no, items: items)
        case .answerNotApplicable: return answer(.na, items: items)
        case .clearAnswer: return answer(nil, items: items)
        case .editNote:
            guard let item = currentItem else { return [] }
            let answer = file.answers[item.keyQuestion]
            let text = item.prompt.map { answer?.promptNotes[$0] ?? "" } ?? (answer?.note ?? "")
            // Room to extend the longest note a case will meet (a megabyte pasted from a record)
            // while a runaway paste still stops somewhere.
            prompt = .note(TextField(text, limit: max(TextField.noteLimit, text.count + 4_096)))
        case .undo:
            guard var stack = undoStacks[file.ref], let previous = stack.popLast() else {
                status = StatusLine(text: "Nothing to undo", isError: false)
                return []
            }
            undoStacks[file.ref] = stack
            status = StatusLine(text: "Undone", isError: false)
            // Undo brings back answers, notes, status and details; never an older review.
            var restored = previous
            restored.review = file.review
            return change(restored, recordUndo: false)
        case .search:
            prompt = .search(TextField())
        case .complete:
            var updated = file
            if file.status == .complete {
                updated.status = .inProgress
                return change(updated)
            }
            let missing = outline.unanswered(in: file)
            if !missing.isEmpty {
                overlay = .message(
                    title: "Not complete: \(missing.count) key question(s) still open",
                    lines: ["Answer these, or mark them not applicable:"] + missing)
                return []
            }
            updated.status = .complete
            return change(updated)
        case .details:
            startDetails(editing: file.ref)
        case .history:
            showHistory(of: file)
        case .whatIf:
            showWhatIf()
        case .togglePanel:
            panelExpanded.toggle()
        default:
            break
        }
        return []
    }

    private func uniqueKeyQuestions(_ items: [MarkingItem]) -> [String] {
        var seen = Set<String>()
        return items.map(\.keyQuestion).filter { seen.insert($0).inserted }
    }

    /// Answers the highlighted prompt or judgement and moves to the next item.
    private mutating func answer(_ judgement: Judgement?, items: [MarkingItem]) -> [Effect] {
        guard var file = markingCase, let item = currentItem else { return [] }
        if file.status == .complete {
            status = StatusLine(text: "This case is complete: press c to reopen it before changing answers", isError: true)
            return []
        }
        var answer = file.answers[item.keyQuestion] ?? Answer()
        if let letter = item.prompt {
            answer.prompts[letter] = judgement
        } else {
            answer.judgement = judgement
        }
        file.answers[item.keyQuestion] = answer.isEmpty ? nil : answer
        let effects = change(file)
        if judgement != nil {
            // Move on; prompts of a key question judged not applicable need no answer: skip them.
            var next = markingCursor + 1
            while items.indices.contains(next), items[next].prompt != nil,
                file.answers[items[next].keyQuestion]?.judgement == .na
            {
                next += 1
            }
            markingCursor = min(max(0, items.count - 1), next)
        }
        return effects
    }

    /// Stores the note typed for the highlighted item.
    mutating func saveNote(_ text: String) -> [Effect] {
        guard var file = markingCase, let item = currentItem else { return [] }
        var answer = file.answers[item.keyQuestion] ?? Answer()
        let value = text.isEmpty ? nil : text
        if let letter = item.prompt {
            answer.promptNotes[letter] = value
        } else {
            answer.note = value
        }
        file.answers[item.keyQuestion] = answer.isEmpty ? nil : answer
        return change(file)
    }
}
