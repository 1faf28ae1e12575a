import CasemarkCore

extension App {
    /// "complete" or "in progress", unless the case cannot be changed or holds orphaned answers.
    func caseStatusText(_ file: CaseFile) -> String {
        if folder?.writeRefusal(ref: file.ref) != nil { return "read-only" }
        if folder?.orphanedAnswers(ref: file.ref).isEmpty == false { return "orphans" }
        return file.status == .complete ? "complete" : "in progress"
    }

    /// The case files that could not be opened: a heading, then each with its first problem,
    /// relative to the inspection folder (`cases/C02.json:1:3: expected ...`).
    func damagedCaseLines() -> [String] {
        guard let folder else { return [] }
        let opened = Set(folder.salvaged.values.map(\.path))
        let unopened = folder.damaged.filter { !opened.contains($0.diagnostics.first?.file ?? "") }
        guard !unopened.isEmpty else { return [] }
        return ["\(unopened.count) damaged case file(s), not opened and never overwritten (casemark validate lists all):"]
            + unopened.compactMap { problems in
                guard var first = problems.diagnostics.first else { return nil }
                if first.file.hasPrefix(folder.path + "/") { first.file = String(first.file.dropFirst(folder.path.count + 1)) }
                return first.description
            }
    }
}
