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

    /// The Review column: the status, with a flag and count of challenges awaiting the inspector.
    func reviewColumn(_ file: CaseFile, flags: Bool) -> String {
        let status = file.reviewStatus == .notReviewed ? "—" : file.reviewStatus == .outOfDate ? "OUT OF DATE" : file.reviewStatus.rawValue
        guard flags else { return status }
        let open = file.review.unansweredChallenges.count
        let conflicts = file.conflicts.isEmpty ? "" : " ≠\(file.conflicts.count)"
        return status + (open > 0 ? " ⚑\(open)" : "") + conflicts
    }

    func renderCaseList(into buffer: inout ScreenBuffer) {
        guard let framework else { return }
        let list = listedCases
        let filter = reviewFilter.map { " · \($0.rawValue) only (v: next filter)" } ?? ""
        renderHeader("Cases (\(list.count)" + (reviewFilter == nil ? "" : " of \(cases.count)") + ")" + filter, into: &buffer)
        // Fixed columns for ref, domain, progress, status and review; the rest shared by disposal and inspector.
        // The Review column has room for the challenge flag (⚑2) from 100 columns.
        let reviewWidth = size.width >= 100 ? 14 : 11
        let free = size.width - 1 - 6 - (7 + 12 + 8 + 11 + reviewWidth)
        let disposalWidth = free * 3 / 5
        let columns: [(String, Int)] = [
            ("Ref", 7), ("Domain", 12), ("Disposal", disposalWidth), ("Inspector", free - disposalWidth), ("Progress", 8),
            ("Status", 11), ("Review", reviewWidth),
        ]
        var x = 1
        for (title, width) in columns {
            buffer.put(title, x: x, y: 1, style: .title, maxWidth: width)
            x += width + 1
        }
        let damagedLines = damagedCaseLines()
        let damagedRows = damagedLines.isEmpty ? 0 : min(damagedLines.count, max(2, (Layout.listRows(size) - 1) / 3))
        let rows = max(1, Layout.listRows(size) - 1 - damagedRows)
        renderDamaged(damagedLines, top: 2 + rows, count: damagedRows, into: &buffer)
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
                "\(progress.judged)/\(progress.total)", caseStatusText(file),
                reviewColumn(file, flags: reviewWidth > 11),
            ]
            let selected = first + offset == caseCursor
            if selected { buffer.fill(x: 0, y: row, width: size.width, height: 1, style: .selected) }
            var column = 1
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
        if list.indices.contains(caseCursor), size.height - 4 > 2 + rows + damagedRows - 1 {
            let file = list[caseCursor]
            let summary = reviewSummary(file)
            let conflicts = file.conflicts.isEmpty ? "" : "\(file.conflicts.count) merge conflict(s) to resolve"
            let disposal = TerminalText.escaped(framework.disposal(file.disposal)?.title ?? file.disposal)
            let inspector = TerminalText.escaped(file.details.inspector ?? "")
            let shortened =
                DisplayWidth.of(disposal) > columns[2].1 || DisplayWidth.of(inspector) > columns[3].1
                ? [disposal, inspector].filter { !$0.isEmpty }.joined(separator: " · ") : ""
            let text = [shortened, summary, conflicts].filter { !$0.isEmpty }.joined(separator: " · ")
            if !text.isEmpty {
                buffer.put(
                    Layout.cut(TerminalText.escaped("\(file.ref): " + text), to: size.width - 2), x: 1, y: size.height - 4,
                    style: summary.isEmpty && conflicts.isEmpty ? .dim : Style(.warning, bold: true))
            }
        }
        if let ratings, size.height - 3 > 2 + rows + damagedRows - 1 {
            let score = ratings.score.map { "Score \($0)/\(framework.maximumScore)" } ?? "No score yet"
            let overall = ratings.overall.map { "Overall \($0.label)" } ?? "\(ratings.missing.count) core standard(s) unrated"
            buffer.put(score + " · " + overall, x: 1, y: size.height - 3, style: .title)
        }
        renderFooter(isReviewing ? KeyMap.reviewCaseList : KeyMap.caseList, into: &buffer)
    }

    /// "complete" or "in progress", unless the case cannot be changed or holds orphaned answers.
    func caseStatusText(_ file: CaseFile) -> String {
        if folder?.writeRefusal(ref: file.ref) != nil { return "read-only" }
        if folder?.orphanedAnswers(ref: file.ref).isEmpty == false { return "orphans" }
        return file.status == .complete ? "complete" : "in progress"
    }

    /// The case files that could not be opened: a heading, then each with its first problem,
    /// relative to the inspection folder (`cases/C02.json:1:3: expected ...`).
    func damagedCaseLines() -> [String] {
        guard let folder else { return [] }
        let opened = Set(folder.salvaged.values.map(\.path))
        let unopened = folder.damaged.filter { !opened.contains($0.diagnostics.first?.file ?? "") }
        guard !unopened.isEmpty else { return [] }
        return ["\(unopened.count) damaged case file(s), not opened and never overwritten (casemark validate lists all):"]
            + unopened.compactMap { problems in
                guard var first = problems.diagnostics.first else { return nil }
                if first.file.hasPrefix(folder.path + "/") { first.file = String(first.file.dropFirst(folder.path.count + 1)) }
                return first.description
            }
    }

    private func renderDamaged(_ lines: [String], top: Int, count: Int, into buffer: inout ScreenBuffer) {
        guard count > 0 else { return }
        var shown = Array(lines.prefix(count))
        if lines.count > count { shown[count - 1] = "… and \(lines.count - count + 1) more" }
        for (index, line) in shown.enumerated() {
            buffer.put(line, x: 1, y: top + index, style: index == 0 ? Style(.warning, bold: true) : .error, maxWidth: size.width - 2)
        }
    }
}
