import CasemarkCore

extension App {
    /// Draws the whole state into a new buffer of the app's size.
    public func render() -> ScreenBuffer {
        var buffer = ScreenBuffer(width: size.width, height: size.height)
        render(into: &buffer)
        return buffer
    }

    public func render(into buffer: inout ScreenBuffer) {
        guard size.width >= Layout.minimumWidth, size.height >= Layout.minimumHeight else {
            renderTooSmall(into: &buffer)
            return
        }
        switch mode {
        case .setup: setup.view(into: &buffer, rect: Rect(x: 0, y: 0, width: size.width, height: size.height - 1), frameworks: frameworks)
        case .caseList:
            if let framework {
                caseList.view(
                    into: &buffer, rect: Rect(x: 0, y: 0, width: size.width, height: size.height - 1),
                    inputs: CaseListViewInputs(
                        framework: framework, cases: cases, ratings: ratings, damagedLines: damagedCaseLines(), isReviewing: isReviewing,
                        header: headerRight, statusText: caseStatusText, reviewSummary: reviewSummary))
            }
        case .details:
            if let framework {
                detailsForm.view(
                    into: &buffer, rect: Rect(x: 0, y: 0, width: size.width, height: size.height - 1), framework: framework,
                    header: headerRight)
            }
        case .marking:
            if let inputs = markingInputs(), let ratings {
                marking.view(
                    into: &buffer, rect: Rect(x: 0, y: 0, width: size.width, height: size.height - 1), inputs: inputs, ratings: ratings,
                    moved: movement, header: headerRight)
            }
        case .ratings:
            if let framework, let folder, let ratings {
                ratingsScreen.view(
                    into: &buffer, rect: Rect(x: 0, y: 0, width: size.width, height: size.height - 1), framework: framework,
                    inspection: folder.inspection, ratings: ratings, header: headerRight)
            }
        case .browse: browse?.view(into: &buffer, rect: Rect(x: 0, y: 0, width: size.width, height: size.height - 1))
        case .trainer:
            if let ratings {
                trainer?.view(
                    into: &buffer, rect: Rect(x: 0, y: 0, width: size.width, height: size.height - 1), ratings: ratings, header: headerRight
                )
            }
        }
        renderStatus(into: &buffer)
        if let prompt { renderPrompt(prompt, into: &buffer) }
        if let overlay { renderOverlay(overlay, into: &buffer) }
    }

    /// The size casemark needs comes first, so it shows on any terminal that has a line at all.
    private func renderTooSmall(into buffer: inout ScreenBuffer) {
        let lines = [
            "casemark needs \(Layout.minimumWidth)x\(Layout.minimumHeight)",
            "this terminal is \(size.width)x\(size.height)",
            "make it larger, or press q to quit",
        ]
        var row = 0
        for (index, line) in lines.enumerated() {
            for part in DisplayWidth.wrap(line, width: max(1, size.width)) where row < size.height {
                buffer.put(part, x: 0, y: row, style: index == 0 ? .title : .normal)
                row += 1
            }
        }
    }

    /// The right of the header: the sandbox banner, the service and framework; and whether it is
    /// drawn as a warning (the banner).
    var headerRight: (String, Bool) {
        var right = ""
        if let folder { right = folder.inspection.service + " · " + folder.framework.id }
        if let banner { right = banner + (right.isEmpty ? "" : " · " + right) }
        return (right, banner != nil)
    }

    private func renderStatus(into buffer: inout ScreenBuffer) {
        let row = size.height - 1
        buffer.fill(x: 0, y: row, width: size.width, height: 1)
        // Cut at a word, never mid-word, where it does not fit.
        buffer.put(Layout.cut(status.text, to: size.width), x: 0, y: row, style: status.isError ? .error : .dim, maxWidth: size.width)
    }

    private func renderPrompt(_ prompt: Prompt, into buffer: inout ScreenBuffer) {
        let label: String
        let field: TextField?
        switch prompt {
        case .search(let value): (label, field) = ("Search: ", value)
        case .note(let value): (label, field) = ("Note (Enter saves, Ctrl-J new line, Esc cancels): ", value)
        case .ratingNote(let standard, let value): (label, field) = ("Evidence for \(standard) (Enter saves): ", value)
        case .discretionRating(let standard):
            (label, field) = (
                "Ratings panel decision on \(standard): press o Outstanding, g Good, r Requires improvement, i Inadequate (Esc cancels)",
                nil
            )
        case .discretionReason(let standard, let rating, let value):
            (label, field) = ("Reason for \(standard) → \(framework?.label(of: rating) ?? rating) (required; Enter saves): ", value)
        case .reviewComment(let item, let verdict, let value):
            (label, field) = (
                (verdict == .challenge
                    ? "Challenge \(item): why? (required; Enter saves, Esc cancels): " : "Comment on \(item) (Enter saves, Esc cancels): "),
                value
            )
        case .reviewOutcome(let kind, let value):
            (label, field) = (
                (kind == .returned
                    ? "Return to the inspector: summary (required; Enter returns): "
                    : "Sign off as \(session.user): summary (optional; Enter signs off): "), value
            )
        case .reply(let item, let value):
            (label, field) = ("Reply to the reviewer on \(item) (Enter sends, Esc cancels): ", value)
        }
        guard let field else {
            let rows = DisplayWidth.wrap(label, width: size.width)
            let top = size.height - 1 - rows.count
            buffer.fill(x: 0, y: top, width: size.width, height: rows.count, style: .status)
            for (index, row) in rows.enumerated() { buffer.put(row, x: 0, y: top + index, style: .status) }
            return
        }
        let width = size.width - 2
        // Only the rows shown are laid out: a long note costs no more to draw than a short one.
        let shown = field.visibleRows(width: width, height: max(1, size.height / 3))
        let visible = shown.rows.count
        // Above the status line, which stays visible for messages while typing.
        let top = size.height - 2 - visible
        buffer.fill(x: 0, y: top, width: size.width, height: visible + 1, style: .normal)
        buffer.put(label, x: 0, y: top, style: .title, maxWidth: size.width)
        for (index, row) in shown.rows.enumerated() {
            buffer.put(row, x: 1, y: top + 1 + index, maxWidth: width)
        }
        buffer.cursor = (1 + shown.cursor.column, top + 1 + shown.cursor.row)
        if shown.total > visible {
            buffer.put("(\(shown.firstRow + shown.cursor.row + 1)/\(shown.total))", x: size.width - 9, y: top, style: .dim)
        }
    }

    private func renderOverlay(_ overlay: Overlay, into buffer: inout ScreenBuffer) {
        var title: String
        var lines: [String]
        var offset = 0
        switch overlay {
        case .help(let mode, let scrolled):
            title = "Keys: " + modeName(mode) + " (j/k scroll, any other key closes)"
            lines = helpLines(for: mode)
            offset = scrolled
        case .about(let scrolled):
            guard let shown = framework ?? browse?.framework else { return }
            title = "About \(shown.id) (j/k scroll, any other key closes)"
            lines = Self.aboutLines(shown, width: min(size.width - 4, 100) - 4)
            offset = scrolled
        case .confirmRemove(let ref):
            title = "Remove case \(ref)?"
            lines = [
                "Its file is moved to the removed/ folder of the inspection, never deleted.", "",
                "y  remove it      any other key  keep it",
            ]
        case .message(let heading, let body):
            title = heading
            lines = body + ["", "(any key closes)"]
        case .confirmSignOff(_, let open):
            title = "Sign off with \(open.count) challenge(s) open?"
            lines =
                ["These challenges are still open:"] + open.map { "  " + TerminalText.escaped($0) }
                + ["", "The sign-off will record that they were open.", "", "y  sign off anyway      any other key  go back"]
        case .resolveConflict(let index):
            let conflicts = markingCase?.conflicts ?? []
            guard conflicts.indices.contains(index) else { return }
            let conflict = conflicts[index]
            title = "Merge conflict \(index + 1) of \(conflicts.count): \(TerminalText.escaped(conflict.place))"
            lines = ["Two copies of this case changed it differently. Which is right?", ""]
            for (number, version) in conflict.versions.enumerated() {
                let who = [version.by, version.source].compactMap { $0 }.map(TerminalText.escaped).joined(separator: ", ")
                lines.append("\(number + 1)  \(TerminalText.escaped(MergeConflict.describe(version.value)))   (\(who))")
            }
            lines += ["", "Esc  decide later (the case cannot be completed meanwhile)"]
        case .confirmDiscard:
            title = "Discard what you typed?"
            lines = ["y discards, any other key goes back"]
        case .recovery:
            guard let offer = recoveryOffer else { return }
            let recovery = offer.recovery
            title = "A previous session left unsaved work"
            lines =
                recovery.summary + [
                    "",
                    "Left by \(TerminalText.escaped(recovery.user)) (process \(recovery.pid)) at \(TerminalText.escaped(recovery.time)),",
                    "kept in \(TerminalText.escaped(FilePath.name(of: offer.path))).",
                    "", "r  restore (merged with what is on disk now)   d  discard   Esc  later",
                ]
        }
        let width = min(size.width - 4, max(40, max(DisplayWidth.of(title), lines.map { DisplayWidth.of($0) }.max() ?? 0) + 4))
        var wrapped: [String] = []
        for line in lines {
            // Lines that fit keep their spacing (help columns); longer ones wrap.
            wrapped += DisplayWidth.of(line) <= width - 4 ? [line] : DisplayWidth.wrap(line, width: width - 4)
        }
        let height = min(size.height - 2, wrapped.count + 4)
        let left = (size.width - width) / 2
        let top = max(1, (size.height - height) / 2)
        buffer.fill(x: left, y: top, width: width, height: height, style: .normal)
        let border = "+" + String(repeating: "-", count: width - 2) + "+"
        buffer.put(border, x: left, y: top, style: .title)
        buffer.put(border, x: left, y: top + height - 1, style: .title)
        for row in (top + 1)..<(top + height - 1) {
            buffer.put("|", x: left, y: row, style: .title)
            buffer.put("|", x: left + width - 1, y: row, style: .title)
        }
        buffer.put(Layout.cut(title, to: width - 4), x: left + 2, y: top + 1, style: .title)
        let room = height - 4
        let first = max(0, min(offset, wrapped.count - room))
        for (index, line) in wrapped.dropFirst(first).prefix(room).enumerated() {
            buffer.put(line, x: left + 2, y: top + 3 + index)
        }
        if wrapped.count > first + room {
            buffer.fill(x: left + 1, y: top + height - 2, width: width - 2, height: 1)
            buffer.put("… \(wrapped.count - first - room + 1) more lines (j to scroll)", x: left + 2, y: top + height - 2, style: .dim)
        }
    }

    /// What the about overlay says of a framework: its title, revision and source, where its
    /// text comes from (the caveat), and its notes, each wrapped to `width`.
    static func aboutLines(_ framework: Framework, width: Int) -> [String] {
        var lines = DisplayWidth.wrap(TerminalText.escaped("\(framework.title) · \(framework.revised)"), width: width)
        lines += DisplayWidth.wrap("Source: " + TerminalText.escaped(framework.source), width: width)
        if let caveat = framework.caveat {
            lines += [""] + DisplayWidth.wrap("Framework text: " + TerminalText.escaped(caveat), width: width)
        }
        for note in framework.notes {
            lines += [""] + DisplayWidth.wrap("• " + TerminalText.escaped(note), width: width)
        }
        return lines
    }

    /// What an action does on a screen, where its words depend on the screen.
    func help(for action: Action, in mode: Mode) -> String {
        switch (action, mode) {
        case (.search, .caseList): "search refs, inspectors and disposals (n / N next / previous match)"
        case (.search, .marking): "search question and prompt text and notes (/ then Enter again: the next match)"
        case (.search, .browse): "search the framework's text (n / N next / previous match)"
        case (.quit, .caseList): "quit casemark"
        case (.quit, .browse): "quit"
        case (.quit, .trainer): "back to the screen the trainer view was opened from"
        case (.quit, _): "back to the case list"
        case (.editNote, .ratings): "write the evidence note of the highlighted standard"
        default: action.help
        }
    }

    func modeName(_ mode: Mode) -> String {
        switch mode {
        case .setup: "new inspection"
        case .caseList: "case list"
        case .details: "case details"
        case .marking: "marking"
        case .ratings: "direct ratings and discretion"
        case .browse: "browsing a framework"
        case .trainer: "trainer view"
        }
    }

    /// The help screen of a mode, generated from its key map.
    func helpLines(for mode: Mode) -> [String] {
        let map: KeyMap
        switch mode {
        case .caseList: map = .caseList
        case .marking: map = isReviewing ? .review : .marking
        case .ratings: map = .ratings
        case .browse: map = .browse
        case .trainer: map = .trainer
        case .setup:
            return [
                "Tab Shift-Tab       move between the name and the framework list",
                "↓ ↑ (j k)           choose a framework (↑ at the top goes back to the name)",
                "← → Home End        move in the name; Backspace Delete erase; Ctrl-U clear it",
                "Enter               create the inspection (from either field)",
                "F1 (? in the list)  these keys", "Esc                 quit",
            ]
        case .details:
            return [
                "Tab ↓ / Shift-Tab ↑  next / previous field", "PgUp PgDn           a screenful of fields up / down",
                "← → Space           change a choice (not recorded, then each value)",
                "Ctrl-U              clear a text field", "Home End ← →        move in a text field",
                "Dates               YYYY-MM-DD or DD/MM/YYYY (20/11/2026)", "Numbers             whole numbers",
                "*                   needed before the case can be completed",
                "Fields              the framework's case details for the domain chosen",
                "Enter               save the details", "F1 (? on a choice)  these keys", "Esc                 cancel",
            ]
        }
        // Keys in a column as wide as the longest, the words wrapped beside it (not under it).
        let names = map.bindings.map { $0.keys.map(\.name).joined(separator: " ") }
        let column = min(24, (names.map { DisplayWidth.of($0) }.max() ?? 0) + 1)
        let room = max(20, size.width - 8 - column)
        var lines: [String] = []
        for (binding, name) in zip(map.bindings, names) {
            let words = DisplayWidth.wrap(help(for: binding.action, in: mode), width: room)
            for (index, part) in words.enumerated() {
                lines.append(DisplayWidth.padded(index == 0 ? name : "", to: column) + part)
            }
        }
        if mode == .marking {
            lines += [
                "", "While typing a note: ← → Home End move, Backspace/Delete erase, Enter saves, Esc cancels.",
                "Every change is saved to the case file at once; the status line says when.",
            ]
        }
        return lines
    }
}
