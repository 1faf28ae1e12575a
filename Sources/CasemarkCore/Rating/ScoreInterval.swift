/// How sure a key question's figure is: the Wilson score interval for the share of cases judged
/// sufficient, at 80% confidence (the level the inspectorate's methodology quotes its margin of
/// error at).
///
/// Advice to a ratings panel, never a change to a rating.
public struct ScoreInterval: Equatable, Sendable {
    /// The confidence level, in percent.
    public var confidence: Int
    /// The bounds as fractions of 1, unrounded.
    public var low: Double
    public var high: Double

    /// The two-sided normal quantile for 80% confidence: Φ⁻¹(0.9).
    public static let z80 = 1.2815515655446004

    /// The Wilson score interval for `yes` of `applicable` at 80% confidence; nil when nothing
    /// applies.
    ///
    /// With p = yes/n and z = 1.2816: (p + z²/2n ± z √(p(1−p)/n + z²/4n²)) / (1 + z²/n).
    public static func wilson(yes: Int, applicable: Int) -> ScoreInterval? {
        guard applicable > 0, yes >= 0, yes <= applicable else { return nil }
        let n = Double(applicable)
        let p = Double(yes) / n
        let z = z80
        let z2 = z * z
        let denominator = 1 + z2 / n
        let centre = (p + z2 / (2 * n)) / denominator
        let half = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / denominator
        // At 0 and n the bound is exactly 0 or 1: say so rather than leave a rounding error.
        return ScoreInterval(
            confidence: 80, low: yes == 0 ? 0 : max(0, centre - half), high: yes == applicable ? 1 : min(1, centre + half))
    }

    /// A bound in percent with one decimal, as the reports print it: 56.95% is 57.0.
    public static func percentOneDecimal(_ fraction: Double) -> Double {
        (fraction * 1000).rounded() / 10
    }

    public var lowPercent: Double { Self.percentOneDecimal(low) }
    public var highPercent: Double { Self.percentOneDecimal(high) }

    /// "57.0–85.1%".
    public var text: String {
        Self.format(lowPercent) + "–" + Self.format(highPercent) + "%"
    }

    /// One decimal, always shown: 57.0, 100.0.
    public static func format(_ percent: Double) -> String {
        let tenths = Int((percent * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// The band thresholds (in whole percent) that lie strictly inside the interval: the
    /// figure could be in another band than it is.
    public func crossing(_ thresholds: [Int]) -> [Int] {
        thresholds.filter { low * 100 < Double($0) && Double($0) < high * 100 }
    }
}
