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
        // A difference resting on text that is not a published revision's is marked as such.
        let origins = Set(comparison.changes.map(\.origin)).subtracting([.published]).sorted()
        if !origins.isEmpty {
            lines.append("")
            lines.append(
                "Marked: "
                    + origins.map { origin in
                        origin == .transcribed
                            ? "[transcribed] rests on text transcribed from an inspection report, not a published framework revision"
                            : "[inferred] rests on text inferred where no source prints it (see the file's notes)"
                    }.joined(separator: "; ") + ". Such a difference may be the transcription's or the inference's, not a revision's.")
        }
        let counts = [FrameworkComparison.Level.standard, .keyQuestion, .prompt].map { level -> String in
            let added = comparison.changes(.added, level).count
            let removed = comparison.changes(.removed, level).count
            guard level == .standard else {
                let variants = comparison.changes(.variant, level).count
                return "\(level.rawValue)s: \(added) added, \(removed) removed, \(comparison.changes(.reworded, level).count) reworded"
                    + (variants > 0 ? ", \(variants) printed \(variants == 1 ? "variant" : "variants") (not revisions)" : "")
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
                let mark = change.origin == .published ? "" : " [\(change.origin.rawValue)]"
                switch change.kind {
                case .added:
                    lines.append(bullet + "added \(clean(change.item))\(mark): \(clean(change.new ?? ""))")
                case .removed:
                    lines.append(bullet + "removed \(clean(change.item))\(mark): \(clean(change.old ?? ""))")
                case .replaced:
                    lines.append(bullet + "replaced \(clean(change.item))\(mark): \(clean(change.old ?? "")) → \(clean(change.new ?? ""))")
                case .relettered:
                    lines.append(bullet + "re-lettered \(clean(change.item))\(mark): was \(clean(change.old ?? ""))")
                case .reworded, .variant:
                    let note = change.kind == .variant ? " (both wordings are printed for this item: not a revision)" : ""
                    lines.append(
                        bullet + "\(change.kind == .variant ? "printed variant" : "reworded") \(clean(change.item))\(mark)\(note):")
                    lines.append((markdown ? "  - was: " : "      was: ") + clean(change.old ?? ""))
                    lines.append((markdown ? "  - now: " : "      now: ") + clean(change.new ?? ""))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
