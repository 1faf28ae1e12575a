import CasemarkCore
import Foundation
import Testing

@testable import CasemarkTUI

/// The details form drawn from the framework's declaration (issue 12): every declared detail can
/// be set, is checked, recorded in history; those of another domain are hidden.
@Suite("The details form from the framework's declaration")
struct DetailsFormTests {
    /// The value the walk below gives each kind of detail, as a case records it.
    static func expected(_ declaration: DetailDeclaration) -> DetailValue {
        switch declaration.kind {
        case .choice(let values): .text(values[0].id)
        case .yesNo: .flag(true)
        case .number(let range, _): .number(range?.lowerBound ?? 7)
        case .date: .text("2026-03-01")
        case .text: .text("X-\(declaration.id.count)")
        }
    }

    /// Walks the form from the first detail to the last, setting each: a choice's first value,
    /// Yes, a number, a date typed DD/MM/YYYY, a text.
    static func setEveryDetail(_ harness: Harness) {
        let framework = Harness.framework(harness.app.folder?.framework.id ?? "")
        while true {
            let form = harness.app.detailsForm
            if let id = form.field.detail, let declaration = framework.detail(id) {
                switch declaration.kind {
                case .choice, .yesNo: harness.type(Key.right)
                case .number(let range, _): harness.type(Key.control("u"), String(range?.lowerBound ?? 7))
                case .date: harness.type(Key.control("u"), "01/03/2026")
                case .text: harness.type(Key.control("u"), "X-\(id.count)")
                }
            }
            let fields = harness.app.detailFields(form)
            guard form.field != fields.last else { return }
            harness.type(Key.tab)
        }
    }

    @Test func everyDeclaredDetailCanBeSetAndIsSavedWithItsHistory() throws {
        for domainSteps in [0, 1] {
            let harness = try Harness(framework: "hmip-yos-2022", cases: [])
            let framework = Harness.framework("hmip-yos-2022")
            harness.type("a")
            let ref = harness.app.detailsForm.ref.text
            // The domain: court, or out-of-court one step on.
            harness.type(Key.tab)
            for _ in 0..<domainSteps { harness.type(Key.right) }
            harness.type(Key.tab, Key.tab)
            Self.setEveryDetail(harness)
            harness.type(Key.enter)
            #expect(harness.app.mode == .marking, "\(harness.lines.last ?? "")")
            let domain = domainSteps == 0 ? "2" : "3"
            let saved = try harness.saved(ref)
            #expect(saved.domain == domain)
            for declaration in framework.details {
                let value = saved.details.value(of: declaration.id)
                if declaration.applies(toDomain: domain) {
                    #expect(value == Self.expected(declaration), "\(declaration.id) in domain \(domain)")
                } else {
                    #expect(value == nil, "\(declaration.id) is not asked in domain \(domain)")
                }
            }
            // A new case's history starts with its file; editing a detail is an entry.
            harness.type("d")
            while harness.app.detailsForm.field != DetailsForm.Field("lookedAfter") { harness.type(Key.tab) }
            harness.type(Key.right, Key.enter)
            let edited = try harness.saved(saved.ref)
            #expect(edited.details.recorded["lookedAfter"] == .flag(false))
            #expect(edited.history.contains { $0.field == .detail && $0.item == "lookedAfter" && $0.old == "yes" && $0.new == "no" })
        }
    }

    @Test func aDetailOfAnotherDomainIsHiddenAndDroppedWhenTheDomainChanges() throws {
        var file = CaseFile(ref: "O01", framework: "hmip-yos-2022", domain: "3", disposal: "youth-caution")
        file.details.recorded["disposalAppropriate"] = .flag(true)
        let harness = try Harness(framework: "hmip-yos-2022", cases: [file], width: 140, height: 45)
        harness.type(Key.enter, "d")
        #expect(harness.screen.contains("Out-of-court disposal appropriate"))
        #expect(harness.app.detailFields(harness.app.detailsForm).contains(DetailsForm.Field("disposalAppropriate")))
        // To court: the out-of-court question goes, and is not kept.
        harness.type(Key.backTab, Key.backTab, Key.right)
        #expect(!harness.screen.contains("Out-of-court disposal appropriate"))
        harness.type(Key.enter)
        let saved = try harness.saved("O01")
        #expect(saved.domain == "2")
        #expect(saved.details.recorded["disposalAppropriate"] == nil)
        #expect(saved.history.contains { $0.item == "disposalAppropriate" && $0.old == "yes" && $0.new == nil })
    }

    @Test func aNumberOutsideItsRangeOrNotANumberIsRefusedAtItsField() throws {
        let harness = try Harness(framework: "hmip-yos-2022", cases: [court("C01", framework: "hmip-yos-2022")])
        harness.type(Key.enter, "d")
        while harness.app.detailsForm.field != DetailsForm.Field("ageAtStart") { harness.type(Key.tab) }
        harness.type("40", Key.tab, Key.enter)
        #expect(harness.lines.last == "Age at the start of the disposal: from 10 to 18")
        #expect(harness.app.detailsForm.field == DetailsForm.Field("ageAtStart"))
        harness.type(Key.control("u"), "fifteen", Key.enter)
        #expect(harness.lines.last == "Age at the start of the disposal: write a whole number")
        harness.type(Key.control("u"), "15", Key.enter)
        #expect(try harness.saved("C01").details.recorded["ageAtStart"] == .number(15))
    }

    /// The form's hint speaks of sub-samples only where the framework has them (2018), not under
    /// the revisions that removed them.
    @Test func theSubSampleHintOnlyUnderAFrameworkWithSubSamples() throws {
        let sampled = try Harness(framework: "hmip-yos-2018", cases: [], width: 140, height: 45)
        sampled.type("a")
        #expect(sampled.screen.contains("The inspector's own judgement of the levels decides this framework's sub-samples"))
        let whole = try Harness(framework: "hmip-yos-2022", cases: [], width: 140, height: 45)
        whole.type("a")
        #expect(!whole.screen.contains("sub-samples"))
        #expect(whole.screen.contains("a case is known by its ref, never by a name"))
    }

    /// On a choice, a letter picks the next value starting with it, round the list, as a list box
    /// does: no cycling through fourteen offence types.
    @Test func aLetterPicksTheNextChoiceStartingWithIt() throws {
        let harness = try Harness(framework: "hmip-yos-2022", cases: [court("C01", framework: "hmip-yos-2022")])
        harness.type(Key.enter, "d")
        while harness.app.detailsForm.field != DetailsForm.Field("offenceType") { harness.type(Key.tab) }
        harness.type("d")
        #expect(harness.screen.contains("< Drug offence >"))
        // Another letter jumps to its value; a letter no value starts with changes nothing.
        harness.type("r")
        #expect(harness.screen.contains("< Robbery >"))
        harness.type("z")
        #expect(harness.screen.contains("< Robbery >"))
        while harness.app.detailsForm.field != DetailsForm.Field("victimsIdentified") { harness.type(Key.tab) }
        harness.type("n")
        harness.type(Key.enter)
        let saved = try harness.saved("C01")
        #expect(saved.details.recorded["offenceType"] == .text("robbery"))
        #expect(saved.details.recorded["victimsIdentified"] == .flag(false))
    }

    @Test func theFormScrollsToKeepTheFocusInView() throws {
        let harness = try Harness(framework: "hmip-yos-2022", cases: [])
        harness.type("a")
        #expect(harness.screen.contains("1–17 of 25 (PgUp PgDn)"))
        #expect(!harness.screen.contains("Alert raised"))
        harness.type(Key.pageDown, Key.pageDown)
        #expect(harness.app.detailsForm.field == DetailsForm.Field("alertRaised"))
        #expect(harness.screen.contains("▶ Alert raised"))
        #expect(harness.screen.contains("9–25 of 25"))
        #expect(!harness.screen.contains("Case reference"))
    }

    @Test func aRequiredDetailStopsCompletionAndIsMarked() throws {
        // A revision that requires gender (a framework file saying `"required": true`).
        var framework = Harness.framework("hmip-yos-2022")
        let index = try #require(framework.details.firstIndex { $0.id == "gender" })
        framework.details[index].required = true
        let root = FileManager.default.temporaryDirectory.path + "/casemark-tui-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        var folder = try InspectionFolder.create(at: root, service: "Test", framework: framework)
        folder.cases = [court("C01", framework: "hmip-yos-2022")]
        var app = App(folder: folder, size: (80, 24))
        app.openMarking("C01")
        // Every key question answered, so only the detail is missing.
        for question in folder.framework.caseKeyQuestions(domain: "2") {
            app.folder?.cases[0].answers[question.number] = Answer(judgement: .yes)
        }
        _ = app.handle(.character("c"))
        guard case .message(let title, let lines, _)? = app.overlay else {
            Issue.record("completing gave no message")
            return
        }
        #expect(title == "Not complete: 1 required case detail(s) not recorded")
        #expect(lines.contains("  Gender"))
        #expect(app.folder?.cases[0].status == .inProgress)
        app.overlay = nil
        _ = app.handle(.character("d"))
        #expect(app.mode == .details)
        let buffer = app.render()
        #expect(buffer.lines.contains { $0.contains("Gender *") })
        #expect(buffer.lines.contains { $0.contains("* needed before the case can be completed") })
    }
}
