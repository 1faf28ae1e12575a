/// `FrameworkComparison` as plain text (escaped for the terminal) or Markdown.
public struct ComparisonRenderer: Sendable {
    public enum Format: String, CaseIterable, Sendable {
        case text, markdown
    }

    public var format: Format

    public init(format: Format) {
        self.format = format
    }

    public func render(_ comparison: FrameworkComparison) -> String {
        let markdown = format == .markdown
        func clean(_ text: String) -> String {
            markdown ? MarkdownReportRenderer().escape(text) : TerminalText.escaped(text)
        }
        var lines: [String] = []
        let heading =
            "Changes from \(clean(comparison.old.id)) (\(clean(comparison.old.revised))) to \(clean(comparison.new.id)) (\(clean(comparison.new.revised)))"
        lines.append(markdown ? "# " + heading : heading)
        // Where each side's text comes from: a difference may be a transcription or an inference,
        // not a revision.
        for framework in [comparison.old, comparison.new] {
            guard let caveat = framework.caveat else { continue }
            lines.append("")
            lines.append("\(clean(framework.id)) text: \(clean(caveat))")
        }
        let counts = [FrameworkComparison.Level.standard, .keyQuestion, .prompt].map { level -> String in
            let added = comparison.changes(.added, level).count
            let removed = comparison.changes(.removed, level).count
            guard level == .standard else {
                return "\(level.rawValue)s: \(added) added, \(removed) removed, \(comparison.changes(.reworded, level).count) reworded"
            }
            let retitled = comparison.changes(.reworded, level).count
            return "standards: \(added) added, \(removed) removed, \(comparison.changes(.replaced, level).count) replaced"
                + (retitled > 0 ? ", \(retitled) retitled" : "")
        }
        lines.append("")
        lines.append(counts.joined(separator: "; ") + ".")
        if comparison.changes.isEmpty {
            lines.append("")
            lines.append("No standard, key question or prompt differs.")
        }
        let sections: [(String, FrameworkComparison.Level)] = [
            ("Standards", .standard), ("Standard statements", .statement), ("Key questions", .keyQuestion), ("Prompts", .prompt),
        ]
        for (title, level) in sections {
            let changes = comparison.changes.filter { $0.level == level }
            guard !changes.isEmpty else { continue }
            lines.append("")
            lines.append(markdown ? "## " + title : title)
            if markdown { lines.append("") }
            for change in changes {
                let bullet = markdown ? "- " : "  "
                switch change.kind {
                case .added:
                    lines.append(bullet + "added \(clean(change.item)): \(clean(change.new ?? ""))")
                case .removed:
                    lines.append(bullet + "removed \(clean(change.item)): \(clean(change.old ?? ""))")
                case .replaced:
                    lines.append(bullet + "replaced \(clean(change.item)): \(clean(change.old ?? "")) → \(clean(change.new ?? ""))")
                case .relettered:
                    lines.append(bullet + "re-lettered \(clean(change.item)): was \(clean(change.old ?? ""))")
                case .reworded:
                    lines.append(bullet + "reworded \(clean(change.item)):")
                    lines.append((markdown ? "  - was: " : "      was: ") + clean(change.old ?? ""))
                    lines.append((markdown ? "  - now: " : "      now: ") + clean(change.new ?? ""))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
