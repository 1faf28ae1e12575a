/// A quick yes/no version of `CaseChecker.check` for loading many cases: `passes` is true only
/// when `check` would report nothing. When it is false the caller runs `check` (and the slow
/// reader), which alone words and places the problems.
extension CaseChecker {
    /// What `passes` needs from a framework, looked up once per load rather than once per case,
    /// through the framework's own lookups so that it finds exactly what `check` finds.
    public struct FastIndex: Sendable {
        struct Question: Sendable {
            var domain: String
            var ratedDirectly: Bool
            var letters: [String]
        }

        let frameworkID: String
        let caseDomains: [String]
        /// The domain of each disposal, as `Framework.disposal(_:)` finds it.
        let disposalDomains: [String: String]
        /// Every key question `Framework.keyQuestion(_:)` and `standard(ofKeyQuestion:)` find,
        /// by its position in `questions`: reading one in place copies nothing.
        let questionPositions: [String: Int]
        let questions: [Question]
        /// The declared details a case keeps under `details`, by id.
        let details: [String: DetailDeclaration]

        public init(_ framework: Framework) {
            frameworkID = framework.id
            details = Dictionary(framework.details.filter { !$0.isBuiltIn }.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            caseDomains = framework.caseDomains.map(\.number)
            var disposalDomains: [String: String] = [:]
            for disposal in framework.disposals {
                if let found = framework.disposal(disposal.id) { disposalDomains[disposal.id] = found.domain }
            }
            self.disposalDomains = disposalDomains
            var questionPositions: [String: Int] = [:]
            var questions: [Question] = []
            for standard in framework.standards {
                for question in standard.keyQuestions where questionPositions[question.number] == nil {
                    guard let found = framework.keyQuestion(question.number),
                        let owner = framework.standard(ofKeyQuestion: question.number)
                    else { continue }
                    questionPositions[question.number] = questions.count
                    questions.append(
                        Question(domain: owner.domain, ratedDirectly: owner.rated == .directly, letters: found.prompts.map(\.letter)))
                }
            }
            self.questionPositions = questionPositions
            self.questions = questions
        }
    }

    /// Whether `check` would find nothing wrong with `file` (with `index` made from the same
    /// framework, or nil for no framework).
    public static func passes(_ file: CaseFile, expectedRef: String?, inspectionFramework: String?, index: FastIndex?) -> Bool {
        guard isSafeRef(file.ref) else { return false }
        if let expectedRef, expectedRef != file.ref { return false }
        if let inspectionFramework, inspectionFramework != file.framework { return false }
        guard let index, index.frameworkID == file.framework else { return true }
        guard index.caseDomains.contains(file.domain), index.disposalDomains[file.disposal] == file.domain else { return false }
        for (id, value) in file.details.recorded {
            guard let declaration = index.details[id], declaration.problem(with: value) == nil else { return false }
        }
        // By position, so the answers are read in place, not copied.
        for position in file.answers.indices {
            guard let found = index.questionPositions[file.answers.keys[position]],
                index.questions[found].domain == file.domain, !index.questions[found].ratedDirectly
            else { return false }
            for letter in file.answers.values[position].prompts.keys where !index.questions[found].letters.contains(letter) {
                return false
            }
            for letter in file.answers.values[position].promptNotes.keys where !index.questions[found].letters.contains(letter) {
                return false
            }
        }
        return true
    }
}
