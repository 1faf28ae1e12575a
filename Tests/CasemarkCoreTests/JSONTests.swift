import Testing

@testable import CasemarkCore

@Suite("JSON reading and writing")
struct JSONTests {
    @Test func keepsKeyOrderAndNumberLiterals() throws {
        let text = #"{"z": 1.50, "a": [true, null, -0.5e3], "m": {"y": "é\u00e9\n", "b": 10}}"#
        let value = try JSONParser.parse(text)
        #expect(value.objectValue?.keys == ["z", "a", "m"])
        #expect(value.objectValue?["z"] == .number("1.50"))
        let written = JSONWriter.string(from: value)
        #expect(
            written == """
                {
                  "z": 1.50,
                  "a": [
                    true,
                    null,
                    -0.5e3
                  ],
                  "m": {
                    "y": "éé\\n",
                    "b": 10
                  }
                }

                """)
        #expect(try JSONParser.parse(written) == value)
    }

    @Test func syntaxErrorsGiveLineAndColumn() {
        let text = "{\n  \"ref\": \"C01\",\n  \"status\": in-progress\n}"
        #expect(throws: JSONSyntaxError(message: "expected a value, found 'i'", position: SourcePosition(line: 3, column: 13))) {
            try JSONParser.parse(text)
        }
    }

    @Test func columnsCountCharactersNotBytes() {
        #expect(throws: JSONSyntaxError(message: "expected ',' or '}', found 'x'", position: SourcePosition(line: 1, column: 14))) {
            try JSONParser.parse("{\"é\": \"ñandú\"x}")
        }
    }

    @Test func refusesDuplicateKeysTrailingTextAndBadEscapes() {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(#"{"a": 1, "a": 2}"#) }
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse("{} {}") }
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(#"["\x"]"#) }
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(#"["\ud800"]"#) }
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse("[01]") }
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse("\"a\u{01}\"") }
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse([0x22, 0xFF, 0x22]) }
    }

    @Test func refusesNestingTooDeepInsteadOfCrashing() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(deep) }
        let fine = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect((try? JSONParser.parse(fine)) != nil)
    }

    @Test func surrogatePairsDecode() throws {
        #expect(try JSONParser.parse(#""\ud83d\ude00""#) == .string("😀"))
    }

    @Test func writerEscapesControlCharacters() {
        let written = JSONWriter.string(from: .string("a\u{1B}[2J\u{07}\u{0}b"))
        #expect(written == "\"a\\u001b[2J\\u0007\\u0000b\"\n")
        // C1 controls and the line separators are escaped too; other text is copied as it is.
        #expect(JSONWriter.string(from: .string("\u{85}x\u{9B}\u{2028}\u{2029}")) == "\"\\u0085x\\u009b\\u2028\\u2029\"\n")
        #expect(JSONWriter.string(from: .string("Café – “seen” \\ \"q\" ©")) == "\"Café – “seen” \\\\ \\\"q\\\" ©\"\n")
        // Every string round-trips through the parser, whatever it holds.
        var random = SplitMix64(seed: 7)
        for _ in 0..<300 {
            let scalars = (0..<Int.random(in: 0...12, using: &random)).compactMap { _ in
                Unicode.Scalar(UInt32.random(in: 0...0x2100, using: &random))
            }
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars)
            let bytes = JSONWriter.bytes(from: .string(text))
            #expect((try? JSONParser.parse(bytes)) == .string(text), "\(scalars)")
        }
    }

    @Test func findsThePositionOfAPath() {
        let bytes = Array("{\n  \"answers\": {\n    \"2.1.1\": {\"judgement\": \"maybe\"}\n  }\n}".utf8)
        let path = JSONPath.root.appending("answers").appending("2.1.1").appending("judgement")
        #expect(JSONParser.position(of: path, in: bytes) == SourcePosition(line: 3, column: 28))
        #expect(path.description == "$.answers[\"2.1.1\"].judgement")
        // A path that does not exist resolves to its nearest existing parent.
        let missing = JSONPath.root.appending("answers").appending("9.9.9")
        #expect(JSONParser.position(of: missing, in: bytes) == SourcePosition(line: 2, column: 14))
    }
}
