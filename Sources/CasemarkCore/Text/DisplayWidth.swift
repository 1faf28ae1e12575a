/// How many terminal columns text takes: combining marks take none, East Asian wide and emoji
/// characters take two, everything else one.
///
/// Used to line up columns of framework wording with accents, curly quotes and dashes, in reports
/// and on screen.
public enum DisplayWidth {
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value == 0 { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if value == 0x200B { return 0 }
        return isWide(value) ? 2 : 1
    }

    public static func of(_ character: Character) -> Int {
        // Printable ASCII, most of what is drawn, takes one column without a Unicode lookup.
        if let ascii = character.asciiValue, ascii >= 0x20, ascii < 0x7F { return 1 }
        var width = 0
        for scalar in character.unicodeScalars {
            width = max(width, of(scalar))
        }
        if character.unicodeScalars.count > 1, character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) {
            return 2
        }
        return width
    }

    public static func of(_ text: some StringProtocol) -> Int {
        // Printable ASCII text takes a column a byte, counted without splitting it into characters.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        return text.reduce(0) { $0 + of($1) }
    }

    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// The longest prefix of `text` that fits in `width` columns.
    public static func prefix(_ text: String, fitting width: Int) -> String {
        var used = 0
        var result = ""
        for character in text {
            let next = of(character)
            if used + next > width { break }
            used += next
            result.append(character)
        }
        return result
    }

    /// `text` cut to `width` columns, ending in `…` when it was cut.
    public static func truncated(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        return prefix(text, fitting: width - 1) + "…"
    }

    /// `text` padded with spaces on the right to `width` columns (cut if longer).
    public static func padded(_ text: String, to width: Int) -> String {
        let cut = truncated(text, to: width)
        return cut + String(repeating: " ", count: max(0, width - of(cut)))
    }

    /// `text` padded with spaces on the right to `width` columns, never cut: longer text is kept
    /// whole and overflows (reports, where nothing may be lost).
    public static func padding(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - of(text)))
    }

    /// `text` padded with spaces on the left to `width` columns.
    public static func leftPadded(_ text: String, to width: Int) -> String {
        String(repeating: " ", count: max(0, width - of(text))) + text
    }

    /// The columns `text` takes, or `cap` as soon as it takes `cap` or more.
    static func columns(of text: Substring, upTo cap: Int) -> Int {
        var total = 0
        for character in text {
            total += of(character)
            if total >= cap { return cap }
        }
        return total
    }

    /// Words of `text` wrapped into lines of at most `width` columns; a word longer than a line is
    /// broken.
    ///
    /// Line breaks in the text are kept. Stops after `maxLines` lines, so a preview of a megabyte
    /// note costs what its first lines cost. Linear in the text it reads.
    public static func wrap(_ text: String, width: Int, maxLines: Int = .max) -> [String] {
        guard width > 0, maxLines > 0 else { return [] }
        if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A }) {
            return wrapASCII(text, width: width, maxLines: maxLines)
        }
        return wrapCharacters(text, width: width, maxLines: maxLines)
    }

    /// `wrap` character by character, for any text.
    static func wrapCharacters(_ text: String, width: Int, maxLines: Int) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            func finishLine() -> Bool {
                lines.append(line)
                line = ""
                lineWidth = 0
                return lines.count >= maxLines
            }
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                // A word too long for any line is measured only as far as the line goes.
                let wordWidth = columns(of: word, upTo: width + 1)
                if lineWidth > 0 && lineWidth + 1 + wordWidth <= width {
                    line += " "
                    line += word
                    lineWidth += 1 + wordWidth
                    continue
                }
                if lineWidth > 0, finishLine() { return lines }
                if wordWidth <= width {
                    line = String(word)
                    lineWidth = wordWidth
                    continue
                }
                // Break the long word character by character, each piece as full as it can be.
                for character in word {
                    let characterWidth = of(character)
                    if lineWidth + characterWidth > width, lineWidth > 0, finishLine() { return lines }
                    line.append(character)
                    lineWidth += characterWidth
                }
            }
            if finishLine() { return lines }
        }
        return lines
    }

    /// `wrap` for printable ASCII text (and line breaks), where a byte is a column: the same
    /// lines, worked out on bytes rather than characters, since a frame wraps every prompt.
    static func wrapASCII(_ text: String, width: Int, maxLines: Int) -> [String] {
        var lines: [String] = []
        var line: [UInt8] = []
        line.reserveCapacity(width)
        var text = text
        text.withUTF8 { bytes in
            /// Ends the line; true when no more lines are wanted.
            func finishLine() -> Bool {
                lines.append(String(decoding: line, as: UTF8.self))
                line.removeAll(keepingCapacity: true)
                return lines.count >= maxLines
            }
            /// Places a word as `wrap` does; true when no more lines are wanted.
            func place(_ word: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
                if !line.isEmpty && line.count + 1 + word.count <= width {
                    line.append(0x20)
                    line.append(contentsOf: word)
                    return false
                }
                if !line.isEmpty, finishLine() { return true }
                var rest = word
                while rest.count > width {
                    line.append(contentsOf: rest.prefix(width))
                    rest = rest.dropFirst(width)
                    if finishLine() { return true }
                }
                line.append(contentsOf: rest)
                return false
            }
            var wordStart: Int?
            for index in 0...bytes.count {
                // The end of the text ends its last paragraph, as a line break would.
                let byte = index < bytes.count ? bytes[index] : 0x0A
                guard byte == 0x20 || byte == 0x0A else {
                    if wordStart == nil { wordStart = index }
                    continue
                }
                if let start = wordStart {
                    wordStart = nil
                    if place(bytes[start..<index]) { return }
                }
                if byte == 0x0A, finishLine() { return }
            }
        }
        return lines
    }
}
