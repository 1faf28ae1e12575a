import CasemarkCore

extension App {
    func renderDetails(into buffer: inout ScreenBuffer) {
        guard let framework else { return }
        let form = detailsForm
        renderHeader(form.editingRef.map { "Case \($0): details" } ?? "Add a case", into: &buffer)
        let disposals = disposals(domainIndex: form.domainIndex)
        func level(_ index: Int) -> String { Self.levelChoices[index]?.label ?? "not recorded" }
        let rows: [(DetailsForm.Field, String, String)] = [
            (.ref, "Case reference", form.ref.text),
            (
                .domain, "Domain",
                framework.caseDomains.indices.contains(form.domainIndex) ? framework.caseDomains[form.domainIndex].title : ""
            ),
            (.disposal, "Disposal type", disposals.indices.contains(form.disposalIndex) ? disposals[form.disposalIndex].title : ""),
            (.inspector, "Inspector", form.inspector.text),
            (.date, "Date (YYYY-MM-DD or DD/MM/YYYY)", form.date.text),
            (.riskOfSeriousHarm, "Risk of serious harm", level(form.riskIndex)),
            (.safetyAndWellbeing, "Safety and wellbeing", level(form.safetyIndex)),
            (.interviewed, "Case manager interviewed", ["not recorded", "yes", "no"][form.interviewedIndex]),
        ]
        let textFields: Set<DetailsForm.Field> = [.ref, .inspector, .date]
        let valueWidth = max(10, min(40, size.width - 36))
        for (index, (field, label, value)) in rows.enumerated() {
            let row = 2 + index * 2
            let active = field == form.field
            let locked = field == .ref && form.editingRef != nil
            // Focus shows without colour: a marker, and the field in reverse video.
            buffer.put(focusMark(active) + label, x: 0, y: row, style: active ? .title : (locked ? .dim : .normal), maxWidth: 33)
            let style: Style = active ? Style(.normal, bold: true, reverse: true) : (locked ? .dim : .normal)
            if textFields.contains(field) {
                let textField = field == .ref ? form.ref : field == .inspector ? form.inspector : form.date
                let shown = TextWindow(textField, width: valueWidth)
                buffer.put("[" + DisplayWidth.padded(TerminalText.escaped(shown.text), to: valueWidth) + "]", x: 34, y: row, style: style)
                if active { buffer.cursor = (35 + shown.cursor, row) }
            } else {
                buffer.put("< \(value) >", x: 34, y: row, style: style, maxWidth: size.width - 35)
            }
        }
        buffer.put(
            Layout.cut(
                "The inspector's own judgement of the levels decides the 2018 sub-samples (README, rating rules).", to: size.width - 4),
            x: 2, y: 19, style: .dim, maxWidth: size.width - 4)
        renderFooter(
            [("Enter", "save"), ("Tab ↑↓", "field"), ("← → Space", "change"), ("Ctrl-U", "clear"), ("F1", "help"), ("Esc", "cancel")],
            into: &buffer)
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
