import CasemarkCore

extension App {
    func renderBrowse(into buffer: inout ScreenBuffer) {
        guard let framework = browseFramework else { return }
        renderHeader("Browse \(framework.id) · \(framework.title) · revised \(framework.revised) · read-only", into: &buffer)
        let rows = browseRows
        let detailHeight = 6
        let listTop = 1
        let listHeight = size.height - 3 - detailHeight - 1
        let first = max(0, min(browseCursor - listHeight / 2, rows.count - listHeight))
        for (offset, row) in rows.dropFirst(first).prefix(listHeight).enumerated() {
            let y = listTop + offset
            let selected = first + offset == browseCursor
            let indent = row.level.rawValue * 2
            let style: Style = selected ? .selected : row.level == .domain || row.level == .standard ? .title : .normal
            if selected { buffer.fill(x: 0, y: y, width: size.width, height: 1, style: .selected) }
            buffer.put(
                Layout.cut(TerminalText.escaped(row.label), to: size.width - 2 - indent), x: 1 + indent, y: y, style: style)
        }
        let detailTop = size.height - 2 - detailHeight
        buffer.put(String(repeating: "─", count: size.width), x: 0, y: detailTop - 1, style: .dim)
        if rows.indices.contains(browseCursor) {
            var lines: [String] = []
            for text in rows[browseCursor].details {
                lines += DisplayWidth.wrap(TerminalText.escaped(text), width: size.width - 2)
            }
            for (index, line) in lines.prefix(detailHeight).enumerated() {
                buffer.put(line, x: 1, y: detailTop + index, style: index == 0 ? .title : .normal)
            }
        }
        renderFooter(KeyMap.browse, into: &buffer)
    }
}
