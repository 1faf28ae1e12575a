/// Medians, spreads and percentiles of repeated measurements.
struct Sample {
    var values: [Double]

    init(_ values: [Double]) {
        self.values = values.sorted()
    }

    func percentile(_ fraction: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let index = min(values.count - 1, max(0, Int((fraction * Double(values.count - 1)).rounded())))
        return values[index]
    }

    var median: Double { percentile(0.5) }
    var minimum: Double { values.first ?? .nan }
    var maximum: Double { values.last ?? .nan }

    /// "12.3 ms (10.1–15.2, n=9)".
    func describe(unit: Unit) -> String {
        "\(unit.format(median)) (\(unit.format(minimum))–\(unit.format(maximum)), n=\(values.count))"
    }
}

/// How a figure is printed.
enum Unit {
    case milliseconds, microseconds, megabytes, bytes

    func format(_ value: Double) -> String {
        switch self {
        case .milliseconds: return fixed(value, 1) + " ms"
        case .microseconds: return fixed(value, 1) + " µs"
        case .megabytes: return fixed(value, 1) + " MB"
        case .bytes: return String(Int(value)) + " B"
        }
    }
}

/// `value` with `digits` decimals, without Foundation's locale-dependent formatting.
func fixed(_ value: Double, _ digits: Int) -> String {
    guard value.isFinite else { return "n/a" }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    var text = String(rounded)
    if let dot = text.firstIndex(of: ".") {
        let decimals = text.distance(from: dot, to: text.endIndex) - 1
        if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
    } else if digits > 0 {
        text += "." + String(repeating: "0", count: digits)
    }
    return text
}
