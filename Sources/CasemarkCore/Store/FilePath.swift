/// Pure functions on slash-separated paths, for the few places casemark takes a path apart.
///
/// Foundation's `NSString` path helpers trap on a one-character relative path such as `r`
/// (`deletingLastPathComponent` on Linux), which crashed `report -o r`; these handle every
/// input, including `""`, `"r"`, `"/"`, `"a/"`, `"./x"` and repeated slashes.
public enum FilePath {
    /// The folder holding `path`: `"a/b"` → `"a"`, `"r"` → `"."`, `"/a"` → `"/"`, `"/"` → `"/"`,
    /// `"a/"` → `"."`, `""` → `"."`.
    ///
    /// Never empty, so it can be passed to a system call as is.
    public static func parent(of path: String) -> String {
        let trimmed = withoutTrailingSlashes(path)
        guard let slash = trimmed.lastIndex(of: "/") else {
            // "" or a bare name; "/" trims to "/" and is its own parent.
            return trimmed == "/" ? "/" : "."
        }
        let head = withoutTrailingSlashes(String(trimmed[..<slash]))
        return head.isEmpty ? "/" : head
    }

    /// The last component of `path`: `"a/b"` → `"b"`, `"a/"` → `"a"`, `"./x"` → `"x"`,
    /// `"r"` → `"r"`, `"/"` → `"/"`, `""` → `""`.
    public static func name(of path: String) -> String {
        let trimmed = withoutTrailingSlashes(path)
        guard trimmed != "/" else { return "/" }
        guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// `folder` and `name` joined by one slash: `("a", "b")` → `"a/b"`, `("a/", "b")` → `"a/b"`,
    /// `("", "b")` → `"b"`.
    public static func join(_ folder: String, _ name: String) -> String {
        if folder.isEmpty { return name }
        return folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// `name` without its last extension: `"C01.json"` → `"C01"`, `"a.b.json"` → `"a.b"`;
    /// unchanged when it has none or is only an extension (`".json"`).
    public static func removingExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// The last extension of `name`, without the dot: `"C01.json"` → `"json"`; `""` when none.
    public static func pathExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...])
    }

    /// `path` without trailing slashes, keeping a lone `/`.
    static func withoutTrailingSlashes(_ path: String) -> String {
        var result = Substring(path)
        while result.count > 1, result.hasSuffix("/") { result = result.dropLast() }
        return String(result)
    }
}
