/// What changed in the framework file since a case was last marked under it.
///
/// Each case records the `contentHash` of the framework file it was changed under, and the
/// inspection folder keeps a copy of every revision its cases were marked under
/// (`frameworks/<id>.<hash>.json`), so the two can be compared when the file changes later.
public struct FrameworkDrift: Equatable, Sendable {
    /// One change that touches the case's domain.
    public struct Item: Equatable, Sendable {
        public var change: FrameworkComparison.Change
        /// Whether the case has an answer to the key question the change is in.
        public var answered: Bool
    }

    public var ref: String
    public var framework: String
    public var markedUnder: String
    public var now: String
    /// The changes in the case's domain, or nil when the earlier revision is not in the folder.
    public var items: [Item]?

    /// Lines for a message: a heading line, then one line per change, answered ones first.
    public var lines: [String] {
        guard let items else {
            return [
                "Case \(ref) was marked under another version of framework \(framework) (\(markedUnder));",
                "that version is not kept in this inspection folder, so what changed cannot be shown.",
            ]
        }
        guard !items.isEmpty else {
            return ["Framework \(framework) changed since case \(ref) was marked, but not in this case's domain."]
        }
        let ordered = items.filter(\.answered) + items.filter { !$0.answered }
        return ["Framework \(framework) changed since case \(ref) was marked (\(items.count) change(s) in its domain):"]
            + ordered.map { item in
                let change = item.change
                var text = "\(item.answered ? "answered" : "        ") \(change.item) \(change.level.rawValue) \(change.kind.rawValue)"
                switch (change.old, change.new) {
                case (let old?, let new?): text += ": \"\(old)\" → \"\(new)\""
                case (let old?, nil): text += ": \"\(old)\""
                case (nil, let new?): text += ": \"\(new)\""
                case (nil, nil): break
                }
                return TerminalText.escaped(text)
            }
    }
}

extension InspectionFolder {
    public static let frameworksFolderName = "frameworks"

    /// Where the folder keeps the framework revision with `hash`.
    public func frameworkRevisionPath(hash: String) -> String {
        path + "/" + Self.frameworksFolderName + "/" + frameworkRevisionName(hash: hash)
    }

    /// The name of that copy inside `frameworks/`.
    func frameworkRevisionName(hash: String) -> String {
        let safeHash = String(hash.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }.prefix(64))
        return framework.id + "." + safeHash + ".json"
    }

    /// Reads the copy of framework revision `hash` kept in `frameworks/` (never through a link).
    func readFrameworkRevision(hash: String) throws(FileSystemError) -> [UInt8] {
        try openOwnFolder(Self.frameworksFolderName).read(frameworkRevisionName(hash: hash))
    }

    /// Keeps a private copy of the current framework file in the inspection folder, once per
    /// revision, so a case marked under it can later be compared with a changed file.
    func keepFrameworkRevision() throws(FileSystemError) {
        guard !framework.contentHash.isEmpty, !framework.sourceBytes.isEmpty else { return }
        guard !FileSystem.exists(frameworkRevisionPath(hash: framework.contentHash)) else { return }
        try openOwnFolder(Self.frameworksFolderName, creating: true).writeAtomically(
            framework.sourceBytes, to: frameworkRevisionName(hash: framework.contentHash))
    }

    /// Copies the framework revision `hash` from another copy of the inspection, if it has it
    /// and this folder does not.
    func copyFrameworkRevision(hash: String, from source: InspectionFolder) throws(FileSystemError) {
        let frameworks = try openOwnFolder(Self.frameworksFolderName, creating: true)
        let name = frameworkRevisionName(hash: hash)
        guard frameworks.status(of: name) == nil, framework.id == source.framework.id,
            let bytes = try? source.readFrameworkRevision(hash: hash),
            FrameworkReader.contentHash(of: bytes) == hash
        else { return }
        try frameworks.writeAtomically(bytes, to: name)
    }

    /// What changed for `file` since it was marked, or nil when it was marked under the current
    /// framework file (or before casemark recorded which).
    public func frameworkDrift(of file: CaseFile) -> FrameworkDrift? {
        guard let marked = file.frameworkHash, !framework.contentHash.isEmpty, marked != framework.contentHash else {
            return nil
        }
        var drift = FrameworkDrift(
            ref: file.ref, framework: framework.id, markedUnder: marked, now: framework.contentHash, items: nil)
        let copy = frameworkRevisionPath(hash: marked)
        guard let bytes = try? readFrameworkRevision(hash: marked),
            FrameworkReader.contentHash(of: bytes) == marked,
            let old = try? FrameworkReader.read(bytes: bytes, file: copy, expectedID: nil)
        else { return drift }
        let standards = Set(
            (old.domains + framework.domains).filter { $0.number == file.domain }.flatMap(\.standards).map(\.number))
        drift.items = FrameworkComparison(old: old, new: framework).changes.compactMap { change in
            let number = String(change.item.prefix { $0 != " " })
            let standard =
                change.level == .standard || change.level == .statement
                ? number : String(number.split(separator: ".").prefix(2).joined(separator: "."))
            guard standards.contains(standard) else { return nil }
            let question = change.level == .keyQuestion || change.level == .prompt ? number : nil
            let answered =
                question.map { file.answers[$0].map { !$0.isEmpty } ?? false }
                ?? old.standard(standard)?.keyQuestions.contains { file.answers[$0.number].map { !$0.isEmpty } ?? false } ?? false
            return FrameworkDrift.Item(change: change, answered: answered)
        }
        return drift
    }
}
