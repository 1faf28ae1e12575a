import CasemarkCore

/// Layout rules shared by the screens: the smallest usable terminal and the width at which the
/// banding panel moves beside the marking pane.
public enum Layout {
    public static let minimumWidth = 80
    public static let minimumHeight = 24
    /// From this width the outline and the banding panel stand beside the marking pane.
    public static let wideWidth = 130
    public static let panelWidth = 46
    public static let outlineWidth = 24

    /// `text` in at most `width` columns, cut at a word with an ellipsis when it does not fit
    /// (never mid-word unless the first word alone is too long): "in progress · 12/12 judged"
    /// cut short reads "in progress …", not "in progress · 12/12 judg".
    static func cut(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        guard DisplayWidth.of(text) > width else { return text }
        guard width > 1 else { return DisplayWidth.prefix(text, fitting: width) }
        let prefix = DisplayWidth.prefix(text, fitting: width - 1)
        let nextIndex = prefix.endIndex < text.endIndex ? text[prefix.endIndex] : " "
        guard nextIndex != " ", let space = prefix.lastIndex(of: " ") else { return prefix + "…" }
        var kept = String(prefix[..<space])
        while let last = kept.last, last == " " || last == "·" || last == "," || last == ":" { kept.removeLast() }
        // A word much shorter than the room: cut it rather than lose most of the room.
        if DisplayWidth.of(kept) < width / 3 { return prefix + "…" }
        return kept + " …"
    }

    /// A name or title in a narrow column: whole when it fits; else a title by its initials
    /// ("Youth rehabilitation order" → "YRO", "Detention and training order" → "DTO", as youth
    /// justice writes them) and a person's name with the last names as initials ("Ann
    /// Inspector" → "Ann I."); else cut at a word.
    static func abbreviated(_ text: String, to width: Int, isName: Bool) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        let words = text.split(separator: " ")
        guard words.count > 1 else { return cut(text, to: width) }
        let short: String
        if isName {
            short = words[0] + " " + words.dropFirst().compactMap { $0.first.map { String($0).uppercased() + "." } }.joined(separator: " ")
        } else {
            let small: Set<Substring> = ["and", "of", "the", "for", "to", "in", "on", "a", "an"]
            short = words.filter { !small.contains($0.lowercased()[...]) }.compactMap { $0.first.map { String($0).uppercased() } }.joined()
        }
        return DisplayWidth.of(short) <= width ? short : cut(text, to: width)
    }
}

/// Short labels of ratings for tight columns; the full label where there is room.
enum RatingText {
    /// The label, its first word cut to three letters when it is long ("Requires improvement" →
    /// "Req.
    ///
    /// improvement"): the scale's labels, never spelled out here.
    static func short(_ level: RatingLevel?) -> String {
        guard let level else { return "-" }
        let words = level.label.split(separator: " ", maxSplits: 1)
        guard level.label.count > 16, words.count == 2, words[0].count > 4 else { return level.label }
        return words[0].prefix(3) + ". " + words[1]
    }

    /// A symbol that reads without colour: a mark for each place on the scale, best first.
    static func symbol(rank: Int?) -> String {
        switch rank {
        case 0: "★"
        case 1: "●"
        case 2: "▲"
        case 3: "✖"
        default: "·"
        }
    }
}
