import Foundation
import Testing

@testable import CasemarkCore

/// `isBlank` replaced Foundation's trimming in the readers, so a field is refused as empty
/// exactly when it was before.
@Suite("Blank text")
struct BlankTextTests {
    func foundationSaysBlank(_ text: String) -> Bool {
        text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }

    @Test func everyCharacterIsJudgedAsFoundationJudgesIt() {
        var disagreements: [String] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(Character(scalar))
            if text.isBlank != foundationSaysBlank(text) { disagreements.append(String(value, radix: 16)) }
        }
        #expect(disagreements.isEmpty, "U+\(disagreements.prefix(20).joined(separator: ", U+"))")
    }

    @Test func mixturesAreBlankOnlyWhenEveryCharacterIs() {
        let blank = ["", " ", "\t\n", "\r\n", "\u{A0}\u{2028}\u{3000}", " \u{85} ", "\u{200B}"]
        let notBlank = ["a", " a ", "\u{A0}x", "\u{200B}x", "\u{FEFF}", "\u{0}", "\u{7F}", "é", " \u{301}"]
        for text in blank {
            #expect(text.isBlank && foundationSaysBlank(text), "\(text.unicodeScalars.map(\.value))")
        }
        for text in notBlank {
            #expect(!text.isBlank && !foundationSaysBlank(text), "\(text.unicodeScalars.map(\.value))")
        }
    }
}
