import CasemarkCore

extension App {
    /// A chosen detail's value as the form shows it: "not recorded", a choice's label, Yes, No.
    static func shownChoice(_ declaration: DetailDeclaration, at index: Int) -> String {
        switch declaration.kind {
        case .choice(let values): index > 0 && index <= values.count ? values[index - 1].label : "not recorded"
        default: ["not recorded", "Yes", "No"][min(2, max(0, index))]
        }
    }
}

/// The part of a one-line text field that fits `width` cells, scrolled so the cursor shows.
struct TextWindow {
    var text: String
    /// The cursor's column within `text`.
    var cursor: Int

    init(_ field: TextField, width: Int) {
        let whole = field.text
        let column = field.layout(width: Int.max / 2).position.column
        guard DisplayWidth.of(whole) > width || column >= width else {
            text = whole
            cursor = column
            return
        }
        // Show the characters that end at the cursor (or the end), a cell kept for the cursor.
        let characters = Array(whole)
        let end = min(characters.count, max(column, 0))
        var start = end
        var used = 0
        while start > 0, used + DisplayWidth.of(String(characters[start - 1])) <= width - 1 {
            start -= 1
            used += DisplayWidth.of(String(characters[start]))
        }
        text = String(characters[start..<min(characters.count, start + width)])
        cursor = used
    }
}
