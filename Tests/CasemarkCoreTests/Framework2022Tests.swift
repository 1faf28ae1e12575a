import Testing

@testable import CasemarkCore

/// The third bundled framework: the prompt lists the 2022 Blaenau Gwent & Caerphilly report's
/// inspectors marked (its Annexe 2), the rest from the September 2020 revision, and what
/// `compare` says changed between them (framework-notes b(iii), "How the 2022 Annexe 2 differs").
@Suite("The 2022 prompt lists")
struct Framework2022Tests {
    static let y2020 = Frameworks.y2020
    static let y2022 = Frameworks.load("hmip-yos-2022")

    @Test func promptListsAsPrintedWithTheRestFromTwentyTwenty() throws {
        let framework = Self.y2022
        let caseQuestions = ["2", "3"].flatMap { framework.caseKeyQuestions(domain: $0) }
        #expect(caseQuestions.count == 21)
        #expect(caseQuestions.reduce(0) { $0 + $1.prompts.count } == 95)
        #expect(["2", "3"].flatMap { Self.y2020.caseKeyQuestions(domain: $0) }.reduce(0) { $0 + $1.prompts.count } == 86)
        // 2.4.1 is printed a, b, c, d, d, e, f: held as printed, each prompt its own identity.
        let reviewing = try #require(framework.keyQuestion("2.4.1"))
        #expect(reviewing.prompts.map(\.shownLetter) == ["a", "b", "c", "d", "d", "e", "f"])
        #expect(Set(reviewing.prompts.map(\.letter)).count == 7)
        // Wording from the 2022 report.
        #expect(framework.keyQuestion("3.3.1")?.text == "Does service delivery effectively support the child's desistance?")
        #expect(framework.standard("3.4")?.title == "Out-of-court disposal policy and provision")
        #expect(framework.standard("2.1")?.statement.contains("parents or carers") == true)
        #expect(framework.keyQuestion("2.1.1")?.prompts.count == 9)
        #expect(framework.keyQuestion("2.4.3")?.prompts.count == 3)
        // Domain one and resettlement are the 2020 revision's, and the file says so.
        for number in ["1.1", "1.2", "1.3", "1.4", "2.5"] {
            let old = try #require(Self.y2020.standard(number)), new = try #require(framework.standard(number))
            #expect(old.keyQuestions.map(\.text) == new.keyQuestions.map(\.text), "\(number)")
            #expect(old.keyQuestions.flatMap(\.prompts).map(\.text) == new.keyQuestions.flatMap(\.prompts).map(\.text), "\(number)")
        }
        #expect(framework.notes.contains { $0.hasPrefix("Taken from the September 2020 revision (Annexe A), unchanged: domain one") })
        #expect(framework.notes.contains { $0.contains("d2") && $0.contains("a, b, c, d, d, e, f") })
        // The same rules.
        #expect(framework.keyQuestionBands == Self.y2020.keyQuestionBands)
        #expect(framework.overallBands == Self.y2020.overallBands)
        #expect(framework.limitingRules == Self.y2020.limitingRules)
    }

    @Test func compareListsWhatTheTwentyTwentyTwoListsChanged() throws {
        let comparison = FrameworkComparison(old: Self.y2020, new: Self.y2022)
        // 3.4 spelt out, not replaced: its questions are reworded, not removed and added.
        #expect(comparison.changes(.replaced, .standard).isEmpty)
        #expect(comparison.changes(.reworded, .standard).map(\.item) == ["3.4"])
        #expect(comparison.changes(.reworded, .statement).map(\.item) == ["2.1", "2.2", "2.4", "3.1", "3.2", "3.4"])
        #expect(comparison.changes(.reworded, .keyQuestion).map(\.item) == ["3.3.1", "3.4.1", "3.4.2", "3.4.3"])
        #expect(comparison.changes(.added, .keyQuestion).isEmpty && comparison.changes(.removed, .keyQuestion).isEmpty)
        // Diversity its own prompt; the three-way splits; 2.4.1's two new prompts.
        #expect(
            comparison.changes(.added, .prompt).map(\.item) == [
                "2.1.1 b", "2.1.1 d", "2.2.1 b", "2.3.1 b", "2.4.1 c", "2.4.1 d", "3.1.1 b", "3.1.1 d", "3.2.1 b", "3.3.1 b",
            ])
        // 2.4.3 without its involvement prompt.
        let removed = comparison.changes(.removed, .prompt)
        #expect(removed.count == 1)
        #expect(
            removed.first?.old?.hasPrefix("Are the child and their parents/carers meaningfully involved in reviewing their risk of harm")
                == true)
        // 3.3.3's prompts back in the other order.
        #expect(comparison.changes(.relettered, .prompt).filter { $0.item.hasPrefix("3.3.3") }.map(\.item) == ["3.3.3 a", "3.3.3 b"])
        // "parents or carers", "victims".
        let reworded = comparison.changes(.reworded, .prompt)
        #expect(reworded.contains { $0.item == "2.1.1 i" && $0.new?.contains("parents or carers") == true })
        #expect(reworded.contains { $0.item == "2.1.1 h" && $0.new?.contains("victims") == true })
        #expect(reworded.count == 23)
        // 86 prompts, 1 removed and 10 added: 95.
        #expect(86 - removed.count + comparison.changes(.added, .prompt).count == 95)
    }
}

/// Issue 13, item 4: where a framework's text comes from is said at the head of every report
/// and comparison, and the 2018 file shows the clean wording with Camden's printed garbles kept
/// in notes.
@Suite("Framework caveats and clean wording")
struct FrameworkCaveatTests {
    @Test func everyBundledFrameworkSaysWhereItsTextComesFrom() throws {
        for id in ["hmip-yos-2018", "hmip-yos-2020-09", "hmip-yos-2022"] {
            let framework = Frameworks.load(id)
            let caveat = try #require(framework.caveat, "\(id)")
            let report = InspectionReport(
                service: "S", framework: framework, ratings: InspectionRatings(standards: [], missing: []), caseCounts: [:],
                unansweredCount: 0)
            for format in ReportFormat.allCases {
                let output = format.render(report)
                let seen = format == .json ? output.contains("\"frameworkCaveat\": ") : output.contains("ramework text: ") || format == .csv
                #expect(seen && output.contains(caveat.prefix(40)), "\(id) \(format)")
            }
            for format in [ReportFormat.text, .markdown, .html] {
                #expect(format.render(report, layout: .annex).contains("Framework text: "), "\(id) \(format) annex")
            }
        }
        #expect(Frameworks.y2018.caveat?.contains("the prompts are inferred") == true)
        let comparison = ComparisonRenderer(format: .text).render(FrameworkComparison(old: Frameworks.y2018, new: Frameworks.y2020))
        #expect(comparison.contains("hmip-yos-2018 text: Standards, statements and key questions transcribed from Camden's Annexe 2"))
        #expect(comparison.contains("hmip-yos-2020-09 text: Transcribed from Annexe A"))
    }

    @Test func camdensAnnexGarblesAreNotesTheWordingIsClean() throws {
        let framework = Frameworks.y2018
        let question = try #require(framework.keyQuestion("2.4.2"))
        #expect(question.text == "Does reviewing focus sufficiently on keeping the child safe?")
        #expect(question.note?.contains("keeping the child person safe?") == true)
        let standard = try #require(framework.standard("2.4"))
        #expect(standard.statement.hasSuffix("actively involving the child and their parents/carers."))
        #expect(standard.note?.contains("the child or and their parents/carers") == true)
        // Not revisions: 2018 to 2020 no longer lists them as reworded.
        let comparison = FrameworkComparison(old: framework, new: Frameworks.y2020)
        #expect(!comparison.changes(.reworded, .keyQuestion).contains { $0.item == "2.4.2" })
        #expect(!comparison.changes(.reworded, .statement).contains { $0.item == "2.4" })
    }
}
