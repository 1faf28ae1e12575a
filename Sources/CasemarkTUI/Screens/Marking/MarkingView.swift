import CasemarkCore

extension MarkingScreen {
    // MARK: - View

    /// Draws the header, the outline, the highlighted key question and the banding panel (beside
    /// the question on a wide terminal, below it or full height otherwise) and the footer into
    /// `rect`, marking what the last change moved (`moved`).
    public func view(
        into buffer: inout ScreenBuffer, rect: Rect, inputs: MarkingInputs, ratings: InspectionRatings, moved: RatingMovement?,
        header: (String, Bool)
    ) {
        let framework = inputs.framework
        let file = inputs.file
        let outline = inputs.outline
        let highlighted = current(inputs.items)?.keyQuestion
        let progress = outline.progress(of: file)
        let disposal = framework.disposal(file.disposal)?.title ?? file.disposal
        let statusText = file.status == .complete ? "complete" : "in progress"
        let review = (summary: Self.reviewSummary(file, status: inputs.reviewStatus), status: inputs.reviewStatus)
        Chrome.header(
            "Case \(file.ref) · \(disposal) · \(statusText) · \(progress.judged)/\(progress.total) judged"
                + (review.summary.isEmpty ? "" : " · " + review.summary), right: header.0, warning: header.1, into: &buffer, rect: rect)
        let panel = BandingPanel(
            framework: framework, ratings: ratings, domain: file.domain,
            caseCount: inputs.tally.caseCounts[file.domain] ?? 0, highlighted: highlighted, moved: moved)
        let top = rect.y + 1
        let bottom = rect.maxY - 1  // footer row
        if rect.width >= Layout.wideWidth {
            renderOutline(
                file, outline: outline, highlighted: highlighted, into: &buffer, x: rect.x, y: top, width: Layout.outlineWidth,
                height: bottom - top)
            renderCaveat(
                framework, outline: outline, into: &buffer, x: rect.x + 1, y: top, width: Layout.outlineWidth - 1, height: bottom - top)
            let pane = Self.widePaneRect(rect)
            renderQuestionPane(inputs, into: &buffer, rect: pane)
            panel.draw(
                into: &buffer, x: rect.x + rect.width - Layout.panelWidth, y: top + 1, width: Layout.panelWidth, height: bottom - top - 1)
        } else if panelExpanded {
            renderOutlineStrip(file, outline: outline, highlighted: highlighted, review: review, into: &buffer, rect: rect)
            panel.draw(into: &buffer, x: rect.x + 1, y: top + 1, width: min(rect.width - 2, 60), height: bottom - top - 1)
            buffer.put("(b: back to the question)", x: rect.x + 62, y: top + 1, style: .dim, maxWidth: rect.width - 62)
        } else {
            renderOutlineStrip(file, outline: outline, highlighted: highlighted, review: review, into: &buffer, rect: rect)
            let panelHeight = panel.compactHeight
            let paneHeight = bottom - top - 1 - panelHeight - 1
            renderQuestionPane(inputs, into: &buffer, rect: Rect(x: rect.x + 1, y: top + 1, width: rect.width - 2, height: paneHeight))
            let panelTop = bottom - panelHeight
            buffer.put(String(repeating: "─", count: rect.width), x: rect.x, y: panelTop - 1, style: .dim)
            _ = panel.drawCompact(into: &buffer, x: rect.x + 1, y: panelTop, width: rect.width - 2)
        }
        Chrome.footer(inputs.isReviewing ? KeyMap.review : KeyMap.marking, into: &buffer, rect: rect)
    }

    /// A mark for a key question's judgement that reads without colour.
    func mark(_ file: CaseFile, _ question: KeyQuestion, outline: CaseOutline) -> (String, Style) {
        guard outline.applies(question, to: file) else { return ("/", .dim) }
        switch file.answers[question.number]?.judgement {
        case .yes: return ("Y", Style(.yes, bold: true))
        case .no: return ("N", Style(.no, bold: true))
        case .na: return ("-", Style(.notApplicable))
        case nil: return ("·", .dim)
        }
    }

    private func renderOutlineStrip(
        _ file: CaseFile, outline: CaseOutline, highlighted: String?, review: (summary: String, status: ReviewStatus),
        into buffer: inout ScreenBuffer, rect: Rect
    ) {
        let y = rect.y + 1
        var x = rect.x + 1
        for standard in outline.standards {
            x = buffer.put(standard.number + " ", x: x, y: y, style: .dim)
            for question in standard.keyQuestions {
                let (symbol, style) = mark(file, question, outline: outline)
                let current = question.number == highlighted
                // A challenged key question reads in reverse video, without colour too.
                let challenged = isChallenged(question, in: file)
                x = buffer.put(
                    symbol, x: x, y: y, style: current ? .selected : challenged ? Style(.warning, bold: true, reverse: true) : style)
            }
            x += 2
        }
        // Where the case stands in review replaces the legend: it must show at any width.
        let right = rect.x + rect.width
        if review.summary.isEmpty {
            buffer.put("Y yes  N no  - n/a  · open  / not asked", x: max(x, right - 40), y: y, style: .dim, maxWidth: right - x)
        } else {
            let style = review.status == .outOfDate ? Style(.warning, bold: true, reverse: true) : Style(.warning, bold: true)
            let text = Layout.cut(TerminalText.escaped(review.summary), to: max(0, right - x - 1))
            buffer.put(text, x: right - 1 - DisplayWidth.of(text), y: y, style: style)
        }
    }

    /// Under the outline, where the framework's text comes from (its caveat: "the prompts here
    /// are inferred"), dim, when there is room for all of it.
    private func renderCaveat(
        _ framework: Framework, outline: CaseOutline, into buffer: inout ScreenBuffer, x: Int, y: Int, width: Int, height: Int
    ) {
        guard let caveat = framework.caveat else { return }
        let used = 1 + outline.standards.reduce(0) { $0 + 1 + $1.keyQuestions.count }
        let lines = DisplayWidth.wrap("Framework text: " + TerminalText.escaped(caveat) + " (i: more)", width: max(1, width))
        guard used + 1 + lines.count <= height else { return }
        let first = y + height - lines.count
        for (index, line) in lines.enumerated() { buffer.put(line, x: x, y: first + index, style: .dim) }
    }

    private func renderOutline(
        _ file: CaseFile, outline: CaseOutline, highlighted: String?, into buffer: inout ScreenBuffer, x: Int, y: Int, width: Int,
        height: Int
    ) {
        var row = y + 1
        for standard in outline.standards where row < y + height {
            buffer.put(Layout.cut("\(standard.number) \(standard.title)", to: width), x: x + 1, y: row, style: .title)
            row += 1
            for question in standard.keyQuestions where row < y + height {
                let (symbol, style) = mark(file, question, outline: outline)
                let current = question.number == highlighted
                buffer.put(" " + question.number, x: x + 1, y: row, style: current ? .selected : .normal)
                buffer.put(symbol, x: x + 10, y: row, style: current ? .selected : style)
                if isChallenged(question, in: file) { buffer.put("!", x: x + 11, y: row, style: Style(.warning, bold: true)) }
                row += 1
            }
        }
    }

    /// One row of the question pane; `keep` rows are scrolled into view with the highlighted item.
    struct QuestionPaneRow {
        var text: String
        var style: Style
        /// How many leading cells show the highlight ("> a) [Y] "): only these, not the whole
        /// row, so moving on redraws a few cells rather than two full lines.
        var highlight = 0
        var keep = false
        /// The item a click on the row selects: a prompt's rows, or the judgement's.
        var item: MarkingItem?
    }

    /// Where the question pane is drawn on a wide terminal: between the outline and the panel.
    static func widePaneRect(_ rect: Rect) -> Rect {
        let paneX = Layout.outlineWidth + 1
        return Rect(x: rect.x + paneX, y: rect.y + 2, width: rect.width - paneX - Layout.panelWidth - 2, height: rect.height - 3)
    }

    /// Where the question pane is drawn: beside the outline on a wide terminal, under the outline
    /// strip otherwise; nil while the full banding panel covers it.
    func questionPaneRect(_ inputs: MarkingInputs, rect: Rect) -> Rect? {
        if rect.width >= Layout.wideWidth { return Self.widePaneRect(rect) }
        guard !panelExpanded else { return nil }
        let panel = BandingPanel(
            framework: inputs.framework, ratings: inputs.ratings, domain: inputs.file.domain, caseCount: 0,
            highlighted: current(inputs.items)?.keyQuestion)
        return Rect(x: rect.x + 1, y: rect.y + 2, width: rect.width - 2, height: rect.height - 3 - panel.compactHeight - 1)
    }

    /// The item drawn at a cell of the marking screen (a prompt's or the judgement's rows in the
    /// question pane, a key question in the outline), for a click to select.
    func item(atX x: Int, y: Int, inputs: MarkingInputs, rect: Rect) -> MarkingItem? {
        let file = inputs.file
        let outline = inputs.outline
        if let pane = questionPaneRect(inputs, rect: rect), pane.contains(x: x, y: y) {
            let layout = questionPaneLayout(inputs, width: pane.width, height: pane.height)
            let index = layout.first + y - pane.y
            return layout.rows.indices.contains(index) ? layout.rows[index].item : nil
        }
        // The outline: a key question's row beside the pane, or its mark in the strip.
        if rect.width >= Layout.wideWidth, x < rect.x + Layout.outlineWidth {
            var row = rect.y + 2
            for standard in outline.standards {
                row += 1
                for question in standard.keyQuestions {
                    if row == y { return outlineTarget(question, in: file, outline: outline) }
                    row += 1
                }
            }
        } else if rect.width < Layout.wideWidth, y == rect.y + 1 {
            var column = rect.x + 1
            for standard in outline.standards {
                column += DisplayWidth.of(standard.number + " ")
                for question in standard.keyQuestions {
                    if column == x { return outlineTarget(question, in: file, outline: outline) }
                    column += 1
                }
                column += 2
            }
        }
        return nil
    }

    /// What a click on a key question in the outline selects: its first prompt (its judgement
    /// when it has none); nothing for a key question ruled out for this case.
    private func outlineTarget(_ question: KeyQuestion, in file: CaseFile, outline: CaseOutline) -> MarkingItem? {
        guard outline.applies(question, to: file) else { return nil }
        return MarkingItem(keyQuestion: question.number, prompt: question.prompts.first?.letter)
    }

    /// The highlighted key question: its text, prompts with answers, judgement and notes,
    /// scrolled so the highlighted item is in view.
    private func renderQuestionPane(_ inputs: MarkingInputs, into buffer: inout ScreenBuffer, rect: Rect) {
        let (x, y, width, height) = (rect.x, rect.y, rect.width, rect.height)
        let layout = questionPaneLayout(inputs, width: width, height: height)
        guard !layout.rows.isEmpty else {
            buffer.put("This case has no key questions to mark.", x: x, y: y, style: .dim)
            return
        }
        for (offset, line) in layout.rows.dropFirst(layout.first).prefix(height).enumerated() {
            buffer.put(line.text, x: x, y: y + offset, style: line.style, maxWidth: width)
            if line.highlight > 0 {
                let lead = String(line.text.prefix(line.highlight))
                buffer.put(lead, x: x, y: y + offset, style: .selected, maxWidth: width)
            }
        }
    }

    /// The question pane's rows at `width`, and the first shown in `height` rows so the highlighted
    /// item and its notes show; what the view draws and a click reads.
    func questionPaneLayout(_ inputs: MarkingInputs, width: Int, height: Int) -> (rows: [QuestionPaneRow], first: Int) {
        let file = inputs.file
        let outline = inputs.outline
        let framework = inputs.framework
        guard let item = current(inputs.items), let question = framework.keyQuestion(item.keyQuestion),
            let standard = framework.standard(ofKeyQuestion: question.number)
        else { return ([], 0) }
        let answer = file.answers[question.number]
        let questions = outline.keyQuestions.filter { outline.applies($0, to: file) }
        let position = (questions.firstIndex { $0.number == question.number } ?? 0) + 1
        typealias Row = QuestionPaneRow
        var lines: [Row] = []
        if !inputs.isReviewing, let outcome = file.review.outcome, outcome.kind == .returned {
            // What the reviewer asked for, where the inspector reads: the summary in full.
            let open = file.review.unansweredChallenges.count
            let text =
                "RETURNED by \(outcome.by) on \(outcome.date)" + (outcome.summary.map { ": " + $0 } ?? "")
                + (open > 0 ? " · \(open) challenge(s) to answer (!)" : "")
            for row in DisplayWidth.wrap(TerminalText.escaped(text), width: width, maxLines: 3) {
                lines.append(Row(text: row, style: Style(.warning, bold: true)))
            }
        }
        if !inputs.isReviewing, inputs.reviewStatus == .signedOff, let outcome = file.review.outcome, let summary = outcome.summary {
            // What the reviewer said on signing off reaches the inspector too.
            let text = "Signed off by \(outcome.by) on \(outcome.date): \(summary)"
            for row in DisplayWidth.wrap(TerminalText.escaped(text), width: width, maxLines: 2) {
                lines.append(Row(text: row, style: .dim))
            }
        }
        if !file.conflicts.isEmpty {
            lines.append(Row(text: "\(file.conflicts.count) merge conflict(s) to resolve: press M", style: Style(.error, bold: true)))
        }
        lines.append(Row(text: "\(standard.number) \(standard.title) · key question \(position) of \(questions.count)", style: .dim))
        for text in DisplayWidth.wrap(TerminalText.escaped("\(question.number) \(question.text)"), width: width) {
            lines.append(Row(text: text, style: .title))
        }
        if let condition = question.applicability {
            lines.append(Row(text: condition.summary, style: .dim))
        }
        lines.append(Row(text: "", style: .normal))
        for prompt in question.prompts {
            let value = answer?.prompts[prompt.letter]
            let selected = item.prompt == prompt.letter
            let firstPromptRow = lines.count
            let box = "[" + (value.map { $0 == .na ? "-" : $0 == .yes ? "Y" : "N" } ?? " ") + "] "
            let wrapped = DisplayWidth.wrap(TerminalText.escaped(prompt.text), width: width - 9)
            for (index, text) in wrapped.enumerated() {
                let lead = index == 0 ? (selected ? "> " : "  ") + prompt.shownLetter + ") " + box : String(repeating: " ", count: 9)
                lines.append(Row(text: lead + text, style: .normal, highlight: selected && index == 0 ? 9 : 0, keep: selected))
            }
            if let note = answer?.promptNotes[prompt.letter], !note.isEmpty {
                lines.append(
                    Row(
                        text: String(repeating: " ", count: 9) + "note: "
                            + Layout.cut(Self.oneLine(note, limit: width), to: width - 15), style: .dim, keep: selected))
            }
            let reviewItem = file.review.items[CaseReview.itemKey(keyQuestion: question.number, prompt: prompt.letter)]
            if let line = reviewLine(reviewItem, width: width - 9) {
                lines.append(Row(text: String(repeating: " ", count: 9) + line.text, style: line.style, keep: selected))
            }
            if let reply = replyLine(reviewItem, width: width - 11) {
                lines.append(Row(text: String(repeating: " ", count: 11) + reply, style: .dim, keep: selected))
            }
            for index in firstPromptRow..<lines.count {
                lines[index].item = MarkingItem(keyQuestion: question.number, prompt: prompt.letter)
            }
        }
        if question.prompts.isEmpty {
            lines.append(
                Row(
                    text:
                        "  (no prompts for this key question: \(question.note.map { Layout.cut(TerminalText.escaped($0), to: 60) } ?? "see the framework notes"))",
                    style: .dim))
        }
        let tally = outline.promptTally(question, in: file)
        let judgement = answer?.judgement.map(\.label) ?? "not judged"
        let selectedJudgement = item.prompt == nil
        lines.append(Row(text: "", style: .normal))
        let judgementLead = (selectedJudgement ? "> " : "  ") + "Judgement: \(judgement)"
        let judgementRow = lines.count
        lines.append(
            Row(
                text: judgementLead + "   (prompts: \(tally.yes) yes · \(tally.no) no · \(tally.na) n/a · \(tally.open) open)",
                style: .title, highlight: selectedJudgement ? DisplayWidth.of(judgementLead) : 0, keep: selectedJudgement))
        if let note = answer?.note, !note.isEmpty {
            for text in Self.noteRows(note, width: width - 2, maxRows: 4) {
                lines.append(Row(text: "  " + text, style: .dim, keep: selectedJudgement))
            }
        }
        if let line = reviewLine(file.review.items[question.number], width: width - 2) {
            lines.append(Row(text: "  " + line.text, style: line.style, keep: selectedJudgement))
        }
        if let reply = replyLine(file.review.items[question.number], width: width - 4) {
            lines.append(Row(text: "    " + reply, style: .dim, keep: selectedJudgement))
        }
        for index in judgementRow..<lines.count { lines[index].item = MarkingItem(keyQuestion: question.number) }
        if let guidance = item.prompt.flatMap({ question.prompt($0)?.guidance }) ?? question.guidance {
            lines.append(Row(text: "", style: .normal))
            for text in DisplayWidth.wrap("Guidance: " + TerminalText.escaped(guidance), width: width, maxLines: 2) {
                lines.append(Row(text: text, style: .dim))
            }
        }
        // Scroll so the highlighted item and its notes show.
        let kept = lines.indices.filter { lines[$0].keep }
        var first = 0
        if let last = kept.last, last >= height {
            first = min(last - height + 1, kept.first ?? 0)
        }
        return (lines, first)
    }

    /// The latest reply in an item's conversation ("↳ Ann: the plan is on file"), with a count
    /// of earlier ones.
    func replyLine(_ item: ReviewItem?, width: Int) -> String? {
        guard let item, let last = item.replies.last else { return nil }
        let earlier = item.replies.count > 1 ? " (\(item.replies.count - 1) earlier)" : ""
        return Layout.cut("↳ " + TerminalText.escaped(last.by) + ": " + TerminalText.escaped(last.text) + earlier, to: width)
    }

    /// Whether a key question or one of its prompts has a challenge open.
    func isChallenged(_ question: KeyQuestion, in file: CaseFile) -> Bool {
        file.review.items.contains { key, item in
            item.verdict == .challenge && (key == question.number || key.hasPrefix(question.number + "/"))
        }
    }

    /// A reviewer's verdict and comment on an item, as one line ("⚑ challenged by Pat: ...").
    func reviewLine(_ item: ReviewItem?, width: Int) -> (text: String, style: Style)? {
        guard let item, !item.isEmpty else { return nil }
        let who = item.by.map { " by " + TerminalText.escaped($0) } ?? ""
        let comment = item.comment.map { ": " + TerminalText.escaped($0) } ?? ""
        switch item.verdict {
        case .challenge:
            let answered = item.answered.map { " · answered by " + TerminalText.escaped($0.by) } ?? ""
            return (
                Layout.cut("⚑ challenged" + who + comment + answered, to: width),
                Style(.warning, bold: !answered.isEmpty ? false : true)
            )
        case .agree:
            return (Layout.cut("✓ agreed" + who + comment, to: width), .dim)
        case nil:
            return (Layout.cut("comment" + who + comment, to: width), .dim)
        }
    }
}

extension MarkingScreen {
    /// A note on one row: its lines joined by " ↵ " (a line break shown, not escaped as "\\n").
    static func oneLine(_ note: String, limit: Int) -> String {
        note.prefix(limit + 1).split(separator: "\n", omittingEmptySubsequences: false)
            .map { TerminalText.escaped(String($0)) }.joined(separator: " ↵ ")
    }

    /// A note as rows of `width`: "Note: " then its lines, each wrapped, at most `maxRows`, the
    /// last saying how many more lines there are when it does not all fit.
    static func noteRows(_ note: String, width: Int, maxRows: Int) -> [String] {
        let lines = note.prefix(maxRows * width * 2).split(separator: "\n", omittingEmptySubsequences: false)
        var rows: [String] = []
        for (index, line) in lines.enumerated() {
            let wrapped = DisplayWidth.wrap(TerminalText.escaped(String(line)), width: max(1, width - 6))
            rows += (wrapped.isEmpty ? [""] : wrapped).enumerated().map { (part, text) in
                (index == 0 && part == 0 ? "Note: " : "      ") + text
            }
            if rows.count > maxRows { break }
        }
        guard rows.count > maxRows else { return rows }
        return Array(rows.prefix(maxRows - 1)) + ["      … (more: e shows the whole note)"]
    }
}
