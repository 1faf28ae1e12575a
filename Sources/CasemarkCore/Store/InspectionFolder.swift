import Dispatch
import Foundation

/// An inspection as stored on disk: a folder with `inspection.json` and `cases/<ref>.json`.
///
/// Loading never stops at a bad case file: good cases load, and each bad one is listed in
/// `damaged` with every problem found, so a screen can still open the inspection while a report
/// refuses to run.
public struct InspectionFolder: Sendable {
    public static let inspectionFileName = "inspection.json"
    public static let casesFolderName = "cases"

    public let path: String
    public var inspection: InspectionFile
    public let framework: Framework
    /// The valid cases, ordered by ref.
    public var cases: [CaseFile]
    /// Case files with problems, each with every problem found.
    ///
    /// A report refuses to run while there are any. Most are not loaded at all; those in `salvaged`
    /// are.
    public var damaged: [FileProblems]
    /// Damaged cases that could still be read safely, by ref: a newer `version` (opened read-only)
    /// or answers the framework no longer has (kept and shown as orphaned).
    ///
    /// They are in `cases` too.
    public var salvaged: [String: SalvagedCase] = [:]
    /// False when loaded without the cases' histories (`load(_:catalog:keepingHistory:)`): each
    /// case then says so (`CaseFile.historyIsLoaded`), and a save merges it into the file on disk.
    public private(set) var keepsHistory = true
    /// What loading saw of `cases/` on disk (nil for a folder not loaded from disk).
    public internal(set) var seenOnDisk: SeenOnDisk?

    /// The signature of `cases/` taken before it was listed, and of each file named `*.json` in
    /// it as it was read (its `fstat` once opened), by the name without `.json`.
    ///
    /// A watcher of the folder starts from these rather than looking again after loading: a
    /// change saved while the folder was being loaded then shows as a change, where a second
    /// look took the changed file as the one loaded (and listed and looked at every file once
    /// more, one at a time).
    public struct SeenOnDisk: Sendable {
        public var casesFolder: FileSignature?
        public var caseFiles: [String: FileSignature]
    }

    public var inspectionFilePath: String { Self.inspectionFilePath(in: path) }
    public var casesFolderPath: String { path + "/" + Self.casesFolderName }

    public static func inspectionFilePath(in folder: String) -> String {
        folder + "/" + inspectionFileName
    }

    public func caseFilePath(ref: String) -> String {
        casesFolderPath + "/" + ref + ".json"
    }

    /// The ref a case file's name says it holds (`cases/C01.json` → `C01`), or nil when the name
    /// does not end in `.json`.
    ///
    /// A case's `ref` must equal it.
    static func ref(ofCaseFilePath path: String) -> String? {
        // On the UTF-8 bytes: loading asks this for every case file.
        let utf8 = path.utf8
        let start = utf8.lastIndex(of: UInt8(ascii: "/")).map { utf8.index(after: $0) } ?? utf8.startIndex
        let suffix = ".json".utf8
        guard utf8.distance(from: start, to: utf8.endIndex) >= suffix.count,
            utf8[utf8.index(utf8.endIndex, offsetBy: -suffix.count)...].elementsEqual(suffix)
        else { return nil }
        return String(Substring(utf8[start..<utf8.index(utf8.endIndex, offsetBy: -suffix.count)]))
    }

    /// Loads an inspection folder.
    ///
    /// Throws `FileProblems` when `inspection.json` is missing or invalid, or its framework cannot
    /// be read; bad case files go to `damaged` instead.
    ///
    /// With `keepingHistory` false, case files are checked exactly as always (the same files are
    /// damaged, with the same problems) but cases read on the fast path come without their
    /// history, and the folder will not save: for reports, which never look at history.
    public static func load(_ path: String, catalog: FrameworkCatalog, keepingHistory: Bool = true) throws -> InspectionFolder {
        let opened = try open(path, catalog: catalog)
        let (inspection, framework) = (opened.inspection, opened.framework)
        var cases: [CaseFile] = []
        var damaged = opened.notCaseFiles
        var salvaged: [String: SalvagedCase] = [:]
        var seen = opened.seen
        if !opened.caseFiles.isEmpty {
            let read = readCases(of: opened, keepingHistory: keepingHistory)
            seen.caseFiles.merge(read.signatures) { _, read in read }
            cases = read.cases
            for (index, problems) in read.damaged.sorted(by: { $0.key < $1.key }) {
                damaged.append(problems)
                if let rescued = read.salvaged[index] { salvaged[rescued.file.ref] = rescued }
            }
            if !read.damaged.isEmpty {
                // Damaged files hold a place in `read.cases`; only what was salvaged stays.
                cases = cases.indices.compactMap { index in
                    read.damaged[index] == nil ? cases[index] : read.salvaged[index]?.file.withoutHistory(unless: keepingHistory)
                }
            }
        }
        // Sorted by ref through a list of refs, and only when reading in file-name order left
        // them out of order (a salvaged case may carry another ref): sorting the cases
        // themselves copies them at every comparison, which costs more than the comparisons.
        if cases.indices.dropFirst().contains(where: { numberingOrder(cases[$0].ref, cases[$0 - 1].ref) }) {
            let order = cases.indices.map { (ref: cases[$0].ref, index: $0) }.sorted { numberingOrder($0.ref, $1.ref) }
            cases = order.map { cases[$0.index] }
        }
        damaged.sort { ($0.diagnostics.first?.file ?? "") < ($1.diagnostics.first?.file ?? "") }
        var loaded = InspectionFolder(path: opened.folder, inspection: inspection, framework: framework, cases: cases, damaged: damaged)
        loaded.salvaged = salvaged
        loaded.keepsHistory = keepingHistory
        loaded.seenOnDisk = seen
        return loaded
    }

    /// An inspection folder opened for reading: its `inspection.json` and framework read and
    /// checked, and its case files found (in ref order), before any case is read.
    struct Opened {
        var folder: String
        var inspection: InspectionFile
        var framework: Framework
        /// Each case file's name and the ref it gives, in ref order: names, not paths, as most
        /// fit in a string without a heap allocation (a path for each of 100,000 files was 8 MB).
        var caseFiles: [(name: String, ref: String)]
        /// Where they are: `cases/` in the folder.
        var casesPath: String
        /// `cases/`, held open: its files are read relative to it, never through a link.
        var casesFolder: FileSystem.Folder?
        /// Files in `cases/` that are not named as case files.
        var notCaseFiles: [FileProblems]
        /// What was seen of `cases/` and of the files named `*.json` that are not case files, as
        /// they were listed (the case files' own are taken as each is read).
        var seen = SeenOnDisk(casesFolder: nil, caseFiles: [:])

        /// Reads and checks the case files on every core, 64 to a work item (each file is
        /// independent, and smaller items are not worth handing out): `chunk` runs on the core
        /// that reads them, with the positions of its files and `read`, which reads one.
        ///
        /// With `signatures` (a slot per file), each file's signature as read is put in its slot.
        func readInChunks(
            keepingHistory: Bool, signatures: UnsafeMutablePointer<FileSignature?>? = nil,
            _ chunk: @Sendable (_ positions: Range<Int>, _ read: (Int) -> LoadedCase) -> Void
        ) {
            let checking = CaseChecker.Index(framework)
            let size = 64
            nonisolated(unsafe) let signatures = signatures
            DispatchQueue.concurrentPerform(iterations: (caseFiles.count + size - 1) / size) { index in
                chunk((index * size)..<min(caseFiles.count, (index + 1) * size)) { position in
                    loadCase(
                        path: casesPath + "/" + caseFiles[position].name, in: casesFolder, ref: caseFiles[position].ref,
                        framework: framework, inspection: inspection, index: checking, keepingHistory: keepingHistory,
                        signature: signatures.map { $0 + position })
                }
            }
        }
    }

    /// Opens an inspection folder for reading (`load`, and reading it case by case).
    static func open(_ path: String, catalog: FrameworkCatalog) throws -> Opened {
        let folder = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        let inspectionPath = inspectionFilePath(in: folder)
        guard FileSystem.isDirectory(folder) else {
            throw FileProblems([Diagnostic(file: folder, message: "no such inspection folder")])
        }
        try refuseLinkedFoldersForLoading(in: folder)
        guard FileSystem.exists(inspectionPath) else {
            throw FileProblems([Diagnostic(file: inspectionPath, message: "not found: this folder holds no inspection")])
        }
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(inspectionPath)
        } catch {
            throw FileProblems([Diagnostic(file: inspectionPath, message: error.message)])
        }
        let inspection = try readInspection(bytes: bytes, file: inspectionPath, catalog: catalog)
        let framework = try catalog.framework(id: inspection.framework)
        let casesPath = folder + "/" + casesFolderName
        var opened = Opened(
            folder: folder, inspection: inspection, framework: framework, caseFiles: [], casesPath: casesPath, notCaseFiles: [])
        let names: [String]
        do {
            let root = try FileSystem.Folder.open(folder)
            guard root.status(of: casesFolderName) != nil else { return opened }
            let cases = try root.subfolder(casesFolderName)
            opened.casesFolder = cases
            opened.seen.casesFolder = FileSignature.of(casesFolderName, in: root)
            // Sorted below, by ref.
            names = try cases.list(sorted: false)
        } catch {
            throw FileProblems([Diagnostic(file: error.path, message: error.message)])
        }
        var files: [(name: String, ref: String)] = []
        for name in names where !name.hasPrefix(".") {
            guard let ref = ref(ofCaseFilePath: name) else {
                if name.hasSuffix(".json"), let cases = opened.casesFolder, let signature = FileSignature.of(name, in: cases) {
                    opened.seen.caseFiles[String(name.dropLast(5))] = signature
                }
                let filePath = casesPath + "/" + name
                if opened.casesFolder?.hasFolder(name) != true {
                    opened.notCaseFiles.append(
                        FileProblems([Diagnostic(file: filePath, message: "not a case file: case files are named <ref>.json")]))
                }
                continue
            }
            files.append((name, ref))
        }
        // In ref order already (a valid case's ref is its file name), so that the cases
        // come out sorted and are not copied about to sort them.
        files = sortedInNumberingOrder(files, by: \.ref)
        opened.caseFiles = files
        return opened
    }

    /// What reading a folder case by case found: the inspection, and every file with problems
    /// (salvageable or not: a report counts only cases that are whole).
    public struct ReadCaseByCase: Sendable {
        public var inspection: InspectionFile
        public var framework: Framework
        public var damaged: [FileProblems]
    }

    /// Reads an inspection's cases without their histories on every core, folding each valid
    /// case into its core's own fold as soon as it is read (`add`, with the case's position in
    /// ref order) and keeping none: memory does not grow with the number of cases, and no core
    /// waits for another until the end, when the folds are joined into one (`join`).
    ///
    /// Files with problems are gathered, not folded, salvageable or not (a report counts only
    /// whole cases).
    public static func foldCaseByCase<Fold>(
        _ path: String, catalog: FrameworkCatalog, start: @Sendable (Framework) -> Fold,
        add: @Sendable (inout Fold, CaseFile, _ position: Int) -> Void,
        join: (inout Fold, Fold) -> Void
    ) throws -> (read: ReadCaseByCase, fold: Fold) {
        let opened = try open(path, catalog: catalog)
        let framework = opened.framework
        // The folds not in use: a chunk of files takes one (or starts one), folds into it, and
        // gives it back, so there are never more folds than cores at work.
        let idle = FoldPool<Fold>()
        opened.readInChunks(keepingHistory: false) { positions, read in
            var fold = idle.take() ?? start(framework)
            var damaged: [FileProblems] = []
            for position in positions {
                switch read(position) {
                case .valid(let file): add(&fold, file, position)
                case .damaged(let problems, _): damaged.append(problems)
                }
            }
            idle.give(fold, damaged: damaged)
        }
        // One of the folds is the result (a fold is not free to start: a tally's slots, a table's).
        var folds = idle.all
        var result = folds.popLast() ?? start(opened.framework)
        for fold in folds { join(&result, fold) }
        var problems = opened.notCaseFiles + idle.damaged
        problems.sort { ($0.diagnostics.first?.file ?? "") < ($1.diagnostics.first?.file ?? "") }
        return (ReadCaseByCase(inspection: opened.inspection, framework: opened.framework, damaged: problems), result)
    }

    /// The folds of `foldCaseByCase` not in use, and the damaged files found, shared by its
    /// cores under a lock (only the damaged files kept, not a slot for every file).
    private final class FoldPool<Fold>: @unchecked Sendable {
        private var idle: [Fold] = []
        private(set) var damaged: [FileProblems] = []
        private let lock = NSLock()

        func take() -> Fold? {
            lock.lock()
            defer { lock.unlock() }
            return idle.popLast()
        }

        func give(_ fold: Fold, damaged found: [FileProblems]) {
            lock.lock()
            idle.append(fold)
            damaged += found
            lock.unlock()
        }

        /// Every fold, once the work is done.
        var all: [Fold] { idle }
    }

    /// What reading a folder's case files gave, by position in the files read: every case, with
    /// a placeholder where a file is damaged, and the damaged files' problems and salvage.
    struct ReadCases {
        var cases: [CaseFile]
        var damaged: [Int: FileProblems] = [:]
        var salvaged: [Int: SalvagedCase] = [:]
        /// Each file's signature as it was read (its `fstat` once opened), by the name without `.json`.
        var signatures: [String: FileSignature] = [:]
    }

    /// Reads and checks an opened folder's case files on every core, in their order.
    ///
    /// Each case is written straight into its place in one array: collecting them from a list of
    /// results afterwards copied every case once more, a tenth of a 10,000-case report.
    static func readCases(of opened: Opened, keepingHistory: Bool = true) -> ReadCases {
        let count = opened.caseFiles.count
        var damaged = [FileProblems?](repeating: nil, count: count)
        var salvaged = [SalvagedCase?](repeating: nil, count: count)
        var signatures = [FileSignature?](repeating: nil, count: count)
        let placeholder = CaseFile(ref: "", framework: "", domain: "", disposal: "")
        let cases = damaged.withUnsafeMutableBufferPointer { damagedSlots in
            salvaged.withUnsafeMutableBufferPointer { salvagedSlots in
                signatures.withUnsafeMutableBufferPointer { signatureSlots in
                    [CaseFile](unsafeUninitializedCapacity: count) { buffer, initialized in
                        nonisolated(unsafe) let damagedSlots = damagedSlots
                        nonisolated(unsafe) let salvagedSlots = salvagedSlots
                        // A buffer of count > 0 slots (an empty list is never read).
                        guard let base = buffer.baseAddress else {
                            initialized = 0
                            return
                        }
                        nonisolated(unsafe) let slots = base
                        // Each file's signature as it is read (the read's own `fstat`, before its
                        // bytes): a change saved while it is read shows as a change.
                        opened.readInChunks(keepingHistory: keepingHistory, signatures: signatureSlots.baseAddress) { positions, read in
                            for position in positions {
                                let slot = slots + position
                                switch read(position) {
                                case .valid(let file):
                                    slot.initialize(to: file)
                                case .damaged(let problems, let rescued):
                                    slot.initialize(to: placeholder)
                                    damagedSlots[position] = problems
                                    salvagedSlots[position] = rescued
                                }
                            }
                        }
                        initialized = count
                    }
                }
            }
        }
        var read = ReadCases(cases: cases)
        for (position, signature) in signatures.enumerated() {
            if let signature { read.signatures[String(opened.caseFiles[position].name.dropLast(5))] = signature }
        }
        for index in damaged.indices {
            if let problems = damaged[index] { read.damaged[index] = problems }
            if let rescued = salvaged[index] { read.salvaged[index] = rescued }
        }
        return read
    }

    /// One case file as loading found it: valid, or damaged and perhaps still salvageable.
    enum LoadedCase {
        case valid(CaseFile)
        case damaged(FileProblems, salvaged: SalvagedCase?)
    }

    /// Reads one case file; `ref` is what its name says (`ref(ofCaseFilePath:)`).
    ///
    /// With `folder`, the case file's folder held open, the file is read relative to it.
    static func loadCase(
        path: String, in folder: FileSystem.Folder? = nil, ref: String, framework: Framework, inspection: InspectionFile,
        index: CaseChecker.Index? = nil, keepingHistory: Bool = true, signature: UnsafeMutablePointer<FileSignature?>? = nil
    ) -> LoadedCase {
        let bytes: [UInt8]
        do {
            if let folder {
                bytes = try folder.read(FilePath.name(of: path), signature: signature)
            } else {
                bytes = try FileSystem.read(path)
            }
        } catch {
            return .damaged(FileProblems([Diagnostic(file: path, message: error.message)]), salvaged: nil)
        }
        return loadCase(
            path: path, bytes: bytes, ref: ref, framework: framework, inspection: inspection, index: index, keepingHistory: keepingHistory)
    }

    /// `loadCase(path:...)` for the file's `bytes`, already read.
    static func loadCase(
        path: String, bytes: [UInt8], ref: String?, framework: Framework, inspection: InspectionFile, index: CaseChecker.Index? = nil,
        keepingHistory: Bool = true
    ) -> LoadedCase {
        // Passed on as it is: unwrapping it copied the index (a retain of each of its arrays, shared
        // by every core) for every case.
        guard index != nil else {
            return loadCase(
                path: path, bytes: bytes, ref: ref, framework: framework, inspection: inspection, index: CaseChecker.Index(framework),
                keepingHistory: keepingHistory)
        }
        var decoded = CaseFileDecoder.decode(bytes, file: path, keepingHistory: keepingHistory)
        switch check(&decoded, bytes: bytes, file: path, ref: ref, index: index, inspection: inspection) {
        case .success(let file):
            return .valid(file)
        case .failure(let problems):
            return .damaged(
                problems,
                salvaged: salvage(
                    decoded, bytes: bytes, file: path, framework: framework, index: index ?? CaseChecker.Index(framework),
                    inspection: inspection))
        }
    }

    static func readInspection(bytes: [UInt8], file: String, catalog: FrameworkCatalog) throws -> InspectionFile {
        try readInspection(bytes: bytes, file: file) { inspection, problems in
            if let framework = try? catalog.framework(id: inspection.framework) {
                InspectionChecker.check(inspection, framework: framework, problems: &problems)
            } else if catalog.entry(id: inspection.framework) == nil {
                problems.report(
                    "no framework \"\(inspection.framework)\"; available: \(catalog.ids.joined(separator: ", "))",
                    at: JSONPath.root.appending("framework"))
            }
        }
    }

    /// Reads an `inspection.json`, then `check`s it; every problem is located in the bytes.
    static func readInspection(
        bytes: [UInt8], file: String, check: (InspectionFile, inout ProblemCollector) -> Void
    ) throws -> InspectionFile {
        let value = try FileProblems.parsing(bytes, file: file)
        var problems = ProblemCollector(file: file)
        let inspection = InspectionFile.read(value, problems: &problems)
        if let inspection { check(inspection, &problems) }
        guard problems.isEmpty, let inspection else { throw FileProblems(problems.located(in: bytes)) }
        return inspection
    }

    /// Reads one case file and checks it against the framework and inspection.
    public static func readCase(path: String, framework: Framework, inspection: InspectionFile) -> Result<CaseFile, FileProblems> {
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(path)
        } catch {
            return .failure(FileProblems([Diagnostic(file: path, message: error.message)]))
        }
        return readCase(bytes: bytes, file: path, framework: framework, inspection: inspection)
    }

    public static func readCase(bytes: [UInt8], file: String, framework: Framework?, inspection: InspectionFile?) -> Result<
        CaseFile, FileProblems
    > {
        var decoded = CaseFileDecoder.decode(bytes, file: file)
        return check(
            &decoded, bytes: bytes, file: file, ref: ref(ofCaseFilePath: file), index: framework.map(CaseChecker.Index.init),
            inspection: inspection)
    }

    /// A case as read (`decoded` from `bytes`), checked against its framework and inspection: the
    /// case, or every problem of reading and of checking, located.
    ///
    /// A valid case is moved out of `decoded`, not copied (a copy of a case retained each of its
    /// strings and arrays, and releasing `decoded` released them again, for every case read); a
    /// damaged one is left in it for salvage.
    static func check(
        _ decoded: inout DecodedCase, bytes: [UInt8], file: String, ref: String?, index: CaseChecker.Index?, inspection: InspectionFile?
    ) -> Result<CaseFile, FileProblems> {
        guard let caseFile = decoded.file.take() else { return .failure(FileProblems(decoded.problems)) }
        var problems = ProblemCollector(file: file)
        CaseChecker.check(caseFile, expectedRef: ref, inspectionFramework: inspection?.framework, index: index, problems: &problems)
        CaseChecker.checkEmptyAnswers(decoded.emptyAnswers, of: caseFile, index: index, problems: &problems)
        if decoded.problems.isEmpty && problems.isEmpty { return .success(caseFile) }
        decoded.file = caseFile
        let limit = Diagnostic.printedPerFile - decoded.problems.count
        return .failure(FileProblems(decoded.problems + decoded.located(problems.diagnostics, in: bytes, limit: limit)))
    }

    // MARK: - Writing

    /// Creates a new inspection folder (private to the user) with its `inspection.json` and an
    /// empty `cases/` folder.
    ///
    /// Refuses to overwrite an existing inspection.
    public static func create(at path: String, service: String, framework: Framework) throws -> InspectionFolder {
        let inspectionPath = inspectionFilePath(in: path)
        if FileSystem.exists(inspectionPath) {
            throw FileSystemError(path: inspectionPath, message: "an inspection already exists here")
        }
        try FileSystem.makePrivateFolder(path)
        let root = try FileSystem.Folder.open(path)
        _ = try root.subfolder(casesFolderName, creating: true)
        let inspection = InspectionFile(service: service, framework: framework.id)
        try root.writeAtomically(inspection.encoded(), to: inspectionFileName)
        let folder = InspectionFolder(path: path, inspection: inspection, framework: framework, cases: [], damaged: [])
        try folder.keepFrameworkRevision()
        return folder
    }

    /// Saves `inspection.json` atomically.
    public func saveInspection() throws(FileSystemError) {
        try openRoot().writeAtomically(inspection.encoded(), to: Self.inspectionFileName)
    }

    /// Saves one case file atomically, creating `cases/` if needed.
    ///
    /// The ref must be a safe file name, so nothing is written outside the inspection folder. With
    /// `.removeLater`, returns the replaced version for the caller to delete (see
    /// `FileSystem.writeAtomically`).
    @discardableResult
    public func save(
        _ file: CaseFile, oldVersion: FileSystem.OldVersion = .removeNow
    ) throws(FileSystemError) -> FileSystem.ReplacedFile? {
        guard CaseChecker.isSafeRef(file.ref) else {
            throw FileSystemError(path: file.ref, message: "not a safe case reference; nothing saved")
        }
        guard file.historyIsLoaded else {
            throw FileSystemError(
                path: caseFilePath(ref: file.ref),
                message: "the case was loaded without its history; nothing saved (save it with save(_:base:))")
        }
        if let refusal = writeRefusal(ref: file.ref) {
            throw FileSystemError(path: caseFilePath(ref: file.ref), message: refusal)
        }
        let replaced = try openOwnFolder(Self.casesFolderName, creating: true).writeAtomically(
            file.encoded(), to: file.ref + ".json", oldVersion: oldVersion)
        if file.frameworkHash == framework.contentHash {
            do throws(FileSystemError) {
                try keepFrameworkRevision()
            } catch {
                replaced?.remove()
                throw error
            }
        }
        return replaced
    }
}

extension InspectionFolder {
    public static let removedFolderName = "removed"

    /// Moves a case file to the inspection's `removed/` folder, never deleting it.
    ///
    /// A file already there with the same name is kept: the new one gets a numbered name.
    public func moveToRemoved(ref: String) throws(FileSystemError) {
        guard CaseChecker.isSafeRef(ref) else {
            throw FileSystemError(path: ref, message: "not a safe case reference")
        }
        let root = try openRoot()
        let cases = try root.subfolder(Self.casesFolderName)
        let removed = try root.subfolder(Self.removedFolderName, creating: true)
        guard cases.status(of: ref + ".json") != nil else {
            throw FileSystemError(path: caseFilePath(ref: ref), message: "cannot move to \(Self.removedFolderName)/: no such case file")
        }
        var target = ref + ".json"
        var number = 2
        while try !cases.move(ref + ".json", to: removed, as: target) {
            target = "\(ref).\(number).json"
            number += 1
        }
    }
}

#if canImport(Glibc)
    import Glibc
#endif
