import Testing

@testable import CasemarkCore

/// `compare` on the two bundled revisions shows what the 2020 consultation response says changed.
@Suite("Comparing framework revisions")
struct FrameworkComparisonTests {
    static let old = try! Frameworks.catalog.framework(id: "hmip-yos-2018")
    static let new = try! Frameworks.catalog.framework(id: "hmip-yos-2020-09")

    @Test func resettlementAddedJointWorkingReplacedAndNewDomainOnePrompts() {
        let comparison = FrameworkComparison(old: Self.old, new: Self.new)
        #expect(comparison.changes(.added, .standard).map(\.item) == ["2.5"])
        let replaced = comparison.changes(.replaced, .standard)
        #expect(replaced.map(\.item) == ["3.4"])
        #expect(replaced.first?.old == "Joint working")
        #expect(replaced.first?.new == "OOCD policy and provision")
        // Joint working's questions go, OOCD policy and provision's come.
        #expect(comparison.changes(.removed, .keyQuestion).map(\.item) == ["3.4.1", "3.4.2"])
        #expect(comparison.changes(.added, .keyQuestion).map(\.item).contains("3.4.3"))
        // New domain-one prompts, among them the one on children's views in the vision and strategy.
        let addedPrompts = comparison.changes(.added, .prompt)
        #expect(addedPrompts.contains { $0.item == "1.1.1 e" && $0.new?.contains("views of children") == true })
        #expect(addedPrompts.filter { $0.item.hasPrefix("1.2.5 ") }.count == 6)
        // Inserting 1.1.1 e re-letters the prompts after it; they are not reported as new.
        #expect(comparison.changes(.relettered, .prompt).map(\.item).contains("1.1.1 f"))
        #expect(!addedPrompts.contains { $0.item == "1.1.1 f" })
        let text = ComparisonRenderer(format: .text).render(comparison)
        #expect(text.contains("added 2.5: Resettlement policy and provision"))
        #expect(text.contains("replaced 3.4 [transcribed]: Joint working → OOCD policy and provision"))
        let markdown = ComparisonRenderer(format: .markdown).render(comparison)
        #expect(markdown.hasPrefix("# Changes from hmip-yos-2018 (2018-03) to hmip-yos-2020-09 (2020-09)"))
        #expect(markdown.contains("## Prompts"))
    }

    /// The 2018 file's text is transcribed from Camden's report and its prompts inferred: every
    /// difference resting on it says so, and a wording Camden's own chapter prints (3.2.1, the 2020
    /// wording) is a printed variant, not a revision (framework-notes b(iv)).
    @Test func differencesSayWhenTheyRestOnTranscribedOrInferredText() {
        let comparison = FrameworkComparison(old: Self.old, new: Self.new)
        #expect(comparison.changes(.reworded, .keyQuestion).map(\.item) == ["1.1.1", "1.3.1", "1.3.2", "1.4.1"])
        #expect(comparison.changes(.variant, .keyQuestion).map(\.item) == ["3.2.1"])
        #expect(comparison.changes(.added, .prompt).first { $0.item == "1.1.1 e" }?.origin == .inferred)
        #expect(comparison.changes(.reworded, .keyQuestion).allSatisfy { $0.origin == .transcribed })
        // 2.5 is not in the 2018 file: its addition rests on the published 2020 text alone.
        #expect(comparison.changes(.added, .standard).first?.origin == .published)
        let text = ComparisonRenderer(format: .text).render(comparison)
        #expect(text.contains("Marked: [transcribed] rests on text transcribed from an inspection report"))
        #expect(text.contains("[inferred] rests on text inferred where no source prints it"))
        #expect(text.contains("key questions: 7 added, 2 removed, 4 reworded, 1 printed variant (not revisions)"))
        #expect(text.contains("  printed variant 3.2.1 [transcribed] (both wordings are printed for this item: not a revision):"))
        #expect(text.contains("  added 1.1.1 e [inferred]: "))
        #expect(text.contains("  added 2.5: Resettlement policy and provision"))

        // 2022: the case standards' text is transcribed from the BG&C report, domain one is 2020's.
        let later = try! Frameworks.catalog.framework(id: "hmip-yos-2022")
        let next = FrameworkComparison(old: Self.new, new: later)
        #expect(next.changes.filter { $0.item.hasPrefix("2.") || $0.item.hasPrefix("3.1") }.allSatisfy { $0.origin == .transcribed })
        #expect(next.changes(.reworded, .keyQuestion).first { $0.item == "3.3.1" }?.origin == .transcribed)
        #expect(later.standard("1.1")?.provenance == .published)
        #expect(later.standard("3.4")?.provenance.prompts == .published)
        #expect(later.standard("3.4")?.provenance.statement == .transcribed)
        // The 2018 file records the 2019 reports' wordings item by item.
        #expect(Self.old.standard("1.1")?.statementVariants.contains { $0.contains("all children and young people") } == true)
        #expect(Self.old.keyQuestion("2.1.1")?.variants.contains { $0.contains("the child or young person's desistance") } == true)
        #expect(
            Self.old.keyQuestion("3.3.1")?.variants.contains { $0.hasPrefix("Does the implementation and delivery of services") } == true)
    }

    @Test func aFrameworkComparedWithItselfHasNoChanges() {
        let comparison = FrameworkComparison(old: Self.new, new: Self.new)
        #expect(comparison.changes.isEmpty)
        #expect(ComparisonRenderer(format: .text).render(comparison).contains("No standard, key question or prompt differs."))
    }

    @Test func promptsAreMatchedByTextNotLetter() {
        var edited = Self.new
        var questions = edited.domains[1].standards[0].keyQuestions  // 2.1
        let first = questions[0].prompts[0]
        // Reword a), drop b), insert a new prompt at the front.
        questions[0].prompts[0].text = first.text.replacingOccurrences(of: "sufficient", with: "enough")
        questions[0].prompts.remove(at: 1)
        questions[0].prompts.insert(Prompt(letter: "z", text: "Is the child's voice heard throughout?", guidance: nil, note: nil), at: 0)
        edited.domains[1].standards[0].keyQuestions = questions
        let comparison = FrameworkComparison(old: Self.new, new: edited)
        #expect(comparison.changes(.reworded, .prompt).map(\.item) == ["2.1.1 a"])
        #expect(comparison.changes(.added, .prompt).map(\.item) == ["2.1.1 z"])
        #expect(comparison.changes(.removed, .prompt).map(\.item) == ["2.1.1 b"])
    }
}
