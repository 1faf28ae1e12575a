/// What `casemark sample` drew, kept in `inspection.json` (`sample`) so the report can set the
/// population beside the sample, stratum by stratum, as the seed reports' methodology states it.
public struct DrawnSample: Equatable, Sendable {
    /// One domain's draw.
    public struct Domain: Equatable, Sendable {
        public var number: String
        /// Cases in the eligible population.
        public var population: Int
        /// Cases drawn.
        public var sample: Int
        public var strata: [Stratum]
        /// Shares that could not be met, in words.
        public var shortfalls: [String]

        public init(number: String, population: Int, sample: Int, strata: [Stratum], shortfalls: [String]) {
            self.number = number
            self.population = population
            self.sample = sample
            self.strata = strata
            self.shortfalls = shortfalls
        }
    }

    /// One value of one attribute: its cases in the population and in the sample.
    public struct Stratum: Equatable, Sendable {
        public var attribute: String
        public var value: String
        public var population: Int
        public var sample: Int

        public init(attribute: String, value: String, population: Int, sample: Int) {
            self.attribute = attribute
            self.value = value
            self.population = population
            self.sample = sample
        }
    }

    public var domains: [Domain]
    /// How the sizes were set: "80% confidence, margin of error 5", "a fixed size of 12".
    public var rule: String
    public var seed: UInt64?

    public init(domains: [Domain], rule: String, seed: UInt64?) {
        self.domains = domains
        self.rule = rule
        self.seed = seed
    }

    /// The record of a draw.
    public init(_ draws: [Sampler.Draw], rule: String, seed: UInt64?) {
        self.init(
            domains: draws.map { draw in
                Domain(
                    number: draw.domain, population: draw.population, sample: draw.cases.count,
                    strata: draw.strata.map {
                        Stratum(attribute: $0.attribute, value: $0.value, population: $0.population, sample: $0.sample)
                    },
                    shortfalls: draw.shortfalls)
            }, rule: rule, seed: seed)
    }

    func jsonValue() -> JSONValue {
        var object = JSONObject(["rule": .string(rule)])
        object["seed"] = seed.map { .number(String($0)) }
        object["domains"] = .array(
            domains.map { domain in
                .object(
                    JSONObject([
                        "domain": .string(domain.number), "population": .integer(domain.population), "sample": .integer(domain.sample),
                        "strata": .array(
                            domain.strata.map { stratum in
                                .object(
                                    JSONObject([
                                        "attribute": .string(stratum.attribute), "value": .string(stratum.value),
                                        "population": .integer(stratum.population), "sample": .integer(stratum.sample),
                                    ]))
                            }),
                        "shortfalls": .array(domain.shortfalls.map(JSONValue.string)),
                    ]))
            })
        return .object(object)
    }

    static func read(_ value: JSONValue, at path: JSONPath, problems: inout ProblemCollector) -> DrawnSample? {
        guard let object = problems.object(value, at: path) else { return nil }
        let rule = problems.string(object, "rule", at: path, required: false, nonEmpty: false) ?? ""
        var seed: UInt64?
        if let number = object["seed"] {
            if case .number(let text) = number, let parsed = UInt64(text) {
                seed = parsed
            } else {
                problems.report("expected a whole number, found \(number.kindName)", at: path.appending("seed"))
            }
        }
        var domains: [Domain] = []
        for (index, element) in (problems.array(object, "domains", at: path) ?? []).enumerated() {
            let domainPath = path.appending("domains").appending(index: index)
            guard let item = problems.object(element, at: domainPath),
                let number = problems.string(item, "domain", at: domainPath),
                let population = problems.integer(item, "population", at: domainPath),
                let sample = problems.integer(item, "sample", at: domainPath)
            else { continue }
            var strata: [Stratum] = []
            for (position, entry) in (problems.array(item, "strata", at: domainPath) ?? []).enumerated() {
                let stratumPath = domainPath.appending("strata").appending(index: position)
                guard let stratum = problems.object(entry, at: stratumPath),
                    let attribute = problems.string(stratum, "attribute", at: stratumPath),
                    let value = problems.string(stratum, "value", at: stratumPath, nonEmpty: false),
                    let inPopulation = problems.integer(stratum, "population", at: stratumPath),
                    let inSample = problems.integer(stratum, "sample", at: stratumPath)
                else { continue }
                strata.append(Stratum(attribute: attribute, value: value, population: inPopulation, sample: inSample))
            }
            var shortfalls: [String] = []
            for (position, entry) in (problems.array(item, "shortfalls", at: domainPath, required: false) ?? []).enumerated() {
                guard let text = entry.stringValue else {
                    problems.report("expected a string", at: domainPath.appending("shortfalls").appending(index: position))
                    continue
                }
                shortfalls.append(text)
            }
            domains.append(Domain(number: number, population: population, sample: sample, strata: strata, shortfalls: shortfalls))
        }
        return DrawnSample(domains: domains, rule: rule, seed: seed)
    }
}
