import CasemarkTestSupport
import Foundation
import Testing

@testable import CasemarkCore

/// Drawing the sample as the inspectorate does: its size, strata that match the population,
/// time windows, reproducibility and an even allocation.
@Suite("Drawing the sample")
struct SamplingTests {
    let framework = Frameworks.y2020

    @Test func theSampleSizeFollowsTheFormulaAndFitsThePublishedSamples() {
        // 80% confidence, a margin of error of 5, with the finite population correction.
        for (population, expected) in [(5, 5), (10, 10), (17, 16), (33, 28), (56, 42), (1, 1), (0, 0)] {
            #expect(SampleSize.inspectorate.cases(outOf: population) == expected, "population \(population)")
        }
        // The formula worked by hand for 1,000 cases at 95% and ±5: n0 = 1.96² · 0.25 / 0.05² = 384.1,
        // n = 384.1 / (1 + 383.1 / 1000) = 277.7, so 278.
        #expect(SampleSize.confidence(level: 95, margin: 5).cases(outOf: 1000) == 278)
        #expect(abs(SampleSize.normalQuantile(0.9) - 1.2815516) < 1e-6)
        #expect(SampleSize.fixed(12).cases(outOf: 10) == 10)
    }

    /// A population of `count` cases with attributes spread unevenly, from `seed`.
    func population(_ count: Int, seed: UInt64, domain: String = "2") -> Population {
        var random = SplitMix64(seed: seed)
        let disposals = framework.disposals.filter { $0.domain == domain }.map(\.id)
        let members = (0..<count).map { index in
            Population.Member(
                id: String(format: "\(domain == "2" ? "C" : "O")%04d", index), domain: domain,
                disposal: disposals[Int(random.next() % UInt64(disposals.count))],
                gender: random.next() % 4 == 0 ? "female" : "male", riskOfSeriousHarm: ClassificationLevel.allCases[Int(random.next() % 3)],
                safetyAndWellbeing: ClassificationLevel.allCases[Int(random.next() % 4)],
                startDate: CalendarDate(String(format: "2026-%02d-%02d", 3 + Int(random.next() % 8), 1 + Int(random.next() % 28))),
                line: index + 2)
        }
        return Population(members: members)
    }

    @Test func eachStratumOfTheSampleIsWithinOneCaseOfThePopulationsShare() {
        for seed in UInt64(1)...25 {
            let people = population(20 + Int(seed) * 3, seed: seed)
            let draw = Sampler(seed: seed).draw(people, framework: framework)[0]
            #expect(draw.cases.count == SampleSize.inspectorate.cases(outOf: people.members.count))
            for attribute in ["gender", "disposal", "risk of serious harm", "safety and wellbeing"] {
                let values = Set(people.members.map { Sampler.attributes($0, window: nil).first { $0.0 == attribute }?.1 ?? "" })
                for value in values {
                    let inPopulation = people.members.filter { Sampler.attributes($0, window: nil).contains { $0 == (attribute, value) } }
                        .count
                    let inSample = draw.cases.filter { Sampler.attributes($0, window: nil).contains { $0 == (attribute, value) } }.count
                    let share = Double(inPopulation) * Double(draw.cases.count) / Double(people.members.count)
                    #expect(
                        abs(Double(inSample) - share) <= 1.0 + 1e-9,
                        "seed \(seed): \(attribute) \(value): \(inSample) drawn, share \(share)")
                }
            }
            #expect(draw.shortfalls.isEmpty, "seed \(seed): \(draw.shortfalls)")
        }
    }

    @Test func theSameSeedDrawsTheSameSampleAndAnotherSeedAnother() {
        let people = population(80, seed: 3)
        let first = Sampler(seed: 11).draw(people, framework: framework)[0].cases.map(\.id)
        #expect(Sampler(seed: 11).draw(people, framework: framework)[0].cases.map(\.id) == first)
        #expect(Sampler(seed: 12).draw(people, framework: framework)[0].cases.map(\.id) != first)
    }

    @Test func aTimeWindowIsMetWherePossibleAndSaidWhereNot() throws {
        let people = population(60, seed: 5)
        var sampler = Sampler(seed: 1)
        sampler.reference = CalendarDate("2026-11-20")
        let window = TimeWindow(domain: "2", percent: 60, fromMonths: 3, toMonths: 6)
        sampler.windows = [window]
        let draw = sampler.draw(people, framework: framework)[0]
        let reference = try #require(sampler.reference)
        let inWindow = draw.cases.filter { $0.startDate.map { window.contains($0, before: reference) } ?? false }.count
        let available = people.members.filter { $0.startDate.map { window.contains($0, before: reference) } ?? false }.count
        let wanted = (draw.cases.count * 60 + 99) / 100
        #expect(inWindow >= min(wanted, available))
        // A window the population cannot fill is reported, with the numbers.
        sampler.windows = [TimeWindow(domain: "2", percent: 100, fromMonths: 3, toMonths: 4)]
        let short = sampler.draw(people, framework: framework)[0]
        #expect(
            short.shortfalls.contains {
                $0.hasPrefix("time window 3-4 months: 100% of \(short.cases.count) is \(short.cases.count) cases, but only")
            })
        // Months are counted on the calendar: 20 May is six months before 20 November.
        #expect(window.contains(try #require(CalendarDate("2026-05-20")), before: reference))
        #expect(!window.contains(try #require(CalendarDate("2026-05-19")), before: reference))
        #expect(window.contains(try #require(CalendarDate("2026-08-20")), before: reference))
        #expect(!window.contains(try #require(CalendarDate("2026-08-21")), before: reference))
    }

    @Test func casesAreAllocatedEvenlyCourtAndOutOfCourtAlike() {
        let court = Sampler(seed: 1).draw(population(17, seed: 1), framework: framework)
        let outOfCourt = Sampler(seed: 1).draw(population(13, seed: 2, domain: "3"), framework: framework)
        let draws = court + outOfCourt
        let inspectors = ["Ann", "Bob", "Cal", "Dee"]
        let allocation = Sampler.allocate(draws, to: inspectors)
        #expect(allocation.count == draws.reduce(0) { $0 + $1.cases.count })
        for draw in draws {
            let counts = inspectors.map { name in draw.cases.filter { allocation[$0.id] == name }.count }
            #expect((counts.max() ?? 0) - (counts.min() ?? 0) <= 1, "\(draw.domain): \(counts)")
        }
        let totals = inspectors.map { name in allocation.values.filter { $0 == name }.count }
        #expect((totals.max() ?? 0) - (totals.min() ?? 0) <= 1, "\(totals)")
    }

    @Test func aPopulationFileIsReadWithOtherSpellingsAndItsProblemsNamed() throws {
        let text =
            "\u{FEFF}Case ID,Court or out of court,Sentence,Sex,RoSH,Safety and wellbeing,Start date,Notes\r\n"
            + "A1,Court,Referral order,female,Medium,very high,2026-06-01,\"seen, twice\"\r\nB2,out-of-court,youth-caution,male,low,low,,\r\n"
        let read = try Population.read(text, file: "p.csv", framework: framework)
        #expect(read.members.map(\.id) == ["A1", "B2"])
        #expect(read.members[0].disposal == "referral-order")
        #expect(read.members[0].safetyAndWellbeing == .veryHigh)
        #expect(read.members[1].domain == "3")
        let bad =
            "id,domain,disposal,gender,risk_of_serious_harm,safety_and_wellbeing,start_date\nA1,court,parole,male,low,severe,2026-13-01\n"
        #expect {
            try Population.read(bad, file: "p.csv", framework: framework)
        } throws: { error in
            let lines = (error as? FileProblems)?.diagnostics.map(\.description) ?? []
            return lines.count == 3 && lines[0].hasPrefix("p.csv:2:3: disposal \"parole\" is not one of this domain's")
                && lines[1].hasPrefix("p.csv:2:6: safety and wellbeing \"severe\"")
                && lines[2] == "p.csv:2:7: start date \"2026-13-01\": expected YYYY-MM-DD"
        }
    }
}
