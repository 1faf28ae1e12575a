import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What identifies one version of a file on disk: a save replaces the file (a new inode), and an
/// edit in place changes its size or time.
///
/// Equal signatures: the same version.
public struct FileSignature: Equatable, Hashable, Sendable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var seconds: Int
    var nanoseconds: Int

    /// The signature of the file at `path` (not following a link), or nil when there is none.
    public static func of(_ path: String) -> FileSignature? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        return of(status)
    }

    /// The signature of the file `name` in `folder` (not following a link), or nil when there is none.
    public static func of(_ name: String, in folder: FileSystem.Folder) -> FileSignature? {
        folder.status(of: name).map(of)
    }

    static func of(_ status: stat) -> FileSignature {
        FileSignature(
            device: UInt64(status.st_dev), inode: UInt64(status.st_ino), size: Int64(status.st_size),
            seconds: Int(status.st_mtim.tv_sec), nanoseconds: Int(status.st_mtim.tv_nsec))
    }
}

/// The folder's save lock: every casemark holds it while it reads a file, merges a change into it
/// and writes it back, so two saves of one file never interleave.
///
/// Held for milliseconds; marking a case for hours is the case's own lock (`CaseLock`).
public final class SaveLock {
    public static let fileName = ".casemark-save.lock"
    private var descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit { release() }

    /// How long a save waits for another casemark's save: 5 s, or `CASEMARK_SAVE_LOCK_SECONDS`.
    public static let defaultTimeout: Double = {
        let text = ProcessInfo.processInfo.environment["CASEMARK_SAVE_LOCK_SECONDS"] ?? ""
        return Double(text).flatMap { $0 >= 0 && $0 < 3600 ? $0 : nil } ?? 5
    }()

    /// Waits up to `timeout` seconds for the lock of the inspection folder `folder`.
    public static func acquire(folder: String, timeout: Double = defaultTimeout) throws(FileSystemError) -> SaveLock {
        let path = folder + "/" + fileName
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw .fromErrno(path, "cannot take the folder's save lock") }
        var waited = 0.0
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR else {
                close(descriptor)
                throw .fromErrno(path, "cannot take the folder's save lock", code)
            }
            guard waited < timeout else {
                close(descriptor)
                throw FileSystemError(
                    path: path, message: "another casemark has been saving for \(timeout.formatted()) s; nothing saved, try again")
            }
            usleep(2_000)
            waited += 0.002
        }
        return SaveLock(descriptor: descriptor)
    }

    /// Drops the lock (the file stays, for the next save).
    ///
    /// Safe to call twice.
    public func release() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
    }
}

/// A save that did not happen, and why.
public struct CaseSaveFailure: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// A new case's ref is taken: someone else created that case meanwhile (it is here).
        case alreadyExists(CaseFile?)
        /// The case file has gone from the folder (removed, moved, or the folder itself).
        case gone
        /// The file on disk cannot be read as a case; it is never overwritten.
        case damaged
        /// The file system refused.
        case fileSystem
    }

    public var kind: Kind
    public var message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

/// A save that happened: what the file holds now, and what was merged on the way.
public struct CaseSaveResult: Sendable {
    public init(
        saved: CaseFile, signature: FileSignature?, replaced: FileSystem.ReplacedFile?, mergedWithDisk: Bool, notApplied: [String],
        frameworkCopyError: String?, folderFlushError: String? = nil
    ) {
        self.saved = saved
        self.signature = signature
        self.replaced = replaced
        self.mergedWithDisk = mergedWithDisk
        self.notApplied = notApplied
        self.frameworkCopyError = frameworkCopyError
        self.folderFlushError = folderFlushError
    }

    /// The case as saved: the change applied to the file as it was on disk.
    public var saved: CaseFile
    public var signature: FileSignature?
    /// The version the save swapped out, for the caller to delete (`.removeLater`).
    public var replaced: FileSystem.ReplacedFile?
    /// Whether the file had changed since it was read (someone else's work, now merged in).
    public var mergedWithDisk: Bool
    /// What of the change was not applied because the file had changed there meanwhile.
    public var notApplied: [String]
    /// Set when the case was saved but the copy of its framework revision could not be kept.
    public var frameworkCopyError: String?
    /// Set when the file was replaced but its folder could not be flushed: the save may not
    /// survive a crash, and is to be made again.
    public var folderFlushError: String?
    /// With `keepingCopy`: the name in `removed/` of the file as it was before this save.
    public var keptCopy: String?
}

extension InspectionFolder {
    /// Saves a change to a case as a change, not as a whole file: under the folder's save lock,
    /// reads the file as it is now and, where it differs from `base` (the version the change was
    /// made to; nil for a new case), merges the change into it field by field.
    ///
    /// What clashes with a change made meanwhile keeps the file's value and is listed in
    /// `notApplied`.
    ///
    /// `known` is the signature of `base` on disk, when the caller has it: an unchanged file is
    /// then not read again (unless the case is held without its history: then the file is always
    /// read, and its history kept). A new case is refused if its file exists by then.
    ///
    /// With `keepingCopy`, a change that drops what the file holds (its orphans) first keeps the
    /// file as it is on disk in `removed/` (`keptCopy` names it); nothing is saved when it
    /// cannot be kept.
    public func save(
        _ ours: CaseFile, base: CaseFile?, known: FileSignature? = nil, reviewOfChangedAnswers: Bool = false,
        oldVersion: FileSystem.OldVersion = .removeNow, keepingCopy: Bool = false
    ) throws(CaseSaveFailure) -> CaseSaveResult {
        let path = caseFilePath(ref: ours.ref)
        func failure(_ kind: CaseSaveFailure.Kind, _ message: String) -> CaseSaveFailure {
            CaseSaveFailure(kind: kind, message: message)
        }
        guard CaseChecker.isSafeRef(ours.ref) else {
            throw failure(.fileSystem, "\(TerminalText.escaped(ours.ref)): not a safe case reference; nothing saved")
        }
        if let refusal = writeRefusal(ref: ours.ref) { throw failure(.damaged, "\(TerminalText.escaped(path)): \(refusal)") }
        return try saveChecked(
            ours, base: base, known: known, reviewOfChangedAnswers: reviewOfChangedAnswers, oldVersion: oldVersion,
            keepingCopy: keepingCopy)
    }

    private func saveChecked(
        _ ours: CaseFile, base: CaseFile?, known: FileSignature?, reviewOfChangedAnswers: Bool, oldVersion: FileSystem.OldVersion,
        keepingCopy: Bool
    ) throws(CaseSaveFailure) -> CaseSaveResult {
        let path = caseFilePath(ref: ours.ref)
        func failure(_ kind: CaseSaveFailure.Kind, _ message: String) -> CaseSaveFailure {
            CaseSaveFailure(kind: kind, message: message)
        }
        guard FileSystem.exists(inspectionFilePath) else {
            throw failure(
                .gone, "\(TerminalText.escaped(inspectionFilePath)): the inspection is no longer there (moved or deleted?); nothing saved")
        }
        let lock: SaveLock
        let cases: FileSystem.Folder
        do {
            lock = try SaveLock.acquire(folder: self.path)
            // Opened from the inspection's folder, never through a link: nothing is read or
            // written outside it.
            cases = try openOwnFolder(Self.casesFolderName, creating: true)
        } catch {
            throw failure(.fileSystem, error.description)
        }
        defer { lock.release() }
        var toWrite = ours
        var merged = false
        var notApplied: [String] = []
        let current = FileSignature.of(path)
        switch (base, current) {
        case (nil, nil):
            break
        case (nil, .some):
            let onDisk = try? readCase(ref: ours.ref).get()
            let who = onDisk?.details.inspector.map { " (inspector \(TerminalText.escaped($0)))" } ?? ""
            throw failure(
                .alreadyExists(onDisk),
                "case \(TerminalText.escaped(ours.ref)) was added meanwhile by another casemark\(who); yours was not saved over it")
        case (.some, nil):
            throw failure(
                .gone,
                "case \(TerminalText.escaped(ours.ref)) is no longer in the folder (removed or moved meanwhile); your change is kept here, not saved"
            )
        case (.some(let base), .some(let signature)):
            // A case held without its history is merged into the file, never written as it is.
            if signature != known || !ours.historyIsLoaded || !base.historyIsLoaded {
                let onDisk: CaseFile
                let bytes: [UInt8]
                do {
                    bytes = try cases.read(ours.ref + ".json")
                } catch {
                    throw failure(.fileSystem, error.description)
                }
                switch InspectionFolder.loadCase(
                    path: path, bytes: bytes, ref: Self.ref(ofCaseFilePath: path), framework: framework, inspection: inspection)
                {
                case .valid(let file): onDisk = file
                case .damaged(let problems, let rescued):
                    // Answers the framework no longer has are kept, and the case may be saved.
                    if let rescued, rescued.readOnlyReason == nil {
                        onDisk = rescued.file
                    } else {
                        throw failure(
                            .damaged,
                            "\(TerminalText.escaped(path)) changed on disk and now has problems (\(problems.diagnostics.first?.message ?? "invalid")); not overwritten, your change is kept here"
                        )
                    }
                }
                if onDisk != base {
                    let outcome = CaseMerge.merge(
                        base: base, ours: ours, theirs: onDisk, clashes: .keepSecond, reviewOfChangedAnswers: reviewOfChangedAnswers)
                    guard let result = outcome.merged else {
                        throw failure(
                            .damaged,
                            "case \(TerminalText.escaped(ours.ref)) changed on disk in a way that cannot be merged; your change is kept here, not saved"
                        )
                    }
                    toWrite = result
                    // Someone else's work, not only the history this copy did not hold.
                    merged = base.historyIsLoaded ? true : !onDisk.equalsIgnoringHistory(base)
                    notApplied = outcome.notApplied
                    if toWrite == onDisk {
                        return CaseSaveResult(
                            saved: onDisk, signature: signature, replaced: nil, mergedWithDisk: merged, notApplied: notApplied,
                            frameworkCopyError: nil)
                    }
                }
            }
        }
        var keptCopy: String?
        if keepingCopy, base != nil {
            do throws(FileSystemError) {
                keptCopy = try keepCopyInRemoved(ref: ours.ref, from: cases)
            } catch {
                throw failure(
                    .fileSystem,
                    "case \(TerminalText.escaped(ours.ref)) not saved: the file as it is could not be kept in \(Self.removedFolderName)/ first (\(error.description))"
                )
            }
        }
        var replaced: FileSystem.ReplacedFile?
        var flushError: String?
        do {
            replaced = try cases.writeAtomically(toWrite.encoded(), to: ours.ref + ".json", oldVersion: oldVersion, replacing: base != nil)
        } catch  where error.landed {
            flushError = error.description
        } catch {
            if base == nil, cases.status(of: ours.ref + ".json") != nil {
                let onDisk = try? readCase(ref: ours.ref).get()
                throw failure(
                    .alreadyExists(onDisk),
                    "case \(TerminalText.escaped(ours.ref)) was added meanwhile by another casemark; yours was not saved over it")
            }
            throw failure(.fileSystem, error.description)
        }
        var copyError: String?
        if toWrite.frameworkHash == framework.contentHash {
            do throws(FileSystemError) {
                try keepFrameworkRevision()
            } catch {
                copyError = error.description
            }
        }
        var result = CaseSaveResult(
            saved: toWrite, signature: FileSignature.of(path), replaced: replaced, mergedWithDisk: merged, notApplied: notApplied,
            frameworkCopyError: copyError, folderFlushError: flushError)
        result.keptCopy = keptCopy
        return result
    }

    /// Copies the case file as it is now into `removed/`, and gives the name it has there.
    ///
    /// Its own name, or the first numbered one free there (`C01.2.json`). Called under the save
    /// lock: no save changes the file meanwhile.
    private func keepCopyInRemoved(ref: String, from cases: FileSystem.Folder) throws(FileSystemError) -> String {
        let bytes = try cases.read(ref + ".json")
        let removed = try openOwnFolder(Self.removedFolderName, creating: true)
        var name = ref + ".json"
        var number = 2
        while true {
            if removed.status(of: name) == nil {
                do {
                    try removed.writeAtomically(bytes, to: name, replacing: false)
                    return name
                } catch  where removed.status(of: name) != nil {
                    // Taken meanwhile (a case moved there by another casemark): the next name.
                }
            }
            name = "\(ref).\(number).json"
            number += 1
        }
    }

    /// Saves a change to `inspection.json` the same way: merged, under the save lock, into the
    /// file as it is now (direct ratings, their notes and panel decisions each as a field).
    public func saveInspection(
        _ ours: InspectionFile, base: InspectionFile, known: FileSignature? = nil
    ) throws(CaseSaveFailure) -> (
        saved: InspectionFile, signature: FileSignature?, notApplied: [String], merged: Bool, folderFlushError: String?
    ) {
        func failure(_ kind: CaseSaveFailure.Kind, _ message: String) -> CaseSaveFailure {
            CaseSaveFailure(kind: kind, message: message)
        }
        let lock: SaveLock
        do {
            lock = try SaveLock.acquire(folder: path)
        } catch {
            throw failure(.fileSystem, error.description)
        }
        defer { lock.release() }
        guard let signature = FileSignature.of(inspectionFilePath) else {
            throw failure(
                .gone, "\(TerminalText.escaped(inspectionFilePath)): the inspection is no longer there (moved or deleted?); nothing saved")
        }
        var toWrite = ours
        var notApplied: [String] = []
        var merged = false
        if signature != known {
            let onDisk: InspectionFile
            do {
                onDisk = try Self.readInspection(
                    bytes: try FileSystem.read(inspectionFilePath), file: inspectionFilePath, framework: framework)
            } catch let problems as FileProblems {
                throw failure(
                    .damaged,
                    "\(TerminalText.escaped(inspectionFilePath)) changed on disk and now has problems (\(problems.diagnostics.first?.message ?? "invalid")); not overwritten"
                )
            } catch {
                throw failure(.fileSystem, "\(error)")
            }
            if onDisk != base {
                merged = true
                let outcome = InspectionFileMerge.merge(base: base, ours: ours, theirs: onDisk)
                guard let file = outcome.merged else {
                    throw failure(
                        .damaged, "\(TerminalText.escaped(inspectionFilePath)) changed on disk in a way that cannot be merged; not saved")
                }
                toWrite = file
                notApplied = outcome.notApplied
                if toWrite == onDisk { return (onDisk, signature, notApplied, true, nil) }
            }
        }
        var flushError: String?
        do {
            try FileSystem.writeAtomically(toWrite.encoded(), to: inspectionFilePath)
        } catch  where error.landed {
            flushError = error.description
        } catch {
            throw failure(.fileSystem, error.description)
        }
        return (toWrite, FileSignature.of(inspectionFilePath), notApplied, merged, flushError)
    }
}

extension InspectionFolder {
    /// Reads `inspection.json` as it is on disk now, checked against the folder's framework.
    public func readInspectionFromDisk() throws -> InspectionFile {
        try Self.readInspection(bytes: try FileSystem.read(inspectionFilePath), file: inspectionFilePath, framework: framework)
    }

    /// Reads an `inspection.json` that must use `framework`.
    static func readInspection(bytes: [UInt8], file: String, framework: Framework) throws -> InspectionFile {
        try readInspection(bytes: bytes, file: file) { inspection, problems in
            if inspection.framework == framework.id {
                InspectionChecker.check(inspection, framework: framework, problems: &problems)
            } else {
                problems.report(
                    "the framework changed to \"\(inspection.framework)\"; reopen the inspection", at: JSONPath.root.appending("framework"))
            }
        }
    }
}

/// Merges two versions of `inspection.json` that started from `base`, rating by rating: a direct
/// rating, its note, a panel decision and its reason are each a field.
///
/// Where both changed one field differently, `theirs` (the file on disk) is kept, or ours with
/// `keepingOurs` (a git merge), and the other is listed as not applied.
public enum InspectionFileMerge {
    public static func merge(
        base: InspectionFile, ours: InspectionFile, theirs: InspectionFile, keepingOurs: Bool = false
    ) -> (merged: InspectionFile?, notApplied: [String]) {
        merged(base: .known(base.jsonValue()), ours: ours, theirs: theirs, keeping: keepingOurs ? .ours : .theirs) { clash in
            "\(clash.path.joined(separator: " ")): yours \(MergeConflict.describe(clash.ours)), changed meanwhile to \(MergeConflict.describe(clash.theirs))"
        }
    }

    /// Two copies' `inspection.json` with no common version to hand (`casemark merge`): what only
    /// one has is taken, what both have alike once, and a field they hold differently keeps
    /// `ours` and is listed ("ratings 1.1 rating: inadequate here ≠ outstanding in bob").
    public static func merge(ours: InspectionFile, theirs: InspectionFile, theirsSource: String) -> (
        merged: InspectionFile?, clashes: [String]
    ) {
        let outcome = merged(base: .unknown, ours: ours, theirs: theirs, keeping: .ours) { clash in
            "\(clash.path.joined(separator: " ")): \(MergeConflict.describe(clash.ours)) here ≠ \(MergeConflict.describe(clash.theirs)) in \(theirsSource)"
        }
        return (outcome.merged, outcome.notApplied)
    }

    /// The tree merge both use, with each clash described by `describe` (escaped for a terminal).
    private static func merged(
        base: TreeMerge.Base, ours: InspectionFile, theirs: InspectionFile, keeping side: TreeMerge.Side,
        describe: (TreeMerge.Clash) -> String
    ) -> (merged: InspectionFile?, notApplied: [String]) {
        var tree = TreeMerge(rule: { _ in .members })
        tree.onClash = side
        let result = tree.merge(base: base, ours: ours.jsonValue(), theirs: theirs.jsonValue())
        var problems = ProblemCollector(file: "inspection.json")
        guard let result, let file = InspectionFile.read(result, problems: &problems), problems.isEmpty else { return (nil, []) }
        return (file, tree.clashes.map { TerminalText.escaped(describe($0)) })
    }
}
