import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Who holds a case open for marking: written into the lock file so a second casemark can say
/// who has the case.
public struct LockHolder: Equatable, Sendable, CustomStringConvertible {
    public var user: String
    public var host: String
    public var pid: Int
    /// When the lock was taken, ISO 8601.
    public var time: String

    public init(user: String, host: String, pid: Int, time: String) {
        self.user = user
        self.host = host
        self.pid = pid
        self.time = time
    }

    /// This process, now, under the name its user works under: `CASEMARK_USER` (the name
    /// casemark signs history with), else the login name, else the account's name.
    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> LockHolder {
        let user = currentUser(environment: environment) ?? "user \(getuid())"
        var name = [CChar](repeating: 0, count: 256)
        let host =
            gethostname(&name, name.count) == 0
            ? String(decoding: name.prefix { $0 != 0 }.map(UInt8.init(bitPattern:)), as: UTF8.self) : "unknown host"
        return LockHolder(user: user, host: host, pid: Int(getpid()), time: Timestamp.iso8601(Date()))
    }

    /// Who is at work, the one answer for locks, history entries, review items and replies:
    /// `CASEMARK_USER`, else the login name (`USER`, `LOGNAME`, else the account's own name, as
    /// under cron or a service with no login environment); nil when none is known.
    public static func currentUser(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        for key in ["CASEMARK_USER", "USER", "LOGNAME"] {
            if let name = environment[key]?.trimmingCharacters(in: .whitespaces), !name.isEmpty { return name }
        }
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return nil }
        let account = String(decoding: UnsafeRawBufferPointer(start: name, count: strlen(name)), as: UTF8.self)
        return account.isEmpty ? nil : account
    }

    /// "alice on fieldwork-laptop (process 4242) since 2026-11-20T09:12:00Z", escaped for a terminal.
    public var description: String {
        TerminalText.escaped("\(user) on \(host) (process \(pid)) since \(time)")
    }

    func jsonValue() -> JSONValue {
        .object(
            JSONObject([
                "user": .string(user), "host": .string(host), "pid": .integer(pid), "time": .string(time),
            ]))
    }

    static func read(_ bytes: [UInt8]) -> LockHolder? {
        guard let object = (try? JSONParser.parse(bytes))?.objectValue else { return nil }
        return LockHolder(
            user: object["user"]?.stringValue ?? "someone", host: object["host"]?.stringValue ?? "unknown host",
            pid: object["pid"]?.intValue ?? 0, time: object["time"]?.stringValue ?? "an unknown time")
    }
}

/// One writer per case: an exclusive `flock` on `cases/.<ref>.lock`, which holds who has the case
/// (`LockHolder`).
///
/// The kernel drops the lock when the holding process ends, however it ends, so a lock left by a
/// crashed or killed casemark is simply taken over; its old holder is kept in `tookOverFrom` so the
/// screen can say so.
///
/// The lock file is removed on release. After locking, the descriptor is checked to still be the
/// file at the path, so a file removed by a releasing holder is never mistaken for the lock.
public final class CaseLock {
    /// The result of trying to lock a case.
    public enum Outcome {
        case locked(CaseLock)
        /// Another process holds the case; `nil` when the lock file could not be read.
        case heldBy(LockHolder?)
    }

    public let path: String
    /// The holder recorded in a lock file left by a process that is no longer running.
    public let tookOverFrom: LockHolder?
    private var descriptor: Int32
    /// The lock file's folder, held open, and its name there.
    private let folder: FileSystem.Folder
    private let name: String

    private init(path: String, folder: FileSystem.Folder, name: String, descriptor: Int32, tookOverFrom: LockHolder?) {
        self.path = path
        self.folder = folder
        self.name = name
        self.descriptor = descriptor
        self.tookOverFrom = tookOverFrom
    }

    deinit { release() }

    /// The lock file's path for a case file's path: `cases/C01.json` → `cases/.C01.lock`.
    public static func lockPath(forCaseFile casePath: String) -> String {
        let folder = FilePath.parent(of: casePath)
        var name = FilePath.name(of: casePath)
        if name.hasSuffix(".json") { name = String(name.dropLast(5)) }
        return (folder.isEmpty ? "." : folder) + "/." + name + ".lock"
    }

    /// Tries once, without waiting, to lock the case whose file is `casePath`; with `root`, the
    /// inspection's folder, the lock file's folder is reached from it without following a link.
    public static func acquire(
        caseFile casePath: String, below root: String? = nil, holder: LockHolder = .current()
    ) throws(FileSystemError) -> Outcome {
        let path = lockPath(forCaseFile: casePath)
        let directory = FilePath.parent(of: path)
        let name = FilePath.name(of: path)
        let folder: FileSystem.Folder
        do {
            if let root {
                folder = try .open(directory, below: root)
            } else {
                folder = try .open(directory)
            }
        } catch {
            throw FileSystemError(path: error.path, message: "cannot lock the case: " + error.message)
        }
        for _ in 0..<8 {
            let descriptor = folder.openForLocking(name)
            guard descriptor >= 0 else { throw .fromErrno(path, "cannot lock the case") }
            if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
                let code = errno
                let bytes = readAll(descriptor)
                close(descriptor)
                if code == EWOULDBLOCK { return .heldBy(LockHolder.read(bytes)) }
                throw .fromErrno(path, "cannot lock the case", code)
            }
            // The file may have been removed by a holder releasing it between open and flock.
            var opened = stat()
            guard fstat(descriptor, &opened) == 0, let named = folder.status(of: name),
                opened.st_ino == named.st_ino, opened.st_dev == named.st_dev
            else {
                close(descriptor)
                continue
            }
            let previous = LockHolder.read(readAll(descriptor))
            let text = Array(JSONWriter.string(from: holder.jsonValue()).utf8)
            ftruncate(descriptor, 0)
            _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
            return .locked(CaseLock(path: path, folder: folder, name: name, descriptor: descriptor, tookOverFrom: previous))
        }
        throw FileSystemError(path: path, message: "cannot lock the case: the lock file keeps changing")
    }

    /// Removes the lock file and drops the lock.
    ///
    /// Safe to call twice.
    public func release() {
        guard descriptor >= 0 else { return }
        folder.remove(name)
        close(descriptor)
        descriptor = -1
    }

    private static func readAll(_ descriptor: Int32) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        var offset: off_t = 0
        while bytes.count < 65536 {
            let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, offset) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            offset += off_t(count)
        }
        return bytes
    }
}
