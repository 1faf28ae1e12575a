import CasemarkCore

extension App {
    static let levelChoices: [ClassificationLevel?] = [nil] + ClassificationLevel.allCases.map { $0 }

    /// Opens the details form for a new case (nil) or an existing one.
    mutating func startDetails(editing ref: String?) {
        guard let framework else { return }
        var form = DetailsForm()
        let domains = framework.caseDomains
        if let ref, let file = cases.first(where: { $0.ref == ref }) {
            form.editingRef = ref
            form.field = .inspector
            form.ref = TextField(ref, limit: 100)
            form.domainIndex = domains.firstIndex { $0.number == file.domain } ?? 0
            form.disposalIndex = disposals(domainIndex: form.domainIndex).firstIndex { $0.id == file.disposal } ?? 0
            form.inspector = TextField(file.details.inspector ?? "", limit: 200)
            form.date = TextField(file.details.date ?? "", limit: 10)
            form.riskIndex = Self.levelChoices.firstIndex { $0 == file.details.riskOfSeriousHarm } ?? 0
            form.safetyIndex = Self.levelChoices.firstIndex { $0 == file.details.safetyAndWellbeing } ?? 0
            form.interviewedIndex = file.details.caseManagerInterviewed.map { $0 ? 1 : 2 } ?? 0
        } else {
            form.ref = TextField(nextFreeRef(), limit: 100)
            if let previous = cases.last?.details.inspector { form.inspector = TextField(previous, limit: 200) }
        }
        detailsForm = form
        mode = .details
    }

    func disposals(domainIndex: Int) -> [Disposal] {
        guard let framework, framework.caseDomains.indices.contains(domainIndex) else { return [] }
        let domain = framework.caseDomains[domainIndex].number
        return framework.disposals.filter { $0.domain == domain }
    }

    private func nextFreeRef() -> String {
        let taken = Set(cases.map(\.ref))
        var number = cases.count + 1
        while taken.contains(String(format: "C%02d", number)) || folder?.writeRefusal(ref: String(format: "C%02d", number)) != nil {
            number += 1
        }
        return String(format: "C%02d", number)
    }

    mutating func handleDetails(_ key: Key) -> [Effect] {
        var form = detailsForm
        defer { detailsForm = form }
        let fields = DetailsForm.Field.allCases.filter { form.editingRef == nil || $0 != .ref }
        let position = fields.firstIndex(of: form.field) ?? 0
        switch key {
        case .escape:
            mode = form.editingRef == nil ? .caseList : .marking
            status = StatusLine(text: form.editingRef == nil ? "No case added" : "Details not changed", isError: false)
            return []
        case .tab, .down:
            form.field = fields[min(fields.count - 1, position + 1)]
            return []
        case .backTab, .up:
            form.field = fields[max(0, position - 1)]
            return []
        case .enter:
            return submitDetails(form)
        default:
            break
        }
        let step: Int? = key == .right || key == .character(" ") ? 1 : key == .left ? -1 : nil
        func cycle(_ value: inout Int, count: Int) {
            guard let step, count > 0 else { return }
            value = (value + step + count) % count
        }
        switch form.field {
        case .ref: _ = form.ref.handle(key)
        case .inspector: _ = form.inspector.handle(key)
        case .date: _ = form.date.handle(key)
        case .domain:
            cycle(&form.domainIndex, count: framework?.caseDomains.count ?? 0)
            form.disposalIndex = 0
        case .disposal: cycle(&form.disposalIndex, count: disposals(domainIndex: form.domainIndex).count)
        case .riskOfSeriousHarm: cycle(&form.riskIndex, count: Self.levelChoices.count)
        case .safetyAndWellbeing: cycle(&form.safetyIndex, count: Self.levelChoices.count)
        case .interviewed: cycle(&form.interviewedIndex, count: 3)
        }
        return []
    }

    private mutating func submitDetails(_ form: DetailsForm) -> [Effect] {
        guard let framework, framework.caseDomains.indices.contains(form.domainIndex) else { return [] }
        let ref = form.ref.text.trimmingCharacters(in: .whitespaces)
        let date = form.date.text.trimmingCharacters(in: .whitespaces)
        if form.editingRef == nil {
            guard CaseChecker.isSafeRef(ref) else {
                status = StatusLine(text: "A case reference uses letters, digits, '.', '_' and '-', not starting with '.'", isError: true)
                return []
            }
            guard !cases.contains(where: { $0.ref == ref }) else {
                status = StatusLine(text: "There is already a case \(ref)", isError: true)
                return []
            }
            if let refusal = folder?.writeRefusal(ref: ref) {
                status = StatusLine(text: "There is already a case file \(ref).json: \(refusal)", isError: true)
                return []
            }
        }
        guard date.isEmpty || CalendarDate(date) != nil else {
            status = StatusLine(text: "Write the date as YYYY-MM-DD", isError: true)
            return []
        }
        let domain = framework.caseDomains[form.domainIndex].number
        let disposalList = disposals(domainIndex: form.domainIndex)
        guard disposalList.indices.contains(form.disposalIndex) else { return [] }
        var file =
            form.editingRef.flatMap { editing in cases.first { $0.ref == editing } }
            ?? CaseFile(ref: ref, framework: framework.id, domain: domain, disposal: disposalList[form.disposalIndex].id)
        file.domain = domain
        file.disposal = disposalList[form.disposalIndex].id
        let inspector = form.inspector.text.trimmingCharacters(in: .whitespaces)
        file.details.inspector = inspector.isEmpty ? nil : inspector
        file.details.date = date.isEmpty ? nil : date
        file.details.riskOfSeriousHarm = Self.levelChoices[form.riskIndex]
        file.details.safetyAndWellbeing = Self.levelChoices[form.safetyIndex]
        file.details.caseManagerInterviewed = [nil, true, false][form.interviewedIndex]
        if form.editingRef != nil {
            // Answers to key questions of another domain cannot stay when the domain changes.
            let allowed = Set(framework.caseKeyQuestions(domain: domain).map(\.number))
            file.answers = file.answers.filter { allowed.contains($0.key) }
            mode = .marking
            return change(file)
        }
        guard var folder else { return [] }
        file.frameworkHash = framework.markedHash
        sync.cases[file.ref] = .new
        folder.cases.append(file)
        folder.cases.sort { numberingOrder($0.ref, $1.ref) }
        self.folder = folder
        tally?.add(file)
        caseCursor = listedCases.firstIndex { $0.ref == ref } ?? 0
        openMarking(ref)
        return [.saveCase(file)]
    }
}

import Foundation
