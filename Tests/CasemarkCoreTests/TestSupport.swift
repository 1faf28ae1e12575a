import CasemarkTestSupport
import Foundation
import Testing

@testable import CasemarkCore

/// The bundled frameworks, read once.
enum Frameworks {
    static let catalog: FrameworkCatalog = {
        do { return try FrameworkCatalog(folders: [], includeBundled: true) } catch { fatalError("\(error)") }
    }()
    static let y2018: Framework = load("hmip-yos-2018")
    static let y2020: Framework = load("hmip-yos-2020-09")

    static func load(_ id: String) -> Framework {
        do { return try catalog.framework(id: id) } catch { fatalError("bundled framework \(id): \(error)") }
    }
}

/// A case with the given judgements.
func makeCase(
    _ ref: String, framework: Framework = Frameworks.y2020, domain: String = "2", disposal: String = "referral-order",
    _ judgements: [String: Judgement] = [:]
) -> CaseFile {
    var file = CaseFile(ref: ref, framework: framework.id, domain: domain, disposal: disposal)
    for (number, judgement) in judgements {
        file.answers[number] = Answer(judgement: judgement)
    }
    return file
}

/// Cases of one domain giving `yes` yes and `no` no on one key question (others unanswered).
func casesFor(_ number: String, yes: Int, no: Int, na: Int = 0, framework: Framework = Frameworks.y2020) -> [CaseFile] {
    let domain = String(number.prefix(1))
    let disposal = domain == "2" ? "referral-order" : "youth-caution"
    let judgements =
        Array(repeating: Judgement.yes, count: yes) + Array(repeating: .no, count: no)
        + Array(repeating: .na, count: na)
    return judgements.enumerated().map { index, judgement in
        makeCase("C\(index + 1)", framework: framework, domain: domain, disposal: disposal, [number: judgement])
    }
}

/// The messages of a validation, for asserting on.
func messages(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.map(\.description)
}
