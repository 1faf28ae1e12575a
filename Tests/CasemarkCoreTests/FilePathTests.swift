import Testing

@testable import CasemarkCore

/// `FilePath` takes apart every path, including those Foundation's helpers trap on.
@Suite("File paths taken apart without Foundation")
struct FilePathTests {
    @Test func parentOfEveryShapeOfPath() {
        let cases: [(String, String)] = [
            ("", "."), ("r", "."), ("/", "/"), ("//", "/"), ("a/", "."), ("./x", "."), ("a/b", "a"), ("a/b/", "a"),
            ("/a", "/"), ("/a/b", "/a"), ("a//b", "a"), ("../r", ".."), (".", "."),
        ]
        for (path, parent) in cases {
            #expect(FilePath.parent(of: path) == parent, "parent of \"\(path)\"")
        }
    }

    @Test func nameOfEveryShapeOfPath() {
        let cases: [(String, String)] = [
            ("", ""), ("r", "r"), ("/", "/"), ("a/", "a"), ("./x", "x"), ("a/b", "b"), ("/a", "a"), ("a//b/", "b"),
        ]
        for (path, name) in cases {
            #expect(FilePath.name(of: path) == name, "name of \"\(path)\"")
        }
    }

    @Test func extensionsAndJoining() {
        #expect(FilePath.removingExtension("C01.json") == "C01")
        #expect(FilePath.removingExtension("a.b.json") == "a.b")
        #expect(FilePath.removingExtension(".json") == ".json")
        #expect(FilePath.removingExtension("r") == "r")
        #expect(FilePath.pathExtension("C01.json") == "json")
        #expect(FilePath.pathExtension("r") == "")
        #expect(FilePath.join("a", "b") == "a/b")
        #expect(FilePath.join("a/", "b") == "a/b")
        #expect(FilePath.join("", "b") == "b")
    }
}
