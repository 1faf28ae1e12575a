import CasemarkCore

/// The case details form as a screen model: `DetailsForm` is its state; moving between fields,
/// typing and choosing are its update, and its view draws into a rectangle.
///
/// Saving (`Enter`) is asked of the app (`ScreenRequest.submitDetails`): it adds or changes a case,
/// which the screens share.
extension DetailsForm {
    /// The form's fields in order: the ref (for a new case), domain and disposal, then the
    /// details the framework declares for the domain chosen (the others hidden).
    func fields(_ framework: Framework) -> [Field] {
        guard framework.caseDomains.indices.contains(domainIndex) else { return [] }
        let domain = framework.caseDomains[domainIndex].number
        return (editingRef == nil ? [.ref] : []) + [.domain, .disposal] + framework.details(forDomain: domain).map { Field($0.id) }
    }

    /// The disposals of the domain at `index` of the framework's case domains.
    static func disposals(_ framework: Framework, domainIndex index: Int) -> [Disposal] {
        guard framework.caseDomains.indices.contains(index) else { return [] }
        let domain = framework.caseDomains[index].number
        return framework.disposals.filter { $0.domain == domain }
    }

    /// How many field rows the form shows at once in `rect`.
    static func rowsShown(_ rect: Rect) -> Int { max(1, rect.height - 6) }

    /// Scrolls so the focused field is on screen.
    mutating func scrollToFocus(_ framework: Framework, rect: Rect) {
        let position = fields(framework).firstIndex(of: field) ?? 0
        scroll = min(max(scroll, position - Self.rowsShown(rect) + 1), position)
    }

    // MARK: - Update

    /// Applies an event: moves between fields, types, chooses; `Esc` asks to leave, `Enter` to save.
    public mutating func update(_ event: ScreenEvent, framework: Framework, context: inout ScreenContext) -> [Effect] {
        guard case .key(let key) = event else { return [] }
        let shown = Self.rowsShown(context.screenRect)
        defer { scrollToFocus(framework, rect: context.screenRect) }
        let fields = fields(framework)
        guard !fields.isEmpty else { return [] }
        let position = fields.firstIndex(of: field) ?? 0
        let declaration = field.detail.flatMap { framework.detail($0) }
        let typed = field == .ref || declaration.map { App.isTyped($0.kind) } == true
        switch key {
        case .escape:
            context.leave = true
            context.status = StatusLine(text: editingRef == nil ? "No case added" : "Details not changed", isError: false)
            return []
        case .tab, .down:
            field = fields[min(fields.count - 1, position + 1)]
            return []
        case .backTab, .up:
            field = fields[max(0, position - 1)]
            return []
        case .pageDown:
            field = fields[min(fields.count - 1, position + shown)]
            return []
        case .pageUp:
            field = fields[max(0, position - shown)]
            return []
        case .enter:
            context.request = .submitDetails
            return []
        case .function(1):
            context.overlay = .help(.details, offset: 0)
            return []
        case .character("?") where !typed:
            context.overlay = .help(.details, offset: 0)
            return []
        default:
            break
        }
        let step: Int? = key == .right || key == .character(" ") ? 1 : key == .left ? -1 : nil
        func cycle(_ value: inout Int, count: Int) {
            guard let step, count > 0 else { return }
            value = (value + step + count) % count
        }
        switch field {
        case .ref: _ = ref.handle(key)
        case .domain:
            cycle(&domainIndex, count: framework.caseDomains.count)
            disposalIndex = 0
        case .disposal: cycle(&disposalIndex, count: Self.disposals(framework, domainIndex: domainIndex).count)
        default:
            guard let declaration else { break }
            if App.isTyped(declaration.kind) {
                var text = texts[declaration.id] ?? TextField("", limit: App.limit(declaration.kind))
                _ = text.handle(key)
                texts[declaration.id] = text
            } else {
                var index = choices[declaration.id] ?? 0
                if case .character(let typed) = key, typed != " " {
                    // A letter picks the next value whose label starts with it (as a list box does):
                    // "v" for violence, "y" for Yes, in a list of fourteen offence types.
                    index = Self.nextChoice(declaration, after: index, startingWith: typed) ?? index
                } else {
                    cycle(&index, count: App.choiceCount(declaration.kind))
                }
                choices[declaration.id] = index
            }
        }
        return []
    }

    /// The index of the next value of a choice (after `index`, round from the start) whose label
    /// starts with `letter`, in any case; nil when none does.
    static func nextChoice(_ declaration: DetailDeclaration, after index: Int, startingWith letter: Character) -> Int? {
        let count = App.choiceCount(declaration.kind)
        let wanted = String(letter).lowercased()
        return (1..<max(1, count)).lazy.map { (index + $0) % count }.first { candidate in
            candidate > 0 && App.shownChoice(declaration, at: candidate).lowercased().hasPrefix(wanted)
        }
    }

    /// Pasted text into the focused text field (one line: breaks become spaces); false when the
    /// focus is on a choice.
    mutating func paste(_ text: String, framework: Framework?) -> Bool {
        if field == .ref {
            ref.insert(text, lineBreaks: false)
            return true
        }
        guard let declaration = field.detail.flatMap({ framework?.detail($0) }), App.isTyped(declaration.kind) else { return false }
        var typed = texts[declaration.id] ?? TextField("", limit: App.limit(declaration.kind))
        typed.insert(text, lineBreaks: false)
        texts[declaration.id] = typed
        return true
    }

    // MARK: - View

    /// Draws the form into `rect`: a row per field (the details the framework declares for the
    /// domain chosen), scrolled to keep the focus in view when they do not all fit.
    func view(into buffer: inout ScreenBuffer, rect: Rect, framework: Framework, header: (String, Bool)) {
        Chrome.header(
            editingRef.map { "Case \($0): details" } ?? "Add a case", right: header.0, warning: header.1, into: &buffer, rect: rect)
        let disposals = Self.disposals(framework, domainIndex: domainIndex)
        let fields = fields(framework)
        let shown = Self.rowsShown(rect)
        // Two lines a field when they all fit so, one otherwise.
        let spacing = fields.count * 2 - 1 <= shown ? 2 : 1
        let first = fields.count <= shown ? 0 : min(max(0, scroll), fields.count - shown)
        let visible = fields.count <= shown ? fields.count : shown
        // Room for the longest label (with the focus mark and a required star), not past 50
        // columns, and leaving the values at least 22.
        let longest = framework.details.map { DisplayWidth.of(TerminalText.escaped($0.label)) }.max() ?? 0
        let labelWidth = max(20, min(longest + 5, 50, rect.width - 24))
        let valueX = rect.x + labelWidth + 1
        let valueWidth = max(10, min(40, rect.width - valueX - 2))
        var anyRequired = false
        for (offset, row) in fields.dropFirst(first).prefix(spacing == 2 ? fields.count : visible).enumerated() {
            let y = rect.y + 2 + offset * spacing
            let active = row == field
            let locked = row == .ref && editingRef != nil
            let declaration = row.detail.flatMap { framework.detail($0) }
            var label: String
            var value: String?
            var typed: TextField?
            switch row {
            case .ref:
                label = "Case reference"
                typed = ref
            case .domain:
                label = "Domain"
                value = framework.caseDomains.indices.contains(domainIndex) ? framework.caseDomains[domainIndex].title : ""
            case .disposal:
                label = "Disposal type"
                value = disposals.indices.contains(disposalIndex) ? disposals[disposalIndex].title : ""
            default:
                guard let declaration else { continue }
                label = declaration.label
                if App.isTyped(declaration.kind) {
                    typed = texts[declaration.id] ?? TextField("", limit: App.limit(declaration.kind))
                } else {
                    value = App.shownChoice(declaration, at: choices[declaration.id] ?? 0)
                }
            }
            if declaration?.required == true {
                label += " *"
                anyRequired = true
            }
            // Focus shows without colour: a marker, and the field in reverse video.
            buffer.put(
                Layout.cut(SetupScreen.focusMark(active) + TerminalText.escaped(label), to: labelWidth), x: rect.x, y: y,
                style: active ? .title : (locked ? .dim : .normal), maxWidth: labelWidth)
            let style: Style = active ? Style(.normal, bold: true, reverse: true) : (locked ? .dim : .normal)
            if let typed {
                let window = TextWindow(typed, width: valueWidth)
                buffer.put(
                    "[" + DisplayWidth.padded(TerminalText.escaped(window.text), to: valueWidth) + "]", x: valueX, y: y, style: style)
                if active { buffer.cursor = (valueX + 1 + window.cursor, y) }
            } else {
                buffer.put(
                    "< \(TerminalText.escaped(value ?? "")) >", x: valueX, y: y, style: style, maxWidth: rect.x + rect.width - valueX - 1)
            }
        }
        if fields.count > visible {
            let more = "\(first + 1)–\(first + visible) of \(fields.count) (PgUp PgDn)"
            buffer.put(
                more, x: max(rect.x, rect.x + rect.width - DisplayWidth.of(more) - 1), y: rect.y + 1, style: .dim, maxWidth: rect.width)
        }
        let focused = field.detail.flatMap { framework.detail($0) }
        let hint: String
        if let help = focused?.help {
            hint = help
        } else if focused?.kind == .date {
            hint = "Write the date as YYYY-MM-DD or DD/MM/YYYY."
        } else if framework.standards.flatMap(\.keyQuestions).contains(where: { !($0.applicability?.excludeWhen.isEmpty ?? true) }) {
            // Only a framework with sub-samples (2018) lets the inspector's levels decide anything.
            hint = "The inspector's own judgement of the levels decides this framework's sub-samples (README, rating rules)."
        } else {
            hint = "Record the details as the case records show them; a case is known by its ref, never by a name."
        }
        buffer.put(
            Layout.cut(TerminalText.escaped(hint), to: rect.width - 4), x: rect.x + 2, y: rect.maxY - 4, style: .dim,
            maxWidth: rect.width - 4)
        if anyRequired || framework.details.contains(where: \.required) {
            buffer.put(
                Layout.cut("* needed before the case can be completed", to: rect.width - 4), x: rect.x + 2, y: rect.maxY - 3, style: .dim,
                maxWidth: rect.width - 4)
        }
        Chrome.footer(
            [("Enter", "save"), ("Tab ↑↓", "field"), ("← → Space", "change"), ("Ctrl-U", "clear"), ("F1", "help"), ("Esc", "cancel")],
            into: &buffer, rect: rect)
    }
}
