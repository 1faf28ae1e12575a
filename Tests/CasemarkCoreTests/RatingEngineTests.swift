import Testing

@testable import CasemarkCore

@Suite("Rating engine: key-question bands")
struct KeyQuestionBandTests {
    let engine = RatingEngine(framework: Frameworks.y2020)

    @Test(
        "bands on the exact fraction",
        arguments: [
            (4, 5, "outstanding"),  // exactly 80%
            (8, 10, "outstanding"),
            (79, 100, "good"),  // just under 80%
            (39, 49, "good"),  // 79.59%: prints as 79, not 80
            (13, 20, "good"),  // exactly 65%
            (11, 17, "requires-improvement"),  // 64.7%: 65 when rounded, but under 65 as a fraction
            (1, 2, "requires-improvement"),  // exactly 50%
            (49, 100, "inadequate"),  // just under 50%
            (0, 3, "inadequate"),
            (16, 16, "outstanding"),
        ])
    func band(yes: Int, applicable: Int, expected: String) {
        #expect(engine.band(yes: yes, applicable: applicable)?.id == expected)
    }

    @Test func noApplicableCaseHasNoBand() {
        #expect(engine.band(yes: 0, applicable: 0) == nil)
        #expect(engine.displayPercent(yes: 0, applicable: 0) == nil)
    }

    @Test(
        "percentages print as whole numbers, half up, never contradicting the band",
        arguments: [
            (14, 16, 88),  // 87.5 -> 88 (Camden 2.1.3)
            (11, 15, 73),
            (8, 9, 89),
            (39, 49, 79),  // 79.59: Good, so not 80
            (11, 17, 64),  // 64.7: Requires improvement, so not 65
            (99, 199, 49),  // 49.75: Inadequate, so not 50
            (1, 8, 13),  // 12.5 -> 13
            (1, 3, 33),
        ])
    func displayPercent(yes: Int, applicable: Int, expected: Int) {
        #expect(engine.displayPercent(yes: yes, applicable: applicable) == expected)
    }

    @Test func marginsToTheNextBands() {
        // Camden 2.2.3: 11/15 = 73% Good; one more yes is 12/15 = 80% Outstanding.
        #expect(engine.toNextBandUp(yes: 11, applicable: 15) == 1)
        // 11/15 drops to Requires improvement at 9/15 = 60%: two fewer.
        #expect(engine.toNextBandDown(yes: 11, applicable: 15) == 2)
        // Exactly 80%: one fewer drops it.
        #expect(engine.toNextBandDown(yes: 4, applicable: 5) == 1)
        #expect(engine.toNextBandUp(yes: 4, applicable: 5) == nil)
        // Inadequate 0/10: 5 more reach 50%; there is no band below.
        #expect(engine.toNextBandUp(yes: 0, applicable: 10) == 5)
        #expect(engine.toNextBandDown(yes: 0, applicable: 10) == nil)
        // 64.7% needs one more to reach 65% exactly? 12/17 = 70.6%.
        #expect(engine.toNextBandUp(yes: 11, applicable: 17) == 1)
    }

    @Test func keyQuestionResultCarriesCountsAndMargins() {
        let tally = InspectionTally(framework: Frameworks.y2020, cases: casesFor("2.2.3", yes: 11, no: 4, na: 1))
        let question = Frameworks.y2020.keyQuestion("2.2.3")!
        let result = engine.keyQuestionResult(question, tally: tally["2.2.3"])
        #expect(result.tally == KeyQuestionTally(yes: 11, no: 4, notApplicable: 1, unanswered: 0))
        #expect(result.percent == 73)
        #expect(result.band?.id == "good")
        #expect(result.toNextBandUp == 1 && result.nextBandUp?.id == "outstanding")
        #expect(result.toNextBandDown == 2 && result.nextBandDown?.id == "requires-improvement")
    }
}

@Suite("Rating engine: standards, score and overall rating")
struct StandardRatingTests {
    /// An inspection of the 2020 framework in which every case-based key question has
    /// `yes`/`total` and every directly rated core standard has `direct`.
    func inspection(
        yes: Int, total: Int, direct: String = "outstanding", framework: Framework = Frameworks.y2020
    ) -> (InspectionTally, InspectionFile) {
        var cases: [CaseFile] = []
        for domain in framework.caseDomains {
            let disposal = framework.disposals.first { $0.domain == domain.number }!.id
            for index in 0..<total {
                var file = makeCase("D\(domain.number)-\(index)", framework: framework, domain: domain.number, disposal: disposal)
                for question in framework.caseKeyQuestions(domain: domain.number) {
                    file.answers[question.number] = Answer(judgement: index < yes ? .yes : .no)
                }
                cases.append(file)
            }
        }
        var file = InspectionFile(service: "Test YOS", framework: framework.id)
        for standard in framework.standards where standard.rated == .directly && standard.core {
            file.ratings[standard.number] = DirectRating(rating: direct)
        }
        return (InspectionTally(framework: framework, cases: cases), file)
    }

    @Test func standardTakesItsLowestKeyQuestionBand() {
        var cases = casesFor("2.1.1", yes: 5, no: 0)
        for index in cases.indices {
            cases[index].answers["2.1.2"] = Answer(judgement: index < 3 ? .yes : .no)  // 60%: RI
            cases[index].answers["2.1.3"] = Answer(judgement: index < 4 ? .yes : .no)  // 80%
        }
        let engine = RatingEngine(framework: Frameworks.y2020)
        let result = engine.rate(
            Frameworks.y2020.standard("2.1")!, tally: InspectionTally(framework: Frameworks.y2020, cases: cases),
            inspection: InspectionFile(service: "S", framework: "hmip-yos-2020-09"))
        #expect(result.keyQuestions.map { $0.band?.id } == ["outstanding", "requires-improvement", "outstanding"])
        #expect(result.computed?.id == "requires-improvement")
        #expect(result.final?.id == "requires-improvement")
    }

    @Test func allOutstandingScoresThirtySix() {
        let (tally, file) = inspection(yes: 5, total: 5)
        let ratings = RatingEngine(framework: Frameworks.y2020).rate(tally: tally, inspection: file)
        #expect(ratings.missing == [])
        #expect(ratings.score == 36)
        #expect(ratings.overall?.id == "outstanding")
        #expect(ratings.standard("2.5")?.final == nil)  // resettlement not rated: no cap
    }

    @Test func resettlementInadequateCapsAnOutstandingOverallAtGoodAndKeepsTheScore() {
        var (tally, file) = inspection(yes: 5, total: 5)
        file.ratings["2.5"] = DirectRating(rating: "inadequate", note: "no resettlement planning")
        let ratings = RatingEngine(framework: Frameworks.y2020).rate(tally: tally, inspection: file)
        #expect(ratings.score == 36)
        #expect(ratings.scoreRating?.id == "outstanding")
        #expect(ratings.overall?.id == "good")
        #expect(ratings.limitedBy?.standard == "2.5")
    }

    @Test func resettlementInadequateLeavesALowerOverallAlone() {
        var (tally, file) = inspection(yes: 3, total: 5, direct: "requires-improvement")  // 60%: all RI, score 12
        file.ratings["2.5"] = DirectRating(rating: "inadequate")
        let ratings = RatingEngine(framework: Frameworks.y2020).rate(tally: tally, inspection: file)
        #expect(ratings.score == 12)
        #expect(ratings.overall?.id == "requires-improvement")
        #expect(ratings.limitedBy == nil)
    }

    @Test func resettlementDoesNotCountTowardsTheScore() {
        var (tally, file) = inspection(yes: 3, total: 5, direct: "requires-improvement")
        file.ratings["2.5"] = DirectRating(rating: "outstanding")
        let ratings = RatingEngine(framework: Frameworks.y2020).rate(tally: tally, inspection: file)
        #expect(ratings.score == 12)
    }

    @Test func aMissingDirectRatingMeansNoScoreOrOverall() {
        var (tally, file) = inspection(yes: 5, total: 5)
        file.ratings["1.3"] = nil
        let ratings = RatingEngine(framework: Frameworks.y2020).rate(tally: tally, inspection: file)
        #expect(ratings.score == nil)
        #expect(ratings.overall == nil)
        #expect(ratings.missing == ["1.3 Partnerships and services: no direct rating recorded"])
    }

    /// Rule decision 9(a) of issue 13: a key question every case was judged not applicable to is
    /// left out of its standard's rating, with a warning; the standard is rated from the others.
    @Test func aKeyQuestionNoCaseAppliesToIsLeftOutOfItsStandardWithAWarning() {
        var (tally, file) = inspection(yes: 5, total: 5)
        _ = file
        for index in 0..<5 {
            var old = makeCase("D2-\(index)", domain: "2", disposal: "referral-order")
            for question in Frameworks.y2020.caseKeyQuestions(domain: "2") {
                old.answers[question.number] = Answer(judgement: .yes)
            }
            var new = old
            new.answers["2.4.2"] = Answer(judgement: .na)
            tally.replace(old, with: new)
        }
        let ratings = RatingEngine(framework: Frameworks.y2020).rate(tally: tally, inspection: file)
        #expect(ratings.standard("2.4")?.computed?.id == "outstanding")
        #expect(ratings.standard("2.4")?.keyQuestions.map(\.band?.id) == ["outstanding", nil, "outstanding"])
        #expect(ratings.standard("2.4")?.ratedWithout == ["2.4.2"])
        #expect(ratings.standard("2.4")?.ratedWithoutWarning == "rated without 2.4.2: no case it applies to")
        #expect(ratings.missing == [])
        #expect(ratings.score == 36)
        for format in ReportFormat.allCases {
            let report = InspectionReport(
                service: "S", framework: Frameworks.y2020, ratings: ratings, caseCounts: tally.caseCounts, unansweredCount: 0)
            #expect(format.render(report).contains("2.4.2"), "\(format)")
            #expect(
                format.render(report).contains(format == .csv || format == .json ? "2.4.2" : "rated without 2.4.2: no case it applies to"),
                "\(format)")
        }
    }

    /// The case issue 13 names: a 2018 inspection whose out-of-court sample has no youth
    /// conditional caution has no case 3.4.2 (asked only in those) applies to.
    ///
    /// 3.4 is rated from 3.4.1, and the inspection has its score.
    @Test func aTwentyEighteenInspectionWithNoYouthConditionalCautionIsRated() {
        let framework = Frameworks.y2018
        var cases: [CaseFile] = []
        for (domain, disposal) in [("2", "referral-order"), ("3", "youth-caution")] {
            for index in 0..<5 {
                var file = makeCase("D\(domain)-\(index)", framework: framework, domain: domain, disposal: disposal)
                for question in framework.caseKeyQuestions(domain: domain) {
                    file.answers[question.number] = Answer(judgement: index < 4 ? .yes : .no)
                }
                cases.append(file)
            }
        }
        var file = InspectionFile(service: "S", framework: framework.id)
        for standard in framework.standards where standard.rated == .directly {
            file.ratings[standard.number] = DirectRating(rating: "good")
        }
        let ratings = RatingEngine(framework: framework).rate(tally: InspectionTally(framework: framework, cases: cases), inspection: file)
        #expect(ratings.standard("3.4")?.keyQuestions.map(\.tally.applicable) == [5, 0])
        #expect(ratings.standard("3.4")?.computed?.id == "outstanding")
        #expect(ratings.standard("3.4")?.ratedWithout == ["3.4.2"])
        #expect(ratings.score == 4 * 2 + 8 * 3)
    }

    /// A key question with cases still to judge and none applicable yet keeps its standard
    /// unrated: it is open, not inapplicable.
    @Test func aKeyQuestionStillToJudgeLeavesItsStandardUnrated() {
        let built = inspection(yes: 5, total: 5)
        var tally = built.0
        let file = built.1
        var old = makeCase("D2-0", domain: "2", disposal: "referral-order")
        for question in Frameworks.y2020.caseKeyQuestions(domain: "2") { old.answers[question.number] = Answer(judgement: .yes) }
        var new = old
        new.answers["2.4.2"] = nil
        tally.replace(old, with: new)
        for index in 1..<5 {
            var before = makeCase("D2-\(index)", domain: "2", disposal: "referral-order")
            for question in Frameworks.y2020.caseKeyQuestions(domain: "2") { before.answers[question.number] = Answer(judgement: .yes) }
            var after = before
            after.answers["2.4.2"] = Answer(judgement: .na)
            tally.replace(before, with: after)
        }
        let ratings = RatingEngine(framework: Frameworks.y2020).rate(tally: tally, inspection: file)
        #expect(ratings.standard("2.4")?.computed == nil)
        #expect(ratings.missing == ["2.4 Reviewing: key question 2.4.2 has no applicable case"])
        #expect(ratings.score == nil)
    }

    /// Rule decision 9(b) of issue 13: the September 2020 response removed sub-samples "in relation
    /// to domain three questions" and said nothing of domain two.
    ///
    /// The 2020 file encodes none in either domain, on the evidence of the one inspection under it
    /// (BG&C counts every court planning and delivery key question "of the five cases inspected"),
    /// and says so in its notes; under 2018 a case judged low is outside the sub-sample.
    @Test func domainTwoSubSamplesAreNotEncodedAfterTwentyTwenty() throws {
        let framework = Frameworks.y2020
        #expect(framework.caseKeyQuestions(domain: "2").allSatisfy { $0.applicability == nil })
        #expect(framework.caseKeyQuestions(domain: "3").allSatisfy { $0.applicability == nil })
        let note = try #require(framework.notes.first { $0.contains("Domain two (decision)") })
        #expect(note.contains("in relation to domain three questions"))
        #expect(note.contains("four out of the five cases"))
        var low = makeCase("C1", framework: framework, ["2.2.2": .yes])
        low.details.safetyAndWellbeing = .low
        #expect(InspectionTally(framework: framework, cases: [low])["2.2.2"].applicable == 1)
        var old = makeCase("C1", framework: Frameworks.y2018, ["2.2.2": .yes])
        old.details.safetyAndWellbeing = .low
        #expect(InspectionTally(framework: Frameworks.y2018, cases: [old])["2.2.2"].applicable == 0)
    }

    @Test func aDomainWithNoCasesLeavesItsStandardsUnrated() {
        let file = inspection(yes: 5, total: 5).1
        let courtOnly = casesFor("2.1.1", yes: 1, no: 0)
        let ratings = RatingEngine(framework: Frameworks.y2020).rate(
            tally: InspectionTally(framework: Frameworks.y2020, cases: courtOnly), inspection: file)
        #expect(ratings.missing.contains("3.1 Assessment: key questions 3.1.1, 3.1.2, 3.1.3 have no applicable case"))
        #expect(ratings.overall == nil)
    }

    @Test func discretionRaisesAndLowersTheFinalRatingKeepingTheComputedOne() {
        var (tally, file) = inspection(yes: 4, total: 5)  // all 80%: Outstanding
        file.discretion["2.2"] = Discretion(rating: "good", reason: "panel lowered it")
        file.discretion["1.1"] = Discretion(rating: "outstanding", reason: "no change")
        (tally, _) = (tally, ())
        var lower = RatingEngine(framework: Frameworks.y2020).rate(tally: tally, inspection: file)
        #expect(lower.standard("2.2")?.computed?.id == "outstanding")
        #expect(lower.standard("2.2")?.final?.id == "good")
        #expect(lower.standard("2.2")?.discretion?.reason == "panel lowered it")
        #expect(lower.score == 35)
        #expect(lower.overall?.id == "outstanding")

        let (lowTally, lowFile) = inspection(yes: 3, total: 5, direct: "good")  // cases 60%: RI
        var raised = lowFile
        raised.discretion["2.3"] = Discretion(rating: "good", reason: "small sample")
        lower = RatingEngine(framework: Frameworks.y2020).rate(tally: lowTally, inspection: raised)
        #expect(lower.standard("2.3")?.computed?.id == "requires-improvement")
        #expect(lower.standard("2.3")?.final?.id == "good")
        // 4 direct core standards at Good (8) + 7 case standards at RI, one raised to Good (8) + 3.4 Good (2)
        #expect(lower.score == 8 + 6 + 2 + 2)
    }

    @Test func overallBandEdges() {
        let framework = Frameworks.y2020
        let engine = RatingEngine(framework: framework)
        // Score 31 with 2.2 computed Good: Camden's position.
        var (tally, file) = inspection(yes: 5, total: 5)
        file.discretion["2.2"] = Discretion(rating: "good", reason: "r")
        file.discretion["2.3"] = Discretion(rating: "good", reason: "r")
        file.discretion["2.4"] = Discretion(rating: "good", reason: "r")
        file.discretion["3.1"] = Discretion(rating: "good", reason: "r")
        file.discretion["3.2"] = Discretion(rating: "good", reason: "r")
        #expect(engine.rate(tally: tally, inspection: file).score == 31)
        #expect(engine.rate(tally: tally, inspection: file).overall?.id == "outstanding")
        file.discretion["3.3"] = Discretion(rating: "good", reason: "r")
        #expect(engine.rate(tally: tally, inspection: file).score == 30)
        #expect(engine.rate(tally: tally, inspection: file).overall?.id == "good")
        (tally, file) = inspection(yes: 0, total: 5, direct: "inadequate")
        #expect(engine.rate(tally: tally, inspection: file).score == 0)
        #expect(engine.rate(tally: tally, inspection: file).overall?.id == "inadequate")
        file.discretion["1.1"] = Discretion(rating: "outstanding", reason: "r")
        file.discretion["1.2"] = Discretion(rating: "outstanding", reason: "r")
        file.discretion["1.3"] = Discretion(rating: "requires-improvement", reason: "r")
        #expect(engine.rate(tally: tally, inspection: file).score == 7)
        #expect(engine.rate(tally: tally, inspection: file).overall?.id == "requires-improvement")
    }
}

@Suite("Rating engine: applicability and incremental tallies")
struct TallyTests {
    @Test func anApplicabilityConditionOverridesAStoredAnswer() {
        let framework = Frameworks.y2018
        // 3.4.2 applies only to youth conditional cautions: a youth caution's "yes" counts as N/A.
        let ycc = makeCase("A", framework: framework, domain: "3", disposal: "youth-conditional-caution", ["3.4.2": .yes])
        let caution = makeCase("B", framework: framework, domain: "3", disposal: "youth-caution", ["3.4.2": .yes])
        let unanswered = makeCase("C", framework: framework, domain: "3", disposal: "community-resolution")
        let tally = InspectionTally(framework: framework, cases: [ycc, caution, unanswered])
        #expect(tally["3.4.2"] == KeyQuestionTally(yes: 1, no: 0, notApplicable: 2, unanswered: 0))
    }

    @Test func subSampleConditionsFollowTheInspectorsClassification() {
        let framework = Frameworks.y2018
        var low = makeCase("A", framework: framework, domain: "2", disposal: "referral-order", ["2.2.3": .no, "2.1.3": .no])
        low.details.riskOfSeriousHarm = .low
        var medium = low
        medium.ref = "B"
        medium.details.riskOfSeriousHarm = .medium
        let tally = InspectionTally(framework: framework, cases: [low, medium])
        #expect(tally["2.2.3"] == KeyQuestionTally(yes: 0, no: 1, notApplicable: 1))
        // Assessment is not sub-sampled.
        #expect(tally["2.1.3"] == KeyQuestionTally(yes: 0, no: 2))
    }

    @Test func replacingACaseAdjustsOnlyItsCounts() {
        let framework = Frameworks.y2020
        let cases = casesFor("2.1.1", yes: 3, no: 2)
        var tally = InspectionTally(framework: framework, cases: cases)
        var changed = cases[4]
        changed.answers["2.1.1"] = Answer(judgement: .yes)
        tally.replace(cases[4], with: changed)
        let rebuilt = InspectionTally(framework: framework, cases: Array(cases[0..<4]) + [changed])
        #expect(tally.counts == rebuilt.counts)
        #expect(tally["2.1.1"] == KeyQuestionTally(yes: 4, no: 1))
        #expect(tally["2.1.2"] == KeyQuestionTally(unanswered: 5))
        tally.remove(changed)
        #expect(tally["2.1.1"] == KeyQuestionTally(yes: 3, no: 1))
        #expect(tally.caseCounts["2"] == 4)
    }
}
