/// A history entry's time as kept in memory: a UTC time written the way casemark writes it
/// (`2026-11-23T10:02:03Z`) packed into eight bytes, or any other text as it is.
///
/// A case's history holds an entry for every answer given, so 10,000 cases hold most of a
/// million times. As strings, each of these 20 characters took a heap allocation of its own
/// (Swift keeps strings of up to 15 bytes inline), about 45 MB in all.
struct HistoryTime: Equatable, Sendable {
    private enum Storage: Equatable, Sendable {
        /// The 14 digits, four bits each, most significant first.
        case packed(UInt64)
        case text(String)
    }

    private var storage: Storage

    init(_ text: String) {
        var text = text
        storage = text.withUTF8 { Self.pack($0) }.map(Storage.packed) ?? .text(text)
    }

    /// Straight from a file's bytes, when they are a time in the usual form (no string made).
    init?(packing bytes: UnsafeBufferPointer<UInt8>) {
        guard let packed = Self.pack(bytes) else { return nil }
        storage = .packed(packed)
    }

    var text: String {
        switch storage {
        case .text(let text):
            return text
        case .packed(let packed):
            return String(unsafeUninitializedCapacity: Self.layout.count) { buffer in
                Self.unpack(packed, into: buffer)
                return Self.layout.count
            }
        }
    }

    /// The time as a JSON string, as `JSONWriter` writes `text`; a packed time straight from its
    /// digits (saving a case writes every entry's time, and its digits need no escaping).
    func writeJSON(into output: inout [UInt8]) {
        switch storage {
        case .text(let text):
            JSONWriter.writeString(text, into: &output)
        case .packed(let packed):
            output.append(UInt8(ascii: "\""))
            let start = output.count
            output.append(contentsOf: repeatElement(0, count: Self.layout.count))
            output.withUnsafeMutableBufferPointer { Self.unpack(packed, into: UnsafeMutableBufferPointer(rebasing: $0[start...])) }
            output.append(UInt8(ascii: "\""))
        }
    }

    /// Writes the 20 bytes of a packed time into `buffer`.
    private static func unpack(_ packed: UInt64, into buffer: UnsafeMutableBufferPointer<UInt8>) {
        var digits = packed
        for position in layout.indices.reversed() {
            if let separator = layout[position] {
                buffer[position] = separator
            } else {
                buffer[position] = UInt8(ascii: "0") + UInt8(digits & 0xF)
                digits >>= 4
            }
        }
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`: nil where a digit goes, else the separator.
    private static let layout: [UInt8?] = Array("0000-00-00T00:00:00Z".utf8).map { $0 == UInt8(ascii: "0") ? nil : $0 }

    private static func pack(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard bytes.count == layout.count else { return nil }
        var packed: UInt64 = 0
        for (position, expected) in layout.enumerated() {
            let byte = bytes[position]
            if let expected {
                guard byte == expected else { return nil }
            } else {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                packed = packed << 4 | UInt64(byte - UInt8(ascii: "0"))
            }
        }
        return packed
    }
}
