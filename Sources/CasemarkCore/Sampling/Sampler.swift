import Foundation

/// How large a domain's sample is: the inspectorate's rule (a confidence level and a margin of
/// error for a proportion), or a number of cases.
public enum SampleSize: Sendable, Equatable {
    case confidence(level: Double, margin: Double)
    case fixed(Int)

    /// The seed reports' rule: 80 per cent confidence, a margin of error of 5.
    public static let inspectorate = SampleSize.confidence(level: 80, margin: 5)

    /// The sample size for a population of `count` cases: n0 = z² · p(1−p) / e² at p = 0.5, with
    /// the finite population correction n = n0 / (1 + (n0 − 1) / N), rounded up; never more than
    /// the population.
    ///
    /// 80% and ±5 give 5, 10, 16, 28 and 42 for 5, 10, 17, 33 and 56 cases.
    public func cases(outOf count: Int) -> Int {
        guard count > 0 else { return 0 }
        switch self {
        case .fixed(let size):
            return min(count, max(0, size))
        case .confidence(let level, let margin):
            let z = Self.normalQuantile(0.5 + level / 200)
            let e = margin / 100
            let n0 = z * z * 0.25 / (e * e)
            let n = n0 / (1 + (n0 - 1) / Double(count))
            // Rounded up, but not past a whole number lost to floating point.
            return min(count, Int((n - 1e-9).rounded(.up)))
        }
    }

    /// The standard normal quantile (Acklam's rational approximation, relative error below
    /// 1.2e-9): 1.2816 for 0.9, 1.96 for 0.975.
    static func normalQuantile(_ p: Double) -> Double {
        let a = [
            -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01,
            2.506628277459239e+00,
        ]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [
            -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00,
            2.938163982698783e+00,
        ]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425
        if p < low {
            let q = (-2 * log(p)).squareRoot()
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        if p > 1 - low { return -normalQuantile(1 - p) }
        let q = p - 0.5
        let r = q * q
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
            / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    }
}

/// A share of a domain's sample that must come from cases whose disposal started within a time
/// window before the inspection: "at least 60 per cent ...
///
/// three to six months earlier".
public struct TimeWindow: Sendable, Equatable {
    public var domain: String
    /// The least share of the sample, in per cent.
    public var percent: Int
    /// Months before the reference date: from `fromMonths` to `toMonths` earlier.
    public var fromMonths: Int
    public var toMonths: Int

    public init(domain: String, percent: Int, fromMonths: Int, toMonths: Int) {
        self.domain = domain
        self.percent = percent
        self.fromMonths = fromMonths
        self.toMonths = toMonths
    }

    /// Whether `date` lies in the window before `reference` (months counted on the calendar).
    public func contains(_ date: CalendarDate, before reference: CalendarDate) -> Bool {
        let months = (reference.year - date.year) * 12 + (reference.month - date.month) - (reference.day < date.day ? 1 : 0)
        return months >= fromMonths && (months < toMonths || (months == toMonths && reference.day == date.day))
    }
}

/// Draws an inspection's sample from the eligible population, domain by domain, so that the shares
/// of gender, disposal type, risk of serious harm and safety and wellbeing match the population's
/// as closely as whole cases allow, and time-window shares are met where the population has the
/// cases.
///
/// Reproducible: the same population and seed draw the same sample.
public struct Sampler: Sendable {
    public var size: SampleSize
    public var sizes: [String: SampleSize] = [:]
    public var windows: [TimeWindow] = []
    /// The day the windows count back from (the inspection's fieldwork, or today).
    public var reference: CalendarDate?
    public var seed: UInt64

    public init(size: SampleSize = .inspectorate, seed: UInt64) {
        self.size = size
        self.seed = seed
    }

    /// One attribute the sample's shares are matched on.
    public struct Stratum: Sendable, Equatable {
        public var attribute: String
        public var value: String
        public var population: Int
        /// The whole cases closest to the population's share of the sample.
        public var target: Int
        public var sample: Int
    }

    /// A domain's draw: the cases, the strata population against sample, and what could not be met.
    public struct Draw: Sendable {
        public var domain: String
        public var population: Int
        public var cases: [Population.Member]
        public var strata: [Stratum]
        public var shortfalls: [String]
    }

    /// Draws every domain that has cases in the population.
    public func draw(_ population: Population, framework: Framework) -> [Draw] {
        framework.caseDomains.compactMap { domain in
            let members = population.members.filter { $0.domain == domain.number }
            guard !members.isEmpty else { return nil }
            return draw(members, domain: domain.number)
        }
    }

    /// The attributes a case is matched on, with its value of each.
    static func attributes(_ member: Population.Member, window: Bool?) -> [(String, String)] {
        var values = [
            ("gender", member.gender), ("disposal", member.disposal), ("risk of serious harm", member.riskOfSeriousHarm.rawValue),
            ("safety and wellbeing", member.safetyAndWellbeing.rawValue),
        ]
        if let window { values.append(("time window", window ? "in" : "out")) }
        return values
    }

    func draw(_ members: [Population.Member], domain: String) -> Draw {
        let count = (sizes[domain] ?? size).cases(outOf: members.count)
        // A shuffle from the seed (and the domain, so two domains differ) breaks ties the same way every time.
        var random = SplitMix64(seed: seed ^ UInt64(domain.utf8.reduce(5381) { ($0 &* 33) &+ UInt64($1) }))
        let ordered = members.sorted { $0.id < $1.id }.shuffled(using: &random)
        let window = windows.first { $0.domain == domain }
        let inWindow: [Bool?] = ordered.map { member in
            guard let window, let reference else { return nil }
            return member.startDate.map { window.contains($0, before: reference) } ?? false
        }
        // Targets: each attribute's values in whole cases by largest remainder (they add up to
        // the sample size), and for a window at least its share, where the population allows.
        var targets: [String: [String: Int]] = [:]
        var populationCounts: [String: [String: Int]] = [:]
        for (index, member) in ordered.enumerated() {
            for (attribute, value) in Self.attributes(member, window: inWindow[index]) {
                populationCounts[attribute, default: [:]][value, default: 0] += 1
            }
        }
        var shortfalls: [String] = []
        for (attribute, counts) in populationCounts {
            targets[attribute] = Self.largestRemainder(counts, total: count, of: ordered.count)
        }
        if let window, reference != nil {
            let wanted = (count * window.percent + 99) / 100
            let available = populationCounts["time window"]?["in"] ?? 0
            let inside = min(wanted, available)
            targets["time window"] = ["in": inside, "out": count - inside]
            if available < wanted {
                shortfalls.append(
                    "time window \(window.fromMonths)-\(window.toMonths) months: \(window.percent)% of \(count) is \(wanted) cases, but only \(available) in the population started then"
                )
            }
        }
        // Greedy: each pick is the case that fills most of what is still short (ties: the seeded
        // order); then swaps of a drawn case for one not drawn while that brings the counts
        // nearer the targets. A window's share is a least: only falling short of it counts.
        let values = ordered.indices.map { Self.attributes(ordered[$0], window: inWindow[$0]) }
        let countWanted = count
        var taken = [Bool](repeating: false, count: ordered.count)
        var counts: [String: [String: Int]] = [:]
        // Distances are to the exact shares (a stratum of 5 of 17 cases wants 4.7 of 16), so a
        // sample can be within one case of every share at once.
        let whole = Double(ordered.count)
        func cost(_ attribute: String, _ value: String, _ count: Int) -> Double {
            if attribute == "time window" {
                let short = Double(max(0, (targets[attribute]?[value] ?? 0) - count))
                return value == "in" ? 16 * short * short : 0
            }
            let share = Double(populationCounts[attribute]?[value] ?? 0) * Double(countWanted) / whole
            let distance = Double(count) - share
            // Beyond one case a stratum is off: that weighs far more than being near.
            return distance * distance + (abs(distance) > 1 ? 8 * (abs(distance) - 1) : 0)
        }
        /// How much the cost changes when `index` is added (+1) or taken out (−1).
        func change(_ index: Int, _ step: Int) -> Double {
            values[index].reduce(0) { total, pair in
                let now = counts[pair.0]?[pair.1] ?? 0
                return total + cost(pair.0, pair.1, now + step) - cost(pair.0, pair.1, now)
            }
        }
        func apply(_ index: Int, _ step: Int) {
            taken[index] = step > 0
            for (attribute, value) in values[index] { counts[attribute, default: [:]][value, default: 0] += step }
        }
        for _ in 0..<count {
            var best: (index: Int, delta: Double)?
            for index in ordered.indices where !taken[index] {
                let delta = change(index, 1)
                if let current = best, delta >= current.delta { continue }
                best = (index, delta)
            }
            guard let best else { break }
            apply(best.index, 1)
        }
        var improved = true
        var rounds = 0
        while improved && rounds < 50 {
            improved = false
            rounds += 1
            for out in ordered.indices where taken[out] {
                apply(out, -1)
                var best: (index: Int, delta: Double) = (out, change(out, 1))
                for candidate in ordered.indices where !taken[candidate] && candidate != out {
                    let delta = change(candidate, 1)
                    if delta < best.delta - 1e-9 { best = (candidate, delta) }
                }
                apply(best.index, 1)
                if best.index != out { improved = true }
            }
        }
        let chosen = ordered.indices.filter { taken[$0] }.map { ordered[$0] }
        var strata: [Stratum] = []
        for attribute in ["gender", "disposal", "risk of serious harm", "safety and wellbeing", "time window"] {
            guard let values = populationCounts[attribute] else { continue }
            for value in values.keys.sorted() {
                let stratum = Stratum(
                    attribute: attribute, value: value, population: values[value] ?? 0, target: targets[attribute]?[value] ?? 0,
                    sample: counts[attribute]?[value] ?? 0)
                strata.append(stratum)
                let share = Double(stratum.population) * Double(count) / Double(ordered.count)
                if attribute != "time window", abs(Double(stratum.sample) - share) > 1 + 1e-9 {
                    shortfalls.append(
                        "\(attribute) \(value): \(stratum.sample) drawn, more than one case from its share (\(String(format: "%.1f", share)))"
                    )
                }
            }
        }
        return Draw(
            domain: domain, population: ordered.count, cases: chosen.sorted { $0.id < $1.id }, strata: strata, shortfalls: shortfalls)
    }

    /// Shares of `total` in whole numbers that add up to it, by largest remainder.
    static func largestRemainder(_ counts: [String: Int], total: Int, of whole: Int) -> [String: Int] {
        guard whole > 0 else { return [:] }
        let shares = counts.map { (key: $0.key, exact: Double($0.value) * Double(total) / Double(whole)) }
        var result = Dictionary(uniqueKeysWithValues: shares.map { ($0.key, Int($0.exact.rounded(.down))) })
        var left = total - result.values.reduce(0, +)
        // The largest remainders first; ties by name, so the same counts always round alike.
        let byRemainder = shares.sorted { first, second in
            let (a, b) = (first.exact - first.exact.rounded(.down), second.exact - second.exact.rounded(.down))
            return a != b ? a > b : first.key < second.key
        }
        for share in byRemainder where left > 0 {
            result[share.key, default: 0] += 1
            left -= 1
        }
        return result
    }

    /// Allocates the drawn cases to inspectors evenly, court and out-of-court alike: in turn, the
    /// turn going on from one domain to the next, so each has the same number (give or take one)
    /// of each domain and of all.
    public static func allocate(_ draws: [Draw], to inspectors: [String]) -> [String: String] {
        guard !inspectors.isEmpty else { return [:] }
        var result: [String: String] = [:]
        var turn = 0
        for draw in draws {
            for member in draw.cases {
                result[member.id] = inspectors[turn % inspectors.count]
                turn += 1
            }
        }
        return result
    }
}
