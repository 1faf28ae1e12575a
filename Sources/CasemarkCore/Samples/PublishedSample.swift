/// A published inspection's results, as transcribed in `samples/*.json`: the case sample, each key
/// question's yes and applicable counts, the direct ratings and discretion decisions, and what the
/// report published.
///
/// From it `SampleBuilder` makes case files whose counts reproduce the published figures: the
/// rating engine's test data, and the demo inspections.
public struct PublishedSample: Sendable {
    /// The case sample of one domain.
    public struct DomainSample: Sendable {
        public var size: Int
        /// Disposal types and how many cases of each, in order.
        public var disposals: [(disposal: String, count: Int)]
    }

    /// Published yes and applicable counts of a key question.
    public struct Count: Sendable {
        public var yes: Int
        public var applicable: Int
        public var publishedPercent: Int?
    }

    /// What the report published for one standard.
    public struct ExpectedStandard: Sendable {
        public var computed: String
        public var final: String
    }

    public var name: String
    public var report: String
    public var service: String
    public var framework: String
    public var samples: [String: DomainSample]
    /// Per domain, how many cases the inspector judged low for each classification.
    public var lowClassifications: [String: [Classification: Int]]
    /// Per domain, the case details the report tells of (or plausible ones where it does not;
    /// the file's `caseDetailsNote` says which): for each detail id, how many cases have each
    /// value, in the order they are placed on the cases (`C01` first).
    public var caseDetails: [String: [(detail: String, values: [(value: String, count: Int)])]] = [:]
    public var keyQuestions: [String: Count]
    /// Published yes and applicable counts of prompts, by key-question number then prompt
    /// letter (its identity), where the report prints prompt figures.
    public var prompts: [String: [String: Count]] = [:]
    public var directRatings: [String: String]
    public var discretion: [String: Discretion]
    /// Decisions the ratings panel considered and did not apply, as the report tells them.
    public var declinedDiscretion: [String: DeclinedDiscretion] = [:]
    public var expectedStandards: [String: ExpectedStandard]
    public var expectedScore: Int?
    public var expectedOverall: String?

    /// The samples built into casemark, by file name without `.json`.
    public static func bundled() throws -> [PublishedSample] {
        try BundledSampleFiles.all.map { file in
            try read(bytes: Array(file.text.utf8), name: String(file.name.dropLast(5)))
        }
    }

    public static func read(bytes: [UInt8], name: String) throws -> PublishedSample {
        let file = "samples/\(name).json"
        let value = try FileProblems.parsing(bytes, file: file)
        var problems = ProblemCollector(file: file)
        let root = JSONPath.root
        guard let object = problems.object(value, at: root) else { throw FileProblems(problems.located(in: bytes)) }
        let report = problems.string(object, "report", at: root) ?? ""
        let service = problems.string(object, "service", at: root) ?? ""
        let framework = problems.string(object, "framework", at: root) ?? ""
        var samples: [String: DomainSample] = [:]
        for member in problems.object(object, "samples", at: root)?.members ?? [] {
            let path = root.appending("samples").appending(member.key)
            guard let item = problems.object(member.value, at: path), let size = problems.integer(item, "size", at: path) else { continue }
            var disposals: [(String, Int)] = []
            for (index, entry) in (problems.array(item, "disposals", at: path) ?? []).enumerated() {
                let entryPath = path.appending("disposals").appending(index: index)
                guard let entryObject = problems.object(entry, at: entryPath),
                    let disposal = problems.string(entryObject, "disposal", at: entryPath),
                    let count = problems.integer(entryObject, "count", at: entryPath)
                else { continue }
                disposals.append((disposal, count))
            }
            if disposals.reduce(0, { $0 + $1.1 }) != size {
                problems.report("the disposal counts do not add up to the sample size \(size)", at: path)
            }
            samples[member.key] = DomainSample(size: size, disposals: disposals)
        }
        var low: [String: [Classification: Int]] = [:]
        for member in problems.object(object, "lowClassifications", at: root, required: false)?.members ?? [] {
            for entry in member.value.objectValue?.members ?? [] {
                if let classification = Classification(rawValue: entry.key), let count = entry.value.intValue {
                    low[member.key, default: [:]][classification] = count
                } else {
                    problems.report(
                        "expected a classification and a count",
                        at: root.appending("lowClassifications").appending(member.key).appending(entry.key))
                }
            }
        }
        var details: [String: [(detail: String, values: [(value: String, count: Int)])]] = [:]
        for domain in problems.object(object, "caseDetails", at: root, required: false)?.members ?? [] {
            let domainPath = root.appending("caseDetails").appending(domain.key)
            for detail in problems.object(domain.value, at: domainPath)?.members ?? [] {
                let path = domainPath.appending(detail.key)
                var values: [(String, Int)] = []
                for entry in problems.object(detail.value, at: path)?.members ?? [] {
                    guard let count = entry.value.intValue, count >= 0 else {
                        problems.report("expected a count of cases", at: path.appending(entry.key))
                        continue
                    }
                    values.append((entry.key, count))
                }
                if values.reduce(0, { $0 + $1.1 }) > samples[domain.key]?.size ?? 0 {
                    problems.report("the counts add up to more than the domain's sample", at: path)
                }
                details[domain.key, default: []].append((detail.key, values))
            }
        }
        var counts: [String: Count] = [:]
        for member in problems.object(object, "keyQuestions", at: root)?.members ?? [] {
            let path = root.appending("keyQuestions").appending(member.key)
            guard let item = problems.object(member.value, at: path),
                let yes = problems.integer(item, "yes", at: path),
                let applicable = problems.integer(item, "applicable", at: path)
            else { continue }
            counts[member.key] = Count(yes: yes, applicable: applicable, publishedPercent: item["publishedPercent"]?.intValue)
        }
        var promptCounts: [String: [String: Count]] = [:]
        for member in problems.object(object, "prompts", at: root, required: false)?.members ?? [] {
            for entry in member.value.objectValue?.members ?? [] {
                let path = root.appending("prompts").appending(member.key).appending(entry.key)
                guard let item = problems.object(entry.value, at: path),
                    let yes = problems.integer(item, "yes", at: path),
                    let applicable = problems.integer(item, "applicable", at: path)
                else { continue }
                promptCounts[member.key, default: [:]][entry.key] = Count(
                    yes: yes, applicable: applicable, publishedPercent: item["publishedPercent"]?.intValue)
            }
        }
        var direct: [String: String] = [:]
        for member in problems.object(object, "directRatings", at: root, required: false)?.members ?? [] {
            if let rating = member.value.stringValue { direct[member.key] = rating }
        }
        var discretion: [String: Discretion] = [:]
        var declined: [String: DeclinedDiscretion] = [:]
        for member in problems.object(object, "discretion", at: root, required: false)?.members ?? [] {
            let path = root.appending("discretion").appending(member.key)
            guard let item = problems.object(member.value, at: path) else { continue }
            if item["declined"]?.boolValue == true {
                if let reason = problems.string(item, "reason", at: path) { declined[member.key] = DeclinedDiscretion(reason: reason) }
                continue
            }
            guard let rating = problems.string(item, "rating", at: path),
                let reason = problems.string(item, "reason", at: path)
            else { continue }
            discretion[member.key] = Discretion(rating: rating, reason: reason)
        }
        var expectedStandards: [String: ExpectedStandard] = [:]
        var expectedScore: Int?
        var expectedOverall: String?
        if let expected = problems.object(object, "expected", at: root, required: false) {
            let path = root.appending("expected")
            for member in problems.object(expected, "standards", at: path)?.members ?? [] {
                let standardPath = path.appending("standards").appending(member.key)
                guard let item = problems.object(member.value, at: standardPath),
                    let computed = problems.string(item, "computed", at: standardPath),
                    let final = problems.string(item, "final", at: standardPath)
                else { continue }
                expectedStandards[member.key] = ExpectedStandard(computed: computed, final: final)
            }
            expectedScore = problems.integer(expected, "score", at: path, required: false)
            expectedOverall = problems.string(expected, "overallRating", at: path, required: false)
        }
        guard problems.isEmpty else { throw FileProblems(problems.located(in: bytes)) }
        var sample = PublishedSample(
            name: name, report: report, service: service, framework: framework, samples: samples, lowClassifications: low,
            keyQuestions: counts, directRatings: direct, discretion: discretion, expectedStandards: expectedStandards,
            expectedScore: expectedScore, expectedOverall: expectedOverall)
        sample.declinedDiscretion = declined
        sample.prompts = promptCounts
        sample.caseDetails = details
        return sample
    }
}
