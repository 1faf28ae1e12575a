import Foundation

/// The framework revisions casemark can use: files in the folders the user names (the
/// `--frameworks` option, then `CASEMARK_FRAMEWORKS`), then those bundled into the binary.
///
/// A file in a user folder wins over a bundled one with the same id.
public struct FrameworkCatalog: Sendable {
    /// Where a framework file came from.
    public enum Origin: Equatable, Sendable {
        case bundled
        case file(String)
    }

    /// A framework file found, not yet read.
    public struct Entry: Sendable {
        public var id: String
        public var origin: Origin
        public var bytes: [UInt8]

        /// The name used in messages: the path, or `bundled:hmip-yos-2018.json`.
        public var displayName: String {
            switch origin {
            case .bundled: "bundled:\(id).json"
            case .file(let path): path
            }
        }
    }

    public private(set) var entries: [Entry] = []
    /// The frameworks read so far, shared by the catalog's copies.
    private let read = ReadFrameworks()

    /// The environment variable naming extra framework folders, separated by `:`.
    public static let environmentVariable = "CASEMARK_FRAMEWORKS"

    /// Lists the frameworks in `folders` (in order of precedence) and, unless told not to, the
    /// bundled ones.
    ///
    /// A folder that does not exist or cannot be read is an error.
    public init(folders: [String], includeBundled: Bool = true) throws {
        var seen = Set<String>()
        for folder in folders {
            guard FileSystem.isDirectory(folder) else {
                throw FileSystemError(path: folder, message: "framework folder not found")
            }
            for name in try FileSystem.list(folder) where name.hasSuffix(".json") && !name.hasPrefix(".") {
                let id = String(name.dropLast(5))
                guard seen.insert(id).inserted else { continue }
                let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
                entries.append(Entry(id: id, origin: .file(path), bytes: try FileSystem.read(path)))
            }
        }
        if includeBundled {
            for file in BundledFrameworkFiles.all {
                let id = String(file.name.dropLast(5))
                guard seen.insert(id).inserted else { continue }
                entries.append(Entry(id: id, origin: .bundled, bytes: Array(file.text.utf8)))
            }
        }
    }

    /// The folders to search: those given on the command line, then those in the environment.
    public static func searchFolders(option: [String], environment: [String: String]) -> [String] {
        let fromEnvironment = (environment[environmentVariable] ?? "").split(separator: ":").map(String.init)
        return option + fromEnvironment
    }

    public var ids: [String] { entries.map(\.id).sorted() }

    public func entry(id: String) -> Entry? {
        entries.first { $0.id == id }
    }

    /// Reads and checks the framework `id`; throws `FileProblems` naming the file if it is broken,
    /// or if there is no framework with that id.
    public func framework(id: String) throws -> Framework {
        guard let entry = entry(id: id) else {
            throw FileProblems([
                Diagnostic(
                    file: id,
                    message:
                        "no framework \"\(id)\"; available: \(ids.joined(separator: ", ")) (add folders with --frameworks or \(Self.environmentVariable))"
                )
            ])
        }
        return try read.framework(entry) {
            try FrameworkReader.read(bytes: entry.bytes, file: entry.displayName, expectedID: entry.id)
        }
    }
}

/// Frameworks already read, by id, with the bytes they were read from.
///
/// Opening an inspection reads its framework twice (to check `inspection.json`, then to mark
/// under), and a report across a thousand inspections would read it two thousand times, a
/// quarter of its time. A framework that fails to read is read again, to name its problems, each
/// time.
private final class ReadFrameworks: @unchecked Sendable {
    private let lock = NSLock()
    private var read: [String: (bytes: [UInt8], framework: Framework)] = [:]

    func framework(_ entry: FrameworkCatalog.Entry, _ make: () throws -> Framework) throws -> Framework {
        lock.lock()
        let known = read[entry.id]
        lock.unlock()
        if let known, known.bytes == entry.bytes { return known.framework }
        let framework = try make()
        lock.lock()
        read[entry.id] = (entry.bytes, framework)
        lock.unlock()
        return framework
    }
}
