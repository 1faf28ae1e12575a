import CasemarkCore

/// Routing to the marking screen's model (`MarkingScreen`), and the ends of the prompts it opens
/// (a note, a reviewer's comment or outcome, the inspector's reply), which change the case the
/// screens share.
extension App {
    /// What the marking screen reads, built once for an event: nil when no case is open.
    func markingInputs() -> MarkingInputs? {
        guard let framework, let folder, let tally, let file = markingCase else { return nil }
        return MarkingInputs(
            framework: framework, file: file, isReviewing: isReviewing, session: session, readOnlyReason: readOnlyReason(ref: file.ref),
            tally: tally, inspection: folder.inspection)
    }

    /// Opens the marking screen on a case, at its first unanswered item.
    public mutating func openMarking(_ ref: String) {
        marking.open(ref, in: cases, framework: framework, isReviewing: isReviewing)
        mode = .marking
        // A reviewer takes no lock, so no lock's answer shows them: their own words on what the
        // framework no longer has are shown as the case opens.
        if isReviewing { showOrphans(ref: ref, drift: nil) }
    }

    /// Sends an event to the marking screen, and carries out what it asks for: the changed case,
    /// the details form, or going back to the case list at the case.
    mutating func routeToMarking(_ event: ScreenEvent) -> [Effect] {
        var changes: [SharedChange] = []
        var request: ScreenRequest?
        var leave = false
        var effects: [Effect] = []
        let ref: String
        do {
            // The inputs end here, before the changes are made: they hold the tally, which a
            // change updates in place (a copy left alive would make each answer copy it).
            guard let inputs = markingInputs() else { return [] }
            ref = inputs.file.ref
            // Taken out while it updates, so its undo stacks are not copied.
            var screen = marking
            marking = MarkingScreen()
            effects = withScreenContext { context in
                let effects = screen.update(event, inputs: inputs, context: &context)
                changes = context.changes
                request = context.request
                leave = context.leave
                return effects
            }
            marking = screen
        }
        return effects + carryOut(changes: changes, request: request, leave: leave, ref: ref)
    }

    private mutating func carryOut(changes: [SharedChange], request: ScreenRequest?, leave: Bool, ref: String) -> [Effect] {
        var effects: [Effect] = []
        for case .replaceCase(let file, let recordUndo) in changes {
            effects += change(file, recordUndo: recordUndo)
        }
        if leave {
            mode = .caseList
            if let index = listedCases.firstIndex(where: { $0.ref == ref }) { caseCursor = index }
        }
        if case .editDetails(let ref) = request { startDetails(editing: ref) }
        return effects
    }

    /// Stores the note typed for the highlighted item.
    mutating func saveNote(_ text: String) -> [Effect] {
        guard let inputs = markingInputs(), let file = marking.noted(text, inputs: inputs) else { return [] }
        return change(file)
    }

    /// How the review of a case stands, for headers: empty when not reviewed.
    func reviewSummary(_ file: CaseFile) -> String { MarkingScreen.reviewSummary(file) }

    /// Applies a change to the review of `file`, stamping the items it touches with the reviewer.
    mutating func updateReview(of file: CaseFile, _ update: (inout CaseReview) -> Void) -> [Effect] {
        change(MarkingScreen.reviewed(file, session: session, update), recordUndo: false)
    }

    /// Handles a key in the review comment or outcome prompt.
    mutating func handleReviewPrompt(_ prompt: Prompt, _ key: Key) -> [Effect] {
        switch prompt {
        case .reviewComment(let itemKey, let verdict, let field):
            return textPrompt(
                field, key, cancelled: "Review not changed", keep: { .reviewComment(item: itemKey, verdict: verdict, field: $0) }
            ) { app, text in
                let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
                if verdict == .challenge && text.isEmpty {
                    app.status = StatusLine(text: "A challenge needs a comment saying why", isError: true)
                    return []
                }
                app.prompt = nil
                guard let file = app.markingCase else { return [] }
                return app.updateReview(of: file) { review in
                    var item = review.items[itemKey] ?? ReviewItem()
                    if let verdict { item.verdict = verdict }
                    item.comment = text.isEmpty ? nil : text
                    review.items[itemKey] = item
                }
            }
        case .reviewOutcome(let kind, let field):
            return textPrompt(
                field, key, cancelled: kind == .signedOff ? "Not signed off" : "Not returned",
                keep: { .reviewOutcome(kind: kind, field: $0) }
            ) { app, text in
                let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
                if kind == .returned && text.isEmpty {
                    app.status = StatusLine(text: "Returning a case needs a summary for the inspector", isError: true)
                    return []
                }
                app.prompt = nil
                let summary = text.isEmpty ? nil : text
                return kind == .signedOff
                    ? app.signOff(summary: summary, asked: nil) : app.recordOutcome(kind, summary: summary, openChallenges: nil)
            }
        default:
            return []
        }
    }

    /// Signs off the case being marked as it is now, asking first when challenges are open or
    /// its inspector has not marked it complete (a reviewer may sign off what is done).
    ///
    /// `asked` is what the reviewer was shown when asked, nil before: when the case has changed
    /// since (the screen follows the disk) so that a challenge is open the reviewer was not
    /// shown, or the case is no longer complete, it asks again. The sign-off records the
    /// challenges open now.
    mutating func signOff(summary: String?, asked: (open: [String], inProgress: Bool)?) -> [Effect] {
        guard let file = markingCase else { return [] }
        let open = file.review.challenges.map(\.key)
        let inProgress = file.status != .complete
        let askAgain = asked.map { !file.review.challengesOpened(since: $0.open).isEmpty || (inProgress && !$0.inProgress) }
        if askAgain ?? (!open.isEmpty || inProgress) {
            overlay = .confirmSignOff(summary: summary, open: open, inProgress: inProgress)
            if asked != nil { status = StatusLine(text: "Case \(file.ref) changed while you were asked: look again", isError: true) }
            return []
        }
        return recordOutcome(.signedOff, summary: summary, openChallenges: open)
    }

    /// Adds a return or sign-off after the case's earlier outcomes; a sign-off records the
    /// challenges open (`[]` for none), a return nil.
    mutating func recordOutcome(_ kind: ReviewOutcome.Kind, summary: String?, openChallenges: [String]?) -> [Effect] {
        guard let file = markingCase else { return [] }
        let updated = MarkingScreen.withOutcome(kind, summary: summary, openChallenges: openChallenges, of: file, session: session)
        let effects = change(updated, recordUndo: false)
        if let openChallenges, !openChallenges.isEmpty {
            status = StatusLine(text: "Signed off with \(openChallenges.count) challenge(s) open, recorded as such", isError: false)
        }
        return effects
    }

    /// The inspector's reply prompt: Enter adds the reply to the item's conversation.
    mutating func handleReplyPrompt(item itemKey: String, field: TextField, _ key: Key) -> [Effect] {
        textPrompt(field, key, cancelled: "No reply sent", keep: { .reply(item: itemKey, field: $0) }) { app, text in
            let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
            app.prompt = nil
            guard !text.isEmpty, var file = app.markingCase else { return [] }
            file.review.items[itemKey, default: ReviewItem()].replies.append(
                ReviewReply(by: app.session.user, at: app.session.timestamp(), text: text))
            app.status = StatusLine(text: "Reply on \(itemKey) saved for the reviewer", isError: false)
            return app.change(file, recordUndo: false)
        }
    }
}
