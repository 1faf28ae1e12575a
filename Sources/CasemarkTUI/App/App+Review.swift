import CasemarkCore

/// The reviewer's side of the marking screen: verdicts and comments on items, return and
/// sign-off. The inspector's answers stay as they are: `change` refuses anything else.
extension App {
    mutating func handleReviewMarking(_ key: Key) -> [Effect] {
        guard let file = markingCase else { return [] }
        guard let action = KeyMap.review.action(for: key) else {
            if let marking = KeyMap.marking.action(for: key), marking.changesCase {
                status = StatusLine(text: Self.reviewRefusal, isError: true)
            }
            return []
        }
        let itemKey = currentItem.map { CaseReview.itemKey(keyQuestion: $0.keyQuestion, prompt: $0.prompt) }
        switch action {
        case .agree:
            guard let itemKey else { return [] }
            return updateReview(of: file) { review in
                review.items[itemKey, default: ReviewItem()].verdict = .agree
            }
        case .challenge:
            guard let itemKey else { return [] }
            prompt = .reviewComment(
                item: itemKey, verdict: .challenge, field: TextField(file.review.items[itemKey]?.comment ?? "", limit: 20_000))
        case .comment:
            guard let itemKey else { return [] }
            prompt = .reviewComment(item: itemKey, verdict: nil, field: TextField(file.review.items[itemKey]?.comment ?? "", limit: 20_000))
        case .clearReview:
            guard let itemKey else { return [] }
            return updateReview(of: file) { $0.items[itemKey] = nil }
        case .returnCase:
            prompt = .reviewOutcome(kind: .returned, field: TextField(limit: 20_000))
        case .signOff:
            prompt = .reviewOutcome(kind: .signedOff, field: TextField(limit: 20_000))
        case .reopenReview:
            guard let last = file.review.outcome, last.kind != .reopened else {
                status = StatusLine(text: "The review is not signed off or returned: nothing to reopen", isError: false)
                return []
            }
            var outcome = ReviewOutcome(kind: .reopened, by: session.user, date: session.today(), answersDigest: file.answersDigest)
            outcome.historyLength = file.history.count
            status = StatusLine(
                text: "Review reopened (the \(last.kind == .signedOff ? "sign-off" : "return") stays in the record)", isError: false)
            return updateReview(of: file) { $0.record(outcome) }
        case .nextChallenge:
            jumpToNextChallenge(in: file, items: markingItems)
        case .history:
            showHistory(of: file)
        default:
            // Moving, search, panel and help work as for the inspector.
            let saved = session.role
            session.role = .inspector
            defer { session.role = saved }
            return handleMarking(key)
        }
        return []
    }

    /// Applies a change to the review of `file`, stamping the items it touches with the reviewer.
    mutating func updateReview(of file: CaseFile, _ update: (inout CaseReview) -> Void) -> [Effect] {
        var updated = file
        update(&updated.review)
        let stamp = session.timestamp()
        for (key, item) in updated.review.items where item != file.review.items[key] {
            updated.review.items[key]?.by = session.user
            updated.review.items[key]?.at = stamp
            // A reviewer who looks again settles the inspector's "answered".
            updated.review.items[key]?.answered = nil
        }
        updated.review.items = updated.review.items.filter { !$0.value.isEmpty }
        return change(updated, recordUndo: false)
    }

    /// Handles a key in the review comment or outcome prompt.
    mutating func handleReviewPrompt(_ prompt: Prompt, _ key: Key) -> [Effect] {
        let width = max(10, size.width - 4)
        switch prompt {
        case .reviewComment(let itemKey, let verdict, var field):
            if key == .escape {
                self.prompt = nil
                status = StatusLine(text: "Review not changed", isError: false)
                return []
            }
            if key == .enter {
                let text = field.text.trimmingCharacters(in: .whitespacesAndNewlines)
                if verdict == .challenge && text.isEmpty {
                    status = StatusLine(text: "A challenge needs a comment saying why", isError: true)
                    return []
                }
                self.prompt = nil
                guard let file = markingCase else { return [] }
                return updateReview(of: file) { review in
                    var item = review.items[itemKey] ?? ReviewItem()
                    if let verdict { item.verdict = verdict }
                    item.comment = text.isEmpty ? nil : text
                    review.items[itemKey] = item
                }
            }
            if field.handle(key, wrapWidth: width) { self.prompt = .reviewComment(item: itemKey, verdict: verdict, field: field) }
            return []
        case .reviewOutcome(let kind, var field):
            if key == .escape {
                self.prompt = nil
                status = StatusLine(text: kind == .signedOff ? "Not signed off" : "Not returned", isError: false)
                return []
            }
            if key == .enter {
                let text = field.text.trimmingCharacters(in: .whitespacesAndNewlines)
                if kind == .returned && text.isEmpty {
                    status = StatusLine(text: "Returning a case needs a summary for the inspector", isError: true)
                    return []
                }
                self.prompt = nil
                guard let file = markingCase else { return [] }
                let open = file.review.challenges.map(\.key)
                if kind == .signedOff && !open.isEmpty {
                    overlay = .confirmSignOff(summary: text.isEmpty ? nil : text, open: open)
                    return []
                }
                return recordOutcome(kind, summary: text.isEmpty ? nil : text, openChallenges: [])
            }
            if field.handle(key, wrapWidth: width) { self.prompt = .reviewOutcome(kind: kind, field: field) }
            return []
        default:
            return []
        }
    }

    /// Adds a return or sign-off after the case's earlier outcomes.
    mutating func recordOutcome(_ kind: ReviewOutcome.Kind, summary: String?, openChallenges: [String]) -> [Effect] {
        guard let file = markingCase else { return [] }
        var outcome = ReviewOutcome(
            kind: kind, by: session.user, date: session.today(), summary: summary, answersDigest: file.answersDigest)
        outcome.historyLength = file.history.count
        outcome.openChallenges = openChallenges
        let effects = updateReview(of: file) { $0.record(outcome) }
        if !openChallenges.isEmpty {
            status = StatusLine(text: "Signed off with \(openChallenges.count) challenge(s) open, recorded as such", isError: false)
        }
        return effects
    }

    /// The inspector's reply prompt: Enter adds the reply to the item's conversation.
    mutating func handleReplyPrompt(item itemKey: String, field: TextField, _ key: Key) -> [Effect] {
        var field = field
        if key == .escape {
            prompt = nil
            status = StatusLine(text: "No reply sent", isError: false)
            return []
        }
        if key == .enter {
            let text = field.text.trimmingCharacters(in: .whitespacesAndNewlines)
            prompt = nil
            guard !text.isEmpty, var file = markingCase else { return [] }
            file.review.items[itemKey, default: ReviewItem()].replies.append(
                ReviewReply(by: session.user, at: session.timestamp(), text: text))
            status = StatusLine(text: "Reply on \(itemKey) saved for the reviewer", isError: false)
            return change(file, recordUndo: false)
        }
        if field.handle(key, wrapWidth: max(10, size.width - 4)) { prompt = .reply(item: itemKey, field: field) }
        return []
    }

    /// The case's history, newest first, marking what changed since the last review outcome.
    mutating func showHistory(of file: CaseFile) {
        guard !file.history.isEmpty else {
            overlay = .message(title: "History of case \(file.ref)", lines: ["No answer of this case has changed yet."])
            return
        }
        let since = file.review.outcome?.historyLength
        var lines: [String] = []
        for (index, entry) in file.history.enumerated().reversed() {
            if let since, index == since - 1, let outcome = file.review.outcome {
                lines.append("—— \(outcome.kind == .signedOff ? "signed off" : "returned") by \(outcome.by) on \(outcome.date) ——")
            }
            lines.append(TerminalText.escaped(entry.summary))
        }
        let changedSince = since.map { start in file.history.dropFirst(start).count { $0.field != .review } }
        overlay = .message(
            title: "History of case \(file.ref)" + (changedSince.map { " · \($0) change(s) since the last review" } ?? ""),
            lines: lines)
    }

    /// How the review stands, for headers: empty when not reviewed.
    func reviewSummary(_ file: CaseFile) -> String {
        switch file.reviewStatus {
        case .notReviewed: return ""
        case .inReview:
            let open = file.review.unansweredChallenges.count
            return "in review" + (open > 0 ? " · \(open) challenge(s) to answer (!)" : "")
        case .returned:
            let open = file.review.unansweredChallenges.count
            return "RETURNED by \(file.review.outcome?.by ?? "?")" + (file.review.outcome?.summary.map { ": " + $0 } ?? "")
                + (open > 0 ? " · \(open) challenge(s) to answer (!)" : "")
        case .signedOff: return "signed off by \(file.review.outcome?.by ?? "?") \(file.review.outcome?.date ?? "")"
        case .outOfDate: return "SIGN-OFF OUT OF DATE: answers changed since"
        }
    }
}
