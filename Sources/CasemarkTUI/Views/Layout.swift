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

    /// Rows available to a list between the header and the footer.
    static func listRows(_ size: (width: Int, height: Int)) -> Int {
        max(1, size.height - 5)
    }
}

/// Short labels of ratings for tight columns; the full label where there is room.
enum RatingText {
    /// The label, its first word cut to three letters when it is long ("Requires improvement" →
    /// "Req. improvement"): the scale's labels, never spelled out here.
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
