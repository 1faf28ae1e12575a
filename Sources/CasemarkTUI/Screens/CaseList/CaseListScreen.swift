import CasemarkCore

/// The case list: every case with its progress and review status, the score so far; its own
/// model.
///
/// It reads the cases from the app; opening a case, adding one, the ratings screen and quitting
/// it asks for through `context.request`, which the app carries out (they change what the
/// screens share).
public struct CaseListScreen: Equatable, Sendable {
    public var cursor = 0
    /// Only cases of this review status are listed when set.
    public var reviewFilter: ReviewStatus?

    public init() {}

    /// The cases listed: all, or those of the review status filtered on.
    public func listed(_ cases: [CaseFile]) -> [CaseFile] {
        guard let reviewFilter else { return cases }
        return cases.filter { $0.reviewStatus == reviewFilter }
    }

    /// The rows of cases in `rect` (under the header and the column titles), fewer when
    /// `damaged` lines of damaged files are listed under them.
    static func listHeight(_ rect: Rect, damaged: Int) -> (rows: Int, damagedRows: Int) {
        let available = max(1, rect.height - 4)
        let damagedRows = damaged == 0 ? 0 : min(damaged, max(2, (available - 1) / 3))
        return (max(1, available - 1 - damagedRows), damagedRows)
    }

    func firstShown(rows: Int, count: Int) -> Int { max(0, min(cursor - rows / 2, count - rows)) }

    // MARK: - Update

    /// Applies an event and returns the effects for the runner (none of its own).
    public mutating func update(
        _ event: ScreenEvent, cases: [CaseFile], isReviewing: Bool, damaged: Int, context: inout ScreenContext
    ) -> [Effect] {
        let list = listed(cases)
        let count = list.count
        switch event {
        case .click(let x, let y):
            let rect = context.screenRect
            let rows = Self.listHeight(rect, damaged: damaged).rows
            let first = firstShown(rows: rows, count: count)
            let listRect = Rect(x: rect.x, y: rect.y + 2, width: rect.width, height: rows)
            if listRect.contains(x: x, y: y), list.indices.contains(first + y - listRect.y) { cursor = first + y - listRect.y }
        case .search(let query, let backwards):
            search(query, in: list, backwards: backwards, context: &context)
        case .key(let key):
            guard let action = KeyMap.caseList.action(for: key) else { return [] }
            let page = max(1, context.size.height - 5)
            if let moved = action.movedCursor(cursor, count: count, page: page) {
                cursor = moved
                return []
            }
            switch action {
            case .quit: context.request = .quit
            case .help: context.overlay = .help(.caseList, offset: 0)
            case .open:
                guard list.indices.contains(cursor) else { return [] }
                context.request = .openCase(list[cursor].ref)
            case .addCase:
                guard !isReviewing else {
                    context.status = StatusLine(text: "Review mode: cases cannot be added here", isError: true)
                    return []
                }
                context.request = .addCase
            case .removeCase:
                guard !isReviewing else {
                    context.status = StatusLine(text: "Review mode: cases cannot be removed here", isError: true)
                    return []
                }
                guard list.indices.contains(cursor) else { return [] }
                context.overlay = .confirmRemove(ref: list[cursor].ref)
            case .filterReview:
                let choices: [ReviewStatus?] = [nil] + ReviewStatus.allCases.map { $0 }
                let position = choices.firstIndex { $0 == reviewFilter } ?? 0
                reviewFilter = choices[(position + 1) % choices.count]
                cursor = 0
                context.status = StatusLine(
                    text: "Showing " + (reviewFilter.map { "cases \($0.rawValue)" } ?? "all cases"), isError: false)
            case .ratingsScreen:
                context.request = .ratings
            case .search:
                context.prompt = .search(TextField())
            case .nextMatch, .previousMatch:
                guard !context.lastSearch.isEmpty else {
                    context.status = StatusLine(text: "No search yet: / searches", isError: false)
                    return []
                }
                search(context.lastSearch, in: list, backwards: action == .previousMatch, context: &context)
            default:
                break
            }
        }
        return []
    }

    /// Moves to the next (or previous) case whose ref, disposal or inspector holds `query`; the
    /// status line says which match of how many.
    mutating func search(_ query: String, in list: [CaseFile], backwards: Bool, context: inout ScreenContext) {
        let needle = Chrome.folded(query)
        guard !needle.isEmpty else { return }
        func matches(_ text: String) -> Bool { Chrome.folded(text).contains(needle) }
        let hits = list.indices.filter { matches(list[$0].ref) || matches(list[$0].disposal) || matches(list[$0].details.inspector ?? "") }
        guard let (target, place) = Chrome.nextHit(hits, after: cursor, backwards: backwards) else {
            context.status = StatusLine(text: "No match for \"\(query)\"", isError: true)
            return
        }
        cursor = target
        context.status = StatusLine(text: "\"\(query)\": match \(place) of \(hits.count) (n next, N previous)", isError: false)
    }
}

/// What a screen asks the app to do that changes which screen shows or what they share.
public enum ScreenRequest: Equatable, Sendable {
    case openCase(String)
    case addCase
    case ratings
    /// Quit, once nothing unsaved would be lost (the app asks first).
    case quit
    /// Save the details form: add the case, or change its details.
    case submitDetails
    /// The details form on the case of this ref.
    case editDetails(String)
}
