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

/// Orders numbers such as `2.10.1` after `2.9.1`: part by part, numerically where a part is a number.
public func numberingOrder(_ left: String, _ right: String) -> Bool {
    let leftParts = left.split(separator: ".", omittingEmptySubsequences: false)
    let rightParts = right.split(separator: ".", omittingEmptySubsequences: false)
    for (leftPart, rightPart) in zip(leftParts, rightParts) where leftPart != rightPart {
        if let leftNumber = Int(leftPart), let rightNumber = Int(rightPart) {
            return leftNumber < rightNumber
        }
        return leftPart < rightPart
    }
    return leftParts.count < rightParts.count
}
