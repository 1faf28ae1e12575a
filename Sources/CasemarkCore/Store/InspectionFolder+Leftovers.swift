#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension FileSystem {
    /// The process that wrote a temporary named as `writeAtomically` names them
    /// (`.<name>.<pid>.<random>.tmp`), or nil for any other name.
    public static func writerOfTemporary(named name: String) -> Int32? {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return nil }
        let parts = name.dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
        // "", the file's name (one part or more), the pid, the random number.
        guard parts.count >= 4, parts[1...].dropLast(2).contains(where: { !$0.isEmpty }) else { return nil }
        let pid = parts[parts.count - 2]
        let random = parts[parts.count - 1]
        guard !pid.isEmpty, !random.isEmpty, pid.count <= 10, random.count <= 10,
            pid.allSatisfy({ $0.isASCII && $0.isNumber }), random.allSatisfy({ $0.isASCII && $0.isNumber }),
            let number = Int32(pid), number > 0
        else { return nil }
        return number
    }

    /// Whether the process `pid` is still running on this machine (`kill(pid, 0)`; a process of
    /// another user counts as running).
    public static func isRunning(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}

extension InspectionFolder {
    /// Removes the temporaries of every kind that saves, framework copies and merges left in the
    /// inspection folder at `path` (its own folder, `cases/`, `frameworks/`, `removed/`) when the
    /// process that wrote them is no longer running: a new version that never landed, or an old one
    /// swapped out and not yet deleted.
    ///
    /// The files they belong to hold whole versions either way. Done under the folder's save lock,
    /// so no save in progress loses its temporary; when the lock cannot be had soon, nothing is
    /// removed (the next opening tries again). A linked folder is left alone. Returns what was
    /// removed.
    @discardableResult
    public static func removeLeftoverTemporaries(in path: String, lockTimeout: Double = 1) -> [String] {
        guard FileSystem.isDirectory(path), FileSystem.exists(inspectionFilePath(in: path)),
            let lock = try? SaveLock.acquire(folder: path, timeout: lockTimeout)
        else { return [] }
        defer { lock.release() }
        var removed: [String] = []
        guard let root = try? FileSystem.Folder.open(path) else { return [] }
        // Each of the inspection's own folders opened from it, never through a link.
        for folder in [root] + ownFolderNames.compactMap({ try? root.subfolder($0) }) {
            // As the folder lists them (sorting every case's name cost more than the sweep), the
            // few removed put in order below.
            guard let names = try? folder.list(sorted: false) else { continue }
            var removedHere: [String] = []
            for name in names {
                guard let pid = FileSystem.writerOfTemporary(named: name), !FileSystem.isRunning(pid),
                    let entry = folder.status(of: name), (entry.st_mode & S_IFMT) == S_IFREG
                else { continue }
                if folder.remove(name) { removedHere.append(folder.path(of: name)) }
            }
            removed += removedHere.sorted()
        }
        return removed
    }
}
