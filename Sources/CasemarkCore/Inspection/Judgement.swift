/// An inspector's answer to a key question or a prompt.
public enum Judgement: String, CaseIterable, Sendable {
    case yes
    case no
    /// Not applicable to this case.
    case na

    public var label: String {
        switch self {
        case .yes: "Yes"
        case .no: "No"
        case .na: "N/A"
        }
    }
}

/// Where a case stands: still being marked, or marked complete.
public enum CaseStatus: String, CaseIterable, Sendable {
    case inProgress = "in-progress"
    case complete
}

/// Orders numbers such as `2.10.1` after `2.9.1`: part by part, numerically where both parts are
/// numbers, else by their text (UTF-8 order).
///
/// Called for every sort of cases and answers, so it works on the bytes without allocating.
public func numberingOrder(_ left: String, _ right: String) -> Bool {
    var left = left
    var right = right
    return left.withUTF8 { a in right.withUTF8 { b in numberingOrder(a, b) } }
}

/// `items` sorted by `numberingOrder` of their keys, stable.
///
/// Each key's bytes are gathered once into one buffer, so the sort compares bytes, not strings:
/// getting at a short string's bytes cost more than comparing them (10,000 refs sort in about half
/// the time).
public func sortedInNumberingOrder<Item>(_ items: [Item], by key: (Item) -> String) -> [Item] {
    var bytes: [UInt8] = []
    var spans: [Range<Int>] = []
    spans.reserveCapacity(items.count)
    for item in items {
        let start = bytes.count
        bytes.append(contentsOf: key(item).utf8)
        spans.append(start..<bytes.count)
    }
    var order = Array(items.indices)
    bytes.withUnsafeBufferPointer { bytes in
        spans.withUnsafeBufferPointer { spans in
            if let keyed = inByteOrder(bytes, spans) {
                order = keyed
            } else {
                order.sort {
                    numberingOrder(UnsafeBufferPointer(rebasing: bytes[spans[$0]]), UnsafeBufferPointer(rebasing: bytes[spans[$1]]))
                }
            }
        }
    }
    return order.map { items[$0] }
}

/// The positions of `spans` sorted, when `numberingOrder` of them is their byte order; else nil.
///
/// So it is when no key has a dot and none is all digits (refs such as `C01` or `O12`): each is
/// then one part compared as text. Such keys are sorted by their first eight bytes as one number
/// (zero-padded: no key holds a zero byte, so a shorter key comes first, as in text), and by the
/// rest only where those are equal: loading sorted 10,000 refs with `numberingOrder`, on one core
/// before any file was read.
private func inByteOrder(_ bytes: UnsafeBufferPointer<UInt8>, _ spans: UnsafeBufferPointer<Range<Int>>) -> [Int]? {
    var keyed: [(prefix: UInt64, position: Int)] = []
    keyed.reserveCapacity(spans.count)
    for (position, span) in spans.enumerated() {
        var prefix: UInt64 = 0
        var digitsOnly = true
        for index in span {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") || byte == 0 { return nil }
            if byte < UInt8(ascii: "0") || byte > UInt8(ascii: "9") { digitsOnly = false }
            if index - span.lowerBound < 8 { prefix |= UInt64(byte) << UInt64(56 - 8 * (index - span.lowerBound)) }
        }
        if digitsOnly { return nil }
        keyed.append((prefix, position))
    }
    keyed.sort { left, right in
        if left.prefix != right.prefix { return left.prefix < right.prefix }
        let a = spans[left.position]
        let b = spans[right.position]
        // The first eight bytes are the same: the rest, as text.
        let restA = UnsafeBufferPointer(rebasing: bytes[min(a.lowerBound + 8, a.upperBound)..<a.upperBound])
        let restB = UnsafeBufferPointer(rebasing: bytes[min(b.lowerBound + 8, b.upperBound)..<b.upperBound])
        if restA.elementsEqual(restB) { return left.position < right.position }
        return restA.lexicographicallyPrecedes(restB)
    }
    return keyed.map(\.position)
}

private func numberingOrder(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    // Plain loops over the bytes: loading sorts 10,000 refs with this, about 130,000 calls.
    let dot = UInt8(ascii: ".")
    let zero = UInt8(ascii: "0")
    var i = 0
    var j = 0
    while true {
        var aEnd = i
        while aEnd < a.count && a[aEnd] != dot { aEnd += 1 }
        var bEnd = j
        while bEnd < b.count && b[bEnd] != dot { bEnd += 1 }
        let aLength = aEnd - i
        let bLength = bEnd - j
        if aLength != bLength || !bytesEqual(a, i, b, j, aLength) {
            if isNumber(a, i, aEnd), isNumber(b, j, bEnd) {
                // Compared as numbers: leading zeros aside, more digits is more.
                var aStart = i
                while aStart < aEnd && a[aStart] == zero { aStart += 1 }
                var bStart = j
                while bStart < bEnd && b[bStart] == zero { bStart += 1 }
                if aEnd - aStart != bEnd - bStart { return aEnd - aStart < bEnd - bStart }
                if let order = firstDifference(a, aStart, b, bStart, aEnd - aStart) { return order }
            } else {
                return firstDifference(a, i, b, j, min(aLength, bLength)) ?? (aLength < bLength)
            }
        }
        let aDone = aEnd >= a.count
        let bDone = bEnd >= b.count
        if aDone || bDone { return aDone && !bDone }
        i = aEnd + 1
        j = bEnd + 1
    }
}

private func bytesEqual(_ a: UnsafeBufferPointer<UInt8>, _ i: Int, _ b: UnsafeBufferPointer<UInt8>, _ j: Int, _ count: Int) -> Bool {
    firstDifference(a, i, b, j, count) == nil
}

/// Whether `a[i...]` comes before `b[j...]` at their first differing byte within `count`; nil
/// when the first `count` bytes are the same.
private func firstDifference(_ a: UnsafeBufferPointer<UInt8>, _ i: Int, _ b: UnsafeBufferPointer<UInt8>, _ j: Int, _ count: Int) -> Bool? {
    var offset = 0
    while offset < count {
        if a[i + offset] != b[j + offset] { return a[i + offset] < b[j + offset] }
        offset += 1
    }
    return nil
}

private func isNumber(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
    guard start < end else { return false }
    for index in start..<end where bytes[index] < UInt8(ascii: "0") || bytes[index] > UInt8(ascii: "9") { return false }
    return true
}
