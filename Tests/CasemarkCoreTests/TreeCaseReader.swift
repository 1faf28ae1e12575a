@testable import CasemarkCore

/// The reader of case files from before there was one, kept as the tests' oracle.
///
/// `JSONParser`'s tree, then `CaseFile.read` field by field, then the checker, then every problem
/// located by a second parse. Kept here,
/// in the tests only, as the oracle `CaseFileDecoder` is compared with: for every generated,
/// mutated and damaged file, the same case and the same diagnostics.
enum TreeCaseReader {
    /// The case and diagnostics the old reader gave for `bytes`, as `InspectionFolder.readCase`
    /// gave them (nil framework and inspection: reading alone, and the ref checks).
    static func readCase(bytes: [UInt8], file: String, framework: Framework?, inspection: InspectionFile?) -> Result<
        CaseFile, FileProblems
    > {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            return .failure(FileProblems([Diagnostic(file: file, position: error.position, message: error.message)]))
        }
        var problems = ProblemCollector(file: file)
        if let caseFile = read(value, problems: &problems) {
            check(
                caseFile, expectedRef: InspectionFolder.ref(ofCaseFilePath: file), inspectionFramework: inspection?.framework,
                framework: framework, problems: &problems)
            checkEmptyAnswers(in: value, of: caseFile, framework: framework, problems: &problems)
            if problems.isEmpty { return .success(caseFile) }
        }
        return .failure(FileProblems(problems.located(in: bytes)))
    }

    /// The old `CaseChecker.checkEmptyAnswers`, on the tree.
    static func checkEmptyAnswers(in value: JSONValue, of file: CaseFile, framework: Framework?, problems: inout ProblemCollector) {
        guard let framework, framework.id == file.framework, let answers = value.objectValue?["answers"]?.objectValue else { return }
        for member in answers.members where file.answers[member.key] == nil && member.value.objectValue != nil {
            _ = keyQuestion(
                member.key, of: file, framework: framework, at: JSONPath.root.appending("answers").appending(member.key),
                problems: &problems)
        }
    }

    // MARK: The checker from before there was one, on the framework's own lookups

    static func check(
        _ file: CaseFile, expectedRef: String?, inspectionFramework: String?, framework: Framework?,
        problems: inout ProblemCollector
    ) {
        let root = JSONPath.root
        // The ref and the inspection's framework are checked as they always were.
        CaseChecker.check(file, expectedRef: expectedRef, inspectionFramework: inspectionFramework, index: nil, problems: &problems)
        guard let framework, framework.id == file.framework else { return }

        let caseDomains = framework.caseDomains.map(\.number)
        if !caseDomains.contains(file.domain) {
            problems.report(
                "domain \"\(file.domain)\" is not a domain marked from cases; expected one of: \(caseDomains.joined(separator: ", "))",
                at: root.appending("domain"))
        }
        if let disposal = framework.disposal(file.disposal) {
            if disposal.domain != file.domain {
                problems.report(
                    "disposal \"\(file.disposal)\" belongs to domain \(disposal.domain), but the case is in domain \(file.domain)",
                    at: root.appending("disposal"))
            }
        } else {
            problems.report(
                "unknown disposal type \"\(file.disposal)\"; \(framework.id) has: \(framework.disposals.map(\.id).joined(separator: ", "))",
                at: root.appending("disposal"))
        }
        for id in file.details.recorded.keys.sorted() {
            guard let value = file.details.recorded[id] else { continue }
            let path = JSONPath.root.appending("details").appending(id)
            guard let declaration = framework.detail(id), !declaration.isBuiltIn else {
                let known = framework.details.filter { !$0.isBuiltIn }.map(\.id)
                let hint = DetailDeclaration.builtInIDs.contains(id) ? " (it is a field of the case itself, not of details)" : ""
                problems.report(
                    "unknown case detail \"\(id)\"\(hint); \(framework.id) declares: \(known.isEmpty ? "none" : known.joined(separator: ", "))",
                    at: path)
                continue
            }
            if let problem = declaration.problem(with: value) { problems.report(problem, at: path) }
        }
        // Review items on what the case cannot answer (issue 16's stop 20), by the framework's
        // own lookups, for the same items the checker finds.
        for key in file.review.items.keys.sorted(by: numberingOrder) {
            let path = root.appending("review").appending("items").appending(key)
            let parts = key.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard let question = framework.keyQuestion(parts[0]), framework.standard(ofKeyQuestion: parts[0]) != nil else {
                problems.report("no key question \"\(parts[0])\" in framework \(framework.id)", at: path)
                continue
            }
            if parts.count == 2, question.prompt(parts[1]) == nil {
                problems.report("key question \(parts[0]) has no prompt \"\(parts[1])\"", at: path)
            }
        }
        for number in file.answers.keys.sorted(by: numberingOrder) {
            let path = root.appending("answers").appending(number)
            guard let question = keyQuestion(number, of: file, framework: framework, at: path, problems: &problems) else { continue }
            let answer = file.answers[number] ?? Answer()
            for letter in Set(answer.prompts.keys).union(answer.promptNotes.keys).sorted() where question.prompt(letter) == nil {
                let key = answer.prompts[letter] != nil ? "prompts" : "promptNotes"
                problems.report(
                    "key question \(number) has no prompt \"\(letter)\"", at: path.appending(key).appending(letter))
            }
        }
    }
    static func keyQuestion(
        _ number: String, of file: CaseFile, framework: Framework, at path: JSONPath, problems: inout ProblemCollector
    ) -> KeyQuestion? {
        guard let question = framework.keyQuestion(number), let standard = framework.standard(ofKeyQuestion: number) else {
            problems.report("no key question \"\(number)\" in framework \(framework.id)", at: path)
            return nil
        }
        if standard.domain != file.domain {
            problems.report(
                "key question \(number) belongs to domain \(standard.domain), but the case is in domain \(file.domain)",
                at: path)
            return nil
        }
        if standard.rated == .directly {
            problems.report("standard \(standard.number) is rated directly in inspection.json, not from case answers", at: path)
            return nil
        }
        return question
    }

    static let caseFields: Set<String> = [
        "format", "version", "ref", "framework", "frameworkHash", "domain", "disposal", "status", "inspector", "date",
        "riskOfSeriousHarm", "safetyAndWellbeing", "caseManagerInterviewed", "details", "answers",
        "review", "history", "conflicts",
    ]

    /// Reads a case file's JSON, reporting each problem of shape or type at its path.
    static func read(_ value: JSONValue, problems: inout ProblemCollector) -> CaseFile? {
        let root = JSONPath.root
        guard let object = problems.object(value, at: root) else { return nil }
        let version = problems.header(object, format: CaseFile.format, supportedVersion: CaseFile.supportedVersion, at: root)
        let ref = problems.string(object, "ref", at: root)
        let framework = problems.string(object, "framework", at: root)
        let frameworkHash = problems.string(object, "frameworkHash", at: root, required: false)
        let domain = problems.string(object, "domain", at: root)
        let disposal = problems.string(object, "disposal", at: root)
        var status = CaseStatus.inProgress
        if let text = problems.string(object, "status", at: root) {
            if let parsed = CaseStatus(rawValue: text) {
                status = parsed
            } else {
                problems.report("status must be \"in-progress\" or \"complete\", found \"\(text)\"", at: root.appending("status"))
            }
        }
        var details = CaseDetails()
        details.inspector = problems.string(object, "inspector", at: root, required: false, nonEmpty: false)
        if let date = problems.string(object, "date", at: root, required: false) {
            if CalendarDate(date) == nil {
                problems.report("expected a date written YYYY-MM-DD, found \"\(date)\"", at: root.appending("date"))
            }
            details.date = date
        }
        details.riskOfSeriousHarm = readLevel(object, "riskOfSeriousHarm", problems: &problems)
        details.safetyAndWellbeing = readLevel(object, "safetyAndWellbeing", problems: &problems)
        details.caseManagerInterviewed = problems.bool(object, "caseManagerInterviewed", at: root, required: false)
        details.recorded = readRecorded(object, problems: &problems)

        var answers: SmallMap<Answer> = [:]
        if let answersObject = problems.object(object, "answers", at: root) {
            var pairs: [(String, Answer)] = []
            for member in answersObject.members {
                let path = root.appending("answers").appending(member.key)
                // An empty answer is no answer: it is not saved, so it is not kept either.
                if let answer = readAnswer(member.value, at: path, problems: &problems), !answer.isEmpty {
                    pairs.append((member.key, answer))
                }
            }
            // Keys of one object are unique (the parser refuses a key twice).
            answers = SmallMap(uniqueKeysWithValues: pairs)
        }
        var review = CaseReview()
        if let value = object["review"] {
            review = readReview(value, at: root.appending("review"), problems: &problems) ?? review
        }
        var history: [HistoryEntry] = []
        for (index, element) in (problems.array(object, "history", at: root, required: false) ?? []).enumerated() {
            if let entry = readHistoryEntry(element, at: root.appending("history").appending(index: index), problems: &problems) {
                history.append(entry)
            }
        }
        var conflicts: [MergeConflict] = []
        for (index, element) in (problems.array(object, "conflicts", at: root, required: false) ?? []).enumerated() {
            if let conflict = MergeConflict.read(element, at: root.appending("conflicts").appending(index: index), problems: &problems) {
                conflicts.append(conflict)
            }
        }
        guard let ref, let framework, let domain, let disposal else { return nil }
        return CaseFile(
            version: version ?? CaseFile.supportedVersion, ref: ref, framework: framework, frameworkHash: frameworkHash, domain: domain,
            disposal: disposal, status: status, details: details, answers: answers, review: review, history: history,
            conflicts: conflicts, unknown: object.removingKeys(caseFields))
    }

    /// The declared details (`details`): each a string, a boolean or a whole number.
    private static func readRecorded(_ object: JSONObject, problems: inout ProblemCollector) -> [String: DetailValue] {
        guard let details = problems.object(object, "details", at: .root, required: false) else { return [:] }
        var recorded: [String: DetailValue] = [:]
        for member in details.members {
            guard let value = DetailValue(member.value) else {
                problems.report(
                    "expected a string, true or false, or a whole number, found \(member.value.kindName)",
                    at: JSONPath.root.appending("details").appending(member.key))
                continue
            }
            recorded[member.key] = value
        }
        return recorded
    }

    private static func readLevel(_ object: JSONObject, _ key: String, problems: inout ProblemCollector) -> ClassificationLevel? {
        guard let text = problems.string(object, key, at: .root, required: false) else { return nil }
        guard let level = ClassificationLevel(rawValue: text) else {
            problems.report("expected one of low, medium, high, very-high, found \"\(text)\"", at: JSONPath.root.appending(key))
            return nil
        }
        return level
    }

    static let answerFields: Set<String> = ["judgement", "prompts", "note", "promptNotes"]

    static func readAnswer(_ value: JSONValue, at path: JSONPath, problems: inout ProblemCollector) -> Answer? {
        guard let object = problems.object(value, at: path) else { return nil }
        var answer = Answer()
        if let text = problems.string(object, "judgement", at: path, required: false) {
            answer.judgement = readJudgement(text, at: path.appending("judgement"), problems: &problems)
        }
        if let prompts = problems.object(object, "prompts", at: path, required: false) {
            var pairs: [(String, Judgement)] = []
            for member in prompts.members {
                let promptPath = path.appending("prompts").appending(member.key)
                guard let text = member.value.stringValue else {
                    problems.report("expected \"yes\", \"no\" or \"na\", found \(member.value.kindName)", at: promptPath)
                    continue
                }
                if let judgement = readJudgement(text, at: promptPath, problems: &problems) { pairs.append((member.key, judgement)) }
            }
            for (letter, judgement) in pairs { answer.prompts[letter] = judgement }
        }
        // Empty text is no text: read as the writer writes it, so a case reads back as it was read.
        answer.note = problems.string(object, "note", at: path, required: false, nonEmpty: false).flatMap { $0.isEmpty ? nil : $0 }
        if let notes = problems.object(object, "promptNotes", at: path, required: false) {
            for member in notes.members {
                guard let text = member.value.stringValue else {
                    problems.report(
                        "expected a string, found \(member.value.kindName)", at: path.appending("promptNotes").appending(member.key))
                    continue
                }
                if !text.isEmpty { answer.promptNotes[member.key] = text }
            }
        }
        answer.unknown = object.removingKeys(answerFields)
        return answer
    }

    private static func readJudgement(_ text: String, at path: JSONPath, problems: inout ProblemCollector) -> Judgement? {
        guard let judgement = Judgement(rawValue: text) else {
            problems.report("expected \"yes\", \"no\" or \"na\", found \"\(text)\"", at: path)
            return nil
        }
        return judgement
    }

    static let historyFields: Set<String> = ["at", "by", "field", "item", "old", "new"]

    static func readHistoryEntry(_ value: JSONValue, at path: JSONPath, problems: inout ProblemCollector) -> HistoryEntry? {
        guard let object = problems.object(value, at: path) else { return nil }
        let at = problems.string(object, "at", at: path)
        let by = problems.string(object, "by", at: path, nonEmpty: false)
        let fieldText = problems.string(object, "field", at: path)
        let field = fieldText.flatMap(HistoryEntry.Field.init(rawValue:))
        if let fieldText, field == nil {
            problems.report(
                "expected judgement, prompt, note, status, detail or review, found \"\(fieldText)\"", at: path.appending("field"))
        }
        let item = problems.string(object, "item", at: path, nonEmpty: false)
        let old = problems.string(object, "old", at: path, required: false, nonEmpty: false)
        let new = problems.string(object, "new", at: path, required: false, nonEmpty: false)
        guard let at, let by, let field, let item else { return nil }
        var entry = HistoryEntry(at: at, by: by, field: field, item: item, old: old, new: new)
        entry.unknown = object.removingKeys(historyFields)
        return entry
    }

    static let reviewFields: Set<String> = ["items", "outcome", "outcomes"]
    static let itemFields: Set<String> = ["verdict", "comment", "by", "at", "replies", "answered"]
    static let outcomeFields: Set<String> = ["kind", "by", "date", "summary", "answersDigest", "historyLength", "openChallenges"]

    static func readReview(_ value: JSONValue, at path: JSONPath, problems: inout ProblemCollector) -> CaseReview? {
        guard let object = problems.object(value, at: path) else { return nil }
        var review = CaseReview()
        for member in problems.object(object, "items", at: path, required: false)?.members ?? [] {
            let itemPath = path.appending("items").appending(member.key)
            guard let itemObject = problems.object(member.value, at: itemPath) else { continue }
            var item = ReviewItem()
            if let text = problems.string(itemObject, "verdict", at: itemPath, required: false) {
                item.verdict = ReviewVerdict(rawValue: text)
                if item.verdict == nil {
                    problems.report("expected \"agree\" or \"challenge\", found \"\(text)\"", at: itemPath.appending("verdict"))
                }
            }
            // Empty text and empty items are not written, so they are not kept either.
            item.comment = problems.string(itemObject, "comment", at: itemPath, required: false, nonEmpty: false)
                .flatMap { $0.isEmpty ? nil : $0 }
            item.by = problems.string(itemObject, "by", at: itemPath, required: false, nonEmpty: false)
            item.at = problems.string(itemObject, "at", at: itemPath, required: false, nonEmpty: false)
            for (index, element) in (problems.array(itemObject, "replies", at: itemPath, required: false) ?? []).enumerated() {
                let replyPath = itemPath.appending("replies").appending(index: index)
                guard let replyObject = problems.object(element, at: replyPath) else { continue }
                let by = problems.string(replyObject, "by", at: replyPath, nonEmpty: false)
                let at = problems.string(replyObject, "at", at: replyPath)
                let text = problems.string(replyObject, "text", at: replyPath)
                if let by, let at, let text { item.replies.append(ReviewReply(by: by, at: at, text: text)) }
            }
            if let answeredObject = problems.object(itemObject, "answered", at: itemPath, required: false) {
                let answeredPath = itemPath.appending("answered")
                if let by = problems.string(answeredObject, "by", at: answeredPath, nonEmpty: false),
                    let at = problems.string(answeredObject, "at", at: answeredPath)
                {
                    item.answered = ReviewStamp(by: by, at: at)
                }
            }
            item.unknown = itemObject.removingKeys(itemFields)
            if !item.isEmpty { review.items[member.key] = item }
        }
        // A file from before outcomes were kept in order holds only the latest, as `outcome`.
        if let outcomeObject = problems.object(object, "outcome", at: path, required: false) {
            if let outcome = readOutcome(outcomeObject, at: path.appending("outcome"), problems: &problems) {
                review.outcomes.append(outcome)
            }
        }
        for (index, element) in (problems.array(object, "outcomes", at: path, required: false) ?? []).enumerated() {
            let outcomePath = path.appending("outcomes").appending(index: index)
            guard let outcomeObject = problems.object(element, at: outcomePath) else { continue }
            if let outcome = readOutcome(outcomeObject, at: outcomePath, problems: &problems) {
                review.outcomes.append(outcome)
            }
        }
        review.unknown = object.removingKeys(reviewFields)
        return review
    }

    private static func readOutcome(_ outcomeObject: JSONObject, at outcomePath: JSONPath, problems: inout ProblemCollector)
        -> ReviewOutcome?
    {
        let kindText = problems.string(outcomeObject, "kind", at: outcomePath)
        let kind = kindText.flatMap(ReviewOutcome.Kind.init(rawValue:))
        if let kindText, kind == nil {
            problems.report(
                "expected \"returned\", \"signed-off\" or \"reopened\", found \"\(kindText)\"", at: outcomePath.appending("kind"))
        }
        let by = problems.string(outcomeObject, "by", at: outcomePath)
        let date = problems.string(outcomeObject, "date", at: outcomePath)
        if let date, CalendarDate(date) == nil {
            problems.report("expected a date written YYYY-MM-DD, found \"\(date)\"", at: outcomePath.appending("date"))
        }
        let summary = problems.string(outcomeObject, "summary", at: outcomePath, required: false, nonEmpty: false)
            .flatMap { $0.isEmpty ? nil : $0 }
        let digest = problems.string(outcomeObject, "answersDigest", at: outcomePath)
        let historyLength = problems.integer(outcomeObject, "historyLength", at: outcomePath, required: false)
        if let count = historyLength, count < 0 {
            problems.report("expected a count of history entries, 0 or more, found \(count)", at: outcomePath.appending("historyLength"))
        }
        let openArray = problems.array(outcomeObject, "openChallenges", at: outcomePath, required: false)
        var open = openArray.map { _ in [String]() }
        for (index, element) in (openArray ?? []).enumerated() {
            if let key = element.stringValue {
                open?.append(key)
            } else {
                problems.report(
                    "expected a string, found \(element.kindName)", at: outcomePath.appending("openChallenges").appending(index: index))
            }
        }
        guard let kind, let by, let date, let digest else { return nil }
        var outcome = ReviewOutcome(kind: kind, by: by, date: date, summary: summary, answersDigest: digest)
        outcome.historyLength = historyLength
        outcome.openChallenges = open
        outcome.unknown = outcomeObject.removingKeys(outcomeFields)
        return outcome
    }

}
