import CasemarkCore

/// What the runner last saw of an inspection folder on disk, to notice what others save: the
/// signature of `inspection.json`, of the `cases/` folder (a save renames a file into it, which
/// changes the folder) and of each case file.
///
/// Looking costs one `stat` while nothing changed.
struct FolderWatch {
    /// Something found changed on disk.
    enum Change {
        case inspection(InspectionFile)
        /// A case file that changed or appeared, as it is now.
        case changed(CaseFile)
        case vanished(ref: String)
        case damaged(FileProblems)
        /// The inspection folder (or its `inspection.json`) is no longer there.
        case folderGone(String)
    }

    var inspection: FileSignature?
    var casesFolder: FileSignature?
    var cases: [String: FileSignature] = [:]
    private var folderMissing = false

    /// Takes the folder's signatures as the state the app loaded: those loading saw
    /// (`InspectionFolder.seenOnDisk`), else as they are now.
    mutating func start(_ folder: InspectionFolder?) {
        guard let folder else { return }
        inspection = FileSignature.of(folder.inspectionFilePath)
        if let seen = folder.seenOnDisk {
            casesFolder = seen.casesFolder
            cases = seen.caseFiles
            return
        }
        casesFolder = FileSignature.of(folder.casesFolderPath)
        cases = [:]
        guard let casesFolder = try? folder.openOwnFolder(InspectionFolder.casesFolderName) else { return }
        for name in (try? casesFolder.list(sorted: false)) ?? [] where !name.hasPrefix(".") && name.hasSuffix(".json") {
            cases[String(name.dropLast(5))] = FileSignature.of(name, in: casesFolder)
        }
    }

    /// What changed since the last look.
    ///
    /// `force` lists and compares every case file even when the `cases/` folder looks unchanged (an
    /// edit in place does not change the folder).
    mutating func changes(in folder: InspectionFolder, force: Bool) -> [Change] {
        var found: [Change] = []
        let inspectionNow = FileSignature.of(folder.inspectionFilePath)
        guard inspectionNow != nil else {
            if !folderMissing {
                folderMissing = true
                found.append(
                    .folderGone(
                        "\(TerminalText.escaped(folder.inspectionFilePath)) is no longer there: the inspection was moved or deleted"))
            }
            return found
        }
        folderMissing = false
        if inspectionNow != inspection || force {
            inspection = inspectionNow
            if let file = try? folder.readInspectionFromDisk() { found.append(.inspection(file)) }
        }
        let folderNow = FileSignature.of(folder.casesFolderPath)
        guard folderNow != casesFolder || force else { return found }
        casesFolder = folderNow
        var seen = Set<String>()
        // Opened from the inspection's folder, never through a link.
        let casesFolder = try? folder.openOwnFolder(InspectionFolder.casesFolderName)
        for name in (try? casesFolder?.list()) ?? [] where !name.hasPrefix(".") && name.hasSuffix(".json") {
            let ref = String(name.dropLast(5))
            seen.insert(ref)
            let signature = casesFolder.flatMap { FileSignature.of(name, in: $0) }
            if !force, let known = cases[ref], known == signature { continue }
            cases[ref] = signature
            switch folder.readCase(ref: ref) {
            case .success(let file): found.append(.changed(file))
            case .failure(let problems): found.append(.damaged(problems))
            }
        }
        for ref in cases.keys where !seen.contains(ref) {
            cases[ref] = nil
            found.append(.vanished(ref: ref))
        }
        return found
    }
}
