/// What changed between two framework revisions: standards, key questions and prompts added,
/// removed, reworded or replaced.
///
/// For trainers explaining a revision, and for anyone checking a new framework file against the one
/// it follows.
///
/// Standards and key questions are matched by number. A standard whose title changed is
/// *replaced* (its key questions and prompts are then listed as removed and added), unless its
/// statement is much the same: then it is retitled (reworded) and compared as usual. Prompts are
/// matched by text, because a revision that inserts a prompt re-letters those after it: the
/// same text is unchanged (or only re-lettered), similar text (most words shared) is reworded,
/// and the rest are added or removed.
///
/// A wording that one side's file records as a printed variant of the other's (`variants`,
/// `statementVariants`: another report's or a chapter's wording of the same item) is a `variant`,
/// not a rewording. Every change says how sure its text is (`origin`): a difference between
/// transcribed or inferred texts may be a transcription's or an inference's, not a revision's.
public struct FrameworkComparison: Sendable {
    public enum Kind: String, Sendable {
        case added, removed, reworded, replaced, relettered
        /// The two wordings are both printed for the same item: not a revision.
        case variant
    }

    public enum Level: String, Sendable {
        case standard, statement, keyQuestion = "key question", prompt
    }

    public struct Change: Equatable, Sendable {
        public var kind: Kind
        public var level: Level
        /// `2.5`, `3.4.1`, or `2.1.1 b` for a prompt (the new letter when it has one).
        public var item: String
        public var old: String?
        public var new: String?
        /// The least certain origin of the texts the change rests on, on either side.
        public var origin: TextOrigin = .published
    }

    public let old: Framework
    public let new: Framework
    public private(set) var changes: [Change] = []

    public init(old: Framework, new: Framework) {
        self.old = old
        self.new = new
        compare()
    }

    public func changes(_ kind: Kind, _ level: Level) -> [Change] {
        changes.filter { $0.kind == kind && $0.level == level }
    }

    private mutating func compare() {
        let oldStandards = Dictionary(old.standards.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        let newStandards = Dictionary(new.standards.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        let numbers = Set(oldStandards.keys).union(newStandards.keys).sorted(by: numberingOrder)
        for number in numbers {
            switch (oldStandards[number], newStandards[number]) {
            case (nil, let added?):
                add(.added, .standard, number, nil, added.title)
                for question in added.keyQuestions { addWhole(question, as: .added) }
            case (let removed?, nil):
                add(.removed, .standard, number, removed.title, nil)
                for question in removed.keyQuestions { addWhole(question, as: .removed) }
            case (let before?, let after?):
                // A new title on the same statement is the standard retitled ("OOCD" spelt
                // out), not replaced: its key questions and prompts are compared as usual.
                let retitled = Self.normalised(before.title) != Self.normalised(after.title)
                if retitled, Self.similarity(before.statement, after.statement) >= 0.5 {
                    add(.reworded, .standard, number, before.title, after.title)
                } else if retitled {
                    add(.replaced, .standard, number, before.title, after.title)
                    for question in before.keyQuestions { addWhole(question, as: .removed) }
                    for question in after.keyQuestions { addWhole(question, as: .added) }
                    continue
                }
                if Self.normalised(before.statement) != Self.normalised(after.statement) {
                    let variant =
                        Self.isVariant(before.statement, among: after.statementVariants)
                        || Self.isVariant(after.statement, among: before.statementVariants)
                    add(variant ? .variant : .reworded, .statement, number, before.statement, after.statement)
                }
                compareKeyQuestions(before, after)
            case (nil, nil):
                break
            }
        }
    }

    private mutating func compareKeyQuestions(_ before: Standard, _ after: Standard) {
        let oldQuestions = Dictionary(before.keyQuestions.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        let newQuestions = Dictionary(after.keyQuestions.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        for number in Set(oldQuestions.keys).union(newQuestions.keys).sorted(by: numberingOrder) {
            switch (oldQuestions[number], newQuestions[number]) {
            case (nil, let added?): addWhole(added, as: .added)
            case (let removed?, nil): addWhole(removed, as: .removed)
            case (let oldQuestion?, let newQuestion?):
                if Self.normalised(oldQuestion.text) != Self.normalised(newQuestion.text) {
                    let variant =
                        Self.isVariant(oldQuestion.text, among: newQuestion.variants)
                        || Self.isVariant(newQuestion.text, among: oldQuestion.variants)
                    add(variant ? .variant : .reworded, .keyQuestion, number, oldQuestion.text, newQuestion.text)
                }
                comparePrompts(number, oldQuestion.prompts, newQuestion.prompts)
            case (nil, nil): break
            }
        }
    }

    private mutating func comparePrompts(_ number: String, _ before: [Prompt], _ after: [Prompt]) {
        var unmatchedOld = before
        var unmatchedNew: [Prompt] = []
        for prompt in after {
            if let index = unmatchedOld.firstIndex(where: { Self.normalised($0.text) == Self.normalised(prompt.text) }) {
                let match = unmatchedOld.remove(at: index)
                if match.shownLetter != prompt.shownLetter {
                    add(.relettered, .prompt, "\(number) \(prompt.shownLetter)", "\(match.shownLetter))", "\(prompt.shownLetter))")
                }
            } else {
                unmatchedNew.append(prompt)
            }
        }
        for prompt in unmatchedNew {
            let best = unmatchedOld.indices.max {
                Self.similarity(unmatchedOld[$0].text, prompt.text) < Self.similarity(unmatchedOld[$1].text, prompt.text)
            }
            if let best, Self.similarity(unmatchedOld[best].text, prompt.text) >= 0.5 {
                let match = unmatchedOld.remove(at: best)
                add(
                    .reworded, .prompt, "\(number) \(prompt.shownLetter)", "\(match.shownLetter)) \(match.text)",
                    "\(prompt.shownLetter)) \(prompt.text)")
            } else {
                add(.added, .prompt, "\(number) \(prompt.shownLetter)", nil, prompt.text)
            }
        }
        for prompt in unmatchedOld {
            add(.removed, .prompt, "\(number) \(prompt.shownLetter)", prompt.text, nil)
        }
    }

    /// A key question and its prompts, all added or all removed.
    private mutating func addWhole(_ question: KeyQuestion, as kind: Kind) {
        let added = kind == .added
        add(kind, .keyQuestion, question.number, added ? nil : question.text, added ? question.text : nil)
        for prompt in question.prompts {
            add(kind, .prompt, "\(question.number) \(prompt.shownLetter)", added ? nil : prompt.text, added ? prompt.text : nil)
        }
    }

    private mutating func add(_ kind: Kind, _ level: Level, _ item: String, _ old: String?, _ new: String?) {
        // The item's standard: `2.5`, `3.4.1` or `2.1.1 b` all name it in their first two parts.
        let number = item.prefix { $0 != " " }
        let standard = number.split(separator: ".").prefix(2).joined(separator: ".")
        let origin = [self.old, self.new].compactMap { $0.standard(standard)?.provenance.origin(of: level) }.max() ?? .published
        changes.append(Change(kind: kind, level: level, item: item, old: old, new: new, origin: origin))
    }

    /// Whether `text` is one of `variants`, the printed variants of an item's wording.
    static func isVariant(_ text: String, among variants: [String]) -> Bool {
        variants.contains { normalised($0) == normalised(text) }
    }

    /// Text compared without differences of spacing, case, or straight and curly quotes.
    public static func normalised(_ text: String) -> String {
        text.replacingOccurrences(of: "’", with: "'").replacingOccurrences(of: "‘", with: "'")
            .replacingOccurrences(of: "“", with: "\"").replacingOccurrences(of: "”", with: "\"")
            .lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Shared words over all words (Jaccard), 0 to 1.
    static func similarity(_ left: String, _ right: String) -> Double {
        func words(_ text: String) -> Set<Substring> {
            Set(normalised(text).split { !$0.isLetter && !$0.isNumber })
        }
        let a = words(left)
        let b = words(right)
        let union = a.union(b).count
        return union == 0 ? 1 : Double(a.intersection(b).count) / Double(union)
    }
}
