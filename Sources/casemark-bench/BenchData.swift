import CasemarkCore
import Foundation

/// Inspections made up for the benchmark from a fixed seed: court and out-of-court cases in the
/// proportions of a real sample, every key question judged, most prompts answered, short notes,
/// the history marking them left, and most cases signed off.
enum BenchData {
    /// An inspection team's names, several longer than the 15 bytes Swift keeps inline.
    static let inspectors = [
        "Amira Hussain", "Benedict Okonkwo-Hale", "Catherine Lindqvist", "Dev Patel", "Eleanor Fitzgerald",
        "Fatima Al-Rashid", "Gareth Llewellyn",
    ]

    /// The times of an inspector's keys while marking one case: a few seconds apart.
    struct MarkingClock {
        var day: Int
        var hour: Int
        var seconds = 0

        mutating func next(_ random: inout SplitMix64) -> String {
            seconds += 3 + Int(random.next() % 30)
            return "2026-11-\(day)T\(String(format: "%02d:%02d:%02d", hour + seconds / 3600, seconds / 60 % 60, seconds % 60))Z"
        }
    }

    /// Writes an inspection of `count` cases under `framework` at `path` (files written plainly:
    /// making the data is not what is measured).
    static func make(cases count: Int, framework: Framework, at path: String, seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        var folder = try InspectionFolder.create(at: path, service: "Benchmark Youth Justice Service", framework: framework)
        for standard in framework.standards where standard.rated == .directly {
            folder.inspection.ratings[standard.number] = DirectRating(rating: "good", note: "benchmark")
        }
        try folder.saveInspection()
        let court = framework.disposals.filter { $0.domain == "2" }.map(\.id)
        let outOfCourt = framework.disposals.filter { $0.domain == "3" }.map(\.id)
        for index in 0..<count {
            let isCourt = index % 5 < 3
            let ref = (isCourt ? "C" : "O") + String(index + 1)
            let disposals = isCourt ? court : outOfCourt
            var file = CaseFile(
                ref: ref, framework: framework.id, domain: isCourt ? "2" : "3",
                disposal: disposals[Int(random.next() % UInt64(disposals.count))])
            let inspector = inspectors[index % inspectors.count]
            file.details.inspector = inspector
            var clock = MarkingClock(day: 16 + index % 5, hour: 9 + index % 8)
            file.details.riskOfSeriousHarm = ClassificationLevel.allCases[Int(random.next() % 4)]
            file.details.safetyAndWellbeing = ClassificationLevel.allCases[Int(random.next() % 4)]
            for question in framework.caseKeyQuestions(domain: file.domain) {
                let roll = random.next() % 100
                let judgement: Judgement = roll < 72 ? .yes : roll < 95 ? .no : .na
                var answer = Answer(judgement: judgement)
                for prompt in question.prompts where judgement != .na {
                    answer.prompts[prompt.letter] = random.next() % 10 < 8 ? .yes : .no
                }
                if random.next() % 4 == 0 { answer.note = "Evidence seen in the case record and discussed with the case manager." }
                file.answers[question.number] = answer
                // The history marking leaves: an entry for each answer given, as casemark records
                // it (a note by its length), each key a few seconds after the last.
                for (letter, given) in answer.prompts {
                    file.history.append(
                        HistoryEntry(
                            at: clock.next(&random), by: inspector, field: .prompt, item: question.number + "/" + letter, old: nil,
                            new: given.rawValue))
                }
                file.history.append(
                    HistoryEntry(
                        at: clock.next(&random), by: inspector, field: .judgement, item: question.number, old: nil, new: judgement.rawValue)
                )
                if let note = answer.note {
                    file.history.append(
                        HistoryEntry(
                            at: clock.next(&random), by: inspector, field: .note, item: question.number, old: nil,
                            new: "\(note.count) characters"))
                }
            }
            // Most cases signed off by a manager after fieldwork, as casemark records it: with the
            // history's length and the challenges open then (none).
            if random.next() % 10 < 7 {
                var signOff = ReviewOutcome(
                    kind: .signedOff, by: "Manager \(index % 3 + 1)", date: "2026-11-21", answersDigest: file.answersDigest)
                signOff.historyLength = file.history.count
                signOff.openChallenges = []
                file.review.outcome = signOff
            }
            let bytes = Data(file.encoded())
            guard
                FileManager.default.createFile(atPath: path + "/cases/\(ref).json", contents: bytes, attributes: [.posixPermissions: 0o600])
            else {
                throw BenchFailure("cannot write \(path)/cases/\(ref).json")
            }
        }
    }
}
