/// A line and column in a text file, both counted from 1 (columns in characters).
public struct SourcePosition: Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var description: String { "\(line):\(column)" }
}

/// Why a text is not JSON, and where.
public struct JSONSyntaxError: Error, Equatable, Sendable {
    public var message: String
    public var position: SourcePosition
}

/// Parses JSON text (RFC 8259) into `JSONValue`, keeping key order and number literals.
///
/// It can also report where a value sits in the text, so that a problem found after parsing,
/// at some JSON path, can be given a line and column.
public struct JSONParser {
    /// The deepest nesting accepted; deeper documents are refused rather than overflowing the stack.
    public static let maximumDepth = 256

    /// The text, borrowed for the parse (see `withParser`).
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    var depth = 0
    var currentPath = JSONPath.root
    var wantedPath: JSONPath?
    var foundOffset: Int?
    /// The paths `positions(of:in:)` looks for, and where each was found: one parse for all.
    var wantedPaths: Set<JSONPath>?
    var foundOffsets: [JSONPath: Int] = [:]
    /// Set when every wanted path was found: the parse stops there, the rest unread.
    var allFound = false
    /// Whether the path of each value is followed (only when looking for one).
    private var tracksPath: Bool { wantedPath != nil || wantedPaths != nil }

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Runs `body` with a parser over `bytes`, which it may not keep.
    ///
    /// The one scanner of JSON text: the tree built here and `CaseFileDecoder` both read through it,
    /// so both find the same syntax errors, worded alike, at the same place.
    static func withParser<R>(_ bytes: [UInt8], _ body: (inout JSONParser) throws(JSONSyntaxError) -> R) throws(JSONSyntaxError) -> R {
        let result: Result<R, JSONSyntaxError> = bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(bytes: buffer)
            do throws(JSONSyntaxError) {
                return .success(try body(&parser))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Parses a whole document.
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        try withParser(bytes) { parser throws(JSONSyntaxError) in try parser.parseDocument() }
    }

    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    /// The position in `bytes` where the value at `path` starts, or the nearest enclosing value
    /// that exists; nil when the text is not JSON.
    public static func position(of path: JSONPath, in bytes: [UInt8]) -> SourcePosition? {
        var components = path.components
        while true {
            let wanted = JSONPath(components)
            let found: Int?? = try? withParser(bytes) { parser throws(JSONSyntaxError) in
                parser.wantedPath = wanted
                _ = try parser.parseDocument()
                return parser.foundOffset
            }
            guard let found else { return nil }
            if let offset = found {
                return Self.position(ofOffset: offset, in: bytes)
            }
            if components.isEmpty { return nil }
            components.removeLast()
        }
    }

    /// The positions of many paths at once, in `paths` order: each as `position(of:in:)` gives
    /// it (where the value starts, or the nearest enclosing value that exists), from one parse of
    /// the text and one pass over it for lines and columns, so locating every problem of a file
    /// with thousands takes time in proportion to the file, not to the file times the problems.
    public static func positions(of paths: [JSONPath], in bytes: [UInt8]) -> [SourcePosition?] {
        guard !paths.isEmpty else { return [] }
        var wanted = Set<JSONPath>()
        for path in paths {
            var components = path.components
            while true {
                // A prefix already wanted means every shorter one is too.
                guard wanted.insert(JSONPath(components)).inserted, !components.isEmpty else { break }
                components.removeLast()
            }
        }
        guard let found = offsets(of: wanted, in: bytes, at: nil, path: .root) else { return paths.map { _ in nil } }
        let offsets: [Int?] = paths.map { path in
            var components = path.components
            while true {
                if let offset = found[JSONPath(components)] { return offset }
                if components.isEmpty { return nil }
                components.removeLast()
            }
        }
        let located = positions(ofOffsets: Set(offsets.compactMap { $0 }), in: bytes)
        return offsets.map { $0.flatMap { located[$0] } }
    }

    /// Where each of `wanted` starts, by byte offset, from one parse.
    ///
    /// The parse is of the whole document (`start` nil), or of the one value at offset `start`,
    /// which sits at `path`. Nil when the text is not JSON.
    static func offsets(of wanted: Set<JSONPath>, in bytes: [UInt8], at start: Int?, path: JSONPath) -> [JSONPath: Int]? {
        try? withParser(bytes) { parser throws(JSONSyntaxError) in
            parser.wantedPaths = wanted
            parser.currentPath = path
            do throws(JSONSyntaxError) {
                if let start {
                    parser.index = start
                    _ = try parser.parseValue()
                } else {
                    _ = try parser.parseDocument()
                }
            } catch {
                // Stopped early once every path was found; otherwise the text is not JSON.
                guard parser.allFound else { throw error }
            }
            return parser.foundOffsets
        }
    }

    /// Lines and columns of many byte offsets, from one pass over the bytes.
    static func positions(ofOffsets offsets: Set<Int>, in bytes: [UInt8]) -> [Int: SourcePosition] {
        bytes.withUnsafeBufferPointer { positions(ofOffsets: offsets, in: $0) }
    }

    /// `positions(ofOffsets:in:)` over borrowed bytes.
    static func positions(ofOffsets offsets: Set<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> [Int: SourcePosition] {
        var result: [Int: SourcePosition] = [:]
        result.reserveCapacity(offsets.count)
        var line = 1
        var column = 1
        var cursor = 0
        for offset in offsets.sorted() {
            let end = min(offset, bytes.count)
            while cursor < end {
                let byte = bytes[cursor]
                if byte == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
                cursor += 1
            }
            result[offset] = SourcePosition(line: line, column: column)
        }
        return result
    }

    /// Line and column of a byte offset; columns count characters, not bytes.
    static func position(ofOffset offset: Int, in bytes: [UInt8]) -> SourcePosition {
        positions(ofOffsets: [offset], in: bytes)[offset] ?? SourcePosition(line: 1, column: 1)
    }

    /// `position(ofOffset:in:)` over borrowed bytes.
    static func position(ofOffset offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourcePosition {
        positions(ofOffsets: [offset], in: bytes)[offset] ?? SourcePosition(line: 1, column: 1)
    }

    // MARK: - Parsing

    mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        if index < bytes.count {
            throw error("unexpected text after the end of the JSON value")
        }
        return value
    }

    func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        JSONSyntaxError(message: message, position: Self.position(ofOffset: offset ?? index, in: bytes))
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    func describeNext() -> String {
        guard index < bytes.count else { return "the end of the file" }
        let byte = bytes[index]
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }

    mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        if let wantedPath, foundOffset == nil, currentPath == wantedPath {
            foundOffset = index
        }
        if let wantedPaths, wantedPaths.contains(currentPath), foundOffsets[currentPath] == nil {
            foundOffsets[currentPath] = index
            if foundOffsets.count == wantedPaths.count {
                allFound = true
                throw error("every wanted path found")
            }
        }
        guard index < bytes.count else { throw error("expected a value, found the end of the file") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("expected a value, found \(describeNext())")
        }
    }

    mutating func expectWord(_ word: StaticString) throws(JSONSyntaxError) {
        let start = index
        let count = word.utf8CodeUnitCount
        let wordBytes = UnsafeBufferPointer(start: word.utf8Start, count: count)
        guard index + count <= bytes.count, bytes[index..<index + count].elementsEqual(wordBytes) else {
            throw error("expected a value, found \(describeNext())", at: start)
        }
        index += count
    }

    mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > Self.maximumDepth {
            throw error("nested more than \(Self.maximumDepth) levels deep")
        }
    }

    // MARK: Objects and arrays, for the tree and for `CaseFileDecoder`

    /// Enters the object or array that opens here, closed by `close`: true when it has a first
    /// member or element, false when it is empty (and then left).
    @inline(__always)
    mutating func open(closing close: UInt8) throws(JSONSyntaxError) -> Bool {
        try enter()
        index += 1
        skipWhitespace()
        guard index < bytes.count, bytes[index] == close else { return true }
        index += 1
        depth -= 1
        return false
    }

    /// After a member or element: true when a `,` says another follows, false when `close` ends
    /// the object or array (which is then left).
    @inline(__always)
    mutating func another(closing close: UInt8) throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        // Worded only when wrong: this runs after every member of every file.
        func expected() -> String { "expected ',' or '\(Character(Unicode.Scalar(close)))'" }
        guard index < bytes.count else { throw error("\(expected()), found the end of the file") }
        if bytes[index] == UInt8(ascii: ",") {
            index += 1
            return true
        }
        guard bytes[index] == close else { throw error("\(expected()), found \(describeNext())") }
        index += 1
        depth -= 1
        return false
    }

    /// Before a member's key: the parser then at its quote.
    @inline(__always)
    mutating func atKey() throws(JSONSyntaxError) {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
            throw error("expected a quoted key, found \(describeNext())")
        }
    }

    /// The `:` after a key, and the space after it: the parser then at the value.
    @inline(__always)
    mutating func colon() throws(JSONSyntaxError) {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
            throw error("expected ':' after a key, found \(describeNext())")
        }
        index += 1
        skipWhitespace()
    }

    mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
        var members: [JSONObject.Member] = []
        guard try open(closing: UInt8(ascii: "}")) else { return .object(JSONObject(members)) }
        var seen = Set<String>()
        repeat {
            try atKey()
            let keyStart = index
            let key = try parseString()
            if !seen.insert(key).inserted {
                throw error("the key \"\(TerminalText.escaped(key))\" appears twice in one object", at: keyStart)
            }
            try colon()
            let saved = currentPath
            if tracksPath { currentPath = currentPath.appending(key) }
            let value = try parseValue()
            currentPath = saved
            members.append(JSONObject.Member(key: key, value: value))
        } while try another(closing: UInt8(ascii: "}"))
        return .object(JSONObject(members))
    }

    mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
        var elements: [JSONValue] = []
        guard try open(closing: UInt8(ascii: "]")) else { return .array(elements) }
        repeat {
            skipWhitespace()
            let saved = currentPath
            if tracksPath { currentPath = currentPath.appending(index: elements.count) }
            elements.append(try parseValue())
            currentPath = saved
        } while try another(closing: UInt8(ascii: "]"))
        return .array(elements)
    }

    mutating func parseNumber() throws(JSONSyntaxError) -> JSONValue {
        let start = index
        func digits() -> Int {
            let from = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                index += 1
            }
            return index - from
        }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count else { throw error("a number ends too soon") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else if digits() == 0 {
            throw error("expected a digit, found \(describeNext())")
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            if digits() == 0 { throw error("expected a digit after '.', found \(describeNext())") }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            if digits() == 0 { throw error("expected a digit in the exponent, found \(describeNext())") }
        }
        return .number(String(decoding: bytes[start..<index], as: UTF8.self))
    }

    mutating func parseString() throws(JSONSyntaxError) -> String {
        index += 1
        let start = index
        var ascii = true
        // Fast path: no escapes.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let slice = bytes[start..<index]
                index += 1
                return try decodeUTF8(slice, ascii: ascii, at: start)
            }
            if byte >= 0x80 { ascii = false }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error("a control character (0x\(String(byte, radix: 16))) inside a string must be escaped") }
            index += 1
        }
        var buffer = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                guard let text = String(validating: buffer, as: UTF8.self) else {
                    throw error("a string is not valid UTF-8", at: start)
                }
                return text
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { throw error("a string ends inside an escape") }
                let escape = bytes[index]
                index += 1
                if let byte = JSONEscape.shortEscape(escape) {
                    buffer.append(byte)
                } else if escape == UInt8(ascii: "u") {
                    let scalar = try parseUnicodeEscape()
                    buffer.append(contentsOf: Array(String(Character(scalar)).utf8))
                } else {
                    throw error("unknown escape '\\\(Character(Unicode.Scalar(escape)))' in a string", at: index - 2)
                }
            default:
                if byte < 0x20 { throw error("a control character (0x\(String(byte, radix: 16))) inside a string must be escaped") }
                buffer.append(byte)
                index += 1
            }
        }
        throw error("a string is not closed before the end of the file", at: start - 1)
    }

    mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("expected four hex digits after \\u") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = JSONEscape.hexDigit(bytes[index]) else { throw error("expected four hex digits after \\u") }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    mutating func parseUnicodeEscape() throws(JSONSyntaxError) -> Unicode.Scalar {
        let start = index - 2
        let first = try parseHex4()
        if JSONEscape.isHighSurrogate(first) {
            guard index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
            else { throw error("a lone surrogate \\u escape is not a character", at: start) }
            index += 2
            let second = try parseHex4()
            guard let scalar = JSONEscape.scalar(high: first, low: second) else {
                throw error("a lone surrogate \\u escape is not a character", at: start)
            }
            return scalar
        }
        guard let scalar = Unicode.Scalar(first) else {
            throw error("a lone surrogate \\u escape is not a character", at: start)
        }
        return scalar
    }

    func decodeUTF8(_ slice: Slice<UnsafeBufferPointer<UInt8>>, ascii: Bool, at offset: Int) throws(JSONSyntaxError) -> String {
        if ascii { return String(decoding: slice, as: UTF8.self) }
        guard let text = String(validating: slice, as: UTF8.self) else {
            throw error("a string is not valid UTF-8", at: offset)
        }
        return text
    }
}
