import CasemarkCore

/// What one change moved in the inspection's ratings: the key questions whose counts changed, the
/// standards whose rating changed (or was held by a ratings panel decision), the score and the
/// overall rating.
///
/// The screens mark these until the next key, so a trainer sees an answer move a band ("Score
/// 31 → 30", "2.4.2 4/4 → 3/4").
public struct RatingMovement: Equatable, Sendable {
    /// A key question whose yes / applicable count changed.
    public struct KeyQuestionMove: Equatable, Sendable {
        public var number: String
        public var before: KeyQuestionTally
        public var after: KeyQuestionTally
        public var bandBefore: RatingLevel?
        public var bandAfter: RatingLevel?

        /// "2.4.2 4/4 → 3/4", with the band when it moved ("(Outstanding → Good)").
        public var text: String {
            var text = "\(number) \(before.yes)/\(before.applicable) → \(after.yes)/\(after.applicable)"
            if bandBefore != bandAfter {
                text += " (\(RatingText.short(bandBefore).label(or: "no band")) → \(RatingText.short(bandAfter).label(or: "no band")))"
            }
            return text
        }
    }

    /// A standard whose final rating changed, or whose computed rating changed while a ratings
    /// panel decision held the final one where it was.
    public struct StandardMove: Equatable, Sendable {
        public var number: String
        public var before: RatingLevel?
        public var after: RatingLevel?
        /// Whether a ratings panel decision holds the final rating where it was (`before` ==
        /// `after`) while the key questions alone moved the computed one, to `computed`.
        public var isHeld = false
        public var computed: RatingLevel?

        /// "2.4 Good → Outstanding", or "2.4 held at Good by the ratings panel (computed Inadequate)".
        public var text: String {
            if isHeld {
                return
                    "\(number) held at \(RatingText.short(after)) by the ratings panel (computed \(RatingText.short(computed).label(or: "none")))"
            }
            return "\(number) \(RatingText.short(before).label(or: "not rated")) → \(RatingText.short(after).label(or: "not rated"))"
        }
    }

    public var keyQuestions: [KeyQuestionMove]
    public var standards: [StandardMove]
    public var scoreBefore: Int?
    public var scoreAfter: Int?
    public var overallBefore: RatingLevel?
    public var overallAfter: RatingLevel?

    public var scoreMoved: Bool { scoreBefore != scoreAfter }
    public var overallMoved: Bool { overallBefore != overallAfter }

    /// What moved between two ratings of the same framework; nil when nothing did.
    public init?(from before: InspectionRatings, to after: InspectionRatings) {
        var keyQuestions: [KeyQuestionMove] = []
        var standards: [StandardMove] = []
        for (old, new) in zip(before.standards, after.standards) where old.number == new.number {
            for (oldQuestion, newQuestion) in zip(old.keyQuestions, new.keyQuestions)
            where oldQuestion.tally.yes != newQuestion.tally.yes || oldQuestion.tally.applicable != newQuestion.tally.applicable {
                keyQuestions.append(
                    KeyQuestionMove(
                        number: newQuestion.number, before: oldQuestion.tally, after: newQuestion.tally, bandBefore: oldQuestion.band,
                        bandAfter: newQuestion.band))
            }
            if old.final != new.final {
                standards.append(StandardMove(number: new.number, before: old.final, after: new.final))
            } else if old.computed != new.computed, new.discretion != nil {
                standards.append(
                    StandardMove(number: new.number, before: old.final, after: new.final, isHeld: true, computed: new.computed))
            }
        }
        self.keyQuestions = keyQuestions
        self.standards = standards
        scoreBefore = before.score
        scoreAfter = after.score
        overallBefore = before.overall
        overallAfter = after.overall
        if keyQuestions.isEmpty, standards.isEmpty, !scoreMoved, !overallMoved { return nil }
    }

    /// "Score 31 → 30", or nil when the score did not move.
    public var scoreText: String? {
        guard scoreMoved else { return nil }
        return "Score \(scoreBefore.map(String.init) ?? "none") → \(scoreAfter.map(String.init) ?? "none")"
    }

    /// Everything that moved on one line: "2.4.2 4/4 → 3/4 · 2.4 Outstanding → Good · Score 31 → 30".
    public var summary: String {
        var parts = keyQuestions.map(\.text) + standards.map(\.text)
        if let scoreText { parts.append(scoreText) }
        if overallMoved {
            parts.append(
                "Overall \(RatingText.short(overallBefore).label(or: "none")) → \(RatingText.short(overallAfter).label(or: "none"))")
        }
        return parts.joined(separator: " · ")
    }

    /// The move of a key question, if it moved.
    public func keyQuestion(_ number: String) -> KeyQuestionMove? { keyQuestions.first { $0.number == number } }

    /// The move of a standard, if it moved or was held.
    public func standard(_ number: String) -> StandardMove? { standards.first { $0.number == number } }
}

extension String {
    /// "-" (no rating) read as `word` where a sentence needs one.
    fileprivate func label(or word: String) -> String { self == "-" ? word : self }
}
