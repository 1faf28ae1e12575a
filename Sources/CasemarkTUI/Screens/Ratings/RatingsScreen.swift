import CasemarkCore

/// The ratings screen: the directly rated standards' ratings and evidence, and the ratings
/// panel's decisions on any standard; its own model.
///
/// It reads the framework, the inspection and its ratings from the app and asks for changes to
/// the inspection through `context.changes`, which the app makes (so a reviewer's refusal, the
/// save and what moved stay in one place).
public struct RatingsScreen: Equatable, Sendable {
    public private(set) var cursor = 0

    public init() {}

    /// The rows of standards that fit in `rect`, under the header and column titles and above the
    /// legend, the detail and the footer.
    static func listHeight(_ rect: Rect) -> Int { max(1, rect.height - 8) }

    func firstShown(_ rect: Rect, count: Int) -> Int {
        let height = Self.listHeight(rect)
        return max(0, min(cursor - height / 2, count - height))
    }

    /// The rating actions by the place on the scale they rate (0 for the best).
    static let ratingRanks: [Action: Int] = [.rateOutstanding: 0, .rateGood: 1, .rateRequiresImprovement: 2, .rateInadequate: 3]

    // MARK: - Update

    /// Applies an event and returns the effects for the runner (none of its own: the changes it
    /// asks for are saved by the app).
    public mutating func update(
        _ event: ScreenEvent, framework: Framework, inspection: InspectionFile, context: inout ScreenContext
    ) -> [Effect] {
        let standards = framework.standards
        switch event {
        case .click(let x, let y):
            let rect = context.screenRect
            let first = firstShown(rect, count: standards.count)
            let listRect = Rect(x: rect.x, y: rect.y + 2, width: rect.width, height: Self.listHeight(rect))
            if listRect.contains(x: x, y: y), first + y - listRect.y < standards.count { cursor = first + y - listRect.y }
            return []
        case .search:
            return []
        case .key(let key):
            guard let action = KeyMap.ratings.action(for: key), standards.indices.contains(cursor) else { return [] }
            let standard = standards[cursor]
            if let moved = action.movedCursor(cursor, count: standards.count, page: 10) {
                cursor = moved
                return []
            }
            switch action {
            case .quit: context.leave = true
            case .help: context.overlay = .help(.ratings, offset: 0)
            case .rateOutstanding, .rateGood, .rateRequiresImprovement, .rateInadequate:
                guard let id = framework.ratingID(rank: Self.ratingRanks[action] ?? 0) else { return [] }
                guard standard.rated == .directly else {
                    context.status = StatusLine(
                        text: "\(standard.number) is rated from cases; press p to record a ratings panel decision", isError: true)
                    return []
                }
                context.changes.append(.rate(standard: standard.number, rating: id))
            case .clearRating:
                guard standard.rated == .directly else { return [] }
                context.changes.append(.clearRating(standard: standard.number))
            case .editNote:
                guard standard.rated == .directly, let entry = inspection.ratings[standard.number] else {
                    context.status = StatusLine(text: "Rate the standard first (o, g, r or i), then write the evidence", isError: true)
                    return []
                }
                context.prompt = .ratingNote(standard: standard.number, field: TextField(entry.note ?? "", limit: 100_000))
            case .setDiscretion:
                context.prompt = .discretionRating(standard: standard.number)
            case .clearDiscretion:
                context.changes.append(.clearDiscretion(standard: standard.number))
            default:
                break
            }
            return []
        }
    }

    // MARK: - View

    /// Draws the header, the standards with how each is rated, computed and final, the legend,
    /// the highlighted standard's evidence and decision, and the footer into `rect`.
    public func view(
        into buffer: inout ScreenBuffer, rect: Rect, framework: Framework, inspection: InspectionFile, ratings: InspectionRatings,
        header: (String, Bool)
    ) {
        Chrome.header("Direct ratings and ratings panel decisions", right: header.0, warning: header.1, into: &buffer, rect: rect)
        let titleWidth = rect.width - 2 - 8 - 18 - 20
        buffer.put(
            DisplayWidth.padded("Standard", to: titleWidth) + DisplayWidth.padded("Rated", to: 8) + DisplayWidth.padded("Computed", to: 18)
                + "Final", x: rect.x + 1, y: rect.y + 1, style: .title)
        let standards = framework.standards
        let first = firstShown(rect, count: standards.count)
        for (offset, standard) in standards.dropFirst(first).prefix(Self.listHeight(rect)).enumerated() {
            let row = rect.y + 2 + offset
            let result = ratings.standard(standard.number)
            let selected = first + offset == cursor
            let how = standard.rated == .directly ? "direct" : "cases"
            var final = RatingText.short(result?.final)
            if result?.discretion != nil { final += " (P)" }
            // The title cut at a word, a space kept before the next column; the mark of a standard
            // outside the score kept after the cut (resettlement's title is a long one).
            let mark = standard.core ? "" : " *"
            let line =
                DisplayWidth.padded(
                    Layout.cut("\(standard.number) \(standard.title)", to: titleWidth - 1 - mark.count) + mark, to: titleWidth)
                + DisplayWidth.padded(how, to: 8) + DisplayWidth.padded(RatingText.short(result?.computed), to: 18) + final
            if selected { buffer.fill(x: rect.x, y: row, width: rect.width, height: 1, style: .selected) }
            buffer.put(
                line, x: rect.x + 1, y: row, style: selected ? .selected : Style(.rating(framework.rank(of: result?.final?.id))),
                maxWidth: rect.width - 2)
        }
        guard !standards.isEmpty else { return }
        // The highlighted standard's evidence and decision.
        let standard = standards[min(cursor, standards.count - 1)]
        var detail: [String] = []
        if let note = inspection.ratings[standard.number]?.note { detail.append("Evidence: " + note) }
        if let decision = inspection.discretion[standard.number] {
            detail.append("Ratings panel: \(framework.label(of: decision.rating)). Reason: \(decision.reason)")
        }
        if detail.isEmpty {
            detail.append(
                standard.rated == .directly
                    ? "No evidence note yet (e to write one)." : "Rated from the cases; p records a ratings panel decision.")
        }
        buffer.put("(P) ratings panel decision   * not in the score", x: rect.x + 1, y: rect.maxY - 6, style: .dim)
        var row = rect.maxY - 5
        for line in detail.flatMap({ DisplayWidth.wrap(TerminalText.escaped($0), width: rect.width - 2) }).prefix(3) {
            buffer.put(line, x: rect.x + 1, y: row)
            row += 1
        }
        Chrome.footer(KeyMap.ratings, into: &buffer, rect: rect)
    }
}

/// A change a screen asks the app to make to what the screens share: the inspection file.
public enum SharedChange: Equatable, Sendable {
    case rate(standard: String, rating: String)
    case clearRating(standard: String)
    case clearDiscretion(standard: String)
    /// The case being marked as it is to be (answered, noted, reviewed, undone), kept for undo
    /// when `recordUndo`.
    case replaceCase(CaseFile, recordUndo: Bool)
}

extension Framework {
    /// The id of the rating at `rank` on the scale (0 for the best).
    func ratingID(rank: Int) -> String? {
        let scale = ratingScale.sorted { $0.score > $1.score }
        return scale.indices.contains(rank) ? scale[rank].id : nil
    }
}
