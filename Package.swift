// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "casemark",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "casemark", targets: ["casemark"]),
        .library(name: "CasemarkCore", targets: ["CasemarkCore"]),
    ],
    dependencies: [
        // swift-argument-parser 1.8.2, as this machine kind provides it.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        // Pure core: frameworks, inspection and case files, rating engine, store, reports.
        .target(
            name: "CasemarkCore",
            dependencies: ["CFileExchange"],
            plugins: ["EmbedFrameworks"]
        ),
        // One system call Swift's Glibc module does not import: swapping two files' names
        // atomically, so a save can leave freeing the old version until after the frame.
        .target(name: "CFileExchange"),
        // The system ncursesw library (libncursesw5-dev on Debian), with a header shim for macros
        // Swift cannot import. The module map links it; no pkgConfig: ncursesw.pc's only flags,
        // -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=600, are ones SwiftPM refuses with a warning on every
        // build (the shim defines what it needs), and Debian's libncursesw.so brings in libtinfo.
        .systemLibrary(name: "CNcursesw"),
        // The terminal front end: screen buffer, views, key handling, and the one curses adapter.
        .target(
            name: "CasemarkTUI",
            dependencies: ["CasemarkCore", "CNcursesw"]
        ),
        .executableTarget(
            name: "casemark",
            dependencies: [
                "CasemarkCore",
                "CasemarkTUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmark: `swift run -c release casemark-bench` (see README, "Performance").
        .executableTarget(
            name: "casemark-bench",
            dependencies: ["CasemarkCore", "CasemarkTUI", "CPseudoTerminal"],
            exclude: ["reference.py", "floor.c"]
        ),
        // A pseudo-terminal for the benchmark's count of the bytes one answer sends to a terminal.
        .target(name: "CPseudoTerminal"),
        // Build-time tool: turns frameworks/*.json and samples/*.json into Swift source, so the binary carries them.
        .executableTarget(name: "casemark-embed"),
        .plugin(
            name: "EmbedFrameworks",
            capability: .buildTool(),
            dependencies: ["casemark-embed"]
        ),
        // What the three test targets share: temporary folders, running child processes.
        .target(
            name: "CasemarkTestSupport",
            dependencies: ["CasemarkCore"],
            path: "Tests/CasemarkTestSupport"
        ),
        .testTarget(
            name: "CasemarkCoreTests",
            dependencies: ["CasemarkCore", "CasemarkTestSupport"]
        ),
        .testTarget(
            name: "CasemarkTUITests",
            dependencies: ["CasemarkCore", "CasemarkTUI", "CasemarkTestSupport"],
            // Screen snapshots: text compared by the tests, not resources of the bundle.
            exclude: ["__Snapshots__"]
        ),
        .testTarget(
            name: "CasemarkCLITests",
            dependencies: ["CasemarkCore", "casemark", "CasemarkTestSupport"]
        ),
    ]
)
