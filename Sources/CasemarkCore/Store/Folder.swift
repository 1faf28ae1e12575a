import CFileExchange

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension FileSystem {
    /// A folder held open, so that what is inside it is reached relative to it (`openat` and its
    /// kin), never through a symbolic link.
    ///
    /// An inspection's own folders (`cases/`, `removed/`, `frameworks/`) are opened from the
    /// inspection's folder with `O_NOFOLLOW | O_DIRECTORY`, and their files from them: a link put in
    /// place of any of them is refused when it is met, not checked for beforehand and then
    /// followed, so nothing is read from or written to outside the folder the user chose.
    public final class Folder: Sendable {
        /// The folder's path as opened, for messages.
        public let path: String
        let descriptor: Int32

        private init(path: String, descriptor: Int32) {
            self.path = path
            self.descriptor = descriptor
        }

        deinit { close(descriptor) }

        /// Opens the folder at `path` as named: a link there is followed, as it is the folder the
        /// user chose (or the folder of a file the user named).
        public static func open(_ path: String) throws(FileSystemError) -> Folder {
            let descriptor = Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw errno == ENOTDIR
                    ? FileSystemError(path: path, message: "is not a folder") : .fromErrno(path, "cannot open the folder")
            }
            return Folder(path: path, descriptor: descriptor)
        }

        /// Opens `path`, a folder at or below `root`: `root` as named, then each folder after it
        /// relative to the one before, never through a link; missing ones are created (0700) when
        /// `creating`.
        public static func open(_ path: String, below root: String, creating: Bool = false) throws(FileSystemError) -> Folder {
            let base = FilePath.withoutTrailingSlashes(root)
            let target = FilePath.withoutTrailingSlashes(path)
            var folder = try open(base)
            guard target != base else { return folder }
            let prefix = base == "/" ? "/" : base + "/"
            guard target.hasPrefix(prefix) else {
                throw FileSystemError(path: path, message: "is not inside \(TerminalText.escaped(root))")
            }
            for component in target.dropFirst(prefix.count).split(separator: "/") where component != "." {
                guard component != ".." else {
                    throw FileSystemError(path: path, message: "leads out of \(TerminalText.escaped(root))")
                }
                folder = try folder.subfolder(String(component), creating: creating)
            }
            return folder
        }

        /// The folder `name` inside this one, opened without following a link; created (0700) when
        /// missing and `creating`.
        public func subfolder(_ name: String, creating: Bool = false) throws(FileSystemError) -> Folder {
            let shown = FilePath.join(path, name)
            var created = false
            while true {
                let opened = openat(descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                if opened >= 0 { return Folder(path: shown, descriptor: opened) }
                let code = errno
                if code == ENOENT, creating, !created {
                    if mkdirat(descriptor, name, 0o700) != 0 && errno != EEXIST {
                        throw .fromErrno(shown, "cannot create the folder")
                    }
                    created = true
                    continue
                }
                if isSymbolicLink(in: descriptor, name) { throw linkRefusal(shown) }
                if code == ENOTDIR { throw FileSystemError(path: shown, message: "is not a folder") }
                throw .fromErrno(shown, "cannot open the folder", code)
            }
        }

        /// The path of `name` inside this folder, for messages.
        public func path(of name: String) -> String {
            FilePath.join(path, name)
        }

        /// Reads the regular file `name` in this folder, as `FileSystem.read` does.
        ///
        /// With `signature`, the signature of the file read is put there (see `FileSystem.read`).
        public func read(
            _ name: String, limit: Int = defaultReadLimit, signature: UnsafeMutablePointer<FileSignature?>? = nil
        ) throws(FileSystemError) -> [UInt8] {
            try FileSystem.read(in: descriptor, name: name, shown: path(of: name), limit: limit, signature: signature)
        }

        /// The names in this folder (without `.` and `..`), sorted unless `sorted` is false.
        public func list(sorted: Bool = true) throws(FileSystemError) -> [String] {
            // fdopendir takes the descriptor it is given: a copy, so this folder keeps its own.
            let copy = dup(descriptor)
            guard copy >= 0, let listing = fdopendir(copy) else {
                let code = errno
                if copy >= 0 { close(copy) }
                throw .fromErrno(path, "cannot list the folder", code)
            }
            defer { closedir(listing) }
            // From the start, though the descriptor is shared with the folder's earlier listings.
            rewinddir(listing)
            return try FileSystem.names(in: listing, path: path, sorted: sorted)
        }

        /// What `name` in this folder is (not following a link), or nil when there is nothing.
        public func status(of name: String) -> stat? {
            var status = stat()
            return fstatat(descriptor, name, &status, AT_SYMLINK_NOFOLLOW) == 0 ? status : nil
        }

        /// Whether `name` in this folder is a folder (not a link to one).
        public func hasFolder(_ name: String) -> Bool {
            status(of: name).map { ($0.st_mode & S_IFMT) == S_IFDIR } ?? false
        }

        /// Deletes the file `name` in this folder; false when it could not.
        @discardableResult
        public func remove(_ name: String) -> Bool {
            unlinkat(descriptor, name, 0) == 0
        }

        /// Moves `name` from this folder to `newName` in `target`, never replacing anything there:
        /// false, with nothing moved, when `newName` is taken.
        ///
        /// Linked under the new name, then unlinked from the old, so a file that appears under the
        /// new name meanwhile is never replaced.
        public func move(_ name: String, to target: Folder, as newName: String) throws(FileSystemError) -> Bool {
            guard linkat(descriptor, name, target.descriptor, newName, 0) == 0 else {
                let code = errno
                if code == EEXIST { return false }
                // A file system without hard links: a rename, once nothing is under the new name.
                guard code == EPERM || code == ENOTSUP || code == EOPNOTSUPP else {
                    throw .fromErrno(path(of: name), "cannot move to \(TerminalText.escaped(FilePath.name(of: target.path)))/", code)
                }
                guard target.status(of: newName) == nil else { return false }
                if renameat(descriptor, name, target.descriptor, newName) != 0 {
                    throw .fromErrno(path(of: name), "cannot move to \(TerminalText.escaped(FilePath.name(of: target.path)))/")
                }
                return true
            }
            unlinkat(descriptor, name, 0)
            return true
        }

        /// Opens the file `name` in this folder for reading and writing (creating it, 0600), never
        /// through a link, for lock files.
        ///
        /// Returns the descriptor, or -1 with `errno` set.
        public func openForLocking(_ name: String) -> Int32 {
            openat(descriptor, name, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        }

        /// Replaces the file `name` in this folder with `bytes` atomically and durably, as
        /// `FileSystem.writeAtomically(_:to:oldVersion:replacing:)` describes.
        @discardableResult
        public func writeAtomically(
            _ bytes: [UInt8], to name: String, oldVersion: OldVersion = .removeNow, replacing: Bool = true
        ) throws(FileSystemError) -> ReplacedFile? {
            let target = path(of: name)
            // Only a regular file (or nothing) is ever replaced: never a link, a folder, a device or a pipe.
            let existing = status(of: name)
            if let existing, (existing.st_mode & S_IFMT) == S_IFLNK {
                throw FileSystemError(path: target, message: "is a symbolic link; casemark does not write through links")
            }
            if let existing, (existing.st_mode & S_IFMT) != S_IFREG {
                throw FileSystemError(path: target, message: "is not a regular file; nothing saved")
            }
            // Checked here, not left to the kernel: root may write anything, and a rename replaces a
            // read-only file anyway. Someone made it read-only on purpose.
            if let existing, replacing, existing.st_mode & S_IWUSR == 0 {
                let mode = String(existing.st_mode & 0o7777, radix: 8)
                throw FileSystemError(
                    path: target,
                    message: "is read-only (mode \(String(repeating: "0", count: max(0, 4 - mode.count)) + mode)); not replaced")
            }
            var temporary = ""
            var file: Int32 = -1
            for _ in 0..<16 {
                temporary = ".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
                file = openat(descriptor, temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
                if file >= 0 || errno != EEXIST { break }
            }
            guard file >= 0 else { throw .fromErrno(target, "cannot save (creating a temporary file)") }
            var failure: FileSystemError?
            var written = 0
            while written < bytes.count && failure == nil {
                // Not empty here (written < count), so the buffer has an address.
                let count = bytes.withUnsafeBytes { raw in
                    raw.baseAddress.map { Glibc.write(file, $0 + written, raw.count - written) } ?? 0
                }
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = .fromErrno(target, "cannot save")
                } else {
                    written += count
                }
            }
            if failure == nil && FlushTiming.timed({ fsync(file) }) != 0 { failure = .fromErrno(target, "cannot save (flushing to disk)") }
            if close(file) != 0 && failure == nil { failure = .fromErrno(target, "cannot save") }
            // Swapping leaves the old version's inode alive under the temporary name, so freeing it
            // can wait; where the file system cannot swap (or the old file has gone), a rename.
            var swapped = false
            if failure == nil, !replacing {
                // Only where nothing is: a link fails if another process has just created the file.
                if linkat(descriptor, temporary, descriptor, name, 0) != 0 {
                    failure =
                        errno == EEXIST
                        ? FileSystemError(path: target, message: "already exists; nothing saved") : .fromErrno(target, "cannot save")
                } else {
                    unlinkat(descriptor, temporary, 0)
                    temporary = ""
                }
            } else if failure == nil {
                swapped = existing != nil && cm_exchange_files_at(descriptor, temporary, descriptor, name) == 0
                if !swapped && renameat(descriptor, temporary, descriptor, name) != 0 {
                    failure = .fromErrno(target, "cannot save (replacing the old file)")
                }
            }
            if let failure {
                if !temporary.isEmpty { unlinkat(descriptor, temporary, 0) }
                throw failure
            }
            // The new name is only durable once the folder is flushed: a failure is told, not ignored.
            var flushError: Int32 = FlushTiming.timed({ fsync(descriptor) }) != 0 ? errno : 0
            if let injected = folderFlushFailures.withLock({ $0[path] }) { flushError = injected }
            if flushError != 0 {
                if swapped { unlinkat(descriptor, temporary, 0) }
                throw FileSystemError(
                    path: target,
                    message:
                        "saved, but the folder could not be flushed: \(String(cString: strerror(flushError))); it may not survive a crash",
                    landed: true)
            }
            guard swapped else { return nil }
            let replaced = ReplacedFile(path: path(of: temporary), folder: self, name: temporary)
            if case .removeNow = oldVersion {
                replaced.remove()
                return nil
            }
            return replaced
        }
    }
}
