import CasemarkCore
import Foundation

/// Runs the app on a terminal: shows a frame, reads a key, applies it, performs the effects
/// (writing files before the next frame, so the status line tells the truth), until quit or until
/// the terminal ends input.
///
/// The old versions its saves replace are deleted after the frame is drawn, as freeing them is the
/// slowest part of a save and nothing depends on it.
public final class AppRunner {
    public private(set) var app: App
    let terminal: Terminal
    /// Where a new inspection is created, for the setup form.
    let folderPath: String
    let clock: () -> String
    /// The case locks this process holds, by ref: the case open for marking, and briefly a case
    /// being saved from another screen.
    private var locks: [String: CaseLock] = [:]
    /// Who this process says it is in the lock files it writes.
    let holder: LockHolder
    /// The previous versions of case files this key's saves swapped out, still to be deleted.
    private var replacedFiles: [FileSystem.ReplacedFile] = []
    /// The disk's view as last seen: each case file's signature, `inspection.json`'s and the
    /// `cases/` folder's, to notice what others save.
    private var watch = FolderWatch()
    /// Why the last `lock` failed, in the file system's words, for the save that needed it.
    private var lockError: String?

    public init(
        app: App, terminal: Terminal, folderPath: String, clock: @escaping () -> String = AppRunner.wallClock,
        holder: LockHolder = .current()
    ) {
        self.app = app
        self.holder = holder
        self.terminal = terminal
        self.folderPath = folderPath
        self.clock = clock
        // What killed casemarks left half-written is tidied before anything else is saved.
        if let folder = app.folder { InspectionFolder.removeLeftoverTemporaries(in: folder.path) }
        watch.start(app.folder)
        offerLeftWork()
    }

    /// The time of day, for "Saved at 14:02:07".
    public static func wallClock() -> String {
        Timestamp.timeOfDay()
    }

    public func run() {
        let size = terminal.size
        app.size = size
        terminal.present(app.render())
        defer {
            removeReplacedFiles()
            releaseAllLocks()
        }
        while let key = terminal.nextKey() {
            if step(key) == false {
                if interrupted { break }
                // Quitting was asked for (and confirmed over unsaved changes): no draft is kept.
                removeDraft()
                return
            }
            terminal.present(app.render())
            removeReplacedFiles()
        }
        // Ended without q: a terminating signal, or the terminal gone.
        keepUnsavedWork()
    }

    // MARK: - Work not on disk

    /// Set when the session ended (not by q) with work that could not be saved: the line to
    /// print once the terminal is restored, naming the file that holds the work.
    public private(set) var unsavedWorkReport: String?
    /// What this process last wrote to its own recovery file while a note was typed (its time
    /// left out, to tell whether anything changed since).
    private var draft: Recovery?
    /// Set by Ctrl-C: the session ends as on a terminating signal, keeping unsaved work.
    public private(set) var interrupted = false

    /// This process's recovery file in the inspection folder.
    private var ownRecoveryPath: String? {
        app.folder.map { $0.path + "/" + Recovery.fileName(user: holder.user, pid: holder.pid) }
    }

    private var unsavedWork: Recovery {
        app.unsavedWork(user: holder.user, host: holder.host, pid: holder.pid, time: Timestamp.iso8601(Date()))
    }

    /// On ending without q: retries every pending save, then writes what still is not on disk
    /// to the recovery file (in the inspection folder, else a private file under $TMPDIR).
    public func keepUnsavedWork() {
        if app.hasUnsavedChanges {
            for effect in app.retries(besides: []) {
                _ = perform(effect)
                // One failure (a save lock held for seconds, a full disk) will be the next one's
                // too: the rest go straight to the recovery file, so the signal is answered soon.
                let failed: Bool
                switch effect {
                case .saveCase(let file): failed = app.safety.unsavedCases.contains(file.ref)
                case .saveInspection: failed = app.safety.inspectionUnsaved
                default: failed = false
                }
                if failed { break }
            }
            removeReplacedFiles()
        }
        let work = unsavedWork
        guard !work.isEmpty, let path = ownRecoveryPath else {
            removeDraft()
            return
        }
        let bytes = work.encoded()
        do throws(FileSystemError) {
            try FileSystem.writeAtomically(bytes, to: path)
            unsavedWorkReport = "unsaved work kept in \(TerminalText.escaped(path)); open the inspection again to restore it"
        } catch {
            let folder = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
            let fallback = (folder.hasSuffix("/") ? String(folder.dropLast()) : folder) + "/" + FilePath.name(of: path).dropFirst()
            do throws(FileSystemError) {
                try FileSystem.writeAtomically(bytes, to: fallback)
                unsavedWorkReport =
                    "unsaved work kept in \(TerminalText.escaped(fallback)), as the inspection folder refused it (\(error.description)); it is not offered at the next start: move it into the inspection folder as \(TerminalText.escaped(FilePath.name(of: path))) to have it offered"
            } catch let second {
                unsavedWorkReport =
                    "unsaved work LOST: it could not be written to the inspection folder (\(error.description)) nor to \(second.description)"
            }
        }
    }

    /// On a pause in typing: the text being typed (and any save still owed) is kept in the recovery
    /// file, so even a SIGKILL leaves it.
    ///
    /// Written only when it changed.
    private func keepDraft() {
        guard let path = ownRecoveryPath else { return }
        let work = unsavedWork
        if work.isEmpty {
            removeDraft()
            return
        }
        var untimed = work
        untimed.time = ""
        guard untimed != draft else { return }
        if (try? FileSystem.writeAtomically(work.encoded(), to: path)) != nil { draft = untimed }
    }

    private func removeDraft() {
        guard draft != nil, let path = ownRecoveryPath else { return }
        unlink(path)
        draft = nil
    }

    /// Offers the work a session of this machine no longer running left in the folder.
    ///
    /// One of another machine (a shared drive) may still be running there: it is only mentioned.
    private func offerLeftWork() {
        guard let folder = app.folder else { return }
        for path in Recovery.leftBehind(in: folder.path) {
            guard let bytes = try? FileSystem.read(path), let recovery = Recovery.read(bytes) else {
                app.handle(
                    RunnerEvent.failed(
                        "\(TerminalText.escaped(path)) holds unsaved work of a previous session but cannot be read; it is left as it is"))
                return
            }
            guard recovery.host.isEmpty || recovery.host == holder.host else {
                app.handle(
                    RunnerEvent.failed(
                        "\(TerminalText.escaped(FilePath.name(of: path))) holds unsaved work of \(TerminalText.escaped(recovery.user)) on \(TerminalText.escaped(recovery.host)); it is restored from there, not here"
                    ))
                continue
            }
            app.handle(RunnerEvent.recoveryFound(RecoveryOffer(path: path, recovery: recovery)))
            return
        }
    }

    /// Deletes the old versions the last key's saves replaced.
    ///
    /// `run` does it once the frame is drawn; `step` does it first, for callers that step without
    /// drawing.
    public func removeReplacedFiles() {
        for file in replacedFiles { file.remove() }
        replacedFiles.removeAll(keepingCapacity: true)
    }

    /// Applies one key and performs its effects; false when the app asked to quit.
    @discardableResult
    public func step(_ key: Key) -> Bool {
        removeReplacedFiles()
        if key == .tick { keepDraft() }
        let offered = app.overlay == .recovery ? app.recoveryOffer : nil
        let effects = app.handle(key)
        if let offered, app.recoveryOffer == nil {
            // Restored cases were changed from versions older than the one seen on disk here:
            // their saves must read the file as it is, not take it for the version seen.
            for pending in offered.recovery.cases { watch.cases[pending.file.ref] = nil }
        }
        for effect in effects {
            if !perform(effect) {
                removeReplacedFiles()
                releaseAllLocks()
                return false
            }
        }
        reconcileLocks()
        return true
    }

    /// Drops every case lock this runner holds (on quit; the kernel also drops them if the
    /// process dies).
    public func releaseAllLocks() {
        for (ref, lock) in locks {
            lock.release()
            app.handle(RunnerEvent.caseUnlocked(ref: ref))
        }
        locks = [:]
    }

    /// The open case's history, read from its file the first time the case is opened: the list
    /// is loaded without histories, which are most of a case file and of memory.
    private func loadHistoryOfOpenCase() {
        guard app.mode == .marking || app.mode == .details, let folder = app.folder,
            let ref = app.mode == .marking ? app.markingRef : app.detailsForm.editingRef,
            let file = app.cases.first(where: { $0.ref == ref }), !file.historyIsLoaded
        else { return }
        let path = folder.caseFilePath(ref: ref)
        if case .success(let onDisk) = folder.readCase(ref: ref) {
            watch.cases[ref] = FileSignature.of(path)
            app.handle(RunnerEvent.historyLoaded(onDisk))
        }
    }

    /// Holds the lock of the case open for marking, and only that one.
    private func reconcileLocks() {
        defer { loadHistoryOfOpenCase() }
        // A reviewer changes only the review, saved under the folder's save lock: the case stays
        // free for its inspector to mark meanwhile.
        // The trainer view opened from the marking screen keeps the case: q goes back to it.
        let marking = app.mode == .marking || (app.mode == .trainer && app.trainer?.returnMode == .marking)
        let open = app.isReviewing ? nil : marking ? app.markingRef : app.mode == .details ? app.detailsForm.editingRef : nil
        for (ref, lock) in locks where ref != open {
            lock.release()
            locks[ref] = nil
            app.handle(RunnerEvent.caseUnlocked(ref: ref))
        }
        for ref in app.safety.lockedByOthers.keys where ref != open {
            app.handle(RunnerEvent.caseUnlocked(ref: ref))
        }
        guard let open, locks[open] == nil, app.safety.lockedByOthers[open] == nil else { return }
        // A failure to lock (a read-only folder, say) is reported by the save that needs the lock.
        let outcome = lock(open)
        // Read after locking: the case may have been reloaded from disk.
        let drift = app.cases.first { $0.ref == open }.flatMap { app.folder?.frameworkDrift(of: $0) }
        switch outcome {
        case .locked(let lock):
            app.handle(RunnerEvent.caseLocked(ref: open, tookOverFrom: lock.tookOverFrom?.description, drift: drift))
        case .heldBy(let other):
            app.handle(RunnerEvent.caseHeldElsewhere(ref: open, by: other?.description ?? "another casemark", drift: drift))
        case nil:
            break
        }
    }

    /// Tries to lock a case; on success, removes temporary files a killed save left beside it.
    private func lock(_ ref: String) -> CaseLock.Outcome? {
        guard let folder = app.folder, CaseChecker.isSafeRef(ref) else { return nil }
        let path = folder.caseFilePath(ref: ref)
        lockError = nil
        do {
            let outcome = try CaseLock.acquire(caseFile: path, below: folder.path, holder: holder)
            if case .locked(let lock) = outcome {
                locks[ref] = lock
                // A reviewer's save in progress uses a temporary too: tidy only under the save lock.
                if let saveLock = try? SaveLock.acquire(folder: folder.path, timeout: 1) {
                    FileSystem.removeLeftoverTemporaries(of: path, below: folder.path)
                    saveLock.release()
                }
                // Another casemark may have changed the case since it was loaded: start from the file.
                if FileSystem.exists(path), case .success(let onDisk) = folder.readCase(ref: ref) {
                    watch.cases[ref] = FileSignature.of(path)
                    app.handle(RunnerEvent.caseChangedOnDisk(onDisk))
                }
            }
            return outcome
        } catch {
            lockError = error.description
            return nil
        }
    }

    /// Saving a case needs its lock: a case another casemark has open is never written.
    private func ensureLock(_ ref: String) -> String? {
        if locks[ref] != nil { return nil }
        switch lock(ref) {
        case .locked: return nil
        case .heldBy(let other): return "case \(ref) is open for marking by \(other?.description ?? "another casemark")"
        case nil: return "case \(ref) could not be locked" + (lockError.map { " (\($0))" } ?? "")
        }
    }

    /// Looks for what others saved since the last look, and shows it.
    private func checkDisk(force: Bool) {
        guard let folder = app.folder else { return }
        for change in watch.changes(in: folder, force: force) {
            switch change {
            case .inspection(let file): app.handle(RunnerEvent.inspectionChangedOnDisk(file))
            case .changed(let file): app.handle(RunnerEvent.caseChangedOnDisk(file))
            case .vanished(let ref): app.handle(RunnerEvent.caseVanishedFromDisk(ref: ref))
            case .damaged(let problems): app.handle(RunnerEvent.caseDamagedOnDisk(problems))
            case .folderGone(let message): app.handle(RunnerEvent.folderGone(message))
            }
        }
    }

    private func perform(_ effect: Effect) -> Bool {
        switch effect {
        case .quit:
            return false
        case .interrupt:
            interrupted = true
            return false
        case .saveCase(let file):
            guard let folder = app.folder else { return true }
            // A new case needs no lock to be created: the save itself refuses a file that exists.
            let isNew = app.sync.cases[file.ref] == .new
            if !app.isReviewing, !isNew, let refusal = ensureLock(file.ref) {
                app.handle(RunnerEvent.caseSaveRefused(file, message: refusal))
                return true
            }
            // Taking the lock reads the file and merges what others saved into the case here:
            // the case as it is now is saved, not the version the effect was asked with.
            let file = app.cases.first { $0.ref == file.ref } ?? file
            let path = folder.caseFilePath(ref: file.ref)
            do {
                let result = try folder.save(
                    file, base: app.saveBase(of: file.ref), known: watch.cases[file.ref],
                    reviewOfChangedAnswers: app.isReviewing, oldVersion: .removeLater,
                    keepingCopy: app.safety.keepCopyOnSave.contains(file.ref))
                if let replaced = result.replaced { replacedFiles.append(replaced) }
                watch.cases[file.ref] = result.signature ?? FileSignature.of(path)
                app.handle(RunnerEvent.caseSaved(file, result: result, at: clock()))
            } catch {
                app.handle(RunnerEvent.caseSaveFailed(file, failure: error))
            }
        case .saveInspection(let inspection):
            guard let folder = app.folder, let base = app.inspectionSaveBase else { return true }
            do {
                let result = try folder.saveInspection(inspection, base: base, known: watch.inspection)
                watch.inspection = result.signature
                app.handle(
                    RunnerEvent.inspectionSaved(
                        result.saved, notApplied: result.notApplied, merged: result.merged, at: clock(),
                        folderFlushError: result.folderFlushError))
            } catch {
                app.handle(RunnerEvent.inspectionSaveFailed(message: error.message))
            }
        case .checkDisk(let force):
            checkDisk(force: force)
        case .removeRecovery(let path):
            // Only a recovery file of this folder's, never another path.
            guard let folder = app.folder, FilePath.parent(of: path) == folder.path,
                Recovery.writer(ofFileNamed: FilePath.name(of: path)) != nil
            else { return true }
            unlink(path)
        case .removeCase(let ref):
            guard let folder = app.folder else { return true }
            if let refusal = ensureLock(ref) {
                app.handle(RunnerEvent.failed("Case \(ref) not removed: \(refusal)"))
                return true
            }
            do {
                try folder.moveToRemoved(ref: ref)
                app.handle(RunnerEvent.removed(ref: ref))
            } catch {
                app.handle(RunnerEvent.failed("Case \(ref) not removed: \(error.description)"))
            }
        case .createInspection(let service, let frameworkID):
            guard let framework = app.frameworks.first(where: { $0.id == frameworkID }) else { return true }
            do {
                let created = try InspectionFolder.create(at: folderPath, service: service, framework: framework)
                app.handle(RunnerEvent.created(created))
                watch.start(created)
            } catch let error as FileSystemError {
                app.handle(RunnerEvent.failed("Inspection not created: \(error.description)"))
            } catch {
                app.handle(RunnerEvent.failed("Inspection not created: \(error)"))
            }
        }
        return true
    }
}
