import CasemarkCore

/// What the case list draws that is the app's to know: the framework and cases, the ratings,
/// the damaged files, and how to say a case's status and review.
struct CaseListViewInputs {
    var framework: Framework
    var cases: [CaseFile]
    var ratings: InspectionRatings?
    /// A heading and one line per damaged case file, or nothing.
    var damagedLines: [String]
    var isReviewing: Bool
    var header: (String, Bool)
    /// "complete", "in progress", "read-only" or "orphans".
    var statusText: (CaseFile) -> String
    /// Where the case stands in review, in words ("" when not reviewed).
    var reviewSummary: (CaseFile) -> String
}

extension CaseListScreen {
    /// "Court" for "Court disposals", "Out of court" for "Out of court disposals".
    static func shortDomainName(_ number: String, in framework: Framework) -> String {
        guard let title = framework.domain(number)?.title else { return number }
        for suffix in [" disposals", " Disposals"] where title.hasSuffix(suffix) {
            return String(title.dropLast(suffix.count))
        }
        return title
    }

    /// The Review column: the status, with a flag and count of challenges awaiting the inspector.
    static func reviewColumn(_ file: CaseFile, flags: Bool) -> String {
        let reviewStatus = file.reviewStatus
        let status = reviewStatus == .notReviewed ? "—" : reviewStatus == .outOfDate ? "OUT OF DATE" : reviewStatus.rawValue
        guard flags else { return status }
        let open = file.review.unansweredChallenges.count
        let conflicts = file.conflicts.isEmpty ? "" : " ≠\(file.conflicts.count)"
        return status + (open > 0 ? " ⚑\(open)" : "") + conflicts
    }

    /// Draws the header, the column titles, the cases, the damaged files, the highlighted case's
    /// review and full names, the score and the footer into `rect`.
    func view(into buffer: inout ScreenBuffer, rect: Rect, inputs: CaseListViewInputs) {
        let framework = inputs.framework
        let list = listed(inputs.cases)
        let filter = reviewFilter.map { " · \($0.rawValue) only (v: next filter)" } ?? ""
        Chrome.header(
            "Cases (\(list.count)" + (reviewFilter == nil ? "" : " of \(inputs.cases.count)") + ")" + filter, right: inputs.header.0,
            warning: inputs.header.1, into: &buffer, rect: rect)
        // Fixed columns for ref, domain, progress, status and review; the rest shared by disposal and inspector.
        // The Review column has room for the challenge flag (⚑2) from 100 columns.
        let reviewWidth = rect.width >= 100 ? 14 : 11
        let free = rect.width - 1 - 6 - (7 + 12 + 8 + 11 + reviewWidth)
        let disposalWidth = free * 3 / 5
        let columns: [(String, Int)] = [
            ("Ref", 7), ("Domain", 12), ("Disposal", disposalWidth), ("Inspector", free - disposalWidth), ("Progress", 8),
            ("Status", 11), ("Review", reviewWidth),
        ]
        var x = rect.x + 1
        for (title, width) in columns {
            buffer.put(title, x: x, y: rect.y + 1, style: .title, maxWidth: width)
            x += width + 1
        }
        let (rows, damagedRows) = Self.listHeight(rect, damaged: inputs.damagedLines.count)
        drawDamaged(inputs.damagedLines, top: rect.y + 2 + rows, count: damagedRows, into: &buffer, rect: rect)
        let first = firstShown(rows: rows, count: list.count)
        if inputs.cases.isEmpty {
            buffer.put("No cases yet. Press a to add the first case.", x: rect.x + 1, y: rect.y + 3, style: .dim)
        } else if list.isEmpty {
            buffer.put(
                "No case is \(reviewFilter?.rawValue ?? ""). Press v to change the filter.", x: rect.x + 1, y: rect.y + 3, style: .dim)
        }
        for (offset, file) in list.dropFirst(first).prefix(rows).enumerated() {
            let row = rect.y + 2 + offset
            let progress = CaseOutline(framework: framework, domain: file.domain).progress(of: file)
            let values = [
                file.ref, Self.shortDomainName(file.domain, in: framework), framework.disposal(file.disposal)?.title ?? file.disposal,
                file.details.inspector ?? "", "\(progress.judged)/\(progress.total)", inputs.statusText(file),
                Self.reviewColumn(file, flags: reviewWidth > 11),
            ]
            let selected = first + offset == cursor
            if selected { buffer.fill(x: rect.x, y: row, width: rect.width, height: 1, style: .selected) }
            var column = rect.x + 1
            for (index, value) in values.enumerated() {
                let width = columns[index].1
                // The disposal and the inspector shortened the way people write them, never cut
                // mid-word; the highlighted case's are given in full under the list.
                let shown =
                    index == 2 || index == 3
                    ? Layout.abbreviated(TerminalText.escaped(value), to: width, isName: index == 3)
                    : Layout.cut(TerminalText.escaped(value), to: width)
                buffer.put(shown, x: column, y: row, style: selected ? .selected : .normal)
                column += width + 1
            }
        }
        // The highlighted case's review, in words: why it was returned, what waits for an answer;
        // and its disposal and inspector in full where their columns shortened them.
        let summaryRow = rect.maxY - 3
        if list.indices.contains(cursor), summaryRow > rect.y + 2 + rows + damagedRows - 1 {
            let file = list[cursor]
            let summary = inputs.reviewSummary(file)
            let conflicts = file.conflicts.isEmpty ? "" : "\(file.conflicts.count) merge conflict(s) to resolve"
            let disposal = TerminalText.escaped(framework.disposal(file.disposal)?.title ?? file.disposal)
            let inspector = TerminalText.escaped(file.details.inspector ?? "")
            let shortened =
                DisplayWidth.of(disposal) > columns[2].1 || DisplayWidth.of(inspector) > columns[3].1
                ? [disposal, inspector].filter { !$0.isEmpty }.joined(separator: " · ") : ""
            let text = [shortened, summary, conflicts].filter { !$0.isEmpty }.joined(separator: " · ")
            if !text.isEmpty {
                buffer.put(
                    Layout.cut(TerminalText.escaped("\(file.ref): " + text), to: rect.width - 2), x: rect.x + 1, y: summaryRow,
                    style: summary.isEmpty && conflicts.isEmpty ? .dim : Style(.warning, bold: true))
            }
        }
        if let ratings = inputs.ratings, rect.maxY - 2 > rect.y + 2 + rows + damagedRows - 1 {
            let score = ratings.score.map { "Score \($0)/\(framework.maximumScore)" } ?? "No score yet"
            let overall = ratings.overall.map { "Overall \($0.label)" } ?? "\(ratings.missing.count) core standard(s) unrated"
            buffer.put(score + " · " + overall, x: rect.x + 1, y: rect.maxY - 2, style: .title)
        }
        Chrome.footer(inputs.isReviewing ? KeyMap.reviewCaseList : KeyMap.caseList, into: &buffer, rect: rect)
    }

    private func drawDamaged(_ lines: [String], top: Int, count: Int, into buffer: inout ScreenBuffer, rect: Rect) {
        guard count > 0 else { return }
        var shown = Array(lines.prefix(count))
        if lines.count > count { shown[count - 1] = "… and \(lines.count - count + 1) more" }
        for (index, line) in shown.enumerated() {
            buffer.put(
                line, x: rect.x + 1, y: top + index, style: index == 0 ? Style(.warning, bold: true) : .error, maxWidth: rect.width - 2)
        }
    }
}
