import CasemarkCore

/// What the runner reports back after performing an effect or looking at the disk: each result
/// comes into the app as an event through one `handle(_:)`, as keys do, rather than through a
/// method of its own.
public enum RunnerEvent: Sendable {
    /// A case was written; the file now holds `result.saved`.
    case caseSaved(CaseFile, result: CaseSaveResult, at: String)
    /// A case could not be written, for a reason the store gives.
    case caseSaveFailed(CaseFile, failure: CaseSaveFailure)
    /// A case was not written at all (refused before trying: a read-only or newer file).
    case caseSaveRefused(CaseFile, message: String)
    case inspectionSaved(InspectionFile, notApplied: [String], merged: Bool, at: String, folderFlushError: String?)
    case inspectionSaveFailed(message: String)
    /// The inspection folder was created (the setup form).
    case created(InspectionFolder)
    /// A case was moved to `removed/`.
    case removed(ref: String)
    /// Something the runner tried failed; the message says what and why.
    case failed(String)
    /// The case being marked is locked here, taken over from a stale lock when `tookOverFrom`.
    case caseLocked(ref: String, tookOverFrom: String?, drift: FrameworkDrift?)
    /// The case being marked is open in another casemark: read-only here.
    case caseHeldElsewhere(ref: String, by: String, drift: FrameworkDrift?)
    case caseUnlocked(ref: String)
    /// The open case's history, read from its file.
    case historyLoaded(CaseFile)
    /// Unsaved work a previous session left, offered to restore.
    case recoveryFound(RecoveryOffer)
    /// What others saved, found on disk.
    case caseChangedOnDisk(CaseFile)
    case caseVanishedFromDisk(ref: String)
    case caseDamagedOnDisk(FileProblems)
    case inspectionChangedOnDisk(InspectionFile)
    case folderGone(String)
}

extension App {
    /// Applies a result the runner reports back.
    public mutating func handle(_ event: RunnerEvent) {
        switch event {
        case .caseSaved(let file, let result, let time): caseSaved(file, result: result, at: time)
        case .caseSaveFailed(let file, let failure): caseSaveFailed(file, failure: failure)
        case .caseSaveRefused(let file, let message): caseSaveFailed(file, message: message)
        case .inspectionSaved(let saved, let notApplied, let merged, let time, let flushError):
            inspectionSaved(saved, notApplied: notApplied, merged: merged, at: time, folderFlushError: flushError)
        case .inspectionSaveFailed(let message): inspectionSaveFailed(message: message)
        case .created(let folder): created(folder)
        case .removed(let ref): removed(ref: ref)
        case .failed(let message): failed(message)
        case .caseLocked(let ref, let stale, let drift): caseLocked(ref: ref, tookOverFrom: stale, drift: drift)
        case .caseHeldElsewhere(let ref, let holder, let drift): caseHeldElsewhere(ref: ref, by: holder, drift: drift)
        case .caseUnlocked(let ref): caseUnlocked(ref: ref)
        case .historyLoaded(let file): historyLoaded(file)
        case .recoveryFound(let offer): offerRecovery(offer)
        case .caseChangedOnDisk(let file): caseChangedOnDisk(file)
        case .caseVanishedFromDisk(let ref): caseVanishedFromDisk(ref: ref)
        case .caseDamagedOnDisk(let problems): caseDamagedOnDisk(problems)
        case .inspectionChangedOnDisk(let file): inspectionChangedOnDisk(file)
        case .folderGone(let message): folderGone(message)
        }
    }
}
