import CasemarkCore
import Foundation

extension App {
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
            form.fill(from: file.details, framework: framework)
        } else {
            form.ref = TextField(nextFreeRef(), limit: 100)
            form.fill(from: CaseDetails(), framework: framework)
            // The one adding the case is most likely its inspector, and it is inspected today.
            let inspector = session.user == "unknown" ? (cases.last?.details.inspector ?? "") : session.user
            form.inspector = TextField(inspector, limit: DetailDeclaration.longestText)
            form.date = TextField(session.today(), limit: 10)
        }
        if !detailFields(form).contains(form.field) { form.field = detailFields(form).first ?? .domain }
        detailsForm = form
        mode = .details
    }

    /// The form's fields in order (`DetailsForm.fields`).
    func detailFields(_ form: DetailsForm) -> [DetailsForm.Field] { framework.map(form.fields) ?? [] }

    func disposals(domainIndex: Int) -> [Disposal] {
        framework.map { DetailsForm.disposals($0, domainIndex: domainIndex) } ?? []
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

    /// Whether a detail is typed (text, number, date) rather than chosen (a choice, yes/no).
    static func isTyped(_ kind: DetailKind) -> Bool {
        switch kind {
        case .choice, .yesNo: false
        case .number, .date, .text: true
        }
    }

    /// The positions a chosen detail cycles through: not recorded, then its values.
    static func choiceCount(_ kind: DetailKind) -> Int {
        switch kind {
        case .choice(let choices): choices.count + 1
        default: 3
        }
    }

    /// The longest a typed detail can be, in characters.
    static func limit(_ kind: DetailKind) -> Int {
        switch kind {
        case .date: 10
        case .number: 12
        default: DetailDeclaration.longestText
        }
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

    /// Saves the details form: adds the case, or changes its details (a problem moves the focus
    /// to its field).
    mutating func submitDetails(_ form: inout DetailsForm) -> [Effect] {
        guard let framework, framework.caseDomains.indices.contains(form.domainIndex) else { return [] }
        let ref = form.ref.text.trimmingCharacters(in: .whitespaces)
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
        let domain = framework.caseDomains[form.domainIndex].number
        let disposalList = disposals(domainIndex: form.domainIndex)
        guard disposalList.indices.contains(form.disposalIndex) else { return [] }
        var details =
            form.editingRef.flatMap { editing in cases.first { $0.ref == editing }?.details } ?? CaseDetails()
        for declaration in framework.details {
            // A detail not asked in the domain chosen is not kept (the form hid it).
            guard declaration.applies(toDomain: domain) else {
                details.set(nil, for: declaration.id)
                continue
            }
            switch form.value(of: declaration) {
            case .success(let value): details.set(value, for: declaration.id)
            case .failure(let refusal): return refuse(refusal.message, at: DetailsForm.Field(declaration.id))
            }
        }
        var file =
            form.editingRef.flatMap { editing in cases.first { $0.ref == editing } }
            ?? CaseFile(ref: ref, framework: framework.id, domain: domain, disposal: disposalList[form.disposalIndex].id)
        file.domain = domain
        file.disposal = disposalList[form.disposalIndex].id
        file.details = details
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
        if let first = added.first, let index = markingItems.firstIndex(where: { $0.keyQuestion == first }) { marking.cursor = index }
    }
}

/// Why a detail as typed cannot be saved.
struct DetailRefusal: Error {
    var message: String
}

extension DetailsForm {
    /// Fills the detail fields from a case's details (every declared detail, hidden ones too).
    mutating func fill(from details: CaseDetails, framework: Framework) {
        for declaration in framework.details {
            let value = details.value(of: declaration.id)
            switch declaration.kind {
            case .choice(let values):
                choices[declaration.id] = values.firstIndex { .text($0.id) == value }.map { $0 + 1 } ?? 0
            case .yesNo:
                choices[declaration.id] = value.map { $0 == .flag(true) ? 1 : 2 } ?? 0
            case .number, .date, .text:
                texts[declaration.id] = TextField(value?.text ?? "", limit: App.limit(declaration.kind))
            }
        }
    }

    /// A detail's value as the form holds it: nil when not recorded; a refusal, in words, when
    /// what is typed is not one of its values.
    func value(of declaration: DetailDeclaration) -> Result<DetailValue?, DetailRefusal> {
        let typed = (texts[declaration.id]?.text ?? "").trimmingCharacters(in: .whitespaces)
        let value: DetailValue?
        switch declaration.kind {
        case .choice(let values):
            let index = choices[declaration.id] ?? 0
            value = index > 0 && index <= values.count ? .text(values[index - 1].id) : nil
        case .yesNo:
            value = [nil, DetailValue.flag(true), .flag(false)][min(2, max(0, choices[declaration.id] ?? 0))]
        case .date:
            guard typed.isEmpty || App.fileDate(typed) != nil else {
                return .failure(DetailRefusal(message: "Write the date as YYYY-MM-DD or DD/MM/YYYY (a real day)"))
            }
            value = App.fileDate(typed).map(DetailValue.text)
        case .number(let range, _):
            guard typed.isEmpty || Int(typed) != nil else {
                return .failure(DetailRefusal(message: "\(TerminalText.escaped(declaration.label)): write a whole number"))
            }
            value = Int(typed).map(DetailValue.number)
            if let range, let number = Int(typed), !range.contains(number) {
                return .failure(
                    DetailRefusal(
                        message: "\(TerminalText.escaped(declaration.label)): from \(range.lowerBound) to \(range.upperBound)"))
            }
        case .text:
            value = typed.isEmpty ? nil : .text(typed)
        }
        if let value, let problem = declaration.problem(with: value) {
            return .failure(DetailRefusal(message: TerminalText.escaped(problem)))
        }
        return .success(value)
    }
}
