import CasemarkCore
import Foundation

extension App {
    /// Applies one key or event and returns what the runner must do.
    public mutating func handle(_ key: Key) -> [Effect] {
        // What the last change moved shows until the next key; the trainer view, opened by that
        // key, takes it with it.
        let movedBeforeKey = movement
        if key != .tick {
            changeNote = nil
            movement = nil
        }
        switch key {
        case .resize(let width, let height):
            size = (width, height)
            let wrapWidth = promptWidth
            _ = withPromptField { $0.wrap(to: wrapWidth) }
            return []
        case .redraw:
            return []
        case .tick:
            return folder == nil ? [] : [.checkDisk(force: false)]
        case .control("l"):
            // As in most terminal programs, Ctrl-L redraws; here it also reads the folder again.
            return folder == nil ? [] : [.checkDisk(force: true)]
        default:
            break
        }
        if size.width < Layout.minimumWidth || size.height < Layout.minimumHeight {
            // Only quitting works on a screen too small to draw on.
            return key == .character("q") || key == .control("c") ? [.quit] : []
        }
        if case .paste(let text) = key { return handlePaste(text) }
        if case .mouse(let event, let x, let y) = key { return handleMouse(event, x: x, y: y) }
        if key == .control("c"), !overlayIsDiscardQuestion {
            // Ctrl-C quits (as a terminating signal does), but never throws typing away unasked.
            guard prompt?.hasUnsavedTyping == true else { return [.interrupt] }
            overlay = .confirmDiscard(quitting: true)
            return []
        }
        if key == .control("j"), overlay == nil, prompt?.allowsLineBreaks != true {
            // Ctrl-J is a new line in a note; where there are no lines it is Enter (LF), as it was.
            return handle(.enter)
        }
        if let overlay {
            return handleOverlay(overlay, key)
        }
        // Retrying saves: Ctrl-S, or S while something is unsaved (otherwise S is the reviewer's
        // sign-off). S exists because many terminals take Ctrl-S for flow control.
        if prompt == nil && [.caseList, .marking, .ratings].contains(mode)
            && (key == .control("s") || (key == .character("S") && hasUnsavedChanges))
        {
            return retrySaves()
        }
        if key == .escape, prompt?.hasUnsavedTyping == true {
            overlay = .confirmDiscard(quitting: false)
            return []
        }
        if key != .escape, key != .enter, editPromptInPlace(key) { return [] }
        if let prompt {
            return handlePrompt(prompt, key)
        }
        let trainerKey =
            mode == .caseList
            ? KeyMap.caseList.action(for: key) == .trainer
            : mode == .marking ? (isReviewing ? KeyMap.review : KeyMap.marking).action(for: key) == .trainer : false
        if trainerKey {
            openTrainer(moved: movedBeforeKey)
            return []
        }
        switch mode {
        case .setup:
            let frameworks = frameworks
            var screen = setup
            let effects = withScreenContext { screen.update(.key(key), frameworks: frameworks, context: &$0) }
            setup = screen
            return effects
        case .caseList: return routeToCaseList(.key(key))
        case .details: return routeToDetails(.key(key))
        case .marking: return routeToMarking(.key(key))
        case .ratings: return routeToRatings(.key(key))
        case .browse: return routeToBrowse(.key(key))
        case .trainer: return routeToTrainer(.key(key))
        }
    }

    // MARK: - Overlays and prompts

    /// Sends a key to the overlay showing, and carries out what its answer asks.
    private mutating func handleOverlay(_ overlay: Overlay, _ key: Key) -> [Effect] {
        let answer = withScreenContext { overlay.update(.key(key), context: &$0) }
        switch answer {
        case nil:
            return []
        case .removeCase(let ref):
            return [.removeCase(ref: ref)]
        case .dropOrphans(let ref):
            return dropOrphans(ref: ref)
        case .signOff(let summary, let open, let inProgress):
            return signOff(summary: summary, asked: (open, inProgress))
        case .takeVersion(let index, let version):
            return takeVersion(conflict: index, version: version)
        case .restoreRecovery, .discardRecovery, .keepRecovery:
            return handleRecoveryChoice(answer)
        case .discardTyping(let quitting):
            var effects: [Effect] = []
            if let prompt { effects = handlePrompt(prompt, .escape) }
            prompt = nil
            status = StatusLine(text: "Discarded what you typed", isError: false)
            return quitting ? effects + [.interrupt] : effects
        }
    }

    private var overlayIsDiscardQuestion: Bool {
        if case .confirmDiscard = overlay { return true }
        return false
    }

    /// Pasted text goes into the text being typed (a prompt, the setup or details form's field),
    /// all of it as text: none of it runs as keys.
    ///
    /// Anywhere else it is ignored, and the status line says so.
    mutating func handlePaste(_ text: String) -> [Effect] {
        if overlay == nil {
            let lineBreaks = prompt?.allowsLineBreaks ?? false
            let width = promptWidth
            if withPromptField({ $0.insert(text, lineBreaks: lineBreaks, wrapWidth: width) }) { return [] }
            if mode == .setup, setup.paste(text) { return [] }
            if mode == .details, detailsForm.paste(text, framework: framework) { return [] }
        }
        let hint: String
        switch mode {
        case .marking: hint = isReviewing ? "open a comment (c) first" : "open a note (e) first"
        case .ratings: hint = "open the evidence (e) first"
        case .details: hint = "move to a text field first"
        default: hint = "it goes only into a text being typed (a note, a comment, a search)"
        }
        status = StatusLine(text: "Pasted text ignored: " + hint, isError: true)
        return []
    }

    /// The wheel moves as ↑ and ↓ do (three rows a turn; scrolls a help screen); a click selects
    /// the row under it on the case list, the ratings screen and in browse, and the answer cell
    /// (prompt or judgement) or key question under it on the marking screen.
    ///
    /// Ignored while typing.
    mutating func handleMouse(_ event: Key.MouseEvent, x: Int, y: Int) -> [Effect] {
        guard prompt == nil else { return [] }
        switch event {
        case .wheelUp, .wheelDown:
            switch overlay {
            case nil, .help, .about: break
            default: return []
            }
            var effects: [Effect] = []
            for _ in 0..<3 { effects += handle(event == .wheelUp ? .up : .down) }
            return effects
        case .click:
            guard overlay == nil else { return [] }
            switch mode {
            case .caseList:
                return routeToCaseList(.click(x: x, y: y))
            case .ratings:
                return routeToRatings(.click(x: x, y: y))
            case .browse:
                return routeToBrowse(.click(x: x, y: y))
            case .trainer:
                return routeToTrainer(.click(x: x, y: y))
            case .marking:
                return routeToMarking(.click(x: x, y: y))
            default:
                break
            }
            return []
        }
    }

    /// Ctrl-J in a text that holds lines: a line break at the cursor.
    private mutating func insertLineBreak() -> Bool {
        guard prompt?.allowsLineBreaks == true else { return false }
        let width = promptWidth
        return withPromptField { $0.insert("\n", lineBreaks: true, wrapWidth: width) }
    }

    /// The width a prompt's text wraps to, as drawn.
    var promptWidth: Int { max(1, size.width - 2) }

    /// An editing key in a prompt's text, applied where the text is: taken out of `prompt` first,
    /// so the text is not shared and is changed in place (a copy of a long note on every key made
    /// typing take time in proportion to the note).
    ///
    /// False when the key does not edit.
    mutating func editPromptInPlace(_ key: Key) -> Bool {
        if key == .control("j") { return insertLineBreak() }
        var edited = false
        let width = promptWidth
        guard withPromptField({ edited = $0.handle(key, wrapWidth: width) }) else { return false }
        return edited
    }

    /// Runs `edit` on the prompt's text field, not shared while it runs; false when the prompt
    /// has none.
    mutating func withPromptField(_ edit: (inout TextField) -> Void) -> Bool {
        // Taken out, not copied: a copy left here would share the text and make it be copied.
        guard let current = prompt.take() else { return false }
        switch consume current {
        case .search(var field):
            edit(&field)
            prompt = .search(field)
        case .note(var field):
            edit(&field)
            prompt = .note(field)
        case .ratingNote(let standard, var field):
            edit(&field)
            prompt = .ratingNote(standard: standard, field: field)
        case .discretionReason(let standard, let rating, var field):
            edit(&field)
            prompt = .discretionReason(standard: standard, rating: rating, field: field)
        case .reviewComment(let item, let verdict, var field):
            edit(&field)
            prompt = .reviewComment(item: item, verdict: verdict, field: field)
        case .reviewOutcome(let kind, var field):
            edit(&field)
            prompt = .reviewOutcome(kind: kind, field: field)
        case .reply(let item, var field):
            edit(&field)
            prompt = .reply(item: item, field: field)
        case .discretionRating(let standard):
            prompt = .discretionRating(standard: standard)
            return false
        }
        return true
    }

    private mutating func handlePrompt(_ prompt: Prompt, _ key: Key) -> [Effect] {
        switch prompt {
        case .reviewComment, .reviewOutcome:
            return handleReviewPrompt(prompt, key)
        case .reply(let item, let field):
            return handleReplyPrompt(item: item, field: field, key)
        case .search(let field):
            return textPrompt(field, key, cancelled: nil, keep: Prompt.search) { app, text in
                app.prompt = nil
                let query = text.isEmpty ? app.lastSearch : text
                app.lastSearch = query
                app.runSearch(query)
                return []
            }
        case .note(let field):
            return textPrompt(field, key, cancelled: "Note not changed", keep: Prompt.note) { app, text in
                app.prompt = nil
                return app.saveNote(text)
            }
        case .ratingNote(let standard, let field):
            return textPrompt(field, key, cancelled: nil, keep: { .ratingNote(standard: standard, field: $0) }) { app, text in
                app.prompt = nil
                return app.changeInspection { inspection in
                    inspection.ratings[standard]?.note = text.isEmpty ? nil : text
                }
            }
        case .discretionRating(let standard):
            self.prompt = nil
            guard let rating = ratingID(for: key) else {
                if key != .escape { status = StatusLine(text: "No decision recorded: press o, g, r or i for the rating", isError: true) }
                return []
            }
            let existing = folder?.inspection.discretion[standard]?.reason ?? ""
            self.prompt = .discretionReason(standard: standard, rating: rating, field: TextField(existing, limit: 5_000))
            return []
        case .discretionReason(let standard, let rating, let field):
            return textPrompt(
                field, key, cancelled: "No decision recorded", keep: { .discretionReason(standard: standard, rating: rating, field: $0) }
            ) { app, text in
                let reason = text.trimmingCharacters(in: .whitespaces)
                guard !reason.isEmpty else {
                    app.status = StatusLine(text: "A ratings panel decision needs a reason", isError: true)
                    return []
                }
                app.prompt = nil
                return app.changeInspection { $0.discretion[standard] = Discretion(rating: rating, reason: reason) }
            }
        }
    }

    /// The keys every text prompt shares: Escape leaves it (saying `cancelled`, when given),
    /// Enter hands its text to `enter` (which leaves the prompt, or keeps it open to say what is
    /// missing), and any other key edits the text, the prompt kept with the edited field (`keep`).
    mutating func textPrompt(
        _ field: TextField, _ key: Key, cancelled: String?, keep: (TextField) -> Prompt, enter: (inout App, String) -> [Effect]
    ) -> [Effect] {
        switch key {
        case .escape:
            prompt = nil
            if let cancelled { status = StatusLine(text: cancelled, isError: false) }
            return []
        case .enter:
            return enter(&self, field.text)
        default:
            var field = field
            if field.handle(key, wrapWidth: max(10, size.width - 4)) { prompt = keep(field) }
            return []
        }
    }

    /// The rating a key picks in the panel-decision prompt: o, g, r, i for the scale's four
    /// places, best first.
    private func ratingID(for key: Key) -> String? {
        switch key {
        case .character("o"), .character("O"): framework?.ratingID(rank: 0)
        case .character("g"), .character("G"): framework?.ratingID(rank: 1)
        case .character("r"), .character("R"): framework?.ratingID(rank: 2)
        case .character("i"), .character("I"): framework?.ratingID(rank: 3)
        default: nil
        }
    }

    // MARK: - Search

    /// Moves to the next (or previous) match of `query` after the cursor, wrapping around.
    ///
    /// The status line says which match of how many it is ("\"risk\": match 2 of 5"). The case list searches refs,
    /// inspectors and disposals; the marking screen question and prompt text and the notes;
    /// browsing, every row's text and details.
    mutating func runSearch(_ query: String, backwards: Bool = false) {
        if mode == .browse {
            _ = routeToBrowse(.search(query, backwards: backwards))
            return
        }
        if mode == .caseList {
            _ = routeToCaseList(.search(query, backwards: backwards))
            return
        }
        if mode == .marking {
            _ = routeToMarking(.search(query, backwards: backwards))
        }
    }
}
