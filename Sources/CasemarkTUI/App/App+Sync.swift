import CasemarkCore

/// Where the app's cases stand against the disk.
///
/// A change is saved as a change to the file as it is when saved (merged field by field), never as
/// a copy over it; and what other people save reaches the screen (`caseChangedOnDisk`), merged with
/// anything here not yet saved.
public struct SyncState: Equatable, Sendable {
    /// What a changed case was before its changes here: what the save applies them to.
    public enum Base: Equatable, Sendable {
        /// Added here and not saved yet: the save must not replace a file someone else created.
        case new
        /// The version read from (or last saved to) disk.
        case onDisk(CaseFile)
    }

    /// Cases changed here since they were last read or saved, by ref.
    public var cases: [String: Base] = [:]
    /// `inspection.json` as it was before the ratings changed here, while not saved.
    public var inspection: InspectionFile?

    public init() {}
}

extension App {
    /// What a save of `ref` applies its changes to: nil for a new case, else the version on disk
    /// the changes were made to (the case as it is, when nothing is pending).
    public func saveBase(of ref: String) -> CaseFile? {
        switch sync.cases[ref] {
        case .new: return nil
        case .onDisk(let file): return file
        case nil: return cases.first { $0.ref == ref }
        }
    }

    /// The inspection file the pending ratings changes were made to.
    public var inspectionSaveBase: InspectionFile? {
        sync.inspection ?? folder?.inspection
    }

    /// Puts `file` in place of the case with its ref, in the list and the tallies.
    mutating func replaceCase(_ file: CaseFile) {
        guard let index = caseIndex(of: file.ref), let old = folder?.cases[index], old != file else { return }
        folder?.cases[index] = file
        tally?.replace(old, with: file)
    }

    // MARK: - Saves, reported by the runner

    /// A case was saved: the file now holds `result.saved` (the change, merged with whatever
    /// others saved meanwhile), which the screen shows.
    mutating func caseSaved(_ ours: CaseFile, result: CaseSaveResult, at time: String) {
        sync.cases[ours.ref] = nil
        safety.quitWarned = false
        safety.unsavedCases.remove(ours.ref)
        safety.keepCopyOnSave.remove(ours.ref)
        if result.saved != ours {
            replaceCase(result.saved)
            marking.undoStacks[ours.ref] = nil
        }
        var text = changeNote.map { "\($0) · saved at \(time)" } ?? "Saved case \(ours.ref) at \(time)"
        if let movement { text += " · " + movement.summary }
        changeNote = nil
        if result.mergedWithDisk { text += ", with the changes others made to it meanwhile" }
        if let kept = result.keptCopy { text += "; the file as it was is kept as \(InspectionFolder.removedFolderName)/\(kept)" }
        if let flushError = result.folderFlushError {
            // On disk, but not yet sure to stay there: kept as owed, so S (and quitting) saves it again.
            safety.unsavedCases.insert(ours.ref)
            status = StatusLine(text: "Case \(ours.ref): \(flushError); S saves it again", isError: true)
        } else if let copyError = result.frameworkCopyError {
            status = StatusLine(text: "\(text); but its framework revision could not be kept: \(copyError)", isError: true)
        } else {
            status = StatusLine(text: text, isError: false)
        }
        if !result.notApplied.isEmpty {
            status = StatusLine(
                text: "Case \(ours.ref) changed meanwhile: \(result.notApplied.count) change(s) of yours not saved (listed)", isError: true)
            overlay = .message(
                title: "Case \(ours.ref) was changed by someone else meanwhile",
                lines: ["Not saved, because the same thing was changed there:"] + result.notApplied.map { "  " + $0 }
                    + ["", "Everything else was saved. The screen shows the case as it is now: redo what you still mean."])
        }
    }

    /// A save was refused or failed.
    ///
    /// A new case whose ref someone else took meanwhile goes back to the details form with the next
    /// free ref; anything else stays in memory to retry.
    mutating func caseSaveFailed(_ ours: CaseFile, failure: CaseSaveFailure) {
        switch failure.kind {
        case .alreadyExists(let onDisk):
            sync.cases[ours.ref] = nil
            safety.unsavedCases.remove(ours.ref)
            if let onDisk {
                replaceCase(onDisk)
            } else if let index = caseIndex(of: ours.ref) {
                tally?.remove(ours)
                folder?.cases.remove(at: index)
            }
            startDetails(editing: nil)
            detailsForm.copyDetails(of: ours, framework: framework)
            status = StatusLine(
                text: "Not added: \(failure.message). Press Enter to add yours as \(detailsForm.ref.text)", isError: true)
        case .gone, .damaged, .fileSystem:
            caseSaveFailed(ours, message: failure.message)
        }
    }

    /// `inspection.json` was saved, merged with what others saved meanwhile.
    mutating func inspectionSaved(
        _ saved: InspectionFile, notApplied: [String], merged: Bool, at time: String, folderFlushError: String? = nil
    ) {
        sync.inspection = nil
        safety.inspectionUnsaved = folderFlushError != nil
        folder?.inspection = saved
        status = StatusLine(
            text: "Saved inspection.json at \(time)" + (merged ? ", with the ratings others saved meanwhile" : "")
                + (movement.map { " · " + $0.summary } ?? ""), isError: false)
        if let folderFlushError { status = StatusLine(text: "\(folderFlushError); S saves it again", isError: true) }
        if !notApplied.isEmpty {
            status = StatusLine(
                text: "inspection.json changed meanwhile: \(notApplied.count) change(s) of yours not saved (listed)", isError: true)
            overlay = .message(
                title: "The inspection's ratings were changed by someone else meanwhile",
                lines: ["Not saved, because the same thing was changed there:"] + notApplied.map { "  " + $0 }
                    + ["", "Everything else was saved. The screen shows the ratings as they are now."])
        }
    }

    // MARK: - What others saved, found by the runner

    /// The case's file changed on disk (another casemark, a merge, `git pull`, a hand edit):
    /// the screen shows it, with any change made here and not yet saved merged in.
    mutating func caseChangedOnDisk(_ disk: CaseFile) {
        guard let index = caseIndex(of: disk.ref), let memory = folder?.cases[index] else {
            caseAppearedOnDisk(disk)
            return
        }
        if let path = folder?.caseFilePath(ref: disk.ref), folder?.salvaged[disk.ref] == nil {
            folder?.damaged.removeAll { $0.diagnostics.first?.file == path }  // mended
        }
        switch sync.cases[disk.ref] {
        case .onDisk(let base) where base == disk:
            // The disk holds what the changes here were made to: nothing new, and the changes
            // still to be saved stay (taking them for the disk's version lost them).
            return
        case .onDisk(let base):
            let outcome = CaseMerge.merge(base: base, ours: memory, theirs: disk, clashes: .keepSecond)
            guard let merged = outcome.merged else { return }
            replaceCase(merged)
            sync.cases[disk.ref] = merged == disk ? nil : .onDisk(disk)
            if merged == disk { safety.unsavedCases.remove(disk.ref) }
            if !outcome.notApplied.isEmpty {
                overlay = .message(
                    title: "Case \(disk.ref) was changed by someone else",
                    lines: ["Your unsaved changes to the same things were not kept:"] + outcome.notApplied.map { "  " + $0 })
            }
        case .new:
            // Someone else created a case with this ref before ours was saved.
            caseSaveFailed(
                memory,
                failure: CaseSaveFailure(kind: .alreadyExists(disk), message: "case \(disk.ref) was added meanwhile by another casemark"))
            return
        default:
            guard memory != disk else { return }
            // Read again only to look (Ctrl-L): a case held without its history stays so.
            if !memory.historyIsLoaded && memory.equalsIgnoringHistory(disk) { return }
            replaceCase(disk)
        }
        marking.undoStacks[disk.ref] = nil
        if markingRef == disk.ref {
            marking.cursor = min(marking.cursor, max(0, markingItems.count - 1))
            status = StatusLine(text: "Case \(disk.ref) was changed on disk by someone else: shown as it is now", isError: false)
        }
    }

    /// The open case's history, read from its file: the case as it is on disk takes the place of
    /// the one held without history (merged with anything unsaved, as any change on disk is).
    mutating func historyLoaded(_ disk: CaseFile) {
        guard let memory = cases.first(where: { $0.ref == disk.ref }) else { return }
        if memory.equalsIgnoringHistory(disk), sync.cases[disk.ref] == nil {
            replaceCase(disk)
        } else {
            caseChangedOnDisk(disk)
        }
    }

    /// A case file appeared in the folder: someone added a case.
    public mutating func caseAppearedOnDisk(_ disk: CaseFile) {
        guard var folder, caseIndex(of: disk.ref) == nil else { return }
        let selected = listedCases.indices.contains(caseCursor) ? listedCases[caseCursor].ref : nil
        folder.cases.append(disk)
        folder.cases.sort { numberingOrder($0.ref, $1.ref) }
        let path = folder.caseFilePath(ref: disk.ref)
        folder.damaged.removeAll { $0.diagnostics.first?.file == path }
        self.folder = folder
        marking.locate(in: folder.cases)  // finds the case being marked again, in the new order
        tally?.add(disk)
        if let selected, let index = listedCases.firstIndex(where: { $0.ref == selected }) { caseCursor = index }
    }

    /// A case file left the folder (removed to `removed/`, or moved away by someone else).
    mutating func caseVanishedFromDisk(ref: String) {
        guard sync.cases[ref] == nil, markingRef != ref || mode != .marking, var folder,
            let index = folder.cases.firstIndex(where: { $0.ref == ref })
        else { return }
        tally?.remove(folder.cases[index])
        folder.cases.remove(at: index)
        self.folder = folder
        marking.locate(in: folder.cases)  // finds the case being marked again, in the new order
        caseCursor = min(caseCursor, max(0, listedCases.count - 1))
        marking.undoStacks[ref] = nil
    }

    /// `inspection.json` changed on disk: ratings others saved show here.
    mutating func inspectionChangedOnDisk(_ disk: InspectionFile) {
        guard let current = folder?.inspection, current != disk else { return }
        if let base = sync.inspection, base != disk {
            folder?.inspection = InspectionFileMerge.merge(base: base, ours: current, theirs: disk).merged ?? disk
            sync.inspection = disk
        } else if sync.inspection == nil {
            folder?.inspection = disk
        }
    }
}

extension DetailsForm {
    /// Fills the form with a case's details (its ref aside), so a case not added can be added
    /// again under another ref without typing it all again.
    mutating func copyDetails(of file: CaseFile, framework: Framework?) {
        guard let framework else { return }
        domainIndex = framework.caseDomains.firstIndex { $0.number == file.domain } ?? domainIndex
        let disposals = framework.disposals.filter { $0.domain == file.domain }
        disposalIndex = disposals.firstIndex { $0.id == file.disposal } ?? disposalIndex
        fill(from: file.details, framework: framework)
    }
}

extension App {
    /// A case file on disk now has problems (a hand edit, a half-done merge): it is listed as
    /// damaged and read-only here until it is mended; what is in memory is kept.
    mutating func caseDamagedOnDisk(_ problems: FileProblems) {
        guard let file = problems.diagnostics.first?.file else { return }
        folder?.damaged.removeAll { $0.diagnostics.first?.file == file }
        folder?.damaged.append(problems)
        status = StatusLine(
            text: "\(TerminalText.escaped(file)) changed on disk and has problems: read-only until mended (casemark validate)",
            isError: true)
    }

    /// The inspection folder was moved or deleted while open: nothing more is saved (a save would
    /// create the old path again), and the screen says so.
    mutating func folderGone(_ message: String) {
        status = StatusLine(text: "\(message). Nothing more is saved; what is on screen is kept until you quit.", isError: true)
    }
}

extension App {
    /// The conflict box's answer: the version chosen (counted from 0) is taken; none (Esc, or a
    /// number it does not have) leaves the conflict for later.
    mutating func takeVersion(conflict index: Int, version: Int?) -> [Effect] {
        guard let file = markingCase, file.conflicts.indices.contains(index) else { return [] }
        guard let version, file.conflicts[index].versions.indices.contains(version) else {
            status = StatusLine(text: "Conflict left as it is: \(file.conflicts.count) to resolve (M)", isError: false)
            return []
        }
        guard let resolved = file.resolvingConflict(index, choosing: version) else {
            status = StatusLine(text: "That version cannot be taken: it would not make a valid case", isError: true)
            return []
        }
        let place = file.conflicts[index].place
        let left = resolved.conflicts.count
        changeNote = TerminalText.escaped("Resolved \(place)" + (left > 0 ? ": \(left) conflict(s) left (M)" : ": no conflict left"))
        return change(resolved)
    }
}
