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

/// `casemark browse`: the framework as a read-only tree, for talking through the standards.
extension App {
    /// An app showing `framework` read-only: no inspection, nothing written.
    public init(browsing framework: Framework, size: (width: Int, height: Int)) {
        self.mode = .browse
        self.size = size
        self.frameworks = [framework]
        self.browseFramework = framework
    }

    /// The rows of the tree, without those under collapsed standards and key questions.
    public var browseRows: [BrowseRow] {
        guard let framework = browseFramework else { return [] }
        var rows: [BrowseRow] = []
        for domain in framework.domains {
            rows.append(
                BrowseRow(
                    level: .domain, id: domain.number, label: "\(domain.number). \(domain.title)",
                    details: ["Domain \(domain.number): \(domain.title)"]))
            for standard in domain.standards {
                let method = standard.rated == .directly ? "rated directly" : "rated from cases"
                var details = [
                    "\(standard.number) \(standard.title) (\(method)\(standard.core ? "" : ", not in the score"))", standard.statement,
                ]
                if let note = standard.note { details.append("Note: " + note) }
                let marker = browseCollapsed.contains(standard.number) ? "▸ " : "▾ "
                rows.append(
                    BrowseRow(
                        level: .standard, id: standard.number, label: marker + "\(standard.number) \(standard.title)", details: details))
                guard !browseCollapsed.contains(standard.number) else { continue }
                for question in standard.keyQuestions {
                    var questionDetails = ["\(question.number) \(question.text)"]
                    if let condition = question.applicability { questionDetails.append(condition.summary) }
                    if let guidance = question.guidance { questionDetails.append("Guidance: " + guidance) }
                    if let note = question.note { questionDetails.append("Note: " + note) }
                    let questionMarker = question.prompts.isEmpty ? "  " : browseCollapsed.contains(question.number) ? "▸ " : "▾ "
                    rows.append(
                        BrowseRow(
                            level: .keyQuestion, id: question.number, label: questionMarker + "\(question.number) \(question.text)",
                            details: questionDetails))
                    guard !browseCollapsed.contains(question.number) else { continue }
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

    mutating func handleBrowse(_ key: Key) -> [Effect] {
        guard let action = KeyMap.browse.action(for: key) else { return [] }
        let rows = browseRows
        let page = max(1, size.height - 10)
        switch action {
        case .quit: return [.quit]
        case .help: overlay = .help(.browse, offset: 0)
        case .up: browseCursor = max(0, browseCursor - 1)
        case .down: browseCursor = min(max(0, rows.count - 1), browseCursor + 1)
        case .pageUp: browseCursor = max(0, browseCursor - page)
        case .pageDown: browseCursor = min(max(0, rows.count - 1), browseCursor + page)
        case .top: browseCursor = 0
        case .bottom: browseCursor = max(0, rows.count - 1)
        case .fold:
            guard rows.indices.contains(browseCursor) else { return [] }
            let row = rows[browseCursor]
            guard row.level == .standard || row.level == .keyQuestion else { return [] }
            if browseCollapsed.contains(row.id) { browseCollapsed.remove(row.id) } else { browseCollapsed.insert(row.id) }
        case .search:
            prompt = .search(TextField())
        case .nextMatch, .previousMatch:
            repeatSearch(backwards: action == .previousMatch)
        default:
            break
        }
        return []
    }

}
