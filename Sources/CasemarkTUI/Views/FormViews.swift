import CasemarkCore

extension App {
    func renderSetup(into buffer: inout ScreenBuffer) {
        renderHeader("New inspection", into: &buffer)
        buffer.put("This folder holds no inspection yet. Name the service and choose the framework.", x: 2, y: 2)
        buffer.put("Service inspected:", x: 2, y: 4, style: setup.field == 0 ? .title : .normal)
        buffer.put("[" + DisplayWidth.padded(setup.service.text, to: 50) + "]", x: 22, y: 4, style: setup.field == 0 ? Style(.normal, underline: true) : .normal)
        if setup.field == 0 {
            let layout = setup.service.layout(width: 1000)
            buffer.cursor = (23 + min(layout.position.column, 50), 4)
        }
        buffer.put("Framework:", x: 2, y: 6, style: setup.field == 1 ? .title : .normal)
        for (index, framework) in frameworks.enumerated() {
            let marker = index == setup.frameworkIndex ? "(•) " : "( ) "
            let style: Style = index == setup.frameworkIndex && setup.field == 1 ? .selected : .normal
            buffer.put(marker + "\(framework.id)  \(framework.revised)  \(framework.title)", x: 4, y: 7 + index, style: style, maxWidth: size.width - 6)
        }
        renderFooter([("Tab", "next field"), ("↑↓", "choose"), ("Enter", "create"), ("Esc", "quit")], into: &buffer)
    }

    func renderDetails(into buffer: inout ScreenBuffer) {
        guard let framework else { return }
        let form = detailsForm
        renderHeader(form.editingRef.map { "Case \($0): details" } ?? "Add a case", into: &buffer)
        let disposals = disposals(domainIndex: form.domainIndex)
        func level(_ index: Int) -> String { Self.levelChoices[index]?.label ?? "not recorded" }
        let rows: [(DetailsForm.Field, String, String)] = [
            (.ref, "Case reference", form.ref.text),
            (.domain, "Domain", framework.caseDomains.indices.contains(form.domainIndex) ? framework.caseDomains[form.domainIndex].title : ""),
            (.disposal, "Disposal type", disposals.indices.contains(form.disposalIndex) ? disposals[form.disposalIndex].title : ""),
            (.inspector, "Inspector", form.inspector.text),
            (.date, "Date (YYYY-MM-DD)", form.date.text),
            (.riskOfSeriousHarm, "Risk of serious harm", level(form.riskIndex)),
            (.safetyAndWellbeing, "Safety and wellbeing", level(form.safetyIndex)),
            (.interviewed, "Case manager interviewed", ["not recorded", "yes", "no"][form.interviewedIndex]),
        ]
        let textFields: Set<DetailsForm.Field> = [.ref, .inspector, .date]
        for (index, (field, label, value)) in rows.enumerated() {
            let row = 2 + index * 2
            let active = field == form.field
            let locked = field == .ref && form.editingRef != nil
            buffer.put(label, x: 2, y: row, style: active ? .title : (locked ? .dim : .normal))
            let shown = textFields.contains(field) ? "[" + DisplayWidth.padded(value, to: 40) + "]" : "< \(value) >"
            buffer.put(shown, x: 30, y: row, style: active ? Style(.normal, bold: true, underline: !textFields.contains(field)) : (locked ? .dim : .normal))
            if active, textFields.contains(field) {
                let textField = field == .ref ? form.ref : field == .inspector ? form.inspector : form.date
                buffer.cursor = (31 + min(40, textField.layout(width: 1000).position.column), row)
            }
        }
        buffer.put("The inspector's own judgement of the levels decides the 2018 sub-samples (README, rating rules).", x: 2, y: 19, style: .dim, maxWidth: size.width - 4)
        renderFooter([("Tab ↑↓", "field"), ("← → Space", "change"), ("Enter", "save"), ("Esc", "cancel")], into: &buffer)
    }
}
