import Testing

@testable import CasemarkCore

/// The tally is kept up to date one case at a time (an answer costs time for that case, not the
/// inspection): after any sequence of changes it must equal a tally made afresh from all cases.
@Suite("Incremental tally")
struct IncrementalTallyTests {
    @Test func replacingCasesOneAtATimeMatchesAFreshTally() throws {
        let framework = try Frameworks.catalog.framework(id: "hmip-yos-2018")  // has applicability conditions
        var random = SplitMix64(seed: 42)
        func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        var cases: [CaseFile] = (0..<40).map { index in
            let court = index % 2 == 0
            var file = CaseFile(
                ref: "C\(index)", framework: framework.id, domain: court ? "2" : "3",
                disposal: court ? "referral-order" : "youth-conditional-caution")
            file.details.riskOfSeriousHarm = .medium
            return file
        }
        var tally = InspectionTally(framework: framework, cases: cases)
        let judgements: [Judgement?] = [.yes, .no, .na, nil]
        for step in 0..<2_000 {
            let index = Int(random.next() % UInt64(cases.count))
            var updated = cases[index]
            let question = pick(framework.caseKeyQuestions(domain: updated.domain))
            switch random.next() % 6 {
            case 0: updated.details.riskOfSeriousHarm = pick(ClassificationLevel.allCases)  // moves applicability
            case 1: updated.details.safetyAndWellbeing = pick(ClassificationLevel.allCases)
            case 2:
                updated.disposal =
                    updated.domain == "2"
                    ? pick(["referral-order", "youth-rehabilitation-order"]) : pick(["youth-caution", "youth-conditional-caution"])
            default:
                var answer = updated.answers[question.number] ?? Answer()
                answer.judgement = pick(judgements)
                updated.answers[question.number] = answer
            }
            tally.replace(cases[index], with: updated)
            cases[index] = updated
            if step % 50 == 0 || step == 1_999 {
                let fresh = InspectionTally(framework: framework, cases: cases)
                #expect(tally.counts == fresh.counts, "after step \(step)")
                #expect(tally.caseCounts == fresh.caseCounts)
            }
        }
    }

    /// Many cases are counted on every core in parts: the parts must add up to what counting
    /// one case after another gives.
    @Test func countingInPartsGivesWhatCountingInTurnGives() throws {
        let framework = try Frameworks.catalog.framework(id: "hmip-yos-2018")
        var random = SplitMix64(seed: 7)
        let judgements: [Judgement?] = [.yes, .no, .na, nil]
        let cases: [CaseFile] = (0..<5_003).map { index in
            let court = random.next() % 3 != 0
            var file = CaseFile(
                ref: "C\(index)", framework: index % 997 == 0 ? "another" : framework.id, domain: court ? "2" : "3",
                disposal: court ? "referral-order" : "youth-conditional-caution")
            file.details.riskOfSeriousHarm = ClassificationLevel.allCases[Int(random.next() % 4)]
            for question in framework.caseKeyQuestions(domain: file.domain) where random.next() % 5 != 0 {
                file.answers[question.number] = Answer(judgement: judgements[Int(random.next() % 4)])
            }
            return file
        }
        let inParts = InspectionTally(framework: framework, cases: cases)
        // A lazy sequence has no contiguous storage, so it is counted one case after another.
        let inTurn = InspectionTally(framework: framework, cases: cases.lazy.map { $0 })
        #expect(inParts.counts == inTurn.counts)
        #expect(inParts.caseCounts == inTurn.caseCounts)
        #expect(inTurn.caseCounts.values.reduce(0, +) == 5_003 - 6)
    }
}
