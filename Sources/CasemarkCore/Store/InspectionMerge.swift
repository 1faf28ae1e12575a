/// Gathers the case files that several inspectors marked in their own copies of one inspection
/// into one folder, without ever overwriting a case silently.
///
/// For each case ref across the sources and the target:
/// - in one source only, not in the target: copied;
/// - in several sources with the same content (and not in the target): copied once;
/// - already in the target with the same content as every source holding it: unchanged;
/// - any two versions that differ (between sources, or a source and the target): a conflict,
///   listed with the differences; nothing is written for that case, a person resolves it.
/// "Same content" is the same case once read (layout and key order do not matter). Merging
/// twice changes nothing.
public struct InspectionMerge: Sendable {
    /// One source folder's version of a case.
    public struct Version: Sendable {
        /// The folder it comes from (the target's path for the target's version).
        public var folder: String
        public var file: CaseFile
    }

    public enum Outcome: Sendable {
        /// Copied into the target from the first of these folders.
        case copied(from: [String])
        /// Already in the target, identical to every source version.
        case unchanged
        /// Versions differ: left as they are. The lines describe the differences.
        case conflict(versions: [String], differences: [String])
    }

    public struct Entry: Sendable {
        public var ref: String
        public var outcome: Outcome
    }

    public private(set) var entries: [Entry] = []
    /// Problems that stop a source's case from being considered (damaged files).
    public private(set) var skipped: [FileProblems] = []

    public var conflicts: [Entry] {
        entries.filter { if case .conflict = $0.outcome { true } else { false } }
    }

    /// Plans the merge of `sources` into `target` (nil when the target has no inspection yet).
    public init(sources: [InspectionFolder], target: InspectionFolder?) {
        var versions: [String: [Version]] = [:]
        for source in sources {
            skipped += source.damaged
            for file in source.cases {
                versions[file.ref, default: []].append(Version(folder: source.path, file: file))
            }
        }
        let existing = Dictionary((target?.cases ?? []).map { ($0.ref, $0) }, uniquingKeysWith: { first, _ in first })
        for ref in Set(versions.keys).union(existing.keys).sorted(by: numberingOrder) {
            var all = versions[ref] ?? []
            if let current = existing[ref], let target { all.insert(Version(folder: target.path, file: current), at: 0) }
            guard let first = all.first else { continue }
            let different = all.filter { $0.file != first.file }
            if different.isEmpty {
                if existing[ref] != nil {
                    entries.append(Entry(ref: ref, outcome: .unchanged))
                } else {
                    entries.append(Entry(ref: ref, outcome: .copied(from: all.map(\.folder))))
                }
                continue
            }
            var differences: [String] = []
            for other in different {
                differences.append("\(first.folder) → \(other.folder):")
                differences += Self.differences(first.file, other.file).map { "  " + $0 }
            }
            entries.append(Entry(ref: ref, outcome: .conflict(versions: all.map(\.folder), differences: differences)))
        }
    }

    /// What differs between two versions of a case, one line per difference.
    static func differences(_ left: CaseFile, _ right: CaseFile) -> [String] {
        var lines = left.changes(to: right, by: "", at: "").map { change in
            let subject = change.item.isEmpty ? change.field.rawValue : "\(change.item) \(change.field.rawValue)"
            return "\(subject): \(change.old ?? "—") ≠ \(change.new ?? "—")"
        }
        if left.domain != right.domain || left.disposal != right.disposal { lines.append("domain or disposal type differ") }
        if left.details != right.details { lines.append("case details differ") }
        if left.review != right.review { lines.append("review differs") }
        if left.history != right.history { lines.append("history differs (\(left.history.count) and \(right.history.count) entries)") }
        if left.frameworkHash != right.frameworkHash { lines.append("marked under different framework file versions") }
        if left.unknown != right.unknown || left.framework != right.framework { lines.append("other fields differ") }
        return lines
    }

    /// Writes the copies into `target`. Only `.copied` entries are written.
    public func apply(to target: InspectionFolder, sources: [InspectionFolder]) throws(FileSystemError) {
        for entry in entries {
            guard case .copied(let folders) = entry.outcome, let folder = folders.first,
                let source = sources.first(where: { $0.path == folder }),
                let file = source.cases.first(where: { $0.ref == entry.ref })
            else { continue }
            try target.save(file)
            // The revision it was marked under travels with it, so framework drift can be shown.
            if let hash = file.frameworkHash { try target.copyFrameworkRevision(hash: hash, from: source) }
        }
    }
}
