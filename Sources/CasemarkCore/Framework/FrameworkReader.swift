/// Reads a framework file into a `Framework`, checking everything `frameworks/README.md` requires
/// and reporting each problem at its JSON path.
public enum FrameworkReader {
    public static let format = "casemark/framework"
    public static let supportedVersion = 1

    /// Reads and checks a framework; throws `FileProblems` listing every problem found.
    /// - Parameter expectedID: the file name without `.json`, which `id` must equal.
    public static func read(bytes: [UInt8], file: String, expectedID: String?) throws -> Framework {
        let value = try FileProblems.parsing(bytes, file: file)
        var problems = ProblemCollector(file: file)
        let framework = read(value, expectedID: expectedID, problems: &problems)
        guard problems.isEmpty, var framework else {
            throw FileProblems(problems.located(in: bytes))
        }
        framework.contentHash = contentHash(of: bytes)
        framework.sourceBytes = bytes
        return framework
    }

    /// The fingerprint a case records of the framework file it was marked under.
    public static func contentHash(of bytes: [UInt8]) -> String {
        "fnv1a64:" + FNV1a.hexDigest(bytes)
    }

    static func read(_ value: JSONValue, expectedID: String?, problems: inout ProblemCollector) -> Framework? {
        let root = JSONPath.root
        guard let object = problems.object(value, at: root) else { return nil }
        checkKnownFields(
            object,
            [
                "format", "version", "id", "title", "revised", "source", "caveat", "provenance", "notes", "ratingScale", "keyQuestionBands",
                "overallBands", "limitingRules", "disposals", "domains", "caseDetails",
            ],
            at: root, problems: &problems)
        problems.header(object, format: format, supportedVersion: supportedVersion, at: root)
        let id = problems.string(object, "id", at: root)
        if let id, let expectedID, id != expectedID {
            problems.report("id \"\(id)\" must equal the file name without .json (\"\(expectedID)\")", at: root.appending("id"))
        }
        let title = problems.string(object, "title", at: root)
        let revised = problems.string(object, "revised", at: root)
        let source = problems.string(object, "source", at: root)
        let notes = readStrings(object, "notes", at: root, problems: &problems)
        let caveat = problems.string(object, "caveat", at: root, required: false)
        let provenance = readProvenance(object, over: .published, at: root, problems: &problems)

        let scale = readScale(object, problems: &problems)
        let ratingIDs = Set(scale.map(\.id))
        let bands = readKeyQuestionBands(object, ratingIDs: ratingIDs, problems: &problems)
        let overall = readOverallBands(object, ratingIDs: ratingIDs, problems: &problems)
        let domains = readDomains(object, provenance: provenance, problems: &problems)
        let domainNumbers = Set(domains.map(\.number))
        let disposals = readDisposals(object, domainNumbers: domainNumbers, problems: &problems)
        let disposalIDs = Set(disposals.map(\.id))
        let standards = domains.flatMap(\.standards)
        checkApplicability(object, domains: domains, disposalIDs: disposalIDs, problems: &problems)
        let rules = readLimitingRules(
            object, ratingIDs: ratingIDs, standardNumbers: Set(standards.map(\.number)), problems: &problems)

        guard let id, let title, let revised, let source else { return nil }
        var framework = Framework(
            id: id, title: title, revised: revised, source: source, notes: notes, ratingScale: scale,
            keyQuestionBands: bands, overallBands: overall, limitingRules: rules, disposals: disposals,
            domains: domains)
        framework.caveat = caveat
        framework.provenance = provenance
        if let details = readDetails(object, domainNumbers: Set(domains.map(\.number)), problems: &problems) {
            framework.details = details
        }
        return framework
    }

    // MARK: - Pieces

    /// Names a declared detail cannot take: the case file's own fields, which history entries
    /// and merges name the same way.
    static let reservedDetailIDs: Set<String> = [
        "format", "version", "ref", "framework", "frameworkHash", "domain", "disposal", "status", "details", "answers", "review", "history",
        "conflicts",
    ]

    /// The file's `caseDetails`, or nil when it declares none (the built-in details then).
    ///
    /// The built-in details the list leaves out are put first, in their usual order.
    private static func readDetails(
        _ object: JSONObject, domainNumbers: Set<String>, problems: inout ProblemCollector
    ) -> [DetailDeclaration]? {
        let path = JSONPath.root.appending("caseDetails")
        guard let elements = problems.array(object, "caseDetails", at: .root, required: false) else { return nil }
        var details: [DetailDeclaration] = []
        for (index, element) in elements.enumerated() {
            let itemPath = path.appending(index: index)
            guard let item = problems.object(element, at: itemPath) else { continue }
            checkKnownFields(
                item, ["id", "label", "kind", "values", "min", "max", "bands", "required", "domains", "tabulated", "help"], at: itemPath,
                problems: &problems)
            guard let id = problems.string(item, "id", at: itemPath),
                let label = problems.string(item, "label", at: itemPath),
                let kindName = problems.string(item, "kind", at: itemPath)
            else { continue }
            if !CaseChecker.isSafeRef(id) || reservedDetailIDs.contains(id) {
                problems.report(
                    "\"\(id)\" cannot name a detail: use letters, digits, '.', '_', '-', and none of the case file's own fields",
                    at: itemPath.appending("id"))
                continue
            }
            if details.contains(where: { $0.id == id }) {
                problems.report("duplicate case detail \"\(id)\"", at: itemPath.appending("id"))
                continue
            }
            guard let kind = readDetailKind(kindName, item, at: itemPath, problems: &problems) else { continue }
            if let builtIn = DetailDeclaration.builtIn.first(where: { $0.id == id }), !builtIn.kind.sameValues(as: kind) {
                problems.report(
                    "\(id) is a built-in detail of kind \(builtIn.kind.name)\(builtIn.kind == .choice(DetailDeclaration.levelChoices) ? " with the values low, medium, high, very-high" : "")",
                    at: itemPath.appending("kind"))
                continue
            }
            var domains: Set<String>?
            if let values = problems.array(item, "domains", at: itemPath, required: false) {
                let numbers = values.compactMap(\.stringValue)
                if numbers.isEmpty || numbers.count != values.count {
                    problems.report("expected a non-empty list of domain numbers", at: itemPath.appending("domains"))
                }
                for number in numbers where !domainNumbers.contains(number) {
                    problems.report("no domain \"\(number)\" in this framework", at: itemPath.appending("domains"))
                }
                domains = Set(numbers)
            }
            details.append(
                DetailDeclaration(
                    id: id, label: label, kind: kind, required: problems.bool(item, "required", at: itemPath, required: false) ?? false,
                    domains: domains, tabulated: problems.bool(item, "tabulated", at: itemPath, required: false) ?? false,
                    help: problems.string(item, "help", at: itemPath, required: false)))
        }
        let missing = DetailDeclaration.builtIn.filter { builtIn in !details.contains { $0.id == builtIn.id } }
        return missing + details
    }

    private static func readDetailKind(
        _ name: String, _ item: JSONObject, at path: JSONPath, problems: inout ProblemCollector
    ) -> DetailKind? {
        for key in ["values"] where name != "choice" && item[key] != nil {
            problems.report("only a choice has values", at: path.appending(key))
        }
        for key in ["min", "max", "bands"] where name != "number" && item[key] != nil {
            problems.report("only a number has \(key)", at: path.appending(key))
        }
        switch name {
        case "choice":
            var choices: [DetailChoice] = []
            for (index, element) in (problems.array(item, "values", at: path) ?? []).enumerated() {
                let valuePath = path.appending("values").appending(index: index)
                guard let value = problems.object(element, at: valuePath) else { continue }
                checkKnownFields(value, ["id", "label"], at: valuePath, problems: &problems)
                guard let id = problems.string(value, "id", at: valuePath), let label = problems.string(value, "label", at: valuePath)
                else { continue }
                if choices.contains(where: { $0.id == id }) {
                    problems.report("duplicate value \"\(id)\"", at: valuePath.appending("id"))
                    continue
                }
                choices.append(DetailChoice(id: id, label: label))
            }
            if choices.isEmpty { problems.report("a choice needs at least one value", at: path.appending("values")) }
            return choices.isEmpty ? nil : .choice(choices)
        case "yes-no": return .yesNo
        case "date": return .date
        case "text": return .text
        case "number":
            let low = problems.integer(item, "min", at: path, required: false)
            let high = problems.integer(item, "max", at: path, required: false)
            var range: ClosedRange<Int>?
            if low != nil || high != nil {
                guard let low, let high, low <= high else {
                    problems.report("a number's range needs both min and max, min no more than max", at: path)
                    return nil
                }
                range = low...high
            }
            var bands: [NumberBand] = []
            for (index, element) in (problems.array(item, "bands", at: path, required: false) ?? []).enumerated() {
                let bandPath = path.appending("bands").appending(index: index)
                guard let band = problems.object(element, at: bandPath) else { continue }
                checkKnownFields(band, ["label", "from", "to"], at: bandPath, problems: &problems)
                guard let label = problems.string(band, "label", at: bandPath),
                    let from = problems.integer(band, "from", at: bandPath),
                    let to = problems.integer(band, "to", at: bandPath)
                else { continue }
                guard from <= to, bands.last.map({ $0.range.upperBound < from }) ?? true else {
                    problems.report("bands must be in order and not overlap, each from no more than to", at: bandPath)
                    continue
                }
                bands.append(NumberBand(label: label, range: from...to))
            }
            return .number(range: range, bands: bands)
        default:
            problems.report(
                "unknown kind \"\(name)\"; expected one of: choice, yes-no, number, date, text", at: path.appending("kind"))
            return nil
        }
    }

    private static func checkKnownFields(
        _ object: JSONObject, _ known: [String], at path: JSONPath, problems: inout ProblemCollector,
        hint: [String: String] = [:]
    ) {
        for key in object.keys where !known.contains(key) {
            let extra = hint[key].map { " (\($0))" } ?? ""
            problems.report("unknown field \"\(key)\"\(extra); expected one of: \(known.joined(separator: ", "))", at: path.appending(key))
        }
    }

    private static func readStrings(_ object: JSONObject, _ key: String, at path: JSONPath, problems: inout ProblemCollector) -> [String] {
        guard let elements = problems.array(object, key, at: path, required: false) else { return [] }
        var strings: [String] = []
        for (index, element) in elements.enumerated() {
            if let text = element.stringValue {
                strings.append(text)
            } else {
                problems.report("expected a string, found \(element.kindName)", at: path.appending(key).appending(index: index))
            }
        }
        return strings
    }

    private static func readScale(_ object: JSONObject, problems: inout ProblemCollector) -> [RatingLevel] {
        let path = JSONPath.root.appending("ratingScale")
        guard let elements = problems.array(object, "ratingScale", at: .root) else { return [] }
        if elements.isEmpty { problems.report("the rating scale must have at least one rating", at: path) }
        var levels: [RatingLevel] = []
        for (index, element) in elements.enumerated() {
            let itemPath = path.appending(index: index)
            guard let item = problems.object(element, at: itemPath) else { continue }
            checkKnownFields(item, ["id", "label", "score"], at: itemPath, problems: &problems)
            guard let id = problems.string(item, "id", at: itemPath),
                let label = problems.string(item, "label", at: itemPath),
                let score = problems.integer(item, "score", at: itemPath)
            else { continue }
            if levels.contains(where: { $0.id == id }) {
                problems.report("duplicate rating \"\(id)\"", at: itemPath.appending("id"))
                continue
            }
            if let previous = levels.last, score >= previous.score {
                problems.report(
                    "ratings must be listed best first with falling scores: \(score) does not fall below \(previous.score)",
                    at: itemPath.appending("score"))
            }
            levels.append(RatingLevel(id: id, label: label, score: score))
        }
        return levels
    }

    private static func readKeyQuestionBands(
        _ object: JSONObject, ratingIDs: Set<String>, problems: inout ProblemCollector
    ) -> [KeyQuestionBand] {
        let path = JSONPath.root.appending("keyQuestionBands")
        guard let elements = problems.array(object, "keyQuestionBands", at: .root) else { return [] }
        var bands: [KeyQuestionBand] = []
        for (index, element) in elements.enumerated() {
            let itemPath = path.appending(index: index)
            guard let item = problems.object(element, at: itemPath) else { continue }
            checkKnownFields(item, ["rating", "atLeastPercent", "label"], at: itemPath, problems: &problems)
            guard let rating = problems.string(item, "rating", at: itemPath),
                let threshold = problems.integer(item, "atLeastPercent", at: itemPath)
            else { continue }
            if !ratingIDs.contains(rating) {
                problems.report(
                    "unknown rating \"\(rating)\"; the rating scale has: \(ratingIDs.sorted().joined(separator: ", "))",
                    at: itemPath.appending("rating"))
            } else if bands.contains(where: { $0.rating == rating }) {
                problems.report("rating \"\(rating)\" has two bands", at: itemPath.appending("rating"))
            }
            if !(0...100).contains(threshold) {
                problems.report("atLeastPercent must be from 0 to 100, found \(threshold)", at: itemPath.appending("atLeastPercent"))
            }
            if let previous = bands.last, threshold >= previous.atLeastPercent {
                problems.report(
                    "bands must be ordered best first with falling thresholds: \(threshold) does not fall below \(previous.atLeastPercent)",
                    at: itemPath.appending("atLeastPercent"))
            }
            let label = problems.string(item, "label", at: itemPath, required: false)
            bands.append(KeyQuestionBand(rating: rating, atLeastPercent: threshold, label: label))
        }
        if bands.isEmpty {
            problems.report("at least one band is needed", at: path)
        } else if bands.last?.atLeastPercent != 0 {
            problems.report("the last band must start at 0 so every share has a band", at: path.appending(index: bands.count - 1))
        }
        return bands
    }

    private static func readOverallBands(
        _ object: JSONObject, ratingIDs: Set<String>, problems: inout ProblemCollector
    ) -> [OverallBand] {
        let path = JSONPath.root.appending("overallBands")
        guard let elements = problems.array(object, "overallBands", at: .root) else { return [] }
        var bands: [OverallBand] = []
        for (index, element) in elements.enumerated() {
            let itemPath = path.appending(index: index)
            guard let item = problems.object(element, at: itemPath) else { continue }
            checkKnownFields(item, ["rating", "minScore"], at: itemPath, problems: &problems)
            guard let rating = problems.string(item, "rating", at: itemPath),
                let minimum = problems.integer(item, "minScore", at: itemPath)
            else { continue }
            if !ratingIDs.contains(rating) {
                problems.report(
                    "unknown rating \"\(rating)\"; the rating scale has: \(ratingIDs.sorted().joined(separator: ", "))",
                    at: itemPath.appending("rating"))
            }
            if let previous = bands.last, minimum >= previous.minScore {
                problems.report(
                    "bands must be ordered best first with falling scores: \(minimum) does not fall below \(previous.minScore)",
                    at: itemPath.appending("minScore"))
            }
            bands.append(OverallBand(rating: rating, minScore: minimum))
        }
        if bands.isEmpty {
            problems.report("at least one band is needed", at: path)
        } else if bands.last?.minScore != 0 {
            problems.report("the last band must start at 0 so every score has a band", at: path.appending(index: bands.count - 1))
        }
        return bands
    }

    private static func readLimitingRules(
        _ object: JSONObject, ratingIDs: Set<String>, standardNumbers: Set<String>, problems: inout ProblemCollector
    ) -> [LimitingRule] {
        let path = JSONPath.root.appending("limitingRules")
        guard let elements = problems.array(object, "limitingRules", at: .root, required: false) else { return [] }
        var rules: [LimitingRule] = []
        for (index, element) in elements.enumerated() {
            let itemPath = path.appending(index: index)
            guard let item = problems.object(element, at: itemPath) else { continue }
            checkKnownFields(item, ["standard", "whenRating", "overallAtMost", "note"], at: itemPath, problems: &problems)
            guard let standard = problems.string(item, "standard", at: itemPath),
                let when = problems.string(item, "whenRating", at: itemPath),
                let cap = problems.string(item, "overallAtMost", at: itemPath)
            else { continue }
            if !standardNumbers.contains(standard) {
                problems.report("no standard \"\(standard)\" in this framework", at: itemPath.appending("standard"))
            }
            for (key, rating) in [("whenRating", when), ("overallAtMost", cap)] where !ratingIDs.contains(rating) {
                problems.report("unknown rating \"\(rating)\"", at: itemPath.appending(key))
            }
            let note = problems.string(item, "note", at: itemPath, required: false)
            rules.append(LimitingRule(standard: standard, whenRating: when, overallAtMost: cap, note: note))
        }
        return rules
    }

    private static func readDisposals(
        _ object: JSONObject, domainNumbers: Set<String>, problems: inout ProblemCollector
    ) -> [Disposal] {
        let path = JSONPath.root.appending("disposals")
        guard let elements = problems.array(object, "disposals", at: .root) else { return [] }
        var disposals: [Disposal] = []
        for (index, element) in elements.enumerated() {
            let itemPath = path.appending(index: index)
            guard let item = problems.object(element, at: itemPath) else { continue }
            checkKnownFields(item, ["id", "title", "domain"], at: itemPath, problems: &problems)
            guard let id = problems.string(item, "id", at: itemPath),
                let title = problems.string(item, "title", at: itemPath),
                let domain = problems.string(item, "domain", at: itemPath)
            else { continue }
            if disposals.contains(where: { $0.id == id }) {
                problems.report("duplicate disposal \"\(id)\"", at: itemPath.appending("id"))
                continue
            }
            if !domainNumbers.contains(domain) {
                problems.report("no domain \"\(domain)\" in this framework", at: itemPath.appending("domain"))
            }
            disposals.append(Disposal(id: id, title: title, domain: domain))
        }
        return disposals
    }

    /// The `provenance` object of `object`, if any, over `base`: each of its fields (`title`,
    /// `statement`, `keyQuestions`, `prompts`) one of `published`, `transcribed`, `inferred`.
    private static func readProvenance(
        _ object: JSONObject, over base: TextProvenance, at path: JSONPath, problems: inout ProblemCollector
    ) -> TextProvenance {
        guard object["provenance"] != nil else { return base }
        let fieldPath = path.appending("provenance")
        guard let item = problems.object(object, "provenance", at: path, required: false) else { return base }
        checkKnownFields(item, TextProvenance.fieldNames, at: fieldPath, problems: &problems)
        var provenance = base
        for field in TextProvenance.fieldNames {
            guard let text = problems.string(item, field, at: fieldPath, required: false) else { continue }
            guard let origin = TextOrigin(rawValue: text) else {
                problems.report(
                    "expected one of: \(TextOrigin.allCases.map(\.rawValue).joined(separator: ", ")), found \"\(text)\"",
                    at: fieldPath.appending(field))
                continue
            }
            provenance = provenance.setting(field, to: origin)
        }
        return provenance
    }

    private static func readDomains(_ object: JSONObject, provenance: TextProvenance, problems: inout ProblemCollector) -> [Domain] {
        let path = JSONPath.root.appending("domains")
        guard let elements = problems.array(object, "domains", at: .root) else { return [] }
        var domains: [Domain] = []
        var standardNumbers = Set<String>()
        var questionNumbers = Set<String>()
        for (index, element) in elements.enumerated() {
            let itemPath = path.appending(index: index)
            guard let item = problems.object(element, at: itemPath) else { continue }
            checkKnownFields(item, ["number", "title", "standards"], at: itemPath, problems: &problems)
            guard let number = problems.string(item, "number", at: itemPath),
                let title = problems.string(item, "title", at: itemPath)
            else { continue }
            if domains.contains(where: { $0.number == number }) {
                problems.report("duplicate domain number \"\(number)\"", at: itemPath.appending("number"))
                continue
            }
            var standards: [Standard] = []
            for (standardIndex, standardValue) in (problems.array(item, "standards", at: itemPath) ?? []).enumerated() {
                let standardPath = itemPath.appending("standards").appending(index: standardIndex)
                guard
                    let standard = readStandard(
                        standardValue, domain: number, provenance: provenance, at: standardPath, standardNumbers: &standardNumbers,
                        questionNumbers: &questionNumbers, problems: &problems)
                else { continue }
                standards.append(standard)
            }
            domains.append(Domain(number: number, title: title, standards: standards))
        }
        return domains
    }

    private static func readStandard(
        _ value: JSONValue, domain: String, provenance: TextProvenance, at path: JSONPath, standardNumbers: inout Set<String>,
        questionNumbers: inout Set<String>, problems: inout ProblemCollector
    ) -> Standard? {
        guard let item = problems.object(value, at: path) else { return nil }
        checkKnownFields(
            item, ["number", "title", "statement", "statementVariants", "provenance", "rated", "core", "keyQuestions", "note"], at: path,
            problems: &problems, hint: ["prompts": "a prompt must sit under a key question"])
        guard let number = problems.string(item, "number", at: path) else { return nil }
        if !standardNumbers.insert(number).inserted {
            problems.report("duplicate standard number \"\(number)\"", at: path.appending("number"))
            return nil
        }
        if !number.hasPrefix(domain + ".") {
            problems.report("standard \"\(number)\" must start with its domain's number \"\(domain).\"", at: path.appending("number"))
        }
        let title = problems.string(item, "title", at: path)
        let statement = problems.string(item, "statement", at: path)
        let ratedText = problems.string(item, "rated", at: path)
        let rated = ratedText.flatMap(RatingMethod.init(rawValue:))
        if let ratedText, rated == nil {
            problems.report("rated must be \"cases\" or \"directly\", found \"\(ratedText)\"", at: path.appending("rated"))
        }
        let core = problems.bool(item, "core", at: path)
        let note = problems.string(item, "note", at: path, required: false)
        var questions: [KeyQuestion] = []
        let questionValues = problems.array(item, "keyQuestions", at: path) ?? []
        for (index, questionValue) in questionValues.enumerated() {
            let questionPath = path.appending("keyQuestions").appending(index: index)
            if let question = readKeyQuestion(
                questionValue, standard: number, at: questionPath, questionNumbers: &questionNumbers, problems: &problems)
            {
                questions.append(question)
            }
        }
        if rated == .cases && questionValues.isEmpty && item["keyQuestions"] != nil {
            problems.report("a standard rated from cases needs at least one key question", at: path.appending("keyQuestions"))
        }
        let statementVariants = readStrings(item, "statementVariants", at: path, problems: &problems)
        let ownProvenance = readProvenance(item, over: provenance, at: path, problems: &problems)
        guard let title, let statement, let rated, let core else { return nil }
        return Standard(
            number: number, title: title, statement: statement, rated: rated, core: core, keyQuestions: questions,
            domain: domain, note: note, provenance: ownProvenance, statementVariants: statementVariants)
    }

    private static func readKeyQuestion(
        _ value: JSONValue, standard: String, at path: JSONPath, questionNumbers: inout Set<String>,
        problems: inout ProblemCollector
    ) -> KeyQuestion? {
        guard let item = problems.object(value, at: path) else { return nil }
        checkKnownFields(
            item, ["number", "text", "variants", "guidance", "note", "applicability", "prompts"], at: path, problems: &problems)
        guard let number = problems.string(item, "number", at: path) else { return nil }
        if !questionNumbers.insert(number).inserted {
            problems.report("duplicate key question number \"\(number)\"", at: path.appending("number"))
            return nil
        }
        if !number.hasPrefix(standard + ".") {
            problems.report(
                "key question \"\(number)\" must start with its standard's number \"\(standard).\"", at: path.appending("number"))
        }
        let text = problems.string(item, "text", at: path)
        let guidance = problems.string(item, "guidance", at: path, required: false)
        let note = problems.string(item, "note", at: path, required: false)
        let applicability = readApplicability(item, at: path, problems: &problems)
        var prompts: [Prompt] = []
        for (index, promptValue) in (problems.array(item, "prompts", at: path) ?? []).enumerated() {
            let promptPath = path.appending("prompts").appending(index: index)
            guard let promptItem = problems.object(promptValue, at: promptPath) else { continue }
            checkKnownFields(promptItem, ["letter", "text", "guidance", "note", "printed"], at: promptPath, problems: &problems)
            guard let letter = problems.string(promptItem, "letter", at: promptPath),
                let promptText = problems.string(promptItem, "text", at: promptPath)
            else { continue }
            if prompts.contains(where: { $0.letter == letter }) {
                problems.report("duplicate prompt letter \"\(letter)\" under key question \(number)", at: promptPath.appending("letter"))
                continue
            }
            prompts.append(
                Prompt(
                    letter: letter, text: promptText,
                    guidance: problems.string(promptItem, "guidance", at: promptPath, required: false),
                    note: problems.string(promptItem, "note", at: promptPath, required: false),
                    printed: problems.string(promptItem, "printed", at: promptPath, required: false)))
        }
        let variants = readStrings(item, "variants", at: path, problems: &problems)
        guard let text else { return nil }
        return KeyQuestion(
            number: number, text: text, guidance: guidance, note: note, variants: variants, applicability: applicability,
            prompts: prompts, standard: standard)
    }

    private static func readApplicability(_ item: JSONObject, at path: JSONPath, problems: inout ProblemCollector) -> Applicability? {
        guard let object = problems.object(item, "applicability", at: path, required: false) else { return nil }
        let conditionPath = path.appending("applicability")
        checkKnownFields(object, ["disposals", "excludeWhen", "note"], at: conditionPath, problems: &problems)
        var disposals: Set<String>?
        if let values = problems.array(object, "disposals", at: conditionPath, required: false) {
            disposals = Set(values.compactMap(\.stringValue))
            if values.isEmpty || disposals?.count != values.count {
                problems.report("expected a non-empty list of disposal ids", at: conditionPath.appending("disposals"))
            }
        }
        var exclusions: [Classification: Set<ClassificationLevel>] = [:]
        if let excludeObject = problems.object(object, "excludeWhen", at: conditionPath, required: false) {
            for member in excludeObject.members {
                let memberPath = conditionPath.appending("excludeWhen").appending(member.key)
                guard let classification = Classification(rawValue: member.key) else {
                    problems.report(
                        "unknown classification \"\(member.key)\"; expected riskOfSeriousHarm or safetyAndWellbeing",
                        at: memberPath)
                    continue
                }
                var levels = Set<ClassificationLevel>()
                for (index, levelValue) in (member.value.arrayValue ?? []).enumerated() {
                    guard let text = levelValue.stringValue, let level = ClassificationLevel(rawValue: text) else {
                        problems.report("expected one of low, medium, high, very-high", at: memberPath.appending(index: index))
                        continue
                    }
                    levels.insert(level)
                }
                if member.value.arrayValue == nil {
                    problems.report("expected a list of levels, found \(member.value.kindName)", at: memberPath)
                }
                exclusions[classification] = levels
            }
        }
        let note = problems.string(object, "note", at: conditionPath, required: false)
        return Applicability(disposals: disposals, excludeWhen: exclusions, note: note)
    }

    /// Disposal ids named in applicability conditions must exist.
    private static func checkApplicability(
        _ object: JSONObject, domains: [Domain], disposalIDs: Set<String>, problems: inout ProblemCollector
    ) {
        guard let domainValues = object["domains"]?.arrayValue else { return }
        for (domainIndex, domainValue) in domainValues.enumerated() {
            for (standardIndex, standardValue) in (domainValue.objectValue?["standards"]?.arrayValue ?? []).enumerated() {
                for (questionIndex, questionValue) in (standardValue.objectValue?["keyQuestions"]?.arrayValue ?? []).enumerated() {
                    guard let list = questionValue.objectValue?["applicability"]?.objectValue?["disposals"]?.arrayValue else { continue }
                    for (index, entry) in list.enumerated() {
                        guard let id = entry.stringValue, !disposalIDs.contains(id) else { continue }
                        problems.report(
                            "unknown disposal \"\(id)\"",
                            at: JSONPath.root.appending("domains").appending(index: domainIndex).appending("standards")
                                .appending(index: standardIndex).appending("keyQuestions").appending(index: questionIndex)
                                .appending("applicability").appending("disposals").appending(index: index))
                    }
                }
            }
        }
    }
}
