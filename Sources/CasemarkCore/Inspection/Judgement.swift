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
/// numbers, else by their text (UTF-8 order). Called for every sort of cases and answers, so it
/// works on the bytes without allocating.
public func numberingOrder(_ left: String, _ right: String) -> Bool {
    var left = left
    var right = right
    return left.withUTF8 { a in right.withUTF8 { b in numberingOrder(a, b) } }
}

private func numberingOrder(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    let dot = UInt8(ascii: ".")
    var i = 0
    var j = 0
    while true {
        let aEnd = a[i...].firstIndex(of: dot) ?? a.count
        let bEnd = b[j...].firstIndex(of: dot) ?? b.count
        let aPart = UnsafeBufferPointer(rebasing: a[i..<aEnd])
        let bPart = UnsafeBufferPointer(rebasing: b[j..<bEnd])
        if !aPart.elementsEqual(bPart) {
            if isNumber(aPart), isNumber(bPart) {
                let aDigits = UnsafeBufferPointer(rebasing: aPart.drop { $0 == UInt8(ascii: "0") })
                let bDigits = UnsafeBufferPointer(rebasing: bPart.drop { $0 == UInt8(ascii: "0") })
                if aDigits.count != bDigits.count { return aDigits.count < bDigits.count }
                if !aDigits.elementsEqual(bDigits) { return aDigits.lexicographicallyPrecedes(bDigits) }
            } else {
                return aPart.lexicographicallyPrecedes(bPart)
            }
        }
        let aDone = aEnd >= a.count
        let bDone = bEnd >= b.count
        if aDone || bDone { return aDone && !bDone }
        i = aEnd + 1
        j = bEnd + 1
    }
}

private func isNumber(_ part: UnsafeBufferPointer<UInt8>) -> Bool {
    !part.isEmpty && part.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
}
