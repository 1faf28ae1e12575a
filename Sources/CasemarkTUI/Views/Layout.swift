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
    static func short(_ level: RatingLevel?) -> String {
        guard let level else { return "-" }
        switch level.id {
        case "requires-improvement": return "Req. improvement"
        default: return level.label
        }
    }

    /// A symbol that reads without colour: four marks for the four bands.
    static func symbol(_ level: RatingLevel?) -> String {
        switch level?.id {
        case "outstanding": "★"
        case "good": "●"
        case "requires-improvement": "▲"
        case "inadequate": "✖"
        default: "·"
        }
    }
}
