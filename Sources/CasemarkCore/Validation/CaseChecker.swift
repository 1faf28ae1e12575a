/// Checks a case file against its framework and inspection: the ref matches the file name, the
/// framework is the inspection's, the domain and disposal exist and agree, and every answer is to
/// a key question and prompt of the case's domain.
public enum CaseChecker {
    /// Whether a ref is safe as a file name: letters, digits, `.`, `_`, `-`, not starting with `.`.
    public static func isSafeRef(_ ref: String) -> Bool {
        guard let first = ref.unicodeScalars.first, first != ".", ref.utf8.count <= 100 else { return false }
        return ref.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII
                && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                    || scalar == "." || scalar == "_" || scalar == "-")
        }
    }

    /// Checks `file` (see `Index` to check many against one framework).
    public static func check(
        _ file: CaseFile, expectedRef: String?, inspectionFramework: String?, framework: Framework?,
        problems: inout ProblemCollector
    ) {
        check(
            file, expectedRef: expectedRef, inspectionFramework: inspectionFramework, index: framework.map(Index.init), problems: &problems)
    }

    /// What checking needs from a framework, looked up once for many cases through the
    /// framework's own lookups (so it finds exactly what they find) rather than once per answer.
    public struct Index: Sendable {
        struct Question: Sendable {
            var standard: String
            var domain: String
            var ratedDirectly: Bool
            var letters: [String]
            /// `letters` as `PromptAnswers.answeredSlots` has them (nil when one is not a letter
            /// from `a` to `z`).
            var slots: UInt64?
        }

        let frameworkID: String
        let caseDomains: [String]
        let disposalIDs: [String]
        /// The domain of each disposal, as `Framework.disposal(_:)` finds it.
        let disposalDomains: [String: String]
        /// Every key question `Framework.keyQuestion(_:)` and `standard(ofKeyQuestion:)` find, in
        /// key order, as a case's answers are kept: each case's are found by walking both.
        let questions: SmallMap<Question>
        /// The declared details a case keeps under `details`, by id, and their ids in order.
        let details: [String: DetailDeclaration]
        let detailIDs: [String]

        public init(_ framework: Framework) {
            frameworkID = framework.id
            detailIDs = framework.details.filter { !$0.isBuiltIn }.map(\.id)
            details = Dictionary(framework.details.filter { !$0.isBuiltIn }.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            caseDomains = framework.caseDomains.map(\.number)
            disposalIDs = framework.disposals.map(\.id)
            var disposalDomains: [String: String] = [:]
            for disposal in framework.disposals {
                if let found = framework.disposal(disposal.id) { disposalDomains[disposal.id] = found.domain }
            }
            self.disposalDomains = disposalDomains
            var questions: [String: Question] = [:]
            for standard in framework.standards {
                for question in standard.keyQuestions where questions[question.number] == nil {
                    guard let found = framework.keyQuestion(question.number),
                        let owner = framework.standard(ofKeyQuestion: question.number)
                    else { continue }
                    let letters = found.prompts.map(\.letter)
                    questions[question.number] = Question(
                        standard: owner.number, domain: owner.domain, ratedDirectly: owner.rated == .directly,
                        letters: letters, slots: PromptAnswers.slots(of: letters))
                }
            }
            self.questions = SmallMap(uniqueKeysWithValues: questions.map { ($0.key, $0.value) })
        }

        /// What a review item's key names that the framework does not have.
        enum Unknown: Equatable {
            case keyQuestion(String)
            case prompt(keyQuestion: String, letter: String)
        }

        /// What of the key question and prompt `key` names (`CaseReview.parts(ofItemKey:)`) the
        /// framework does not have, or nil when it has both: the one rule for the checker, which
        /// names such an item as a problem, and for salvage, which shows it as orphaned.
        func unknown(itemKey key: String) -> Unknown? {
            let (number, letter) = CaseReview.parts(ofItemKey: key)
            guard let question = questions[number] else { return .keyQuestion(number) }
            guard let letter, !question.letters.contains(letter) else { return nil }
            return .prompt(keyQuestion: number, letter: letter)
        }
    }

    public static func check(
        _ file: CaseFile, expectedRef: String?, inspectionFramework: String?, index: Index?, problems: inout ProblemCollector
    ) {
        let root = JSONPath.root
        if !isSafeRef(file.ref) {
            problems.report(
                "ref \"\(file.ref)\" is not a safe file name (letters, digits, '.', '_', '-'; not starting with '.')",
                at: root.appending("ref"))
        } else if let expectedRef, expectedRef != file.ref {
            problems.report("ref \"\(file.ref)\" must equal the file name (\"\(expectedRef)\")", at: root.appending("ref"))
        }
        if let inspectionFramework, inspectionFramework != file.framework {
            problems.report(
                "the case is marked under framework \"\(file.framework)\" but its inspection uses \"\(inspectionFramework)\"",
                at: root.appending("framework"))
        }
        guard let index, index.frameworkID == file.framework else { return }

        if !index.caseDomains.contains(file.domain) {
            problems.report(
                "domain \"\(file.domain)\" is not a domain marked from cases; expected one of: \(index.caseDomains.joined(separator: ", "))",
                at: root.appending("domain"))
        }
        if let domain = index.disposalDomains[file.disposal] {
            if domain != file.domain {
                problems.report(
                    "disposal \"\(file.disposal)\" belongs to domain \(domain), but the case is in domain \(file.domain)",
                    at: root.appending("disposal"))
            }
        } else {
            problems.report(
                "unknown disposal type \"\(file.disposal)\"; \(index.frameworkID) has: \(index.disposalIDs.joined(separator: ", "))",
                at: root.appending("disposal"))
        }
        checkDetails(file, index: index, problems: &problems)
        checkReviewItems(file, index: index, problems: &problems)
        // Named in numbering order, and only when there is something to name.
        guard !allAnswerable(file, index: index) else { return }
        for number in file.answers.keys.sorted(by: numberingOrder) {
            let path = root.appending("answers").appending(number)
            guard let question = keyQuestion(number, of: file, index: index, at: path, problems: &problems) else { continue }
            let answer = file.answers[number] ?? Answer()
            // The letters of both, in order, each once (the prompts' are in order already).
            let prompts = answer.prompts.keys
            let notes = answer.promptNotes.keys.sorted()
            var (next, nextNote) = (0, 0)
            // Built once per key question, not once per problem.
            let promptsPath = path.appending("prompts")
            let notesPath = path.appending("promptNotes")
            while next < prompts.count || nextNote < notes.count {
                let inPrompts = next < prompts.count && (nextNote == notes.count || prompts[next] <= notes[nextNote])
                let letter = inPrompts ? prompts[next] : notes[nextNote]
                if inPrompts { next += 1 }
                if nextNote < notes.count, notes[nextNote] == letter { nextNote += 1 }
                if !question.letters.contains(letter) {
                    problems.report(
                        "key question \(number) has no prompt \"\(letter)\"",
                        at: (inPrompts ? promptsPath : notesPath).appending(letter))
                }
            }
        }
    }
}

extension CaseChecker {
    /// Whether every answer of `file` is to a key question of its domain rated from cases, and
    /// each of its prompts one of the question's.
    ///
    /// The answers and the framework's key questions are both kept in key order, as an answer's
    /// prompts and its question's sorted letters are: each is found by walking on, not by hashing
    /// its number, and looked at in place (a copy of each question and answer was a retain and a
    /// release of each of their strings and arrays, for every answer of every case).
    static func allAnswerable(_ file: CaseFile, index: Index) -> Bool {
        let numbers = index.questions.keys
        let domain = file.domain
        return index.questions.values.withUnsafeBufferPointer { questions in
            file.answers.values.withUnsafeBufferPointer { answers in
                var next = 0
                for (position, number) in file.answers.keys.enumerated() {
                    while next < numbers.count, numbers[next] < number { next += 1 }
                    guard next < numbers.count, numbers[next] == number, questions[next].domain == domain, !questions[next].ratedDirectly
                    else { return false }
                    // The prompts answered, as slots, among the question's.
                    guard let slots = questions[next].slots, answers[position].prompts.holdsLettersOnly,
                        answers[position].prompts.answeredSlots & ~slots == 0
                    else { return false }
                    guard
                        answers[position].promptNotes.isEmpty
                            || answers[position].promptNotes.keys.allSatisfy(questions[next].letters.contains)
                    else {
                        return false
                    }
                }
                return true
            }
        }
    }

    /// Every review item is on a key question of the framework, or on one of its prompts.
    ///
    /// The marking screen shows a case's items with its key questions: a verdict or comment on
    /// anything the framework does not have would reach nobody. Such an item is kept and shown
    /// when the case is opened (`InspectionFolder.salvage`), as an answer the framework does not
    /// have is. An item on a key question of another domain is not a problem: changing a case's
    /// domain drops the answers the new one cannot have, and keeps the reviewer's words on them.
    static func checkReviewItems(_ file: CaseFile, index: Index, problems: inout ProblemCollector) {
        // Named in numbering order, and sorted only when there is something to name.
        guard !file.review.items.keys.allSatisfy({ index.unknown(itemKey: $0) == nil }) else { return }
        for key in file.review.items.keys.sorted(by: numberingOrder) {
            let path = JSONPath.root.appending("review").appending("items").appending(key)
            switch index.unknown(itemKey: key) {
            case .keyQuestion(let number): problems.report("no key question \"\(number)\" in framework \(index.frameworkID)", at: path)
            case .prompt(let number, let letter): problems.report("key question \(number) has no prompt \"\(letter)\"", at: path)
            case nil: break
            }
        }
    }

    /// Every recorded detail is one the framework declares, with a value of its kind.
    ///
    /// One recorded for a domain it is not asked in is kept and not counted (the domain may
    /// have been changed back and forth).
    static func checkDetails(_ file: CaseFile, index: Index, problems: inout ProblemCollector) {
        guard !file.details.recorded.isEmpty else { return }
        for id in file.details.recorded.keys.sorted() {
            guard let value = file.details.recorded[id] else { continue }
            let path = JSONPath.root.appending("details").appending(id)
            guard let declaration = index.details[id] else {
                let hint = DetailDeclaration.builtInIDs.contains(id) ? " (it is a field of the case itself, not of details)" : ""
                let known = index.detailIDs.isEmpty ? "none" : index.detailIDs.joined(separator: ", ")
                problems.report("unknown case detail \"\(id)\"\(hint); \(index.frameworkID) declares: \(known)", at: path)
                continue
            }
            if let problem = declaration.problem(with: value) { problems.report(problem, at: path) }
        }
    }

    /// The key question an answer is to, or nil having reported why there is none for it here:
    /// not in the framework, of another domain, or of a directly rated standard.
    static func keyQuestion(
        _ number: String, of file: CaseFile, index: Index, at path: JSONPath, problems: inout ProblemCollector
    ) -> Index.Question? {
        guard let question = index.questions[number] else {
            problems.report("no key question \"\(number)\" in framework \(index.frameworkID)", at: path)
            return nil
        }
        if question.domain != file.domain {
            problems.report(
                "key question \(number) belongs to domain \(question.domain), but the case is in domain \(file.domain)",
                at: path)
            return nil
        }
        if question.ratedDirectly {
            problems.report("standard \(question.standard) is rated directly in inspection.json, not from case answers", at: path)
            return nil
        }
        return question
    }

    /// Checks the empty answers (`{}`) of a case file, `numbers` as reading found them
    /// (`DecodedCase.emptyAnswers`), which reading drops as no answer: an empty answer to a key
    /// question the case cannot have is still an answer to something that does not exist, and the
    /// file is damaged as with any other such answer.
    public static func checkEmptyAnswers(_ numbers: [String], of file: CaseFile, index: Index?, problems: inout ProblemCollector) {
        guard let index, index.frameworkID == file.framework else { return }
        for number in numbers {
            _ = keyQuestion(number, of: file, index: index, at: JSONPath.root.appending("answers").appending(number), problems: &problems)
        }
    }
}

/// Checks `inspection.json` against its framework: direct ratings only for directly rated
/// standards, known ratings, and discretion only on standards that exist.
public enum InspectionChecker {
    public static func check(_ file: InspectionFile, framework: Framework, problems: inout ProblemCollector) {
        let root = JSONPath.root
        let known = framework.ratingScale.map(\.id).joined(separator: ", ")
        for number in file.ratings.keys.sorted(by: numberingOrder) {
            let path = root.appending("ratings").appending(number)
            guard let entry = file.ratings[number] else { continue }
            if let standard = framework.standard(number) {
                if standard.rated != .directly {
                    problems.report(
                        "standard \(number) is rated from cases; record a ratings panel decision under \"discretion\" instead",
                        at: path)
                }
            } else {
                problems.report("no standard \"\(number)\" in framework \(framework.id)", at: path)
            }
            if framework.rating(entry.rating) == nil {
                problems.report("unknown rating \"\(entry.rating)\"; expected one of: \(known)", at: path.appending("rating"))
            }
        }
        for number in file.declinedDiscretion.keys.sorted(by: numberingOrder) where file.discretion[number] == nil {
            if framework.standard(number) == nil {
                problems.report(
                    "no standard \"\(number)\" in framework \(framework.id)", at: root.appending("discretion").appending(number))
            }
        }
        for number in file.discretion.keys.sorted(by: numberingOrder) {
            let path = root.appending("discretion").appending(number)
            guard let entry = file.discretion[number] else { continue }
            if framework.standard(number) == nil {
                problems.report("no standard \"\(number)\" in framework \(framework.id)", at: path)
            }
            if framework.rating(entry.rating) == nil {
                problems.report("unknown rating \"\(entry.rating)\"; expected one of: \(known)", at: path.appending("rating"))
            }
        }
    }
}
