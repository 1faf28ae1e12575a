import Dispatch

/// How an inspection's cases stand on one key question.
public struct KeyQuestionTally: Equatable, Sendable {
    public var yes = 0
    public var no = 0
    public var notApplicable = 0
    public var unanswered = 0

    public init(yes: Int = 0, no: Int = 0, notApplicable: Int = 0, unanswered: Int = 0) {
        self.yes = yes
        self.no = no
        self.notApplicable = notApplicable
        self.unanswered = unanswered
    }

    /// Cases the key question applies to and that are judged: yes + no.
    public var applicable: Int { yes + no }

    mutating func add(_ other: KeyQuestionTally) {
        yes += other.yes
        no += other.no
        notApplicable += other.notApplicable
        unanswered += other.unanswered
    }

    mutating func count(_ judgement: Judgement?, by step: Int) {
        switch judgement {
        case .yes: yes += step
        case .no: no += step
        case .na: notApplicable += step
        case nil: unanswered += step
        }
    }
}

/// Per-key-question counts over an inspection's cases, kept up to date one case at a time, so
/// that a changed answer costs time proportional to that case, not to the inspection.
public struct InspectionTally: Sendable {
    /// What counting a case needs of one key question, worked out once per tally.
    ///
    /// Read in place, field by field (`questions[index].slot`): a copy of the whole retained
    /// each of its references for every key question of every case.
    private struct Counted: Sendable {
        var number: String
        var applicability: Applicability?
        /// Where its counts are in `tallies`.
        var slot: Int
        /// Where its prompts' letters are in `sortedLetters` and `letterSlots`.
        var letters: Range<Int>
    }

    /// Each key question's prompt letters, sorted, one key question after another
    /// (`Counted.letters`), where each letter's counts are in `promptTallies`, and its slot in a
    /// case's `PromptAnswers`: counting reads each letter's answer from its slot, with no text
    /// compared (the letter itself only for answers kept under other keys).
    private var sortedLetters: [String] = []
    private var letterSlots: [Int] = []
    /// Each of `sortedLetters` as a `PromptAnswers` slot (nil for a letter outside `a` to `z`).
    private var answerSlots: [Int?] = []

    public let framework: Framework
    /// The counts of each key question, at its slot.
    private var tallies: [KeyQuestionTally] = []
    /// The slot of each key question counted.
    private var slots: [String: Int] = [:]
    /// The counts of each prompt, at its slot: a key question's prompts have consecutive slots,
    /// in framework order.
    private var promptTallies: [KeyQuestionTally] = []
    /// The slots of each key question's prompts, by key-question number.
    private var promptRanges: [String: Range<Int>] = [:]
    /// `framework.caseKeyQuestions(domain:)` for each domain: counting a case looks them up for
    /// every case.
    private var questionsByDomain: [String: [Counted]] = [:]
    /// How many cases of each domain are counted.
    public private(set) var caseCounts: [String: Int] = [:]

    /// The counts by key-question number.
    public var counts: [String: KeyQuestionTally] {
        slots.mapValues { tallies[$0] }
    }

    public init(framework: Framework, cases: some Sequence<CaseFile> = [CaseFile]()) {
        self.framework = framework
        for domain in framework.domains where questionsByDomain[domain.number] == nil {
            questionsByDomain[domain.number] = framework.caseKeyQuestions(domain: domain.number).map { question in
                let slot = slots[question.number] ?? tallies.count
                if slot == tallies.count {
                    slots[question.number] = slot
                    tallies.append(KeyQuestionTally())
                    promptRanges[question.number] = promptTallies.count..<(promptTallies.count + question.prompts.count)
                    promptTallies += Array(repeating: KeyQuestionTally(), count: question.prompts.count)
                }
                let range = promptRanges[question.number] ?? 0..<0
                let sorted = zip(question.prompts.map(\.letter), range).sorted { $0.0 < $1.0 }
                let letters = sortedLetters.count..<(sortedLetters.count + sorted.count)
                sortedLetters += sorted.map(\.0)
                letterSlots += sorted.map(\.1)
                answerSlots += sorted.map { PromptAnswers.slot(of: $0.0) }
                return Counted(number: question.number, applicability: question.applicability, slot: slot, letters: letters)
            }
        }
        let countedInParallel = cases.withContiguousStorageIfAvailable { countInParallel($0) } ?? false
        if !countedInParallel {
            for file in cases { add(file) }
        }
    }

    /// Counts many cases on every core, each part into a tally of its own, then adds the parts up.
    ///
    /// False, with nothing counted, when there are too few cases to be worth it.
    private mutating func countInParallel(_ cases: UnsafeBufferPointer<CaseFile>) -> Bool {
        let parts = min(8, cases.count / 1_000)
        guard parts >= 2 else { return false }
        var partTallies = [InspectionTally](repeating: self, count: parts)
        partTallies.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let slots = slots
            nonisolated(unsafe) let cases = cases
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                var tally = slots[part]
                for position in stride(from: part, to: cases.count, by: parts) {
                    tally.add(cases[position])
                }
                slots[part] = tally
            }
        }
        for part in partTallies {
            for slot in tallies.indices {
                tallies[slot].add(part.tallies[slot])
            }
            for slot in promptTallies.indices {
                promptTallies[slot].add(part.promptTallies[slot])
            }
            for (domain, count) in part.caseCounts {
                caseCounts[domain, default: 0] += count
            }
        }
        return true
    }

    /// Adds another tally of the same framework, slot by slot: the counts of both sets of cases,
    /// as if counted together (how `report --across` pools inspections one at a time).
    public mutating func add(_ other: InspectionTally) {
        guard other.framework.id == framework.id, other.tallies.count == tallies.count,
            other.promptTallies.count == promptTallies.count
        else { return }
        for slot in tallies.indices { tallies[slot].add(other.tallies[slot]) }
        for slot in promptTallies.indices { promptTallies[slot].add(other.promptTallies[slot]) }
        for (domain, count) in other.caseCounts { caseCounts[domain, default: 0] += count }
    }

    /// Adds a tally of another framework revision through `mapping` (from its revision to this one).
    ///
    /// Each key question and prompt takes the counts of the one it stands for; those with none
    /// take nothing from it. Its cases were counted under their own revision's rules.
    public mutating func add(_ other: InspectionTally, mapping: FrameworkMapping) {
        guard other.framework.id == mapping.from.id, framework.id == mapping.to.id else { return }
        for (number, source) in mapping.keyQuestions {
            guard let slot = slots[number], let sourceSlot = other.slots[source] else { continue }
            tallies[slot].add(other.tallies[sourceSlot])
            guard let range = promptRanges[number], let sourceRange = other.promptRanges[source],
                let question = framework.keyQuestion(number), let sourceQuestion = other.framework.keyQuestion(source)
            else { continue }
            let letters = mapping.prompts[number] ?? [:]
            for (offset, prompt) in question.prompts.enumerated() {
                guard let letter = letters[prompt.letter],
                    let sourceOffset = sourceQuestion.prompts.firstIndex(where: { $0.letter == letter })
                else { continue }
                promptTallies[range.lowerBound + offset].add(other.promptTallies[sourceRange.lowerBound + sourceOffset])
            }
        }
        for (domain, count) in other.caseCounts where framework.domains.contains(where: { $0.number == domain }) {
            caseCounts[domain, default: 0] += count
        }
    }

    /// Key-question answers still to give, over every case and key question.
    public var unansweredCount: Int {
        tallies.reduce(0) { $0 + $1.unanswered }
    }

    public subscript(number: String) -> KeyQuestionTally {
        slots[number].map { tallies[$0] } ?? KeyQuestionTally()
    }

    /// The counts of a key question's prompts, in framework order: each prompt's answers as given
    /// (yes, no, not applicable, or none yet).
    ///
    /// A case an applicability condition rules out of the key question is not in its sample, so its
    /// prompts are not counted at all.
    public func promptCounts(_ number: String) -> [KeyQuestionTally] {
        promptRanges[number].map { Array(promptTallies[$0]) } ?? []
    }

    /// The judgement a case counts as on a key question: not applicable when an applicability
    /// condition rules the case out, whatever it holds; nil when not yet judged.
    public static func effectiveJudgement(of file: CaseFile, on question: KeyQuestion) -> Judgement? {
        judgement(of: file, on: question.number, applicability: question.applicability)
    }

    private static func judgement(of file: borrowing CaseFile, on number: String, applicability: Applicability?) -> Judgement? {
        if let applicability, !applicability.applies(to: file) { return .na }
        // Through the index, so the answer is read in place rather than copied.
        return file.answers.index(forKey: number).flatMap { file.answers.values[$0].judgement }
    }

    public mutating func add(_ file: borrowing CaseFile) {
        adjust(file, by: 1)
    }

    public mutating func remove(_ file: CaseFile) {
        adjust(file, by: -1)
    }

    /// Replaces one case's contribution by its new version.
    public mutating func replace(_ old: CaseFile, with new: CaseFile) {
        adjust(old, by: -1)
        adjust(new, by: 1)
    }

    private mutating func adjust(_ file: borrowing CaseFile, by step: Int) {
        guard file.framework == framework.id else { return }
        guard let questions = questionsByDomain[file.domain], !questions.isEmpty else { return }
        caseCounts[file.domain, default: 0] += step
        for index in questions.indices {
            let slot = questions[index].slot
            if questions[index].applicability != nil, questions[index].applicability?.applies(to: file) == false {
                tallies[slot].count(.na, by: step)
                continue
            }
            guard let position = file.answers.index(forKey: questions[index].number) else {
                tallies[slot].count(nil, by: step)
                for letter in questions[index].letters { promptTallies[letterSlots[letter]].unanswered += step }
                continue
            }
            tallies[slot].count(file.answers.values[position].judgement, by: step)
            countPrompts(file.answers.values[position].prompts, letters: questions[index].letters, by: step)
        }
    }

    /// Counts one answer's prompts: each of the key question's letters is looked up in its slot
    /// of the answers; a prompt with no answer counts as unanswered, and an answer to a letter
    /// the key question does not have (an orphan) is not counted.
    private mutating func countPrompts(_ answers: borrowing PromptAnswers, letters: Range<Int>, by step: Int) {
        let word = answers.slotWord
        for letter in letters {
            let slot = letterSlots[letter]
            let judgement =
                if let word, let answerSlot = answerSlots[letter] {
                    PromptAnswers.judgement(inWord: word, slot: answerSlot)
                } else {
                    answers[sortedLetters[letter]]
                }
            if let judgement {
                promptTallies[slot].count(judgement, by: step)
            } else {
                promptTallies[slot].unanswered += step
            }
        }
    }
}
