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
