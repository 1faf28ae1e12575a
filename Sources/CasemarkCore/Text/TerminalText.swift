/// Makes text from files safe to show on a terminal or in a report: control characters and
/// escape sequences are shown as visible escapes (`\e`, `\n`, `\u{7}`) instead of being sent
/// raw, so a note or a service name cannot clear the screen, retitle the window or ring the bell.
public enum TerminalText {
    /// The text with every control character (C0, DEL, C1) and line or paragraph separator
    /// written as a visible escape. Printable text, accents and curly quotes pass unchanged.
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

    /// Whether the scalar must not reach a terminal raw.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x20 || value == 0x7F || (0x80..<0xA0).contains(value) || value == 0x2028
            || value == 0x2029
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
