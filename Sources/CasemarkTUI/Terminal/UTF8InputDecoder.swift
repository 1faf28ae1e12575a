/// Turns the bytes a terminal sends into Unicode scalars, one byte at a time.
///
/// curses' own `get_wch` loses input when a character's bytes arrive in two reads with a timeout
/// between them, and then swallows the bytes that follow until its buffer fills. This decoder
/// never swallows: a sequence that is broken off (by a time-out, see `abandon()`, or by a byte
/// that cannot continue it) is dropped, and the byte that broke it starts afresh. Invalid UTF-8
/// (stray continuation bytes, overlong forms, surrogates, values past U+10FFFF) yields nothing.
public struct UTF8InputDecoder: Sendable {
    private var bytes: [UInt8] = []
    private var needed = 0

    public init() {}

    /// Whether a character has begun and waits for more bytes.
    public var isInsideCharacter: Bool { needed > 0 }

    /// Feeds one byte; returns the scalars it completes (none, one, or one after a broken sequence).
    public mutating func feed(_ byte: UInt8) -> [Unicode.Scalar] {
        if needed > 0 {
            if byte & 0xC0 == 0x80 {
                bytes.append(byte)
                needed -= 1
                guard needed == 0 else { return [] }
                defer { bytes = [] }
                return Self.scalar(from: bytes).map { [$0] } ?? []
            }
            // A byte that cannot continue the character: drop what came before, start again.
            abandon()
        }
        switch byte {
        case 0x00...0x7F: return [Unicode.Scalar(byte)]
        case 0xC2...0xDF: needed = 1
        case 0xE0...0xEF: needed = 2
        case 0xF0...0xF4: needed = 3
        default: return []  // a continuation byte with no start, or a byte UTF-8 never uses
        }
        bytes = [byte]
        return []
    }

    /// Drops a character that was begun but never finished.
    public mutating func abandon() {
        bytes = []
        needed = 0
    }

    /// The scalar of a complete sequence, or nil for an overlong form, a surrogate or > U+10FFFF.
    private static func scalar(from bytes: [UInt8]) -> Unicode.Scalar? {
        var decoded = String.UnicodeScalarView()
        var iterator = bytes.makeIterator()
        var codec = Unicode.UTF8()
        switch codec.decode(&iterator) {
        case .scalarValue(let scalar): decoded.append(scalar)
        case .emptyInput, .error: return nil
        }
        return decoded.first
    }
}
