import CasemarkCore

extension App {
    mutating func handleMarking(_ key: Key) -> [Effect] {
        if isReviewing { return handleReviewMarking(key) }
        guard let file = markingCase, let outline, let action = KeyMap.marking.action(for: key) else { return [] }
        let items = outline.items(for: file)
        if action.changesCase, refuseIfReadOnly(file.ref) { return [] }
        switch action {
        case .quit:
            mode = .caseList
            if let index = listedCases.firstIndex(where: { $0.ref == file.ref }) { caseCursor = index }
        case .help: overlay = .help(.marking, offset: 0)
        case .about: overlay = .about(offset: 0)
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
                let standardIndex = outline.standards.firstIndex(where: {
                    $0.number == framework.standard(ofKeyQuestion: current.keyQuestion)?.number
                })
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
            // A complete case's answers stay as they are; undoing the completion itself is fine.
            if file.status == .complete && previous.status == .complete {
                status = StatusLine(text: "This case is complete: press c to reopen it before changing answers", isError: true)
                return []
            }
            undoStacks[file.ref] = stack
            // Undo brings back answers, notes, status and details; never an older review.
            var restored = previous
            restored.review = file.review
            let undone = file.changes(to: restored, by: "", at: "")
            if let first = undone.first {
                let more = undone.count > 1 ? " (and \(undone.count - 1) more)" : ""
                let subject = first.item.isEmpty ? first.field.rawValue : "\(first.item) \(first.field.rawValue)"
                changeNote = TerminalText.escaped("Undid \(subject): \(first.old ?? "open") → \(first.new ?? "open")\(more)")
                // The cursor goes where the change was.
                let keyQuestion = String(first.item.split(separator: "/").first ?? "")
                let letter = first.item.split(separator: "/").dropFirst().first.map(String.init)
                if let index = items.firstIndex(where: { $0.keyQuestion == keyQuestion && $0.prompt == letter }) {
                    markingCursor = index
                }
            }
            return change(restored, recordUndo: false)
        case .search:
            prompt = .search(TextField())
        case .complete:
            var updated = file
            if file.status == .complete {
                updated.status = .inProgress
                changeNote = "Case \(file.ref) reopened: its answers can be changed"
                return change(updated)
            }
            let missing = outline.unanswered(in: file)
            if let framework, let undecided = framework.deciding(file).first {
                overlay = .message(
                    title: "Not complete: the inspector's \(undecided.classification.label.lowercased()) judgement is not recorded",
                    lines: [
                        "It decides whether \(undecided.keyQuestions.joined(separator: ", ")) apply to this case (the framework's sub-samples).",
                        "Record it in the case details (d), then complete the case.",
                    ])
                return []
            }
            if let framework, case let missingDetails = framework.missingRequired(file), !missingDetails.isEmpty {
                overlay = .message(
                    title: "Not complete: \(missingDetails.count) required case detail(s) not recorded",
                    lines: ["Record these in the case details (d), then complete the case:"]
                        + missingDetails.map { "  " + TerminalText.escaped($0.label) })
                return []
            }
            if !file.conflicts.isEmpty {
                overlay = .message(
                    title: "Not complete: \(file.conflicts.count) merge conflict(s) to resolve first (M)",
                    lines: file.conflicts.map(\.summary))
                return []
            }
            if !missing.isEmpty {
                overlay = .message(
                    title: "Not complete: \(missing.count) key question(s) still open",
                    lines: ["Answer these, or mark them not applicable:"] + missing)
                return []
            }
            updated.status = .complete
            let judged = outline.progress(of: file)
            changeNote = "Case \(file.ref) complete: \(judged.judged) key question(s) judged"
            return change(updated)
        case .details:
            if file.status == .complete {
                status = StatusLine(text: "This case is complete: press c to reopen it before changing its details", isError: true)
                return []
            }
            startDetails(editing: file.ref)
        case .nextChallenge:
            jumpToNextChallenge(in: file, items: items)
        case .reply:
            guard let item = currentItem else { return [] }
            let key = CaseReview.itemKey(keyQuestion: item.keyQuestion, prompt: item.prompt)
            guard file.review.items[key] != nil else {
                status = StatusLine(text: "The reviewer has written nothing on this item to reply to", isError: false)
                return []
            }
            prompt = .reply(item: key, field: TextField(limit: 20_000))
        case .markAnswered:
            guard let item = currentItem else { return [] }
            let key = CaseReview.itemKey(keyQuestion: item.keyQuestion, prompt: item.prompt)
            guard file.review.items[key]?.verdict == .challenge else {
                status = StatusLine(text: "No challenge on this item", isError: false)
                return []
            }
            var updated = file
            let answered = file.review.items[key]?.answered == nil
            updated.review.items[key]?.answered = answered ? ReviewStamp(by: session.user, at: session.timestamp()) : nil
            status = StatusLine(
                text: answered ? "Challenge on \(key) marked answered: the reviewer sees it" : "Challenge on \(key) open again",
                isError: false)
            return change(updated, recordUndo: false)
        case .resolveConflict:
            startResolvingConflict(file)
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

extension App {
    /// Moves to the next challenge the inspector has not answered, after the cursor (wrapping).
    mutating func jumpToNextChallenge(in file: CaseFile, items: [MarkingItem]) {
        let open = Set(isReviewing ? file.review.challenges.map(\.key) : file.review.unansweredChallenges)
        guard !open.isEmpty else {
            status = StatusLine(
                text: isReviewing ? "No challenge is open on this case" : "No challenge is waiting for your answer", isError: false)
            return
        }
        let positions = items.indices.filter {
            open.contains(CaseReview.itemKey(keyQuestion: items[$0].keyQuestion, prompt: items[$0].prompt))
        }
        guard let target = positions.first(where: { $0 > markingCursor }) ?? positions.first else {
            status = StatusLine(
                text:
                    "The open challenges are on items this case does not show (\(open.sorted(by: numberingOrder).joined(separator: ", ")))",
                isError: true)
            return
        }
        markingCursor = target
        let key = CaseReview.itemKey(keyQuestion: items[target].keyQuestion, prompt: items[target].prompt)
        status = StatusLine(
            text: "Challenge \((positions.firstIndex(of: target) ?? 0) + 1) of \(positions.count): \(key). r reply, A mark answered",
            isError: false)
    }
}
