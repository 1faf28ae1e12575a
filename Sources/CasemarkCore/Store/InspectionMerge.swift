/// Gathers the case files that several inspectors marked in their own copies of one inspection
/// into one folder, merging each case field by field (`CaseMerge`, with the histories saying
/// who changed what) and never losing a value: where two copies changed one field differently,
/// the case keeps the target's (or first source's) value and records a `MergeConflict` with
/// both, for a person to resolve (`casemark resolve`, or `M` on the marking screen).
///
/// For each case ref across the target and the sources:
/// - in one copy only, or the same in all: copied (or left unchanged in the target);
/// - different: merged; what only one copy changed is taken, histories are joined, and fields
///   changed differently are conflicts.
/// Merging twice changes nothing, and a resolved conflict stays resolved.
public struct InspectionMerge: Sendable {
    public enum Outcome: Sendable {
        /// Copied into the target from the first of these folders (the same in all of them).
        case copied(from: [String])
        /// Already in the target, with everything the sources hold.
        case unchanged
        /// Versions differed and were merged; `conflicts` are the fields changed differently.
        case merged(from: [String], conflicts: [MergeConflict])
        /// The versions cannot be merged into one valid case: nothing written for it.
        case unmergeable(versions: [String])
    }

    public struct Entry: Sendable {
        public var ref: String
        public var outcome: Outcome
        /// The case to write, when the target's must change.
        var result: CaseFile?
        /// The target's version before the merge, nil when it had none.
        var existing: CaseFile?
        var revisionSource: String?
    }

    public private(set) var entries: [Entry] = []
    /// Problems that stop a source's case from being considered (damaged files).
    public private(set) var skipped: [FileProblems] = []

    /// The cases left with conflicts to resolve: found now, or still open from before.
    public var conflicts: [Entry] {
        entries.filter {
            switch $0.outcome {
            case .merged(_, let conflicts): !conflicts.isEmpty
            case .unmergeable: true
            case .unchanged: !($0.existing?.conflicts.isEmpty ?? true)
            case .copied: !($0.result?.conflicts.isEmpty ?? true)
            }
        }
    }

    /// Plans the merge of `sources` into `target` (nil when the target has no inspection yet).
    public init(sources: [InspectionFolder], target: InspectionFolder?) {
        var versions: [String: [(folder: String, file: CaseFile)]] = [:]
        for source in sources {
            skipped += source.damaged
            for file in source.cases { versions[file.ref, default: []].append((source.path, file)) }
        }
        let existing = Dictionary((target?.cases ?? []).map { ($0.ref, $0) }, uniquingKeysWith: { first, _ in first })
        for ref in Set(versions.keys).union(existing.keys).sorted(by: numberingOrder) {
            var all = versions[ref] ?? []
            if let current = existing[ref], let target { all.insert((target.path, current), at: 0) }
            guard let first = all.first else { continue }
            let sourceFolders = (versions[ref] ?? []).map(\.folder)
            if all.allSatisfy({ $0.file == first.file }) {
                let outcome: Outcome = existing[ref] != nil ? .unchanged : .copied(from: sourceFolders)
                entries.append(
                    Entry(
                        ref: ref, outcome: outcome, result: existing[ref] == nil ? first.file : nil, existing: existing[ref],
                        revisionSource: first.folder))
                continue
            }
            var result = first.file
            var mergeable = true
            for other in all.dropFirst() where other.file != result {
                let outcome = CaseMerge.merge(
                    base: nil, ours: result, theirs: other.file, oursSource: first.folder, theirsSource: other.folder)
                guard let merged = outcome.merged else {
                    mergeable = false
                    break
                }
                result = merged
            }
            guard mergeable else {
                entries.append(Entry(ref: ref, outcome: .unmergeable(versions: all.map(\.folder)), result: nil, existing: existing[ref]))
                continue
            }
            // Conflicts still open in the result, those found now and those carried in.
            let open = result.conflicts
            if let current = existing[ref], result == current {
                entries.append(Entry(ref: ref, outcome: .unchanged, result: nil, existing: current))
            } else {
                entries.append(
                    Entry(
                        ref: ref, outcome: .merged(from: sourceFolders, conflicts: open), result: result, existing: existing[ref],
                        revisionSource: all.last?.folder))
            }
        }
    }

    /// Writes the cases that change into `target`, each as a change to the file as it is now.
    public func apply(to target: InspectionFolder, sources: [InspectionFolder]) throws(CaseSaveFailure) {
        for entry in entries {
            guard let file = entry.result else { continue }
            _ = try target.save(file, base: entry.existing)
            // The revisions it was marked under travel with it, so framework drift can be shown.
            for source in sources {
                if let hash = file.frameworkHash { try? target.copyFrameworkRevision(hash: hash, from: source) }
            }
        }
    }
}
