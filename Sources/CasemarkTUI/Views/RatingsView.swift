import CasemarkCore

extension App {
    func renderRatings(into buffer: inout ScreenBuffer) {
        guard let framework, let ratings, let folder else { return }
        renderHeader("Direct ratings and ratings panel decisions", into: &buffer)
        let titleWidth = size.width - 2 - 8 - 18 - 20
        buffer.put(
            DisplayWidth.padded("Standard", to: titleWidth) + DisplayWidth.padded("Rated", to: 8) + DisplayWidth.padded("Computed", to: 18)
                + "Final", x: 1, y: 1, style: .title)
        let listRows = size.height - 9
        let standards = framework.standards
        let first = max(0, min(ratingsCursor - listRows / 2, standards.count - listRows))
        for (offset, standard) in standards.dropFirst(first).prefix(listRows).enumerated() {
            let row = 2 + offset
            let result = ratings.standard(standard.number)
            let selected = first + offset == ratingsCursor
            let how = standard.rated == .directly ? "direct" : "cases"
            var final = RatingText.short(result?.final)
            if result?.discretion != nil { final += " (P)" }
            // The title cut at a word, a space kept before the next column.
            let line =
                DisplayWidth.padded(
                    Layout.cut("\(standard.number) \(standard.title)\(standard.core ? "" : " *")", to: titleWidth - 1), to: titleWidth)
                + DisplayWidth.padded(how, to: 8) + DisplayWidth.padded(RatingText.short(result?.computed), to: 18) + final
            if selected { buffer.fill(x: 0, y: row, width: size.width, height: 1, style: .selected) }
            buffer.put(
                line, x: 1, y: row, style: selected ? .selected : Style(.rating(framework.rank(of: result?.final?.id))),
                maxWidth: size.width - 2)
        }
        // The highlighted standard's evidence and decision.
        let standard = standards[min(ratingsCursor, standards.count - 1)]
        var detail: [String] = []
        if let note = folder.inspection.ratings[standard.number]?.note { detail.append("Evidence: " + note) }
        if let decision = folder.inspection.discretion[standard.number] {
            detail.append("Ratings panel: \(framework.label(of: decision.rating)). Reason: \(decision.reason)")
        }
        if detail.isEmpty {
            detail.append(
                standard.rated == .directly
                    ? "No evidence note yet (e to write one)." : "Rated from the cases; p records a ratings panel decision.")
        }
        buffer.put("(P) ratings panel decision   * not in the score", x: 1, y: size.height - 7, style: .dim)
        var row = size.height - 6
        for line in detail.flatMap({ DisplayWidth.wrap(TerminalText.escaped($0), width: size.width - 2) }).prefix(3) {
            buffer.put(line, x: 1, y: row)
            row += 1
        }
        renderFooter(KeyMap.ratings, into: &buffer)
    }
}
