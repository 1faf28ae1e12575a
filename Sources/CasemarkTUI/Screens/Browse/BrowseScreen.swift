import CasemarkCore

/// One line of the framework tree in `casemark browse`.
public struct BrowseRow: Equatable, Sendable {
    public enum Level: Int, Sendable {
        case domain, standard, keyQuestion, prompt
    }

    public var level: Level
    /// `2`, `2.1`, `2.1.1`, or `2.1.1 a`.
    public var id: String
    public var label: String
    /// Everything worth reading about the row: full text, statement, guidance, notes.
    public var details: [String]
}

/// `casemark browse`: a framework as a read-only tree, with folding and search; its own model
/// (state, update, view), as every screen is to be.
public struct BrowseScreen: Sendable {
    public let framework: Framework
    public private(set) var cursor = 0
    public private(set) var collapsed: Set<String> = []
    /// The rows shown, worked out once per fold rather than on every key.
    public private(set) var rows: [BrowseRow] = []

    /// Rows of the detail pane under the tree.
    static let detailHeight = 6

    public init(framework: Framework) {
        self.framework = framework
        rows = Self.rows(of: framework, collapsed: collapsed)
    }

    /// Rows of the tree that fit in `rect` between its header, the detail pane and its footer.
    static func listHeight(_ rect: Rect) -> Int { max(1, rect.height - 2 - detailHeight - 1) }

    /// The first row drawn, so the cursor stays in the middle where it can.
    func firstShown(_ rect: Rect) -> Int {
        let height = Self.listHeight(rect)
        return max(0, min(cursor - height / 2, rows.count - height))
    }

    // MARK: - Update

    /// Applies an event and returns the effects for the runner.
    ///
    /// It moves, folds and searches, and opens help, the framework's notes or the search prompt
    /// through `context`. Browsing never writes anything: the only effect is quitting.
    public mutating func update(_ event: ScreenEvent, context: inout ScreenContext) -> [Effect] {
        switch event {
        case .click(let x, let y):
            let rect = context.screenRect
            let first = firstShown(rect)
            let listRect = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: Self.listHeight(rect))
            if listRect.contains(x: x, y: y), rows.indices.contains(first + y - listRect.y) { cursor = first + y - listRect.y }
            return []
        case .search(let query, let backwards):
            search(query, backwards: backwards, context: &context)
            return []
        case .key(let key):
            return handle(key, context: &context)
        }
    }

    private mutating func handle(_ key: Key, context: inout ScreenContext) -> [Effect] {
        guard let action = KeyMap.browse.action(for: key) else { return [] }
        let page = max(1, context.size.height - 10)
        if let moved = action.movedCursor(cursor, count: rows.count, page: page) {
            cursor = moved
            return []
        }
        switch action {
        case .quit: return [.quit]
        case .help: context.overlay = .help(.browse, offset: 0)
        case .about: context.overlay = .about(offset: 0)
        case .fold:
            guard rows.indices.contains(cursor) else { return [] }
            let row = rows[cursor]
            guard row.level == .standard || row.level == .keyQuestion else { return [] }
            if collapsed.contains(row.id) { collapsed.remove(row.id) } else { collapsed.insert(row.id) }
            rows = Self.rows(of: framework, collapsed: collapsed)
        case .search:
            context.prompt = .search(TextField())
        case .nextMatch, .previousMatch:
            let query = context.lastSearch
            guard !query.isEmpty else {
                context.status = StatusLine(text: "No search yet: / searches", isError: false)
                return []
            }
            search(query, backwards: action == .previousMatch, context: &context)
        default:
            break
        }
        return []
    }

    /// Moves to the next (or previous) row whose text or details hold `query`, unfolding
    /// everything first so no match is hidden; the status line says which match of how many.
    mutating func search(_ query: String, backwards: Bool, context: inout ScreenContext) {
        let needle = Chrome.folded(query)
        guard !needle.isEmpty else { return }
        if !collapsed.isEmpty {
            collapsed = []
            rows = Self.rows(of: framework, collapsed: collapsed)
        }
        func matches(_ text: String) -> Bool { Chrome.folded(text).contains(needle) }
        let hits = rows.indices.filter { matches(rows[$0].label) || rows[$0].details.contains(where: matches) }
        guard let (target, place) = Chrome.nextHit(hits, after: cursor, backwards: backwards) else {
            context.status = StatusLine(text: "\"\(query)\" is not in this framework", isError: true)
            return
        }
        cursor = target
        context.status = StatusLine(text: "\"\(query)\": match \(place) of \(hits.count) (n next, N previous)", isError: false)
    }

    // MARK: - View

    /// Draws the header, the tree, the highlighted row's details and the footer into `rect`.
    public func view(into buffer: inout ScreenBuffer, rect: Rect) {
        Chrome.header(
            "Browse \(framework.id) · \(framework.title) · revised \(framework.revised) · read-only", right: "", warning: false,
            into: &buffer, rect: rect)
        let listTop = rect.y + 1
        let listHeight = Self.listHeight(rect)
        let first = firstShown(rect)
        for (offset, row) in rows.dropFirst(first).prefix(listHeight).enumerated() {
            let y = listTop + offset
            let selected = first + offset == cursor
            let indent = row.level.rawValue * 2
            let style: Style = selected ? .selected : row.level == .domain || row.level == .standard ? .title : .normal
            if selected { buffer.fill(x: rect.x, y: y, width: rect.width, height: 1, style: .selected) }
            buffer.put(
                Layout.cut(TerminalText.escaped(row.label), to: rect.width - 2 - indent), x: rect.x + 1 + indent, y: y, style: style)
        }
        let detailTop = rect.maxY - 1 - Self.detailHeight
        buffer.put(String(repeating: "─", count: rect.width), x: rect.x, y: detailTop - 1, style: .dim)
        if rows.indices.contains(cursor) {
            var lines: [String] = []
            for text in rows[cursor].details {
                lines += DisplayWidth.wrap(TerminalText.escaped(text), width: rect.width - 2)
            }
            for (index, line) in lines.prefix(Self.detailHeight).enumerated() {
                buffer.put(line, x: rect.x + 1, y: detailTop + index, style: index == 0 ? .title : .normal)
            }
        }
        Chrome.footer(KeyMap.browse, into: &buffer, rect: rect)
    }

    // MARK: - Rows

    /// The rows of the tree, without those under collapsed standards and key questions; a domain's
    /// details end with where the framework's text comes from (its caveat).
    static func rows(of framework: Framework, collapsed: Set<String>) -> [BrowseRow] {
        var rows: [BrowseRow] = []
        let about = framework.caveat.map { ["Framework text: " + $0 + " (i: the framework's notes)"] } ?? []
        for domain in framework.domains {
            rows.append(
                BrowseRow(
                    level: .domain, id: domain.number, label: "\(domain.number). \(domain.title)",
                    details: ["Domain \(domain.number): \(domain.title)"] + about))
            for standard in domain.standards {
                let method = standard.rated == .directly ? "rated directly" : "rated from cases"
                var details = [
                    "\(standard.number) \(standard.title) (\(method)\(standard.core ? "" : ", not in the score"))", standard.statement,
                ]
                if let note = standard.note { details.append("Note: " + note) }
                let marker = collapsed.contains(standard.number) ? "▸ " : "▾ "
                rows.append(
                    BrowseRow(
                        level: .standard, id: standard.number, label: marker + "\(standard.number) \(standard.title)", details: details))
                guard !collapsed.contains(standard.number) else { continue }
                for question in standard.keyQuestions {
                    var questionDetails = ["\(question.number) \(question.text)"]
                    if let condition = question.applicability { questionDetails.append(condition.summary) }
                    if let guidance = question.guidance { questionDetails.append("Guidance: " + guidance) }
                    if let note = question.note { questionDetails.append("Note: " + note) }
                    let questionMarker = question.prompts.isEmpty ? "  " : collapsed.contains(question.number) ? "▸ " : "▾ "
                    rows.append(
                        BrowseRow(
                            level: .keyQuestion, id: question.number, label: questionMarker + "\(question.number) \(question.text)",
                            details: questionDetails))
                    guard !collapsed.contains(question.number) else { continue }
                    for prompt in question.prompts {
                        var promptDetails = ["\(question.number) \(prompt.letter)) \(prompt.text)"]
                        if let guidance = prompt.guidance { promptDetails.append("Guidance: " + guidance) }
                        if let note = prompt.note { promptDetails.append("Note: " + note) }
                        rows.append(
                            BrowseRow(
                                level: .prompt, id: "\(question.number) \(prompt.letter)", label: "\(prompt.letter)) \(prompt.text)",
                                details: promptDetails))
                    }
                }
            }
        }
        return rows
    }
}
