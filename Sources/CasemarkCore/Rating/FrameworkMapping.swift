/// How one framework revision's key questions and prompts stand for another's, so that
/// inspections marked under both can be pooled (`report --across --map numbers`).
///
/// Each inspection is counted under its own revision first (its own applicability rules, its own
/// sub-samples); only the counts are then carried over, key question by key question and prompt by
/// prompt. What has no counterpart is left out of the pool for that inspection and listed, so the
/// report says exactly what was pooled.
public struct FrameworkMapping: Sendable {
    /// The stated rule a mapping follows.
    public enum Rule: String, CaseIterable, Sendable {
        /// A key question stands for the one with the same number in a standard of the same
        /// number that both rate from cases and that was not replaced (`compare` would call it
        /// replaced); a prompt stands for the prompt of the same text (spacing, case and quotes
        /// aside; a re-lettered prompt keeps its counts).
        case numbers
    }

    public let rule: Rule
    /// The revision the counts come from.
    public let from: Framework
    /// The revision they are pooled under.
    public let to: Framework
    /// By key-question number under `to`: the number under `from` it is counted from.
    public private(set) var keyQuestions: [String: String] = [:]
    /// By key-question number under `to`: its prompts' letters, each with the letter under
    /// `from` it is counted from.
    public private(set) var prompts: [String: [String: String]] = [:]
    /// Key questions of `to` with no counterpart under `from`, with why: not pooled from it.
    public private(set) var unmappedKeyQuestions: [(number: String, reason: String)] = []
    /// Key questions pooled although `from` words them differently.
    public private(set) var reworded: [String] = []
    /// How many of `to`'s prompts, under mapped key questions, have no counterpart.
    public private(set) var unmappedPrompts: [String] = []

    public init(from: Framework, to: Framework, rule: Rule = .numbers) {
        self.rule = rule
        self.from = from
        self.to = to
        let replaced = Set(FrameworkComparison(old: from, new: to).changes(.replaced, .standard).map(\.item))
        for standard in to.standards where standard.rated == .cases {
            guard let source = from.standard(standard.number), source.rated == .cases else {
                for question in standard.keyQuestions {
                    unmappedKeyQuestions.append((question.number, "\(from.id) has no case-rated standard \(standard.number)"))
                }
                continue
            }
            if replaced.contains(standard.number) {
                for question in standard.keyQuestions {
                    unmappedKeyQuestions.append(
                        (question.number, "standard \(standard.number) was replaced (\(source.title) → \(standard.title))"))
                }
                continue
            }
            for question in standard.keyQuestions {
                guard let old = source.keyQuestions.first(where: { $0.number == question.number }) else {
                    unmappedKeyQuestions.append((question.number, "\(from.id) has no key question \(question.number)"))
                    continue
                }
                keyQuestions[question.number] = old.number
                // A wording one file records as a printed variant of the other's is the same wording.
                if FrameworkComparison.normalised(old.text) != FrameworkComparison.normalised(question.text),
                    !FrameworkComparison.isVariant(question.text, among: old.variants),
                    !FrameworkComparison.isVariant(old.text, among: question.variants)
                {
                    reworded.append(question.number)
                }
                var letters: [String: String] = [:]
                for prompt in question.prompts {
                    let text = FrameworkComparison.normalised(prompt.text)
                    if let match = old.prompts.first(where: { FrameworkComparison.normalised($0.text) == text }) {
                        letters[prompt.letter] = match.letter
                    } else {
                        unmappedPrompts.append("\(question.number) \(prompt.shownLetter)")
                    }
                }
                prompts[question.number] = letters
            }
        }
    }

    /// One line saying what the mapping pooled and left out.
    public var summary: String {
        let promptCount = prompts.values.reduce(0) { $0 + $1.count }
        var parts = [
            "\(from.id) pooled under \(to.id) by key-question number: \(keyQuestions.count) key questions and \(promptCount) prompts"
        ]
        if !reworded.isEmpty {
            parts.append("worded differently under \(from.id) but pooled: \(reworded.sorted(by: numberingOrder).joined(separator: ", "))")
        }
        if !unmappedKeyQuestions.isEmpty {
            parts.append(
                "key questions not pooled from it: "
                    + unmappedKeyQuestions.map { "\($0.number) (\($0.reason))" }.joined(separator: ", "))
        }
        if !unmappedPrompts.isEmpty {
            parts.append(
                "prompts with no prompt of the same text under \(from.id), not pooled from it: \(unmappedPrompts.joined(separator: ", "))")
        }
        return parts.joined(separator: "; ") + "."
    }
}
