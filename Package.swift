// swift-tools-version:6.2
// mcptask: a command-line inspector for MCP tasks. Layering (arrows are the only allowed imports) is
// described in README.md, "Design"; `make build` checks it with --explicit-target-dependency-import-check.
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .treatAllWarnings(as: .error),
]

let package = Package(
    name: "mcptask",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "mcptask", targets: ["mcptask"]),
        .executable(name: "mcptask-demo", targets: ["mcptask-demo"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .systemLibrary(name: "CLibEdit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        // The task journal's store (README, "Task journal").
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "MCPCore", swiftSettings: strict),
        .target(
            name: "MCPTransport",
            dependencies: [
                "MCPCore",
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // OAuth 2.1 for HTTP servers (the MCP authorization specification): discovery, client registration,
        // PKCE, the loopback redirect, the private credential store, refresh.
        .target(
            name: "MCPAuth",
            dependencies: [
                "MCPCore", "PrivateFiles",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "MCPClient",
            dependencies: ["MCPCore", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .target(name: "LineEditor", dependencies: ["CLibEdit"], swiftSettings: strict),
        // A small Swift face on SQLite: connections, statements, write transactions.
        .target(name: "SQLiteDatabase", dependencies: ["CSQLite"], swiftSettings: strict),
        // Owner-only directories and files replaced whole: one implementation for credentials and commands.
        .target(name: "PrivateFiles", swiftSettings: strict),
        .target(name: "MCPRender", dependencies: ["MCPClient", "MCPCore"], swiftSettings: strict),
        // The server lists of mcptask's and other MCP clients' config files: no I/O of its own.
        .target(name: "MCPServerConfig", dependencies: ["MCPCore"], swiftSettings: strict),
        // The command layer: a kit (option groups, connecting, config, journal, the task pipeline, the
        // prompter, completion) below the REPL and the background-session relay, and a thin target of
        // commands on top.
        .target(
            name: "MCPCommandKit",
            dependencies: [
                "MCPCore", "MCPClient", "MCPTransport", "MCPAuth", "MCPRender", "LineEditor", "SQLiteDatabase",
                "MCPServerConfig", "PrivateFiles",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "MCPRepl",
            dependencies: [
                "MCPCommandKit", "MCPCore", "MCPClient", "MCPRender", "LineEditor",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "MCPSessionRelay",
            dependencies: [
                "MCPCommandKit", "MCPCore", "MCPClient", "MCPTransport", "MCPRender",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // `mcptask check`: the conformance checks as data, their probes and the report.
        .target(
            name: "MCPConformance",
            dependencies: ["MCPCommandKit", "MCPClient", "MCPCore", "MCPRender"],
            swiftSettings: strict
        ),
        .target(
            name: "MCPTaskCommands",
            dependencies: [
                "MCPCommandKit", "MCPConformance", "MCPRepl", "MCPSessionRelay", "MCPCore", "MCPClient",
                "MCPTransport", "MCPAuth",
                "MCPRender",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "mcptask", dependencies: ["MCPTaskCommands"], swiftSettings: strict),
        .target(name: "MCPDemoServer", dependencies: ["MCPCore"], swiftSettings: strict),
        .executableTarget(name: "mcptask-demo", dependencies: ["MCPDemoServer"], swiftSettings: strict),
        // How fast the JSON value is read and written (bench/json/run.sh, `make bench-json`).
        .executableTarget(
            name: "mcptask-json-bench", dependencies: ["MCPCore"], path: "bench/JSONBench", swiftSettings: strict),
        // What the tests share: in-memory transports, a scripted server, the demo server in process, a
        // recording console.
        .target(
            name: "MCPTestSupport",
            dependencies: [
                "MCPCore", "MCPClient", "MCPCommandKit", "MCPRender", "MCPDemoServer",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/MCPTestSupport", swiftSettings: strict),
        .testTarget(name: "MCPCoreTests", dependencies: ["MCPCore"], swiftSettings: strict),
        .testTarget(name: "MCPAuthTests", dependencies: ["MCPAuth", "MCPCore"], swiftSettings: strict),
        .testTarget(
            name: "MCPDemoServerTests", dependencies: ["MCPDemoServer", "MCPCore"], swiftSettings: strict),
        .testTarget(
            name: "MCPTransportTests",
            dependencies: [
                "MCPTransport", "MCPCore", .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "MCPClientTests",
            dependencies: [
                "MCPClient", "MCPCore", "MCPTestSupport", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "MCPCommandKitTests",
            dependencies: [
                "MCPCommandKit", "MCPClient", "MCPCore", "MCPRender", "MCPTestSupport", "SQLiteDatabase",
                "MCPServerConfig",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "MCPTaskCommandsTests",
            dependencies: ["MCPTaskCommands", "MCPCommandKit", "MCPCore", "MCPTestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "MCPConformanceTests",
            dependencies: ["MCPConformance", "MCPCommandKit", "MCPClient", "MCPCore", "MCPRender", "MCPTestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "MCPSessionRelayTests",
            dependencies: ["MCPSessionRelay", "MCPCommandKit", "MCPClient", "MCPCore", "MCPTestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "MCPRenderTests", dependencies: ["MCPRender", "MCPClient", "MCPCore"], swiftSettings: strict),
        .testTarget(name: "LineEditorTests", dependencies: ["LineEditor"], swiftSettings: strict),
        .testTarget(name: "EndToEndTests", dependencies: ["MCPCore"], swiftSettings: strict),
    ]
)
