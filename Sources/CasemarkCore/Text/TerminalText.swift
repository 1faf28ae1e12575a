/// Makes text from files safe to show on a terminal or in a report: control characters and
/// escape sequences are shown as visible escapes (`\e`, `\n`, `\u{7}`) instead of being sent
/// raw, so a note or a service name cannot clear the screen, retitle the window or ring the bell;
/// and so are the invisible characters that reorder or hide text (bidirectional overrides and
/// isolates, zero-width characters, the byte-order mark), so what is shown is what is there.
public enum TerminalText {
    /// The text with every control character (C0, DEL, C1), line or paragraph separator and
    /// invisible formatting character (`isControl`) written as a visible escape.
    ///
    /// Printable text, accents and curly quotes pass unchanged.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                result += visible(scalar)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Whether the scalar must not reach a terminal or a report raw: a control character (C0,
    /// DEL, C1), a line or paragraph separator (U+2028, U+2029), or an invisible character that
    /// reorders or hides text: the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
    /// U+2066–U+2069), the marks (U+200E, U+200F, U+061C), the zero-width space, non-joiner and
    /// joiner (U+200B–U+200D) and the byte-order mark (U+FEFF).
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        // Most text is below U+061C: one or two comparisons.
        if value < 0xA0 { return value < 0x20 || value >= 0x7F }
        if value < 0x061C { return false }
        switch value {
        case 0x061C, 0x200B...0x200F, 0x2028...0x202E, 0x2066...0x2069, 0xFEFF: return true
        default: return false
        }
    }

    private static func visible(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x1B: "\\e"
        case 0x0A: "\\n"
        case 0x0D: "\\r"
        case 0x09: "\\t"
        case 0x00: "\\0"
        default: "\\u{\(String(scalar.value, radix: 16))}"
        }
    }
}
