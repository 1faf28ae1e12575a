import CasemarkCore

extension App {
    /// "Court" for "Court disposals", "Out of court" for "Out of court disposals".
    func shortDomainName(_ number: String) -> String {
        guard let title = framework?.domain(number)?.title else { return number }
        for suffix in [" disposals", " Disposals"] where title.hasSuffix(suffix) {
            return String(title.dropLast(suffix.count))
        }
        return title
    }

    func renderCaseList(into buffer: inout ScreenBuffer) {
        guard let framework else { return }
        let list = listedCases
        let filter = reviewFilter.map { " · \($0.rawValue) only (v: next filter)" } ?? ""
        renderHeader("Cases (\(list.count)" + (reviewFilter == nil ? "" : " of \(cases.count)") + ")" + filter, into: &buffer)
        // Fixed columns for ref, domain, progress, status and review; the rest shared by disposal and inspector.
        let free = size.width - 1 - 6 - (7 + 12 + 8 + 11 + 11)
        let disposalWidth = free * 3 / 5
        let columns: [(String, Int)] = [
            ("Ref", 7), ("Domain", 12), ("Disposal", disposalWidth), ("Inspector", free - disposalWidth), ("Progress", 8),
            ("Status", 11), ("Review", 11),
        ]
        var x = 1
        for (title, width) in columns {
            buffer.put(title, x: x, y: 1, style: .title, maxWidth: width)
            x += width + 1
        }
        let rows = Layout.listRows(size) - 1
        let first = max(0, min(caseCursor - rows / 2, list.count - rows))
        if cases.isEmpty {
            buffer.put("No cases yet. Press a to add the first case.", x: 1, y: 3, style: .dim)
        } else if list.isEmpty {
            buffer.put("No case is \(reviewFilter?.rawValue ?? ""). Press v to change the filter.", x: 1, y: 3, style: .dim)
        }
        for (offset, file) in list.dropFirst(first).prefix(rows).enumerated() {
            let row = 2 + offset
            let outline = CaseOutline(framework: framework, domain: file.domain)
            let progress = outline.progress(of: file)
            let domain = shortDomainName(file.domain)
            let values = [
                file.ref, domain, framework.disposal(file.disposal)?.title ?? file.disposal, file.details.inspector ?? "",
                "\(progress.judged)/\(progress.total)", file.status == .complete ? "complete" : "in progress",
                file.reviewStatus == .notReviewed ? "—" : file.reviewStatus == .outOfDate ? "OUT OF DATE" : file.reviewStatus.rawValue,
            ]
            let selected = first + offset == caseCursor
            if selected { buffer.fill(x: 0, y: row, width: size.width, height: 1, style: .selected) }
            var column = 1
            for (index, value) in values.enumerated() {
                let width = columns[index].1
                buffer.put(DisplayWidth.truncated(TerminalText.escaped(value), to: width), x: column, y: row, style: selected ? .selected : .normal)
                column += width + 1
            }
        }
        if let ratings {
            let score = ratings.score.map { "Score \($0)/\(framework.standards.filter(\.core).count * 3)" } ?? "No score yet"
            let overall = ratings.overall.map { "Overall \($0.label)" } ?? "\(ratings.missing.count) core standard(s) unrated"
            buffer.put(score + " · " + overall, x: 1, y: size.height - 3, style: .title)
        }
        renderFooter(
            isReviewing
                ? [("Enter", "review"), ("v", "filter"), ("r", "ratings"), ("/", "search"), ("?", "help"), ("q", "quit")]
                : [("Enter", "open"), ("a", "add"), ("D", "remove"), ("r", "ratings"), ("v", "filter"), ("/", "search"), ("?", "help"), ("q", "quit")],
            into: &buffer)
    }
}
