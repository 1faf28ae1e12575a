/// Writes `JSONValue` as pretty-printed JSON: two-space indentation, members in their stored order,
/// one member or element per line, and a final newline.
///
/// The same value always gives the same bytes, so files kept in git change only where their content
/// does.
public enum JSONWriter {
    public static func string(from value: JSONValue) -> String {
        String(decoding: bytes(from: value), as: UTF8.self)
    }

    /// The same text as UTF-8 bytes, written straight into a byte buffer (every save does this).
    public static func bytes(from value: JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(4096)
        write(value, indent: 0, into: &output)
        output.append(UInt8(ascii: "\n"))
        return output
    }

    static func append(_ text: StaticString, into output: inout some JSONOutput) {
        text.withUTF8Buffer { output.append(bytes: $0) }
    }

    static func indent(_ level: Int, into output: inout some JSONOutput) {
        let spaces: StaticString = "                                "
        var count = level * 2
        while count > 0 {
            let run = min(count, spaces.utf8CodeUnitCount)
            output.append(bytes: UnsafeBufferPointer(start: spaces.utf8Start, count: run))
            count -= run
        }
    }

    static func write(_ value: JSONValue, indent level: Int, into output: inout some JSONOutput) {
        switch value {
        case .null: append("null", into: &output)
        case .bool(let flag): flag ? append("true", into: &output) : append("false", into: &output)
        case .number(var literal): literal.withUTF8 { output.append(bytes: $0) }
        case .string(let text): writeString(text, into: &output)
        case .array(let elements):
            if elements.isEmpty {
                append("[]", into: &output)
                return
            }
            append("[\n", into: &output)
            for (position, element) in elements.enumerated() {
                indent(level + 1, into: &output)
                write(element, indent: level + 1, into: &output)
                position == elements.count - 1 ? append("\n", into: &output) : append(",\n", into: &output)
            }
            indent(level, into: &output)
            append("]", into: &output)
        case .object(let object):
            var members = Members(level: level)
            members.append(object, into: &output)
            members.close(into: &output)
        }
    }

    /// Writes an object member by member, laid out exactly as `write` lays out an object at
    /// `level`: the one home of that layout, for the writers that write a value straight from
    /// its fields rather than through a tree (a case file, its answers, a history entry).
    ///
    /// Call `key` and then write the member's value at `level + 1`, or `member` with a value;
    /// then `close`.
    struct Members {
        let level: Int
        private(set) var count = 0
        /// The keys written, when asked to keep them (`keepingKeys`), so that fields from a
        /// newer version (`append(_:skippingWritten:)`) never repeat a known one.
        private var written: [String]?

        init(level: Int, keepingKeys: Bool = false) {
            self.level = level
            written = keepingKeys ? [] : nil
        }

        /// Starts the next member with a key that needs no escaping: the value is to follow.
        mutating func key(_ key: StaticString, into output: inout some JSONOutput) {
            separate(into: &output)
            output.append(UInt8(ascii: "\""))
            JSONWriter.append(key, into: &output)
            JSONWriter.append("\": ", into: &output)
            written?.append(key.description)
        }

        /// Starts the next member with a key of one letter from `a` to `z` (a prompt's), which
        /// needs no escaping: written as `key(_: String)` writes it, with no text made.
        mutating func key(letter: UInt8, into output: inout some JSONOutput) {
            separate(into: &output)
            output.append(UInt8(ascii: "\""))
            output.append(letter)
            JSONWriter.append("\": ", into: &output)
            if written != nil { written?.append(String(UnicodeScalar(letter))) }
        }

        /// Starts the next member with any key.
        mutating func key(_ key: String, into output: inout some JSONOutput) {
            separate(into: &output)
            JSONWriter.writeString(key, into: &output)
            JSONWriter.append(": ", into: &output)
            written?.append(key)
        }

        mutating func member(_ key: StaticString, _ value: JSONValue, into output: inout some JSONOutput) {
            self.key(key, into: &output)
            JSONWriter.write(value, indent: level + 1, into: &output)
        }

        mutating func member(_ key: StaticString, string value: String, into output: inout some JSONOutput) {
            self.key(key, into: &output)
            JSONWriter.writeString(value, into: &output)
        }

        /// Every member of `object`; with `skippingWritten`, those whose key was not written
        /// already (as `JSONObject.append(contentsOf:)` skips them).
        ///
        /// Its keys are not kept: they are an object's, so each is there once, and only the
        /// few written before are looked through, however many fields from a newer version a
        /// file holds.
        mutating func append(_ object: JSONObject, skippingWritten: Bool = false, into output: inout some JSONOutput) {
            let known = skippingWritten ? written ?? [] : []
            for member in object.members {
                if known.contains(member.key) { continue }
                separate(into: &output)
                JSONWriter.writeString(member.key, into: &output)
                JSONWriter.append(": ", into: &output)
                JSONWriter.write(member.value, indent: level + 1, into: &output)
            }
        }

        /// Ends the object: `{}` when it has no member.
        func close(into output: inout some JSONOutput) {
            guard count > 0 else {
                JSONWriter.append("{}", into: &output)
                return
            }
            JSONWriter.append("\n", into: &output)
            JSONWriter.indent(level, into: &output)
            JSONWriter.append("}", into: &output)
        }

        private mutating func separate(into output: inout some JSONOutput) {
            JSONWriter.append(count == 0 ? "{\n" : ",\n", into: &output)
            count += 1
            JSONWriter.indent(level + 1, into: &output)
        }
    }

    /// A JSON string: quotes, backslashes and control characters (C0, DEL, C1) escaped, and the
    /// line and paragraph separators too; everything else as its UTF-8 bytes, copied in one go
    /// when nothing needs escaping.
    static func writeString(_ text: String, into output: inout some JSONOutput) {
        output.append(UInt8(ascii: "\""))
        // Scanned and copied as one buffer of bytes: every string of every save comes here.
        // 0xC2 and 0xE2 lead the C1 controls and the line and paragraph separators.
        var bytes = text
        let plain = bytes.withUTF8 { utf8 in
            for byte in utf8
            where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0x7F || byte == 0xC2 || byte == 0xE2 {
                return false
            }
            output.append(bytes: utf8)
            return true
        }
        if !plain {
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": append("\\\"", into: &output)
                case "\\": append("\\\\", into: &output)
                case "\n": append("\\n", into: &output)
                case "\r": append("\\r", into: &output)
                case "\t": append("\\t", into: &output)
                case "\u{08}": append("\\b", into: &output)
                case "\u{0C}": append("\\f", into: &output)
                default:
                    if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value)
                        || scalar == "\u{2028}" || scalar == "\u{2029}"
                    {
                        let hex = String(scalar.value, radix: 16)
                        append("\\u", into: &output)
                        var digits = String(repeating: "0", count: 4 - hex.count) + hex
                        digits.withUTF8 { output.append(bytes: $0) }
                    } else {
                        var character = String(scalar)
                        character.withUTF8 { output.append(bytes: $0) }
                    }
                }
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}

/// Where `JSONWriter` writes: a byte buffer, or a hash of the bytes (the answers digest, written
/// by the same writer as the file and hashed as it is written, never kept).
protocol JSONOutput {
    mutating func append(_ byte: UInt8)
    mutating func append(bytes: UnsafeBufferPointer<UInt8>)
}

extension Array: JSONOutput where Element == UInt8 {
    mutating func append(bytes: UnsafeBufferPointer<UInt8>) {
        append(contentsOf: bytes)
    }
}
