/// The report as JSON: a contract other tools read (see README, "Report JSON").
///
/// Ratings are given by id; figures that do not exist yet are null.
public struct JSONReportRenderer: Sendable {
    public init() {}

    /// The report as JSON text, with no invisible or control character raw in it (see
    /// `escapingInvisibles`).
    public func render(_ report: InspectionReport) -> String {
        Self.escapingInvisibles(JSONWriter.string(from: jsonValue(report)))
    }

    /// JSON text with every character `TerminalText.isControl` names (bidirectional overrides,
    /// zero-width characters, the byte-order mark, as well as controls) written as a `\u` escape,
    /// so a report printed or opened in an editor shows them.
    ///
    /// The JSON means the same: outside strings the writer puts only line ends, which are kept.
    /// Case files keep such text as it is (saving takes the writer's faster path).
    static func escapingInvisibles(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: { TerminalText.isControl($0) && $0 != "\n" }) else { return json }
        var result = ""
        result.unicodeScalars.reserveCapacity(json.unicodeScalars.count)
        for scalar in json.unicodeScalars {
            if TerminalText.isControl(scalar) && scalar != "\n" {
                // Every such character is in the Basic Multilingual Plane: four hex digits.
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    public func jsonValue(_ report: InspectionReport) -> JSONValue {
        let ratings = report.ratings
        var cases = JSONObject()
        for domain in report.framework.caseDomains {
            cases[domain.number] = .integer(report.caseCounts[domain.number] ?? 0)
        }
        var object = JSONObject([
            "service": .string(report.service),
            "framework": .string(report.framework.id),
            "frameworkTitle": .string(report.framework.title),
            "frameworkCaveat": report.framework.caveat.map(JSONValue.string) ?? .null,
            "cases": .object(cases),
            "unanswered": .integer(report.unansweredCount),
            "standards": .array(ratings.standards.map(standardValue)),
        ])
        object["score"] = ratings.score.map(JSONValue.integer) ?? .null
        object["maximumScore"] = .integer(report.framework.maximumScore)
        object["overallRating"] = ratings.overall.map { .string($0.id) } ?? .null
        object["scoreRating"] = ratings.scoreRating.map { .string($0.id) } ?? .null
        if let rule = ratings.limitedBy {
            object["limitedBy"] = .object(
                JSONObject([
                    "standard": .string(rule.standard), "whenRating": .string(rule.whenRating),
                    "overallAtMost": .string(rule.overallAtMost),
                ]))
        } else {
            object["limitedBy"] = .null
        }
        object["missing"] = .array(ratings.missing.map(JSONValue.string))
        object["promptDenominator"] = .string(report.promptDenominator.rawValue)
        guard report.includeReview else {
            object["review"] = .null
            return .object(object)
        }
        var review = JSONObject()
        for status in ReviewStatus.allCases {
            review[status.jsonKey] = .integer(report.reviewCounts[status] ?? 0)
        }
        review["outOfDateRefs"] = .array(report.outOfDateSignOffs.map(JSONValue.string))
        review["challengedSignOffRefs"] = .array(report.challengedSignOffs.map(JSONValue.string))
        review["openChallenges"] = .array(
            report.openChallenges.map { challenge in
                var item = JSONObject(["ref": .string(challenge.ref), "item": .string(challenge.item)])
                item["by"] = challenge.by.map(JSONValue.string) ?? .null
                item["comment"] = challenge.comment.map(JSONValue.string) ?? .null
                item["answered"] = .bool(challenge.answered)
                return .object(item)
            })
        review["unresolvedConflicts"] = .array(report.unresolvedConflicts.map(JSONValue.string))
        object["undecidedCases"] = .array(report.undecidedCases.map(JSONValue.string))
        object["completedWithGaps"] = .array(report.completedWithGaps.map(JSONValue.string))
        object["casesAssessed"] = casesAssessedValue(report.casesAssessed)
        object["sampleDrawn"] = report.casesAssessed.population?.jsonValue() ?? .null
        object["review"] = .object(review)
        return .object(object)
    }

    /// Each table: the detail, the cases per domain, and each group's count per domain.
    private func casesAssessedValue(_ assessed: CasesAssessed) -> JSONValue {
        .array(
            assessed.tables.map { table in
                let cases = JSONObject(table.domains.map { JSONObject.Member(key: $0, value: .integer(table.cases[$0] ?? 0)) })
                let rows = table.rows.map { row in
                    JSONValue.object(
                        JSONObject([
                            "label": .string(row.label),
                            "counts": .object(
                                JSONObject(table.domains.map { JSONObject.Member(key: $0, value: .integer(row.counts[$0] ?? 0)) })),
                            "total": .integer(row.total(table.domains)),
                        ]))
                }
                return .object(
                    JSONObject([
                        "detail": .string(table.id), "label": .string(table.label), "cases": .object(cases),
                        "total": .integer(table.total), "rows": .array(rows),
                    ]))
            })
    }

    private func standardValue(_ standard: StandardResult) -> JSONValue {
        var object = JSONObject([
            "number": .string(standard.number),
            "title": .string(standard.title),
            "core": .bool(standard.core),
            "rated": .string(standard.rated.rawValue),
        ])
        object["computedRating"] = standard.computed.map { .string($0.id) } ?? .null
        object["rating"] = standard.final.map { .string($0.id) } ?? .null
        if let discretion = standard.discretion {
            object["discretion"] = .object(
                JSONObject(["rating": .string(discretion.rating), "reason": .string(discretion.reason)]))
        } else {
            object["discretion"] = .null
        }
        if let declined = standard.declinedDiscretion {
            object["declinedDiscretion"] = .object(JSONObject(["reason": .string(declined.reason)]))
        } else {
            object["declinedDiscretion"] = .null
        }
        object["note"] = standard.note.map(JSONValue.string) ?? .null
        object["unratedReason"] = standard.unratedReason.map(JSONValue.string) ?? .null
        object["ratedWithout"] = .array(standard.ratedWithout.map(JSONValue.string))
        object["keyQuestions"] = .array(standard.keyQuestions.map(keyQuestionValue))
        return .object(object)
    }

    func keyQuestionValue(_ question: KeyQuestionResult) -> JSONValue {
        var object = JSONObject([
            "number": .string(question.number),
            "text": .string(question.text),
            "yes": .integer(question.tally.yes),
            "no": .integer(question.tally.no),
            "notApplicable": .integer(question.tally.notApplicable),
            "unanswered": .integer(question.tally.unanswered),
            "applicable": .integer(question.tally.applicable),
        ])
        object["percent"] = question.percent.map(JSONValue.integer) ?? .null
        object["band"] = question.band.map { .string($0.id) } ?? .null
        object["toNextBandUp"] = question.toNextBandUp.map(JSONValue.integer) ?? .null
        object["toNextBandDown"] = question.toNextBandDown.map(JSONValue.integer) ?? .null
        object["lowest"] = .bool(question.lowest)
        if let interval = question.interval {
            object["interval"] = .object(
                JSONObject([
                    "confidence": .integer(interval.confidence), "low": .number(ScoreInterval.format(interval.lowPercent)),
                    "high": .number(ScoreInterval.format(interval.highPercent)),
                ]))
        } else {
            object["interval"] = .null
        }
        object["intervalCrosses"] = .array(question.intervalCrosses.map(JSONValue.integer))
        object["subSample"] = .bool(question.isSubSample)
        object["prompts"] = .array(
            question.prompts.map { prompt in
                var item = JSONObject([
                    "letter": .string(prompt.shownLetter), "key": .string(prompt.letter), "text": .string(prompt.text),
                    "yes": .integer(prompt.tally.yes),
                    "no": .integer(prompt.tally.no), "notApplicable": .integer(prompt.tally.notApplicable),
                    "applicable": .integer(prompt.tally.applicable),
                ])
                item["percent"] = prompt.percent.map(JSONValue.integer) ?? .null
                return .object(item)
            })
        return .object(object)
    }
}

extension ReviewStatus {
    /// The status as a camelCase key of the JSON report's `review`: "notReviewed", "outOfDate".
    var jsonKey: String {
        switch self {
        case .notReviewed: "notReviewed"
        case .inReview: "inReview"
        case .returned: "returned"
        case .signedOff: "signedOff"
        case .outOfDate: "outOfDate"
        }
    }
}
