/// An inspection folder's own folders are never followed through links: a `cases/`,
/// `removed/` or `frameworks/` that is a symbolic link would make a save, a removal or a load
/// land outside the folder the user chose.
extension InspectionFolder {
    /// The folders casemark writes inside an inspection folder.
    static let ownFolderNames = [casesFolderName, removedFolderName, frameworksFolderName]

    /// Refuses, naming the folder, when one of `folder`'s own folders is a symbolic link.
    public static func refuseLinkedFolders(in folder: String) throws(FileSystemError) {
        for name in ownFolderNames {
            try FileSystem.checkNoLinks(below: folder, path: FilePath.join(folder, name))
        }
    }

    /// As `refuseLinkedFolders(in:)`, for a loading that reports problems by file.
    static func refuseLinkedFoldersForLoading(in folder: String) throws(FileProblems) {
        do {
            try refuseLinkedFolders(in: folder)
        } catch {
            throw FileProblems([Diagnostic(file: error.path, message: error.message + "; the inspection was not opened")])
        }
    }

    /// Refuses when one of this inspection's own folders is a symbolic link.
    func refuseLinkedFolders() throws(FileSystemError) {
        try Self.refuseLinkedFolders(in: path)
    }
}

extension InspectionFolder {
    /// This inspection's folder, held open for one operation (a link there is followed: it is the
    /// folder the user chose).
    public func openRoot() throws(FileSystemError) -> FileSystem.Folder {
        try FileSystem.Folder.open(path)
    }

    /// One of this inspection's own folders (`cases`, `removed`, `frameworks`), opened from the
    /// inspection's folder without following a link, and created (0700) when missing and
    /// `creating`: only while the inspection's folder is there, never with it.
    public func openOwnFolder(_ name: String, creating: Bool = false) throws(FileSystemError) -> FileSystem.Folder {
        try openRoot().subfolder(name, creating: creating)
    }

    /// Reads and checks the case file of `ref`, reached through `cases/` held open (never through a
    /// link).
    public func readCase(ref: String) -> Result<CaseFile, FileProblems> {
        let path = caseFilePath(ref: ref)
        let bytes: [UInt8]
        do {
            bytes = try openOwnFolder(Self.casesFolderName).read(ref + ".json")
        } catch {
            return .failure(FileProblems([Diagnostic(file: error.path, message: error.message)]))
        }
        return Self.readCase(bytes: bytes, file: path, framework: framework, inspection: inspection)
    }
}
