import CasemarkCore
import Foundation

/// The banding panel: for the case's domain, each key question's yes/applicable count, percentage
/// and band, each standard's rating, the score and the overall rating, with the highlighted key
/// question's margins to the next bands.
///
/// Bands read by symbol and word as well as by colour.
struct BandingPanel {
    let framework: Framework
    let ratings: InspectionRatings
    let domain: String
    let caseCount: Int
    let highlighted: String?
    /// What the last change moved, marked until the next key (`Δ`, and what it was).
    var moved: RatingMovement? = nil

    var standards: [StandardResult] {
        ratings.standards.filter { $0.rated == .cases && framework.standard($0.number)?.domain == domain }
    }

    func keyQuestionLine(_ question: KeyQuestionResult, width: Int) -> String {
        let counts = "\(question.tally.yes)/\(question.tally.applicable)"
        let percent = question.percent.map { "\($0)%" } ?? "-"
        let band =
            question.band.map { RatingText.symbol(rank: framework.rank(of: $0.id)) + " " + RatingText.short($0) } ?? "· no applicable case"
        let move = moved?.keyQuestion(question.number)
        // What it was, in the room the longest band leaves at 46 columns ("▲ Req. improvement ←10/12").
        let was = move.map { " ←\($0.before.yes)/\($0.before.applicable)" } ?? ""
        return DisplayWidth.padded(
            (move == nil ? " " : "Δ") + DisplayWidth.padded(question.number, to: 7) + DisplayWidth.leftPadded(counts, to: 6)
                + DisplayWidth.leftPadded(percent, to: 5)
                + "  " + band + was, to: width)
    }

    /// The style of a key question's row: its band's colour, bold when the last change moved it.
    func style(of question: KeyQuestionResult) -> Style {
        moved?.keyQuestion(question.number) == nil
            ? style(for: question.band) : Style(.rating(framework.rank(of: question.band?.id)), bold: true)
    }

    func standardLine(_ standard: StandardResult, width: Int) -> String {
        var rating =
            RatingText.symbol(rank: framework.rank(of: standard.final?.id)) + " "
            + (standard.final != nil ? RatingText.short(standard.final) : "not rated")
        if standard.discretion != nil { rating += " (panel)" }
        if let move = moved?.standard(standard.number) {
            // What it was, by its symbol: the title keeps its room beside the score.
            rating += move.isHeld ? " holds" : " ←" + RatingText.symbol(rank: framework.rank(of: move.before?.id))
        }
        let title = Layout.cut(standard.number + " " + standard.title, to: max(8, width - DisplayWidth.of(rating) - 1))
        return DisplayWidth.padded(title, to: width - DisplayWidth.of(rating)) + rating
    }

    func scoreLine() -> String {
        let maximum = framework.maximumScore
        if let score = ratings.score, let overall = ratings.overall {
            let was = moved.flatMap { $0.scoreMoved ? $0.scoreBefore.map { "\($0) → " } ?? "none → " : nil } ?? ""
            var line = "Score \(was)\(score)/\(maximum) · Overall \(overall.label)"
            if ratings.limitedBy != nil { line += " (limited)" }
            if let moved, moved.overallMoved { line += " ←" + RatingText.symbol(rank: framework.rank(of: moved.overallBefore?.id)) }
            return line
        }
        return "No score yet: \(ratings.missing.count) core standard(s) unrated"
    }

    /// "+1 yes: Outstanding · -2 yes: Req.
    ///
    /// improvement" for the highlighted key question.
    func marginLine() -> String? {
        guard let highlighted,
            let question = standards.flatMap(\.keyQuestions).first(where: { $0.number == highlighted })
        else { return nil }
        guard question.band != nil else { return "\(highlighted): no applicable case yet" }
        var parts: [String] = []
        if let up = question.toNextBandUp, let next = question.nextBandUp { parts.append("+\(up) yes: \(RatingText.short(next))") }
        if let down = question.toNextBandDown, let next = question.nextBandDown { parts.append("-\(down) yes: \(RatingText.short(next))") }
        return "\(highlighted) " + (parts.isEmpty ? "cannot move" : parts.joined(separator: " · "))
    }

    var highlightedQuestion: KeyQuestionResult? {
        guard let highlighted else { return nil }
        return standards.flatMap(\.keyQuestions).first { $0.number == highlighted }
    }

    /// "2.2.3 80% interval 56.9–85.1% (Wilson)", "crosses 65%, 80% · sub-sample 15 of 16".
    func surenessLines(_ question: KeyQuestionResult) -> [String] {
        guard let interval = question.interval else { return [] }
        var lines = ["\(question.number) 80% interval \(interval.text) (Wilson)"]
        var flags: [String] = []
        if !question.intervalCrosses.isEmpty {
            flags.append("crosses " + question.intervalCrosses.map { "\($0)%" }.joined(separator: ", "))
        }
        if question.isSubSample { flags.append("sub-sample \(question.tally.applicable) of \(question.sampleSize)") }
        if !flags.isEmpty { lines.append("  " + flags.joined(separator: " · ")) }
        return lines
    }

    /// "  a   11/15  73%": a prompt's yes out of its applicable answers.
    func promptLine(_ prompt: PromptResult, width: Int) -> String {
        DisplayWidth.padded(
            "  " + DisplayWidth.padded(prompt.shownLetter, to: 5)
                + DisplayWidth.leftPadded("\(prompt.tally.yes)/\(prompt.denominator)", to: 7)
                + DisplayWidth.leftPadded(prompt.percent.map { "\($0)%" } ?? "-", to: 5), to: width)
    }

    func style(for level: RatingLevel?) -> Style {
        Style(.rating(framework.rank(of: level?.id)))
    }

    /// The full panel in a box of `width` x `height`.
    func draw(into buffer: inout ScreenBuffer, x: Int, y: Int, width: Int, height: Int) {
        var row = y
        let bottom = y + height
        buffer.put(
            DisplayWidth.padded(
                "Banding · \(caseCount) \(caseCount == 1 ? "case" : "cases") · \(framework.domain(domain)?.title.lowercased() ?? "")",
                to: width), x: x,
            y: row, style: .title)
        row += 1
        for standard in standards where row < bottom - 2 {
            buffer.put(
                standardLine(standard, width: width), x: x, y: row,
                style: Style(.rating(framework.rank(of: standard.final?.id)), bold: true))
            row += 1
            for question in standard.keyQuestions where row < bottom - 2 {
                let line = keyQuestionLine(question, width: width)
                let selected = question.number == highlighted
                buffer.put(line, x: x, y: row, style: selected ? .selected : style(of: question))
                if selected { buffer.put(">", x: x, y: row, style: .selected) }
                row += 1
            }
        }
        // Where rows are left (the full view, `b`): how sure the highlighted figure is, then its
        // prompts' figures. Advice only; nothing here changes a rating.
        if let question = highlightedQuestion, row < bottom - 3 {
            for line in surenessLines(question) where row < bottom - 3 {
                buffer.put(DisplayWidth.padded(line, to: width), x: x, y: row, style: .dim)
                row += 1
            }
            for prompt in question.prompts where row < bottom - 3 {
                buffer.put(promptLine(prompt, width: width), x: x, y: row, style: .dim)
                row += 1
            }
        }
        buffer.put(
            DisplayWidth.padded(scoreLine(), to: width), x: x, y: bottom - 2,
            style: Style(.rating(framework.rank(of: ratings.overall?.id)), bold: true))
        if let margin = marginLine() {
            buffer.put(DisplayWidth.padded(margin, to: width), x: x, y: bottom - 1, style: .dim)
        }
    }

    /// The compact panel for narrow terminals: the highlighted key question's standard only.
    func drawCompact(into buffer: inout ScreenBuffer, x: Int, y: Int, width: Int) -> Int {
        guard let highlighted, let standard = standards.first(where: { $0.keyQuestions.contains { $0.number == highlighted } }) else {
            buffer.put(scoreLine(), x: x, y: y, style: .title)
            return 1
        }
        var row = y
        let score = scoreLine()
        let headWidth = max(20, width - DisplayWidth.of(score) - 2)
        buffer.put(
            standardLine(standard, width: headWidth), x: x, y: row,
            style: Style(.rating(framework.rank(of: standard.final?.id)), bold: true))
        buffer.put(
            score, x: x + width - DisplayWidth.of(score), y: row, style: Style(.rating(framework.rank(of: ratings.overall?.id)), bold: true)
        )
        row += 1
        for question in standard.keyQuestions {
            let selected = question.number == highlighted
            buffer.put(keyQuestionLine(question, width: 48), x: x, y: row, style: selected ? .selected : style(of: question))
            if selected { buffer.put(">", x: x, y: row, style: .selected) }
            row += 1
        }
        if let margin = marginLine() { buffer.put(margin, x: x, y: row, style: .dim, maxWidth: width) }
        return row - y + 1
    }

    /// Rows the compact panel needs.
    var compactHeight: Int {
        guard let highlighted, let standard = standards.first(where: { $0.keyQuestions.contains { $0.number == highlighted } }) else {
            return 1
        }
        return standard.keyQuestions.count + 2
    }
}
