import CFileExchange
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file operation that failed, in plain words, naming the file.
public struct FileSystemError: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    /// The new version reached the file, but a later step (flushing its folder) failed: what
    /// the file holds is the save, not yet sure to survive a crash.
    public var landed: Bool

    public init(path: String, message: String, landed: Bool = false) {
        self.path = path
        self.message = message
        self.landed = landed
    }

    public var description: String { "\(TerminalText.escaped(path)): \(message)" }

    static func fromErrno(_ path: String, _ action: String, _ code: Int32 = errno) -> FileSystemError {
        FileSystemError(path: path, message: "\(action): \(String(cString: strerror(code)))")
    }
}

/// The few file operations casemark needs, done carefully: whole-file reads, and writes that are
/// atomic, durable and private to the user.
public enum FileSystem {
    /// The largest file `read` takes by default: 64 MiB, far above any case, inspection or
    /// framework file (the largest bundled framework is under 200 KB).
    public static let defaultReadLimit = 64 * 1024 * 1024

    /// Reads a whole regular file of at most `limit` bytes.
    ///
    /// Reads straight into the result, sized from the file's length, as loading an inspection reads
    /// thousands of small files.
    ///
    /// Never follows a symbolic link (`O_NOFOLLOW`), never waits on a pipe or device
    /// (`O_NONBLOCK`, then `fstat`: anything but a regular file is refused), and refuses a file
    /// over `limit` before allocating for it, so a fifo, a link to `/dev/zero` or a huge file
    /// named as a case cannot hang or exhaust casemark.
    public static func read(_ path: String, limit: Int = defaultReadLimit) throws(FileSystemError) -> [UInt8] {
        try read(in: AT_FDCWD, name: path, shown: path, limit: limit)
    }

    /// `read`'s work, on the file `name` relative to the open folder `folder` (or `AT_FDCWD`);
    /// `shown` is the path errors name.
    ///
    /// With `signature`, the signature of the file read is put there, from the `fstat` made
    /// after it was opened and before it was read.
    static func read(
        in folder: Int32, name: String, shown path: String, limit: Int, signature: UnsafeMutablePointer<FileSignature?>? = nil
    ) throws(FileSystemError) -> [UInt8] {
        // O_NONBLOCK makes opening a fifo return at once; reads of a regular file ignore it.
        let descriptor = openat(folder, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY)
        guard descriptor >= 0 else {
            let code = errno
            if code == ELOOP, isSymbolicLink(in: folder, name) { throw linkRefusal(path) }
            throw .fromErrno(path, "cannot open", code)
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .fromErrno(path, "cannot read") }
        signature?.pointee = FileSignature.of(status)
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw FileSystemError(path: path, message: "is a folder, not a file")
        default: throw FileSystemError(path: path, message: "is not a regular file; casemark reads only regular files")
        }
        let size = max(0, Int(status.st_size))
        guard size <= limit else { throw tooLarge(path, limit) }
        // One byte more than the length, so the end of the file is seen in the first read.
        var bytes = [UInt8](repeating: 0, count: size + 1)
        var filled = 0
        while true {
            if filled == bytes.count {
                // The file grew while read: it may grow up to the limit, not past it.
                guard filled <= limit else { throw tooLarge(path, limit) }
                bytes.append(contentsOf: repeatElement(0, count: min(max(bytes.count, 65536), limit + 1 - filled)))
            }
            let count = bytes.withUnsafeMutableBytes { buffer in
                buffer.baseAddress.map { Glibc.read(descriptor, $0 + filled, buffer.count - filled) } ?? 0
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw .fromErrno(path, "cannot read")
            }
            if count == 0 { break }
            filled += count
            // The whole length fstat gave: taken as the end, without a read to confirm it (one
            // system call in five when loading thousands of case files). casemark replaces files
            // by renaming, never writes into them, so a case file does not grow while read.
            if filled == size && size > 0 { break }
        }
        guard filled <= limit else { throw tooLarge(path, limit) }
        bytes.removeSubrange(filled...)
        return bytes
    }

    /// The refusal of a file over `read`'s limit, in MiB when the limit is a whole number of them.
    private static func tooLarge(_ path: String, _ limit: Int) -> FileSystemError {
        let mebibyte = 1024 * 1024
        let shown = limit % mebibyte == 0 ? "\(limit / mebibyte) MiB" : "\(limit) bytes"
        return FileSystemError(path: path, message: "is larger than \(shown); casemark reads files up to \(shown)")
    }

    /// The refusal of a symbolic link where casemark wants a file or folder of its own.
    static func linkRefusal(_ path: String) -> FileSystemError {
        FileSystemError(path: path, message: "is a symbolic link; casemark does not follow links")
    }

    /// Whether `path` itself (not what it points to) is a symbolic link.
    public static func isSymbolicLink(_ path: String) -> Bool {
        isSymbolicLink(in: AT_FDCWD, path)
    }

    /// Whether `name`, relative to the open folder `folder`, is itself a symbolic link.
    static func isSymbolicLink(in folder: Int32, _ name: String) -> Bool {
        var status = stat()
        return fstatat(folder, name, &status, AT_SYMLINK_NOFOLLOW) == 0 && (status.st_mode & S_IFMT) == S_IFLNK
    }

    /// Refuses when `path`, or any folder on the way to it below `root`, is a symbolic link, so a
    /// file casemark reads or writes inside an inspection folder cannot land outside it.
    ///
    /// What does not exist yet is no link (it will be created as a real folder or file). `root`
    /// itself, the folder the user named, may be a link. A `path` not below `root` is checked
    /// component by component from its first.
    public static func checkNoLinks(below root: String, path: String) throws(FileSystemError) {
        let base = FilePath.withoutTrailingSlashes(root)
        let prefix = base == "/" ? "/" : base + "/"
        var current: String
        let rest: Substring
        if path.hasPrefix(prefix) {
            current = base
            rest = path.dropFirst(prefix.count)
        } else {
            current = path.hasPrefix("/") ? "" : "."
            rest = Substring(path)
        }
        for component in rest.split(separator: "/") where component != "." {
            current = current == "/" ? "/" + component : current + "/" + component
            var status = stat()
            guard lstat(current, &status) == 0 else {
                if errno == ENOENT { return }
                throw .fromErrno(current, "cannot check the folder")
            }
            if (status.st_mode & S_IFMT) == S_IFLNK { throw linkRefusal(current) }
        }
    }

    public static func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    public static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    /// The names in a folder (without `.` and `..`), sorted unless `sorted` is false.
    ///
    /// Read with `readdir`: a folder of 10,000 case files is listed in a fraction of the time
    /// `FileManager` takes.
    public static func list(_ path: String, sorted: Bool = true) throws(FileSystemError) -> [String] {
        guard let folder = opendir(path) else { throw .fromErrno(path, "cannot list the folder") }
        defer { closedir(folder) }
        return try names(in: folder, path: path, sorted: sorted)
    }

    /// The names an open listing gives, for `list` and `Folder.list`.
    static func names(in folder: OpaquePointer, path: String, sorted: Bool) throws(FileSystemError) -> [String] {
        var names: [String] = []
        while true {
            // Cleared before each call: only readdir's own failure may leave it set.
            errno = 0
            guard let entry = readdir(folder) else { break }
            let name = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        if errno != 0 { throw .fromErrno(path, "cannot list the folder") }
        return sorted ? names.sorted() : names
    }

    /// Creates a folder private to the user (0700), and its missing parents the same way
    /// unless `parents` is false: a folder inside an inspection is made only while the
    /// inspection is there, never with an inspection folder that was moved or deleted.
    public static func makePrivateFolder(_ path: String, parents: Bool = true) throws(FileSystemError) {
        if isDirectory(path) { return }
        let parent = FilePath.parent(of: path)
        if parents, parent != path, !isDirectory(parent) {
            try makePrivateFolder(parent)
        }
        if mkdir(path, 0o700) != 0 && errno != EEXIST {
            throw .fromErrno(path, "cannot create the folder")
        }
    }

    /// What a save does with the version it replaces.
    public enum OldVersion: Sendable {
        /// Deleted before the save returns.
        case removeNow
        /// Left under a temporary name for the caller to remove (`ReplacedFile.remove()`), so a
        /// front end can draw the answer first: freeing the old file's blocks is the slowest part
        /// of replacing a file on ext4 (a p99 of about half a millisecond on the benchmark's disk).
        case removeLater
    }

    /// The previous version of a file, moved aside by `writeAtomically(_:to:oldVersion:)` under a
    /// temporary name in the same folder, waiting to be deleted.
    public struct ReplacedFile: Sendable, Equatable {
        public let path: String
        /// The folder it is in, held open, and its name there: it is deleted relative to the folder.
        let folder: Folder
        let name: String

        /// Deletes it.
        ///
        /// A failure is ignored: a file left behind has a temporary's name, and is removed with the
        /// other leftovers the next time its case is locked.
        public func remove() {
            unlinkat(folder.descriptor, name, 0)
        }

        public static func == (lhs: ReplacedFile, rhs: ReplacedFile) -> Bool { lhs.path == rhs.path }
    }

    /// Replaces `path` with `bytes` atomically and durably: writes a new private temporary file in
    /// the same folder, flushes it, swaps it with the old file (or renames it into place where the
    /// file system cannot swap) and flushes the folder.
    ///
    /// A crash at any moment leaves the old file or the new one, never a mixture. Refuses to write
    /// through a symbolic link, or over anything but a regular file. The file is created 0600.
    /// With `replacing` false, only where no file is (a new case).
    ///
    /// With `.removeLater`, returns the old version when it was swapped aside, for the caller to
    /// remove; otherwise returns nil, having removed it. Inside an inspection folder, use
    /// `Folder.writeAtomically`, which reaches the file's folder without following a link.
    @discardableResult
    public static func writeAtomically(
        _ bytes: [UInt8], to path: String, oldVersion: OldVersion = .removeNow, replacing: Bool = true
    ) throws(FileSystemError) -> ReplacedFile? {
        let folder: Folder
        do {
            folder = try Folder.open(FilePath.parent(of: path))
        } catch {
            throw FileSystemError(path: path, message: "cannot save (opening its folder): " + error.message)
        }
        return try folder.writeAtomically(bytes, to: FilePath.name(of: path), oldVersion: oldVersion, replacing: replacing)
    }

    /// Folders whose flush `writeAtomically` fails with the given error, for tests: a real
    /// `fsync` of a folder hardly ever fails on a test machine.
    static let folderFlushFailures = Mutex<[String: Int32]>([:])

    /// Swaps the names of two existing files in one atomic step; false where the file system
    /// cannot (network drives, some user-space file systems) or either file is missing.
    public static func exchange(_ first: String, _ second: String) -> Bool {
        cm_exchange_files(first, second) == 0
    }

    /// The temporary files `writeAtomically` makes for `path` (`.<name>.<pid>.<random>.tmp`) that
    /// are still in its folder, left by a process killed mid-save: a new version that never reached
    /// `path`, or an old version swapped out of it and not yet deleted.
    ///
    /// Either way `path` holds a whole version, the newest that was saved.
    public static func leftoverTemporaries(of path: String) -> [String] {
        let directory = FilePath.parent(of: path)
        guard let folder = try? Folder.open(directory) else { return [] }
        return leftoverTemporaries(of: FilePath.name(of: path), in: folder).map(folder.path(of:))
    }

    /// The names of the leftover temporaries of the file `name` in `folder`.
    static func leftoverTemporaries(of name: String, in folder: Folder) -> [String] {
        let prefix = "." + name + "."
        // Listed as the folder gives them and only the few found sorted: opening a case in a
        // folder of 10,000 sorted all their names to find its one or two temporaries.
        guard let names = try? folder.list(sorted: false) else { return [] }
        return names.filter { candidate in
            // Exactly `<prefix><pid>.<random>.tmp`, so another file's temporaries never match.
            guard candidate.hasPrefix(prefix), candidate.hasSuffix(".tmp") else { return false }
            let middle = candidate.dropFirst(prefix.count).dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
            return middle.count == 2 && middle.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
        }.sorted()
    }

    /// Removes the leftover temporary files of `path`; with `root`, its folder is reached from
    /// `root` without following a link.
    ///
    /// Call only while no other process can be saving it (the case's lock is held), as a save in
    /// progress uses one of these names.
    public static func removeLeftoverTemporaries(of path: String, below root: String? = nil) {
        let directory = FilePath.parent(of: path)
        let opened: Folder?
        if let root {
            opened = try? Folder.open(directory, below: root)
        } else {
            opened = try? Folder.open(directory)
        }
        guard let folder = opened else { return }
        for temporary in leftoverTemporaries(of: FilePath.name(of: path), in: folder)
        where folder.status(of: temporary).map({ ($0.st_mode & S_IFMT) == S_IFREG }) == true {
            folder.remove(temporary)
        }
    }
}
