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

    public static func check(
        _ file: CaseFile, expectedRef: String?, inspectionFramework: String?, framework: Framework?,
        problems: inout ProblemCollector
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
        checkDetails(file, framework: framework, problems: &problems)
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
}

extension CaseChecker {
    /// Every recorded detail is one the framework declares, with a value of its kind.
    ///
    /// One recorded for a domain it is not asked in is kept and not counted (the domain may
    /// have been changed back and forth).
    static func checkDetails(_ file: CaseFile, framework: Framework, problems: inout ProblemCollector) {
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
    }

    /// The key question an answer is to, or nil having reported why there is none for it here:
    /// not in the framework, of another domain, or of a directly rated standard.
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

    /// Checks the empty answers (`{}`) of a case file's JSON, which reading drops as no answer:
    /// an empty answer to a key question the case cannot have is still an answer to something
    /// that does not exist, and the file is damaged as with any other such answer.
    public static func checkEmptyAnswers(
        in value: JSONValue, of file: CaseFile, framework: Framework?, problems: inout ProblemCollector
    ) {
        guard let framework, framework.id == file.framework, let answers = value.objectValue?["answers"]?.objectValue else { return }
        for member in answers.members where file.answers[member.key] == nil && member.value.objectValue != nil {
            _ = keyQuestion(
                member.key, of: file, framework: framework, at: JSONPath.root.appending("answers").appending(member.key),
                problems: &problems)
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
