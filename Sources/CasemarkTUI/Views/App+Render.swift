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
        if let overlay {
            overlay.view(into: &buffer, rect: Rect(x: 0, y: 0, width: size.width, height: size.height), inputs: overlayInputs)
        }
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
}
