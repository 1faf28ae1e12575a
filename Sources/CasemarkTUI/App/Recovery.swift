import CasemarkCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Work a session could not save before it was ended by a signal (or the terminal going): the
/// changes whose saves failed, each with the version it was made to, and the text being typed with
/// what it belongs to.
///
/// Kept in `.casemark-recovery-<user>-<pid>.json` in the inspection folder, and offered to the next
/// session there, which applies it as changes through the normal save (merged with what is on disk
/// then).
public struct Recovery: Equatable, Sendable {
    /// A case whose change was not saved: the case as changed, and the version on disk it was
    /// changed from (nil for a case added and never saved).
    public struct PendingCase: Equatable, Sendable {
        public var file: CaseFile
        public var base: CaseFile?
    }

    public struct PendingInspection: Equatable, Sendable {
        public var file: InspectionFile
        public var base: InspectionFile
    }

    /// Text being typed, and where it was going.
    public enum Typing: Equatable, Sendable {
        case note(ref: String, keyQuestion: String, prompt: String?, text: String)
        case reviewComment(ref: String, item: String, verdict: ReviewVerdict?, text: String)
        case reply(ref: String, item: String, text: String)
        case ratingNote(standard: String, text: String)

        var text: String {
            switch self {
            case .note(_, _, _, let text), .reviewComment(_, _, _, let text), .reply(_, _, let text), .ratingNote(_, let text): text
            }
        }
    }

    public var cases: [PendingCase] = []
    public var inspection: PendingInspection?
    public var typing: Typing?
    public var user: String
    /// The machine of the process that wrote it: its pid means nothing on another.
    public var host: String = ""
    public var pid: Int
    public var time: String

    public var isEmpty: Bool { cases.isEmpty && inspection == nil && (typing?.text.isEmpty ?? true) }

    public static let format = "casemark/recovery"
    static let namePrefix = ".casemark-recovery-"

    /// `.casemark-recovery-<user>-<pid>.json`, the user's name made safe as a file name.
    public static func fileName(user: String, pid: Int) -> String {
        let safe = String(
            user.unicodeScalars.prefix(40).map { scalar -> Character in
                scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "_" || scalar == "-") ? Character(scalar) : "_"
            })
        return namePrefix + (safe.isEmpty ? "user" : safe) + "-\(pid).json"
    }

    /// The process that wrote a recovery file, from its name.
    static func writer(ofFileNamed name: String) -> Int32? {
        guard name.hasPrefix(namePrefix), name.hasSuffix(".json") else { return nil }
        let stem = name.dropLast(5)
        guard let dash = stem.lastIndex(of: "-") else { return nil }
        return Int32(stem[stem.index(after: dash)...])
    }

    /// The recovery files in an inspection folder left by processes no longer running (a
    /// running casemark keeps its own there while a note is typed), oldest name first.
    public static func leftBehind(in folder: String) -> [String] {
        guard let names = try? FileSystem.list(folder) else { return [] }
        return names.filter { name in
            guard let pid = writer(ofFileNamed: name) else { return false }
            return pid != getpid() && !FileSystem.isRunning(pid)
        }.map { folder + "/" + $0 }
    }

    // MARK: - JSON

    public func jsonValue() -> JSONValue {
        var object = JSONObject([
            "format": .string(Self.format), "version": .integer(1), "user": .string(user), "host": .string(host), "pid": .integer(pid),
            "time": .string(time),
        ])
        object["cases"] = .array(
            cases.map { pending in
                .object(JSONObject(["case": pending.file.jsonValue(), "base": pending.base?.jsonValue() ?? .null]))
            })
        if let inspection {
            object["inspection"] = .object(JSONObject(["file": inspection.file.jsonValue(), "base": inspection.base.jsonValue()]))
        }
        if let typing {
            var entry = JSONObject()
            switch typing {
            case .note(let ref, let keyQuestion, let prompt, let text):
                entry = JSONObject([
                    "kind": .string("note"), "ref": .string(ref), "keyQuestion": .string(keyQuestion), "text": .string(text),
                ])
                if let prompt { entry["prompt"] = .string(prompt) }
            case .reviewComment(let ref, let item, let verdict, let text):
                entry = JSONObject(["kind": .string("reviewComment"), "ref": .string(ref), "item": .string(item), "text": .string(text)])
                if let verdict { entry["verdict"] = .string(verdict.rawValue) }
            case .reply(let ref, let item, let text):
                entry = JSONObject(["kind": .string("reply"), "ref": .string(ref), "item": .string(item), "text": .string(text)])
            case .ratingNote(let standard, let text):
                entry = JSONObject(["kind": .string("ratingNote"), "standard": .string(standard), "text": .string(text)])
            }
            object["typing"] = .object(entry)
        }
        return .object(object)
    }

    public func encoded() -> [UInt8] { JSONWriter.bytes(from: jsonValue()) }

    /// Reads a recovery file's JSON; nil when it is not one.
    public static func read(_ bytes: [UInt8]) -> Recovery? {
        guard let object = (try? JSONParser.parse(bytes))?.objectValue, object["format"]?.stringValue == format else { return nil }
        var problems = ProblemCollector(file: "recovery")
        func caseFile(_ value: JSONValue?) -> CaseFile? {
            guard let value, value != .null else { return nil }
            return CaseFile.read(value).file
        }
        var recovery = Recovery(
            user: object["user"]?.stringValue ?? "someone", host: object["host"]?.stringValue ?? "", pid: object["pid"]?.intValue ?? 0,
            time: object["time"]?.stringValue ?? "")
        for entry in object["cases"]?.arrayValue ?? [] {
            guard let pending = entry.objectValue, let file = caseFile(pending["case"]) else { return nil }
            recovery.cases.append(PendingCase(file: file, base: caseFile(pending["base"])))
        }
        if let inspection = object["inspection"]?.objectValue {
            guard let fileValue = inspection["file"], let baseValue = inspection["base"],
                let file = InspectionFile.read(fileValue, problems: &problems),
                let base = InspectionFile.read(baseValue, problems: &problems)
            else { return nil }
            recovery.inspection = PendingInspection(file: file, base: base)
        }
        if let typing = object["typing"]?.objectValue, let text = typing["text"]?.stringValue {
            let ref = typing["ref"]?.stringValue ?? ""
            switch typing["kind"]?.stringValue {
            case "note":
                guard let keyQuestion = typing["keyQuestion"]?.stringValue else { return nil }
                recovery.typing = .note(ref: ref, keyQuestion: keyQuestion, prompt: typing["prompt"]?.stringValue, text: text)
            case "reviewComment":
                recovery.typing = .reviewComment(
                    ref: ref, item: typing["item"]?.stringValue ?? "", verdict: typing["verdict"]?.stringValue.flatMap(ReviewVerdict.init),
                    text: text)
            case "reply":
                recovery.typing = .reply(ref: ref, item: typing["item"]?.stringValue ?? "", text: text)
            case "ratingNote":
                recovery.typing = .ratingNote(standard: typing["standard"]?.stringValue ?? "", text: text)
            default:
                return nil
            }
        }
        return recovery
    }

    /// What the offer to restore lists.
    var summary: [String] {
        var lines: [String] = []
        for pending in cases {
            lines.append(
                pending.base == nil ? "case \(pending.file.ref): added, never saved" : "case \(pending.file.ref): changes not saved")
        }
        if inspection != nil { lines.append("inspection.json: ratings not saved") }
        if let typing {
            let text = typing.text
            let shown = String(text.prefix(60)) + (text.count > 60 ? "…" : "")
            switch typing {
            case .note(let ref, let keyQuestion, let prompt, _):
                lines.append("a note being typed on case \(ref) \(keyQuestion)\(prompt.map { " " + $0 } ?? ""): \"\(shown)\"")
            case .reviewComment(let ref, let item, _, _):
                lines.append("a review comment being typed on case \(ref) \(item): \"\(shown)\"")
            case .reply(let ref, let item, _):
                lines.append("a reply being typed on case \(ref) \(item): \"\(shown)\"")
            case .ratingNote(let standard, _):
                lines.append("evidence being typed for \(standard): \"\(shown)\"")
            }
        }
        return lines.map(TerminalText.escaped)
    }
}
