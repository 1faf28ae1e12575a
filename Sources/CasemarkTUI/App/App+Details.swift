import CasemarkCore
import Foundation

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
            // The one adding the case is most likely its inspector, and it is inspected today.
            let inspector = session.user == "unknown" ? (cases.last?.details.inspector ?? "") : session.user
            form.inspector = TextField(inspector, limit: 200)
            form.date = TextField(session.today(), limit: 10)
        }
        detailsForm = form
        mode = .details
    }

    func disposals(domainIndex: Int) -> [Disposal] {
        guard let framework, framework.caseDomains.indices.contains(domainIndex) else { return [] }
        let domain = framework.caseDomains[domainIndex].number
        return framework.disposals.filter { $0.domain == domain }
    }

    /// The next ref of this user's series (`Session.refPrefix`): C01, C02...
    ///
    /// for one person alone, AI01, AI02... for Ann Inspector in a team, so two copies never pick
    /// the same ref.
    func nextFreeRef() -> String {
        let taken = Set(cases.map(\.ref))
        let prefix = session.refPrefix
        var number = cases.filter { $0.ref.hasPrefix(prefix) }.count + 1
        func ref(_ number: Int) -> String { prefix + String(format: "%02d", number) }
        while taken.contains(ref(number)) || folder?.writeRefusal(ref: ref(number)) != nil
            || folder.map({ FileSystem.exists($0.caseFilePath(ref: ref(number))) }) == true
        {
            number += 1
        }
        return ref(number)
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
            let effects = submitDetails(&form)
            return effects
        case .function(1):
            overlay = .help(.details, offset: 0)
            return []
        case .character("?") where ![.ref, .inspector, .date].contains(form.field):
            overlay = .help(.details, offset: 0)
            return []
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

    /// A date as typed, in the file's form: `YYYY-MM-DD`, or `DD/MM/YYYY` as UK users write it
    /// (`20/11/2026` → `2026-11-20`); nil when it is neither, or not a real day.
    static func fileDate(_ typed: String) -> String? {
        if CalendarDate(typed) != nil { return typed }
        let parts = typed.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count), parts[2].count == 4,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        else { return nil }
        let text = "\(parts[2])-\(parts[1].count == 1 ? "0" : "")\(parts[1])-\(parts[0].count == 1 ? "0" : "")\(parts[0])"
        return CalendarDate(text) != nil ? text : nil
    }

    private mutating func submitDetails(_ form: inout DetailsForm) -> [Effect] {
        guard let framework, framework.caseDomains.indices.contains(form.domainIndex) else { return [] }
        let ref = form.ref.text.trimmingCharacters(in: .whitespaces)
        let typedDate = form.date.text.trimmingCharacters(in: .whitespaces)
        // A problem moves the focus to the field it is in.
        func refuse(_ text: String, at field: DetailsForm.Field) -> [Effect] {
            status = StatusLine(text: text, isError: true)
            form.field = field
            return []
        }
        if form.editingRef == nil {
            guard CaseChecker.isSafeRef(ref) else {
                return refuse("A case reference uses letters, digits, '.', '_' and '-', not starting with '.'", at: .ref)
            }
            guard !cases.contains(where: { $0.ref == ref }) else {
                return refuse("There is already a case \(ref)", at: .ref)
            }
            if let refusal = folder?.writeRefusal(ref: ref) {
                return refuse("There is already a case file \(ref).json: \(refusal)", at: .ref)
            }
        }
        let date = typedDate.isEmpty ? "" : Self.fileDate(typedDate) ?? ""
        guard typedDate.isEmpty || !date.isEmpty else {
            return refuse("Write the date as YYYY-MM-DD or DD/MM/YYYY (a real day)", at: .date)
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
        if let editing = form.editingRef, let before = cases.first(where: { $0.ref == editing }) {
            // Answers to key questions of another domain cannot stay when the domain changes.
            let allowed = Set(framework.caseKeyQuestions(domain: domain).map(\.number))
            file.answers = file.answers.filter { allowed.contains($0.key) }
            mode = .marking
            let effects = change(file)
            showApplicabilityChange(from: before, to: file)
            return effects
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

extension App {
    /// After a change of details: the key questions that now apply and are unanswered, and
    /// those that no longer apply (their answers are kept, and not counted).
    mutating func showApplicabilityChange(from before: CaseFile, to after: CaseFile) {
        guard let framework else { return }
        let old = CaseOutline(framework: framework, domain: before.domain)
        let new = CaseOutline(framework: framework, domain: after.domain)
        let wasAsked = Set(old.keyQuestions.filter { old.applies($0, to: before) }.map(\.number))
        let nowAsked = new.keyQuestions.filter { new.applies($0, to: after) }
        let added = nowAsked.filter { !wasAsked.contains($0.number) && after.answers[$0.number]?.judgement == nil }.map(\.number)
        let nowSet = Set(nowAsked.map(\.number))
        let dropped = old.keyQuestions.filter { wasAsked.contains($0.number) && !nowSet.contains($0.number) }.map(\.number)
        guard !added.isEmpty || !dropped.isEmpty else { return }
        var lines: [String] = []
        if !added.isEmpty { lines += ["These key questions now apply and need answering:"] + added.map { "  " + $0 } }
        if !dropped.isEmpty {
            if !lines.isEmpty { lines.append("") }
            lines += ["These no longer apply (their answers are kept, not counted):"] + dropped.map { "  " + $0 }
        }
        overlay = .message(title: "Case \(after.ref): the details changed which questions apply", lines: lines)
        if let first = added.first, let index = markingItems.firstIndex(where: { $0.keyQuestion == first }) { markingCursor = index }
    }
}

extension App {
    /// Pasted text into the details form's focused text field (one line: breaks become spaces);
    /// false when the focus is on a choice.
    mutating func pasteIntoDetails(_ text: String) -> Bool {
        switch detailsForm.field {
        case .ref: detailsForm.ref.insert(text, lineBreaks: false)
        case .inspector: detailsForm.inspector.insert(text, lineBreaks: false)
        case .date: detailsForm.date.insert(text, lineBreaks: false)
        default: return false
        }
        return true
    }
}
