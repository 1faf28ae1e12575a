import CasemarkCore

/// The reviewer's side of the marking screen: verdicts and comments on items, return and
/// sign-off. The inspector's answers stay as they are: the app's `change` refuses anything else.
extension MarkingScreen {
    /// A key of the marking screen in review mode.
    mutating func updateReview(_ key: Key, inputs: MarkingInputs, context: inout ScreenContext) {
        let file = inputs.file
        guard let action = KeyMap.review.action(for: key) else {
            if let marking = KeyMap.marking.action(for: key), marking.changesCase {
                context.status = StatusLine(text: App.reviewRefusal, isError: true)
            }
            return
        }
        let itemKey = current(inputs.items).map { CaseReview.itemKey(keyQuestion: $0.keyQuestion, prompt: $0.prompt) }
        switch action {
        case .agree:
            guard let itemKey else { return }
            let updated = Self.reviewed(file, session: inputs.session) { review in
                review.items[itemKey, default: ReviewItem()].verdict = .agree
            }
            context.changes.append(.replaceCase(updated, recordUndo: false))
        case .challenge:
            guard let itemKey else { return }
            context.prompt = .reviewComment(
                item: itemKey, verdict: .challenge, field: TextField(file.review.items[itemKey]?.comment ?? "", limit: 20_000))
        case .comment:
            guard let itemKey else { return }
            context.prompt = .reviewComment(
                item: itemKey, verdict: nil, field: TextField(file.review.items[itemKey]?.comment ?? "", limit: 20_000))
        case .clearReview:
            guard let itemKey else { return }
            context.changes.append(
                .replaceCase(Self.reviewed(file, session: inputs.session) { $0.items[itemKey] = nil }, recordUndo: false))
        case .returnCase:
            context.prompt = .reviewOutcome(kind: .returned, field: TextField(limit: 20_000))
        case .signOff:
            context.prompt = .reviewOutcome(kind: .signedOff, field: TextField(limit: 20_000))
        case .reopenReview:
            guard let last = file.review.outcome, last.kind != .reopened else {
                context.status = StatusLine(text: "The review is not signed off or returned: nothing to reopen", isError: false)
                return
            }
            let session = inputs.session
            var outcome = ReviewOutcome(kind: .reopened, by: session.user, date: session.today(), answersDigest: file.answersDigest)
            outcome.historyLength = file.history.count
            context.status = StatusLine(
                text: "Review reopened (the \(last.kind == .signedOff ? "sign-off" : "return") stays in the record)", isError: false)
            context.changes.append(.replaceCase(Self.reviewed(file, session: session) { $0.record(outcome) }, recordUndo: false))
        case .nextChallenge:
            jumpToNextChallenge(inputs: inputs, context: &context)
        case .history:
            context.overlay = Self.history(of: file)
        default:
            // Moving, search, panel and help work as for the inspector.
            var asInspector = inputs
            asInspector.isReviewing = false
            updateMarking(key, inputs: asInspector, context: &context)
        }
    }

    /// `file` with its review changed by `update`, the items it touches stamped with the reviewer.
    static func reviewed(_ file: CaseFile, session: Session, _ update: (inout CaseReview) -> Void) -> CaseFile {
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
        return updated
    }

    /// `file` with a return or sign-off added after its earlier outcomes.
    static func withOutcome(
        _ kind: ReviewOutcome.Kind, summary: String?, openChallenges: [String]?, of file: CaseFile, session: Session
    ) -> CaseFile {
        var outcome = ReviewOutcome(
            kind: kind, by: session.user, date: session.today(), summary: summary, answersDigest: file.answersDigest)
        outcome.historyLength = file.history.count
        outcome.openChallenges = openChallenges
        return reviewed(file, session: session) { $0.record(outcome) }
    }

    /// The case's history, newest first, with every review outcome where it came (who, when,
    /// what it said), and how much changed since the last one.
    static func history(of file: CaseFile) -> App.Overlay {
        guard !file.history.isEmpty || !file.review.outcomes.isEmpty else {
            return .message(title: "History of case \(file.ref)", lines: ["No answer of this case has changed yet."])
        }
        // The outcomes after each count of entries, newest first; those that did not record it on top.
        var outcomesAfter: [Int: [ReviewOutcome]] = [:]
        for outcome in file.review.outcomes.reversed() {
            let after = min(max(outcome.historyLength ?? file.history.count, 0), file.history.count)
            outcomesAfter[after, default: []].append(outcome)
        }
        var lines: [String] = []
        for count in stride(from: file.history.count, through: 0, by: -1) {
            lines += (outcomesAfter[count] ?? []).map(outcomeMarker)
            if count > 0 { lines.append(TerminalText.escaped(file.history[count - 1].summary)) }
        }
        // A count from a hand edit may be negative: nothing from the file stops the screen.
        let since = file.review.outcome?.historyLength.map { max($0, 0) }
        let changedSince = since.map { start in file.history.dropFirst(start).count { $0.field != .review } }
        return .message(
            title: "History of case \(file.ref)" + (changedSince.map { " · \($0) change(s) since the last review" } ?? ""),
            lines: lines)
    }

    /// A review outcome as a line of the history: "—— signed off by Pat on 2026-11-23 over
    /// 1 open challenge (2.1.2): Good case ——".
    static func outcomeMarker(_ outcome: ReviewOutcome) -> String {
        let done =
            switch outcome.kind {
            case .signedOff: "signed off"
            case .returned: "returned"
            case .reopened: "review reopened"
            }
        let open = outcome.openChallenges.flatMap { open in
            open.isEmpty ? nil : " over \(open.count) open challenge\(open.count == 1 ? "" : "s") (\(open.joined(separator: ", ")))"
        }
        let unplaced = outcome.historyLength == nil ? " (its place in the history not recorded)" : ""
        let said = outcome.summary.map { ": " + $0 } ?? ""
        return TerminalText.escaped("—— \(done) by \(outcome.by) on \(outcome.date)\(open ?? "")\(unplaced)\(said) ——")
    }

    /// How the review stands, for headers: empty when not reviewed.
    ///
    /// `status` is `file.reviewStatus`, when the caller has it.
    static func reviewSummary(_ file: CaseFile, status: ReviewStatus? = nil) -> String {
        switch status ?? file.reviewStatus {
        case .notReviewed: return ""
        case .inReview:
            let open = file.review.unansweredChallenges.count
            var since = ""
            if let outcome = file.review.outcome, outcome.kind == .signedOff, let asked = outcome.openChallenges {
                let opened = file.review.challengesOpened(since: asked)
                since = " · sign-off challenged: \(opened.joined(separator: ", "))"
            }
            return "in review" + since + (open > 0 ? " · \(open) challenge(s) to answer (!)" : "")
        case .returned:
            let open = file.review.unansweredChallenges.count
            return "RETURNED by \(file.review.outcome?.by ?? "?")" + (file.review.outcome?.summary.map { ": " + $0 } ?? "")
                + (open > 0 ? " · \(open) challenge(s) to answer (!)" : "")
        case .signedOff:
            return "signed off by \(file.review.outcome?.by ?? "?") \(file.review.outcome?.date ?? "")"
                + (file.review.outcome?.summary.map { ": " + $0 } ?? "")
        case .outOfDate: return "SIGN-OFF OUT OF DATE: answers changed since"
        }
    }
}
