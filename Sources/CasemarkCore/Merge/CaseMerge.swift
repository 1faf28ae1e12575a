/// Merges two versions of one case file field by field: a prompt answer, a judgement, a note, a
/// detail, a reviewer's item.
///
/// What one version changed is taken, the same change in both is taken once, histories, replies and
/// review outcomes are joined, and only a field changed differently in both is a conflict, with
/// both values and who set each.
///
/// With the version both started from (`base`: a git merge, or a save against the file as it
/// was read) the merge is an ordinary three-way one. Without it (two folders) the histories say
/// who changed what: both copies share the history they started with, and an entry only one of
/// them has is a change that copy made.
public enum CaseMerge {
    /// What happens to a field both versions changed.
    public enum ClashHandling: Sendable {
        /// Keep the first version's value and record a `MergeConflict` in the file (merges).
        case recordConflict
        /// Keep the second version's value, the file on disk, and report the first version's
        /// change as not applied (a save or reload of a case someone else changed meanwhile).
        case keepSecond
    }

    /// The merged case and what the merge could not settle.
    public struct Outcome: Sendable {
        /// Nil when the merged document is not a case any more (both versions damaged alike).
        public var merged: CaseFile?
        /// Fields both versions changed differently (recorded in `merged.conflicts` with
        /// `.recordConflict`).
        public var conflicts: [MergeConflict]
        /// With `.keepSecond`: the first version's changes that were not applied, in words.
        public var notApplied: [String]
    }

    /// Merges `ours` and `theirs`, which both started from `base` (nil: from nothing known, then
    /// histories decide).
    ///
    /// `oursSource` and `theirsSource` name the versions in conflicts.
    public static func merge(
        base: CaseFile?, ours: CaseFile, theirs: CaseFile, oursSource: String = "ours", theirsSource: String = "theirs",
        clashes handling: ClashHandling = .recordConflict, reviewOfChangedAnswers: Bool = false
    ) -> Outcome {
        let oursTree = ours.jsonValue()
        let theirsTree = theirs.jsonValue()
        let oursOwn = HistoryKeys(ownEntriesOf: ours.history, against: theirs.history)
        let theirsOwn = HistoryKeys(ownEntriesOf: theirs.history, against: ours.history)
        var tree = TreeMerge(rule: rule)
        tree.onClash = handling == .recordConflict ? .ours : .theirs
        tree.changedBy = { path in
            guard let key = HistoryKeys.key(of: path) else { return nil }
            switch (oursOwn.keys.contains(key), theirsOwn.keys.contains(key)) {
            case (true, false): return .ours
            case (false, true): return .theirs
            default: return nil
            }
        }
        tree.settle = { path, oursValue, theirsValue in
            settle(path, oursValue, theirsValue, oursTree: oursTree, theirsTree: theirsTree)
        }
        let baseState: TreeMerge.Base = base.map { .known($0.jsonValue()) } ?? .unknown
        let mergedTree = tree.merge(base: baseState, ours: oursTree, theirs: theirsTree)
        var notApplied: [String] = []
        let conflicts = tree.clashes.map { clash in
            MergeConflict(
                path: clash.path,
                versions: [
                    MergeConflict.Version(source: oursSource, by: author(of: clash.path, in: ours), value: clash.ours),
                    MergeConflict.Version(source: theirsSource, by: author(of: clash.path, in: theirs), value: clash.theirs),
                ])
        }
        guard let mergedTree else { return Outcome(merged: nil, conflicts: conflicts, notApplied: []) }
        let decoded = CaseFile.read(mergedTree)
        guard var merged = decoded.file, decoded.problems.isEmpty else {
            return Outcome(merged: nil, conflicts: conflicts, notApplied: [])
        }
        // A conflict someone resolved stays resolved, whichever copy still lists it.
        let resolved = Set(merged.history.filter { $0.field == .resolved }.map(\.item))
        merged.conflicts.removeAll { resolved.contains($0.path.joined(separator: "/")) }
        switch handling {
        case .recordConflict:
            for conflict in conflicts {
                // One conflict per place, with each distinct value once: merging again adds nothing.
                if let index = merged.conflicts.firstIndex(where: { $0.path == conflict.path }) {
                    for version in conflict.versions where !merged.conflicts[index].versions.contains(where: { $0.value == version.value })
                    {
                        merged.conflicts[index].versions.append(version)
                    }
                } else {
                    merged.conflicts.append(conflict)
                }
            }
        case .keepSecond:
            notApplied = conflicts.map { conflict in
                let mine = MergeConflict.describe(conflict.versions[0].value)
                let now = MergeConflict.describe(conflict.versions[1].value)
                let who = conflict.versions[1].by.map { " by \($0)" } ?? ""
                return TerminalText.escaped("\(conflict.place): yours \(mine), changed meanwhile\(who) to \(now)")
            }
        }
        if reviewOfChangedAnswers, let base {
            notApplied += keepReviewWithAnswers(&merged, base: base, ours: ours, theirs: theirs)
        }
        return Outcome(merged: merged, conflicts: handling == .recordConflict ? conflicts : [], notApplied: notApplied)
    }

    /// A reviewer's verdict is about the answer they saw: one given (in `ours`) to an answer that
    /// `theirs` has changed since `base` is not applied, nor a sign-off or return of answers that
    /// changed (a reopening is).
    ///
    /// Gives what was not applied, in words.
    private static func keepReviewWithAnswers(_ merged: inout CaseFile, base: CaseFile, ours: CaseFile, theirs: CaseFile) -> [String] {
        var lines: [String] = []
        for (key, item) in ours.review.items.sorted(by: { numberingOrder($0.key, $1.key) })
        where item.verdict != base.review.items[key]?.verdict {
            let (number, letter) = CaseReview.parts(ofItemKey: key)
            let answerOf: (CaseFile) -> String? = { file in
                let answer = file.answers[number]
                return letter.map { answer?.prompts[$0]?.rawValue } ?? answer?.judgement?.rawValue
            }
            guard answerOf(base) != answerOf(theirs) else { continue }
            merged.review.items[key] = theirs.review.items[key]
            // Nor is it in the history: the verdict was never given to the answer there now.
            let kept = Set(base.history.map(\.identity)).union(theirs.history.map(\.identity))
            merged.history.removeAll { $0.field == .review && $0.item == key && !kept.contains($0.identity) }
            let who = author(
                of: letter.map { ["answers", number, "prompts", $0] } ?? ["answers", number, "judgement"], in: theirs)
            lines.append(
                TerminalText.escaped(
                    "your \(item.verdict?.rawValue ?? "verdict") on \(key) was for the answer \(answerOf(base) ?? "—"); "
                        + "it was changed meanwhile\(who.map { " by \($0)" } ?? "") to \(answerOf(theirs) ?? "—"), so it was not saved: look at it again"
                ))
        }
        // A reopening says nothing of the answers: it is kept whatever changed.
        let added = ours.review.outcomes.dropFirst(base.review.outcomes.count).filter { $0.kind != .reopened }
        if !added.isEmpty, base.answersDigest != theirs.answersDigest {
            merged.review.outcomes.removeAll { outcome in added.contains(outcome) && !theirs.review.outcomes.contains(outcome) }
            let changed = base.changes(to: theirs, by: "", at: "").filter { [.judgement, .prompt, .note].contains($0.field) }.count
            for outcome in added {
                lines.append(
                    "not \(outcome.kind == .signedOff ? "signed off" : outcome.kind.rawValue): \(changed) answer(s) changed meanwhile; look at them first"
                )
            }
        }
        lines += keepSignOffWithChallenges(&merged, base: base, theirs: theirs)
        return lines
    }

    /// A sign-off records the challenges open when its reviewer was asked: one added (in `ours`)
    /// while someone else opened a challenge is not applied, as the reviewer was never asked
    /// about it; one over a challenge closed meanwhile no longer records it as open.
    ///
    /// Gives what was not applied, in words.
    private static func keepSignOffWithChallenges(_ merged: inout CaseFile, base: CaseFile, theirs: CaseFile) -> [String] {
        var lines: [String] = []
        let open = Set(merged.review.challenges.map(\.key))
        var kept: [ReviewOutcome] = []
        for outcome in merged.review.outcomes {
            let added = outcome.kind == .signedOff && !base.review.outcomes.contains(outcome) && !theirs.review.outcomes.contains(outcome)
            guard added else {
                kept.append(outcome)
                continue
            }
            let opened = merged.review.challengesOpened(since: outcome.openChallenges ?? [])
            if opened.isEmpty {
                var recorded = outcome
                recorded.openChallenges?.removeAll { !open.contains($0) }
                kept.append(recorded)
            } else {
                lines.append(
                    TerminalText.escaped(
                        "not signed off: \(opened.count) challenge(s) opened meanwhile (\(opened.joined(separator: ", "))); look at them first"
                    ))
            }
        }
        merged.review.outcomes = kept
        return lines
    }

    /// How the values at a path of a case file merge.
    static func rule(_ path: [String]) -> TreeMerge.Rule {
        switch path {
        case ["history"]: .union(sortKey: "at")
        case ["conflicts"], ["review", "outcomes"]: .union(sortKey: nil)
        case _ where path.count == 4 && path[0] == "review" && path[1] == "items" && path[3] == "replies": .union(sortKey: "at")
        default: .members
        }
    }

    /// Clashes that are not a person's choice: the higher version, the framework file the first
    /// version was marked under, and a review item's stamps (the later change's).
    static func settle(_ path: [String], _ ours: JSONValue?, _ theirs: JSONValue?, oursTree: JSONValue, theirsTree: JSONValue)
        -> JSONValue??
    {
        switch path {
        case ["version"]:
            return .some(max(ours?.intValue ?? 0, theirs?.intValue ?? 0) == ours?.intValue ?? 0 ? ours : theirs)
        case ["frameworkHash"]:
            return .some(ours)
        default:
            break
        }
        if path.count == 4, path[0] == "review", path[1] == "items", ["by", "at", "answered"].contains(path[3]) {
            func stamp(_ tree: JSONValue) -> String {
                let item = tree.objectValue?["review"]?.objectValue?["items"]?.objectValue?[path[2]]?.objectValue
                return path[3] == "answered" ? item?["answered"]?.objectValue?["at"]?.stringValue ?? "" : item?["at"]?.stringValue ?? ""
            }
            return .some(stamp(oursTree) >= stamp(theirsTree) ? ours : theirs)
        }
        return nil
    }

    /// Who last changed the value at `path` in `file`, from its history (or a review item's stamp).
    static func author(of path: [String], in file: CaseFile) -> String? {
        if path.count >= 3, path[0] == "review", path[1] == "items" { return file.review.items[path[2]]?.by }
        guard let key = HistoryKeys.key(of: path) else { return nil }
        return file.history.last { HistoryKeys.key(of: $0) == key }?.by
    }
}

/// The fields a set of history entries changed, as keys shared by history entries and paths.
struct HistoryKeys {
    var keys: Set<String> = []

    /// The entries of `history` that `other` does not have (as many times), by what they changed.
    init(ownEntriesOf history: [HistoryEntry], against other: [HistoryEntry]) {
        var counts: [String: Int] = [:]
        for entry in other { counts[entry.identity, default: 0] += 1 }
        for entry in history {
            let identity = entry.identity
            if let count = counts[identity], count > 0 {
                counts[identity] = count - 1
            } else if let key = Self.key(of: entry) {
                keys.insert(key)
            }
        }
    }

    static func key(of entry: HistoryEntry) -> String? {
        switch entry.field {
        case .judgement: "judgement|" + entry.item
        case .prompt: "prompt|" + entry.item
        case .note: "note|" + entry.item
        case .status: "status|"
        case .detail: "detail|" + entry.item
        case .review: entry.item.isEmpty ? nil : "review|" + entry.item
        case .resolved: "resolved|" + entry.item
        }
    }

    /// The history key of the field at `path` in a case file, or nil for a field the history
    /// does not track.
    static func key(of path: [String]) -> String? {
        switch path.count {
        case 1:
            if path[0] == "status" { return "status|" }
            if CaseDetails.fieldNames.contains(path[0]) || path[0] == "domain" || path[0] == "disposal" { return "detail|" + path[0] }
            return nil
        case 2 where path[0] == "details":
            return "detail|" + path[1]
        case 3 where path[0] == "answers":
            switch path[2] {
            case "judgement": return "judgement|" + path[1]
            case "note": return "note|" + path[1]
            default: return nil
            }
        case 4 where path[0] == "answers" && path[2] == "prompts":
            return "prompt|" + path[1] + "/" + path[3]
        case 4 where path[0] == "answers" && path[2] == "promptNotes":
            return "note|" + path[1] + "/" + path[3]
        case 3... where path[0] == "review" && path[1] == "items":
            return "review|" + path[2]
        default:
            return nil
        }
    }
}
