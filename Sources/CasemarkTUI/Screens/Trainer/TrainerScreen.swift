import CasemarkCore

/// The trainer view (`t`): every case-rated key question with its count, band and the cases to
/// the next band up and down, the ones a single case would move marked `◆` (or listed first,
/// `s`), each standard's rating (saying when a ratings panel decision holds it), and the score.
///
/// What the last change moved is marked `Δ` with what it was, until the next key. Its own model:
/// state, update, and a view drawing into a rectangle; the ratings come in from the app.
public struct TrainerScreen: Sendable {
    /// One row of the list: a standard, or one of its key questions.
    public struct Row: Equatable, Sendable {
        public var standard: StandardResult
        /// Nil for the standard's own row.
        public var keyQuestion: KeyQuestionResult?
    }

    public let framework: Framework
    /// The screen to go back to (`q`).
    public let returnMode: App.Mode
    public private(set) var cursor = 0
    /// Key questions closest to a band edge first, without the standards' rows.
    public private(set) var sortedByEdge = false
    /// What the change made just before the view opened moved; cleared by the first key.
    public private(set) var moved: RatingMovement?

    public init(framework: Framework, returnMode: App.Mode, moved: RatingMovement?) {
        self.framework = framework
        self.returnMode = returnMode
        self.moved = moved
    }

    /// How many cases (judgements turned) the nearest band edge of a key question is: nil when
    /// it has no applicable case.
    static func distance(_ question: KeyQuestionResult) -> Int? {
        guard question.band != nil else { return nil }
        return [question.toNextBandUp, question.toNextBandDown].compactMap { $0 }.min() ?? Int.max
    }

    /// The rows shown: case-rated standards with their key questions in framework order, or the
    /// key questions alone, nearest a band edge first.
    public func rows(_ ratings: InspectionRatings) -> [Row] {
        let standards = ratings.standards.filter { $0.rated == .cases }
        if sortedByEdge {
            let questions = standards.flatMap { standard in standard.keyQuestions.map { Row(standard: standard, keyQuestion: $0) } }
            return questions.enumerated().sorted { left, right in
                let a = left.element.keyQuestion.flatMap(Self.distance) ?? Int.max
                let b = right.element.keyQuestion.flatMap(Self.distance) ?? Int.max
                return a != b ? a < b : left.offset < right.offset
            }.map(\.element)
        }
        return standards.flatMap { standard in
            [Row(standard: standard, keyQuestion: nil)] + standard.keyQuestions.map { Row(standard: standard, keyQuestion: $0) }
        }
    }

    /// Rows of the list in `rect`, under the header and column titles, above the score, what
    /// moved (two rows), the legend and the footer.
    static func listHeight(_ rect: Rect) -> Int { max(1, rect.height - 2 - 5) }

    func firstShown(_ rect: Rect, count: Int) -> Int {
        let height = Self.listHeight(rect)
        return max(0, min(cursor - height / 2, count - height))
    }

    // MARK: - Update

    /// Applies an event and returns the effects for the runner (none: the view changes nothing).
    ///
    /// `q`, `Esc` and `t` ask the app to go back through `context.leave`.
    public mutating func update(_ event: ScreenEvent, ratings: InspectionRatings, context: inout ScreenContext) -> [Effect] {
        moved = nil
        let count = rows(ratings).count
        switch event {
        case .click(let x, let y):
            let rect = context.screenRect
            let first = firstShown(rect, count: count)
            let listRect = Rect(x: rect.x, y: rect.y + 2, width: rect.width, height: Self.listHeight(rect))
            if listRect.contains(x: x, y: y), first + y - listRect.y < count { cursor = first + y - listRect.y }
        case .search:
            break
        case .key(let key):
            guard let action = KeyMap.trainer.action(for: key) else { return [] }
            let page = Self.listHeight(context.screenRect)
            if let moved = action.movedCursor(cursor, count: count, page: page) {
                cursor = moved
                return []
            }
            switch action {
            case .quit: context.leave = true
            case .help: context.overlay = .help(.trainer, offset: 0)
            case .sortByEdge:
                sortedByEdge.toggle()
                cursor = 0
                context.status = StatusLine(
                    text: sortedByEdge ? "Key questions nearest a band edge first" : "Key questions in framework order", isError: false)
            default: break
            }
        }
        return []
    }

    // MARK: - View

    /// Draws the header, the list, the score, what moved, the legend and the footer into `rect`.
    public func view(into buffer: inout ScreenBuffer, rect: Rect, ratings: InspectionRatings, header: (String, Bool)) {
        let rows = rows(ratings)
        let oneCase = rows.compactMap(\.keyQuestion).filter { Self.distance($0) == 1 }.count
        Chrome.header(
            "Trainer view · \(oneCase) key question(s) one case from a band edge", right: header.0, warning: header.1, into: &buffer,
            rect: rect)
        buffer.put(
            Layout.cut("   Key question    yes/all      %  band                     up      down", to: rect.width), x: rect.x,
            y: rect.y + 1, style: .dim)
        let listTop = rect.y + 2
        let height = Self.listHeight(rect)
        let first = firstShown(rect, count: rows.count)
        for (offset, row) in rows.dropFirst(first).prefix(height).enumerated() {
            let y = listTop + offset
            let selected = first + offset == cursor
            let (text, style) = line(row)
            if selected { buffer.fill(x: rect.x, y: y, width: rect.width, height: 1, style: .selected) }
            buffer.put(Layout.cut(text, to: rect.width - 1), x: rect.x, y: y, style: selected ? .selected : style)
        }
        var y = rect.maxY - 5
        let maximum = framework.maximumScore
        var score =
            ratings.score.map { "Score \($0)/\(maximum)" + (ratings.overall.map { " · Overall \($0.label)" } ?? "") }
            ?? "No score yet: \(ratings.missing.count) core standard(s) unrated"
        if let moved, let text = moved.scoreText { score = text + "/\(maximum)" + (ratings.overall.map { " · Overall \($0.label)" } ?? "") }
        buffer.put(
            Layout.cut(" " + score, to: rect.width), x: rect.x, y: y,
            style: Style(.rating(framework.rank(of: ratings.overall?.id)), bold: true))
        y += 1
        if let moved {
            for line in DisplayWidth.wrap("Δ moved: " + moved.summary, width: rect.width - 2).prefix(2) {
                buffer.put(" " + line, x: rect.x, y: y, style: Style(.warning, bold: true))
                y += 1
            }
        }
        let legend =
            framework.ratingScale.enumerated().map { "\(RatingText.symbol(rank: $0.offset)) \(RatingText.short($0.element))" }
            .joined(separator: "  ") + "  ◆ 1 case from an edge"
        buffer.put(Layout.cut(" " + legend, to: rect.width), x: rect.x, y: rect.maxY - 2, style: .dim)
        Chrome.footer(KeyMap.trainer, into: &buffer, rect: rect)
    }

    /// A row's text and style: a standard's rating (and a panel decision holding it), or a key
    /// question's count, percentage, band and the cases to the next band up and down.
    func line(_ row: Row) -> (String, Style) {
        let standard = row.standard
        guard let question = row.keyQuestion else {
            var rating =
                RatingText.symbol(rank: framework.rank(of: standard.final?.id)) + " "
                + (standard.final.map(RatingText.short) ?? "not rated")
            if standard.discretion != nil {
                rating += " (panel: computed \(standard.computed.map(RatingText.short) ?? "none"))"
            }
            var mark = " "
            if let move = moved?.standard(standard.number) {
                mark = "Δ"
                rating += move.isHeld ? "" : " (was \(move.before.map(RatingText.short) ?? "not rated"))"
            }
            return (
                mark + " " + DisplayWidth.padded(standard.number + " " + standard.title, to: 32) + rating,
                Style(.rating(framework.rank(of: standard.final?.id)), bold: true)
            )
        }
        let move = moved?.keyQuestion(question.number)
        let near = Self.distance(question) == 1
        let mark = (move == nil ? " " : "Δ") + (near ? "◆" : " ")
        let counts = "\(question.tally.yes)/\(question.tally.applicable)"
        let percent = question.percent.map { "\($0)%" } ?? "-"
        let band =
            question.band.map { RatingText.symbol(rank: framework.rank(of: $0.id)) + " " + RatingText.short($0) } ?? "· no applicable case"
        func edge(_ count: Int?, _ level: RatingLevel?, sign: String) -> String {
            guard let count, let level else { return "-" }
            return sign + "\(count) " + RatingText.symbol(rank: framework.rank(of: level.id))
        }
        var text =
            mark + " " + DisplayWidth.padded(question.number, to: 12) + DisplayWidth.leftPadded(counts, to: 7)
            + DisplayWidth.leftPadded(percent, to: 7) + "  " + DisplayWidth.padded(band, to: 22)
            + DisplayWidth.leftPadded(edge(question.toNextBandUp, question.nextBandUp, sign: "+"), to: 5)
            + DisplayWidth.leftPadded(edge(question.toNextBandDown, question.nextBandDown, sign: "-"), to: 10)
        if let move { text += "  was \(move.before.yes)/\(move.before.applicable)" }
        let style =
            move != nil
            ? Style(.rating(framework.rank(of: question.band?.id)), bold: true)
            : near
                ? Style(.rating(framework.rank(of: question.band?.id)), bold: true) : Style(.rating(framework.rank(of: question.band?.id)))
        return (text, style)
    }
}
