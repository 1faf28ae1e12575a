import CasemarkCore

/// Read-only cases and saves that failed: what the app refuses to change, and what it still has
/// to write. Kept apart from the screens so the marking keys only ask `refuseIfReadOnly`.
extension App {
    /// Why the case cannot be changed here, or nil: another casemark holds its lock, or its file
    /// is from a newer casemark, or damaged.
    public func readOnlyReason(ref: String) -> String? {
        if let holder = safety.lockedByOthers[ref] { return holder }
        return folder?.writeRefusal(ref: ref)
    }

    /// True (and says why on the status line) when the key would change a read-only case.
    mutating func refuseIfReadOnly(_ ref: String) -> Bool {
        guard let reason = readOnlyReason(ref: ref) else { return false }
        status = StatusLine(text: "Nothing changed: read-only, \(reason)", isError: true)
        return true
    }

    // MARK: - Locks, reported by the runner

    /// The runner locked the case open for marking.
    ///
    /// Says whose stale lock it took over, and shows the answers its framework no longer has.
    mutating func caseLocked(ref: String, tookOverFrom stale: String?, drift: FrameworkDrift? = nil) {
        safety.lockedByOthers[ref] = nil
        if let stale {
            status = StatusLine(text: "Took over case \(ref) from \(stale), which is no longer running", isError: false)
        }
        showOrphans(ref: ref, drift: drift)
    }

    /// Another casemark has the case: it opens read-only.
    mutating func caseHeldElsewhere(ref: String, by holder: String, drift: FrameworkDrift? = nil) {
        safety.lockedByOthers[ref] = "case \(ref) is open for marking by \(holder)"
        status = StatusLine(text: "Read-only: case \(ref) is open for marking by \(holder)", isError: true)
        showOrphans(ref: ref, drift: drift)
    }

    /// The case was closed: the next opening asks for the lock again.
    mutating func caseUnlocked(ref: String) {
        safety.lockedByOthers[ref] = nil
    }

    /// On opening a case: why it is read-only, the answers and review items on what its
    /// framework no longer has, and what changed in the framework file since it was marked.
    mutating func showOrphans(ref: String, drift: FrameworkDrift?) {
        if let reason = folder?.writeRefusal(ref: ref), safety.lockedByOthers[ref] == nil {
            status = StatusLine(text: "Read-only: \(reason)", isError: true)
        }
        let orphaned = folder?.orphanedAnswers(ref: ref) ?? []
        let items = orphaned.filter { $0.path?.components.first == .key("review") }.count
        let what = [
            orphaned.count > items ? "\(orphaned.count - items) answer(s)" : nil, items > 0 ? "\(items) review item(s)" : nil,
        ].compactMap { $0 }.joined(separator: " and ")
        // Only the inspector marking the case may drop them, and only when it can be written.
        let droppable = !orphaned.isEmpty && !isReviewing && readOnlyReason(ref: ref) == nil
        var lines: [String] = []
        if !orphaned.isEmpty {
            lines +=
                [
                    "\(what) on what the framework no longer has, kept in the file \(droppable ? "until you drop them" : "and never dropped"):"
                ]
                + orphaned.map { orphan in
                    // Named within the inspection, as the case list names damaged files.
                    var shown = orphan
                    if let root = folder?.path, shown.file.hasPrefix(root + "/") { shown.file.removeFirst(root.count + 1) }
                    return shown.description
                }
            if droppable {
                lines += [
                    "",
                    "While the file holds them, casemark report refuses the inspection. Dropping them records each in the case's history and keeps the file as it is now in removed/.",
                ]
            }
        }
        if let drift {
            if !lines.isEmpty { lines.append("") }
            lines += drift.lines
            lines.append("Your next change records the case as marked under the current file.")
        }
        guard !lines.isEmpty else { return }
        let title =
            orphaned.isEmpty
            ? "Case \(ref): the framework file changed" : "Case \(ref): \(what) on what the framework no longer has"
        overlay = droppable ? .confirmDropOrphans(ref: ref, title: title, lines: lines) : .message(title: title, lines: lines)
    }

    /// Drops the answers and review items of the case being marked on what its framework no
    /// longer has (`y` on the box that lists them): the case is saved without them, each
    /// recorded in its history, and the save first keeps the file as it is in `removed/`.
    mutating func dropOrphans(ref: String) -> [Effect] {
        // Through `folder?`, never a copy of it: a copy alive while `change` replaces the case
        // would copy every case of the inspection.
        guard let file = markingCase, file.ref == ref, readOnlyReason(ref: ref) == nil, !isReviewing,
            let count = folder?.orphanedAnswers(ref: ref).count, count > 0, let dropped = folder?.withoutOrphans(file)
        else { return [] }
        folder?.orphansDropped(ref: ref)
        safety.keepCopyOnSave.insert(ref)
        let effects = change(dropped, recordUndo: false)
        changeNote = "Dropped \(count) orphan(s) of case \(ref)"
        return effects
    }

    // MARK: - Saves that failed

    /// A save failed: the answers stay in memory and are written again on the next change, or
    /// on S.
    mutating func caseSaveFailed(_ file: CaseFile, message: String) {
        safety.unsavedCases.insert(file.ref)
        reportSaveFailure(message)
    }

    mutating func inspectionSaveFailed(message: String) {
        safety.inspectionUnsaved = true
        reportSaveFailure(message)
    }

    private mutating func reportSaveFailure(_ message: String) {
        changeNote = nil
        if safety.quitWarned {
            status = StatusLine(text: "UNSAVED: q again quits and loses them; S retries. \(message)", isError: true)
        } else {
            saveFailed(message)
        }
    }

    /// Whether some change is only in memory.
    public var hasUnsavedChanges: Bool {
        !safety.unsavedCases.isEmpty || safety.inspectionUnsaved
    }

    /// The saves still owed, to try again: the latest version of each unsaved case.
    func retries(besides effects: [Effect]) -> [Effect] {
        var result = effects
        for ref in safety.unsavedCases.sorted() {
            guard let file = cases.first(where: { $0.ref == ref }) else { continue }
            if !effects.contains(where: { if case .saveCase(let saving) = $0 { saving.ref == ref } else { false } }) {
                result.append(.saveCase(file))
            }
        }
        if let inspection = folder?.inspection, safety.inspectionUnsaved,
            !effects.contains(where: { if case .saveInspection = $0 { true } else { false } })
        {
            result.append(.saveInspection(inspection))
        }
        return result
    }

    /// S: try every pending save again.
    mutating func retrySaves() -> [Effect] {
        guard hasUnsavedChanges else {
            status = StatusLine(text: "Everything is saved", isError: false)
            return []
        }
        return retries(besides: [])
    }

    /// The quit key with changes unsaved: the first press warns and retries, the second quits.
    mutating func confirmQuit() -> [Effect] {
        guard hasUnsavedChanges, !safety.quitWarned else { return [.quit] }
        safety.quitWarned = true
        status = StatusLine(
            text: "UNSAVED: q again quits and loses them; S retries. Some answers are only in memory.", isError: true)
        return retries(besides: [])
    }
}

/// What the app tracks to keep answers safe: cases others hold, and saves still owed.
public struct SafetyState: Equatable, Sendable {
    /// Cases another casemark holds, with who holds them.
    public var lockedByOthers: [String: String] = [:]
    /// Cases whose last save failed; the latest version of each is in the folder's cases.
    public var unsavedCases: Set<String> = []
    /// Whether the last save of `inspection.json` failed; the latest is the folder's.
    public var inspectionUnsaved = false
    public var quitWarned = false
    /// Cases whose next save drops what their file holds (its orphans): the save first keeps
    /// the file as it is in `removed/`, and a failed one keeps asking it of every retry.
    public var keepCopyOnSave: Set<String> = []

    public init() {}
}
