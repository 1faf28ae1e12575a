/// A case file with problems that can still be opened without losing anything: one written by
/// a newer casemark (opened read-only), or one holding answers or review items on key questions
/// or prompts its framework does not have (kept, written back on save, and shown as orphaned).
public struct SalvagedCase: Equatable, Sendable {
    public var file: CaseFile
    public var path: String
    /// Why the case must not be written, or nil when it may be.
    public var readOnlyReason: String?
    /// Answers and review items the framework has no key question or prompt for, each at its
    /// place in the file.
    public var orphaned: [Diagnostic]
}

extension InspectionFolder {
    /// Why a case must not be written, or nil: a damaged file is never overwritten, and a salvaged
    /// case from a newer casemark is read-only.
    public func writeRefusal(ref: String) -> String? {
        if let rescued = salvaged[ref] {
            return rescued.readOnlyReason
        }
        let path = caseFilePath(ref: ref)
        if damaged.contains(where: { $0.diagnostics.first?.file == path }) {
            return "the file is damaged (run casemark validate); casemark never overwrites it"
        }
        return nil
    }

    /// The orphaned answers of a case, or none.
    public func orphanedAnswers(ref: String) -> [Diagnostic] {
        salvaged[ref]?.orphaned ?? []
    }

    /// Reads a case that failed the checks, if its only problems are a newer `version`, or
    /// answers or review items on what the framework does not have.
    ///
    /// Anything else (bad JSON, wrong types, unknown format, a mismatched ref, framework, domain or
    /// disposal) leaves it damaged and unopened.
    static func salvage(
        _ decoded: DecodedCase, bytes: [UInt8], file path: String, framework: Framework, index: CaseChecker.Index,
        inspection: InspectionFile
    ) -> SalvagedCase? {
        guard let caseFile = decoded.file else { return nil }
        let newer = caseFile.version > CaseFile.supportedVersion
        let versionPath = JSONPath.root.appending("version")
        // Shape and type problems are never salvaged; a newer version is.
        guard decoded.problems.allSatisfy({ newer && $0.path == versionPath }) else { return nil }

        var orphaned = ProblemCollector(file: path)
        for number in caseFile.answers.keys.sorted(by: numberingOrder) {
            let answerPath = JSONPath.root.appending("answers").appending(number)
            guard let question = framework.keyQuestion(number) else {
                orphaned.report("orphaned answer: framework \(framework.id) has no key question \(number); kept", at: answerPath)
                continue
            }
            guard let answer = caseFile.answers[number] else { continue }
            for letter in Set(answer.prompts.keys).union(answer.promptNotes.keys).sorted() where question.prompt(letter) == nil {
                let key = answer.prompts[letter] != nil ? "prompts" : "promptNotes"
                orphaned.report(
                    "orphaned answer: key question \(number) has no prompt \"\(letter)\"; kept",
                    at: answerPath.appending(key).appending(letter))
            }
        }
        // Review items on what the framework does not have, shown with what they say: the
        // manager's words reach the inspector even when the question is gone.
        var orphanedItems: Set<String> = []
        for key in caseFile.review.items.keys.sorted(by: numberingOrder) {
            guard let item = caseFile.review.items[key], let unknown = index.unknown(itemKey: key) else { continue }
            let missing =
                switch unknown {
                case .keyQuestion(let number): "framework \(framework.id) has no key question \(number)"
                case .prompt(let number, let letter): "key question \(number) has no prompt \"\(letter)\""
                }
            orphanedItems.insert(key)
            orphaned.report(
                "orphaned review item: \(missing); kept (\(item.summary))",
                at: JSONPath.root.appending("review").appending("items").appending(key))
        }
        // Without its orphans the case must pass every other check.
        let known = orphaned.isEmpty ? caseFile : withoutOrphans(caseFile, framework: framework, index: index)
        var rest = ProblemCollector(file: path)
        CaseChecker.check(
            known, expectedRef: ref(ofCaseFilePath: path), inspectionFramework: inspection.framework, index: index, problems: &rest)
        guard rest.isEmpty else { return nil }
        let reason: String? =
            newer
            ? "version \(caseFile.version) was written by a newer casemark (this one understands \(CaseFile.supportedVersion)); opened read-only"
            : nil
        return SalvagedCase(file: caseFile, path: path, readOnlyReason: reason, orphaned: decoded.located(orphaned.diagnostics, in: bytes))
    }
}

extension InspectionFolder {
    /// The refs of the cases whose only problem is orphans and which may be written, in ref
    /// order: their inspector drops the orphans in casemark.
    public var droppableOrphans: [String] {
        salvaged.values.filter { $0.readOnlyReason == nil && !$0.orphaned.isEmpty }.map(\.file.ref).sorted(by: numberingOrder)
    }

    /// One line naming `droppableOrphans` and what to do, for `report` and `validate` to print
    /// below the problems; nil when there are none.
    public var droppableOrphansHint: String? {
        let refs = droppableOrphans
        guard !refs.isEmpty else { return nil }
        let named =
            refs.prefix(10).map(TerminalText.escaped).joined(separator: ", ") + (refs.count > 10 ? " and \(refs.count - 10) more" : "")
        return named
            + ": only answers or review items on what the framework no longer has; open each case in casemark to drop them (the file as it was is kept in removed/)"
    }

    /// Takes the case `ref` as whole from now on, its orphans dropped (`withoutOrphans`): no
    /// longer salvaged, nor listed as damaged, so it may be saved.
    public mutating func orphansDropped(ref: String) {
        guard salvaged.removeValue(forKey: ref) != nil else { return }
        let path = caseFilePath(ref: ref)
        damaged.removeAll { $0.diagnostics.first?.file == path }
    }

    /// `file` without its answers and review items on what the folder's framework does not have:
    /// what an inspector who drops a case's orphans saves (the file as it was is kept in
    /// `removed/`, see `save(_:base:keepingCopy:)`).
    public func withoutOrphans(_ file: CaseFile) -> CaseFile {
        Self.withoutOrphans(file, framework: framework, index: CaseChecker.Index(framework))
    }

    /// The case without its orphans, built by filtering in one pass: removing thousands of
    /// orphans one by one moved the rest of the answers along each time.
    static func withoutOrphans(_ file: CaseFile, framework: Framework, index: CaseChecker.Index) -> CaseFile {
        var known = file
        known.review.items = file.review.items.filter { index.unknown(itemKey: $0.key) == nil }
        known.answers = file.answers.compactMapAnswers { number, answer in
            guard let question = framework.keyQuestion(number) else { return nil }
            var kept = answer
            kept.prompts = answer.prompts.filter { question.prompt($0.key) != nil }
            kept.promptNotes = answer.promptNotes.filter { question.prompt($0.key) != nil }
            return kept
        }
        return known
    }
}

extension SmallMap where Value == Answer {
    /// The entries `transform` keeps (non-nil), transformed, still by key: one pass, no moves.
    fileprivate func compactMapAnswers(_ transform: (String, Answer) -> Answer?) -> SmallMap<Answer> {
        var result = SmallMap<Answer>(minimumCapacity: count)
        for (key, value) in zip(keys, values) {
            // Keys come in order, so each is appended at the end.
            if let kept = transform(key, value) { result[key] = kept }
        }
        return result
    }
}
