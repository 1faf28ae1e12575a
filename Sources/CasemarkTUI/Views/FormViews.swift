import CasemarkCore

extension App {
    /// The details form: a row per field (the details the framework declares for the domain
    /// chosen), scrolled to keep the focus in view when they do not all fit.
    func renderDetails(into buffer: inout ScreenBuffer) {
        guard let framework else { return }
        let form = detailsForm
        renderHeader(form.editingRef.map { "Case \($0): details" } ?? "Add a case", into: &buffer)
        let disposals = disposals(domainIndex: form.domainIndex)
        let fields = detailFields(form)
        let shown = detailRowsShown
        // Two lines a field when they all fit so, one otherwise.
        let spacing = fields.count * 2 - 1 <= shown ? 2 : 1
        let first = fields.count <= shown ? 0 : min(max(0, form.scroll), fields.count - shown)
        let visible = fields.count <= shown ? fields.count : shown
        // Room for the longest label (with the focus mark and a required star), not past 50
        // columns, and leaving the values at least 22.
        let longest = framework.details.map { DisplayWidth.of(TerminalText.escaped($0.label)) }.max() ?? 0
        let labelWidth = max(20, min(longest + 5, 50, size.width - 24))
        let valueX = labelWidth + 1
        let valueWidth = max(10, min(40, size.width - valueX - 2))
        var anyRequired = false
        for (offset, field) in fields.dropFirst(first).prefix(spacing == 2 ? fields.count : visible).enumerated() {
            let row = 2 + offset * spacing
            let active = field == form.field
            let locked = field == .ref && form.editingRef != nil
            let declaration = field.detail.flatMap { framework.detail($0) }
            var label: String
            var value: String?
            var typed: TextField?
            switch field {
            case .ref:
                label = "Case reference"
                typed = form.ref
            case .domain:
                label = "Domain"
                value = framework.caseDomains.indices.contains(form.domainIndex) ? framework.caseDomains[form.domainIndex].title : ""
            case .disposal:
                label = "Disposal type"
                value = disposals.indices.contains(form.disposalIndex) ? disposals[form.disposalIndex].title : ""
            default:
                guard let declaration else { continue }
                label = declaration.label
                if Self.isTyped(declaration.kind) {
                    typed = form.texts[declaration.id] ?? TextField("", limit: Self.limit(declaration.kind))
                } else {
                    value = Self.shownChoice(declaration, at: form.choices[declaration.id] ?? 0)
                }
            }
            if declaration?.required == true {
                label += " *"
                anyRequired = true
            }
            // Focus shows without colour: a marker, and the field in reverse video.
            buffer.put(
                Layout.cut(focusMark(active) + TerminalText.escaped(label), to: labelWidth), x: 0, y: row,
                style: active ? .title : (locked ? .dim : .normal), maxWidth: labelWidth)
            let style: Style = active ? Style(.normal, bold: true, reverse: true) : (locked ? .dim : .normal)
            if let typed {
                let window = TextWindow(typed, width: valueWidth)
                buffer.put(
                    "[" + DisplayWidth.padded(TerminalText.escaped(window.text), to: valueWidth) + "]", x: valueX, y: row, style: style)
                if active { buffer.cursor = (valueX + 1 + window.cursor, row) }
            } else {
                buffer.put("< \(TerminalText.escaped(value ?? "")) >", x: valueX, y: row, style: style, maxWidth: size.width - valueX - 1)
            }
        }
        if fields.count > visible {
            let more = "\(first + 1)–\(first + visible) of \(fields.count) (PgUp PgDn)"
            buffer.put(more, x: max(0, size.width - DisplayWidth.of(more) - 1), y: 1, style: .dim, maxWidth: size.width)
        }
        let focused = form.field.detail.flatMap { framework.detail($0) }
        let hint: String
        if let help = focused?.help {
            hint = help
        } else if focused?.kind == .date {
            hint = "Write the date as YYYY-MM-DD or DD/MM/YYYY."
        } else {
            hint = "The inspector's own judgement of the levels decides the 2018 sub-samples (README, rating rules)."
        }
        buffer.put(
            Layout.cut(TerminalText.escaped(hint), to: size.width - 4), x: 2, y: size.height - 5, style: .dim, maxWidth: size.width - 4)
        if anyRequired || framework.details.contains(where: \.required) {
            buffer.put(
                Layout.cut("* needed before the case can be completed", to: size.width - 4), x: 2, y: size.height - 4, style: .dim,
                maxWidth: size.width - 4)
        }
        renderFooter(
            [("Enter", "save"), ("Tab ↑↓", "field"), ("← → Space", "change"), ("Ctrl-U", "clear"), ("F1", "help"), ("Esc", "cancel")],
            into: &buffer)
    }

    /// A chosen detail's value as the form shows it: "not recorded", a choice's label, Yes, No.
    static func shownChoice(_ declaration: DetailDeclaration, at index: Int) -> String {
        switch declaration.kind {
        case .choice(let values): index > 0 && index <= values.count ? values[index - 1].label : "not recorded"
        default: ["not recorded", "Yes", "No"][min(2, max(0, index))]
        }
    }

    /// The mark before a form's focused field: it reads without colour or bold.
    func focusMark(_ focused: Bool) -> String { focused ? "▶ " : "  " }
}

/// The part of a one-line text field that fits `width` cells, scrolled so the cursor shows.
struct TextWindow {
    var text: String
    /// The cursor's column within `text`.
    var cursor: Int

    init(_ field: TextField, width: Int) {
        let whole = field.text
        let column = field.layout(width: Int.max / 2).position.column
        guard DisplayWidth.of(whole) > width || column >= width else {
            text = whole
            cursor = column
            return
        }
        // Show the characters that end at the cursor (or the end), a cell kept for the cursor.
        let characters = Array(whole)
        let end = min(characters.count, max(column, 0))
        var start = end
        var used = 0
        while start > 0, used + DisplayWidth.of(String(characters[start - 1])) <= width - 1 {
            start -= 1
            used += DisplayWidth.of(String(characters[start]))
        }
        text = String(characters[start..<min(characters.count, start + width)])
        cursor = used
    }
}
