import Foundation
import MCPCore
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The FastMCP 4.1.2 interop server (`Tests/Interop/servers/fastmcp4_server.py`, MCP 2026-07-28 with the
/// tasks extension) and its venv.
extension Paths {
    /// The interpreter of `.venv-fastmcp4/`, which `scripts/setup-interop.sh` creates.
    static var fastMCP4Python: String { root + "/.venv-fastmcp4/bin/python" }
    static var fastMCP4Server: String { root + "/Tests/Interop/servers/fastmcp4_server.py" }

    /// Whether `.venv-fastmcp4/` is there; the suites that need it are skipped otherwise.
    static var hasFastMCP4: Bool { FileManager.default.isExecutableFile(atPath: fastMCP4Python) }

    /// Whether `.venv-interop/` (the official SDK 1.30 server) is there.
    static var hasSDKServer: Bool { FileManager.default.isExecutableFile(atPath: python) }

    /// Why a suite needing `.venv-fastmcp4/` was skipped.
    static let noFastMCP4: Comment =
        "no FastMCP 4 Python at .venv-fastmcp4/bin/python: run bash scripts/setup-interop.sh (make test does it)"

    /// Why a suite needing `.venv-interop/` was skipped.
    static let noSDKServer: Comment =
        "no interop Python at .venv-interop/bin/python: run bash scripts/setup-interop.sh (make test does it)"

    /// The stdio command line of the FastMCP 4 server, or a test failure telling how to set it up.
    static func requireFastMCP4Server(sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        try #require(
            hasFastMCP4,
            "no FastMCP 4 Python at \(fastMCP4Python): run bash scripts/setup-interop.sh (make test does it)",
            sourceLocation: sourceLocation)
        return [fastMCP4Python, fastMCP4Server, "stdio"]
    }
}

/// How a test reaches a server: a stdio child of each mcptask run, or a running HTTP server.
struct ModernTarget: Sendable, CustomStringConvertible {
    enum Transport: Sendable {
        case stdio([String])
        case http(String)
    }

    let transport: Transport

    /// The FastMCP 4 server as a stdio child of each mcptask run.
    static func fastMCP4Stdio(sourceLocation: SourceLocation = #_sourceLocation) throws -> ModernTarget {
        ModernTarget(transport: .stdio(try Paths.requireFastMCP4Server(sourceLocation: sourceLocation)))
    }

    static func http(_ url: String) -> ModernTarget { ModernTarget(transport: .http(url)) }

    var isHTTP: Bool {
        if case .http = transport { return true }
        return false
    }

    var description: String {
        switch transport {
        case .stdio: return "stdio"
        case .http(let url): return url
        }
    }

    /// `mcptask COMMAND…` aimed at the server: `COMMAND -s URL REST` for HTTP, `COMMAND REST -- SERVER` for stdio.
    func arguments(_ command: [String]) -> [String] {
        switch transport {
        case .stdio(let server): return command + ["--"] + server
        case .http(let url): return Array(command.prefix(1)) + ["-s", url] + command.dropFirst()
        }
    }
}

/// A finished `mcptask` run and the `--trace` file it wrote.
struct ModernRun: CustomStringConvertible {
    var run: RunResult
    var trace: Trace

    var status: Int32 { run.status }
    var stdout: String { run.stdout }
    var stderr: String { run.stderr }

    var description: String {
        let lines = trace.entries.map { JSONWriter.compactString($0).prefix(600) }
        return "\(run)\ntrace:\n" + lines.joined(separator: "\n")
    }

    /// Messages mcptask sent, in order.
    var sent: [JSONValue] { trace.messages.filter { $0.dir == "send" }.map(\.message) }

    /// Client requests with `method`, each with the response that carries its id (nil while unanswered).
    func exchanges(_ method: String) -> [(request: JSONValue, response: JSONValue?)] {
        let all = trace.messages
        return all.filter { $0.dir == "send" && $0.message["method"]?.stringValue == method }.map { sent in
            let id = sent.message["id"]
            let response = all.first { entry in
                entry.dir == "recv" && entry.message["id"] == id && entry.message["method"] == nil
            }
            return (sent.message, response?.message)
        }
    }

    /// The `result` of every answered request with `method`, in order.
    func results(_ method: String) -> [JSONValue] { exchanges(method).compactMap { $0.response?["result"] } }

    /// Server→client notifications with `method`.
    func notifications(_ method: String) -> [JSONValue] {
        trace.messages.filter { $0.dir == "recv" && $0.message["method"]?.stringValue == method }.map(\.message)
    }

    /// The method of the first request mcptask sent.
    var firstMethod: String? { sent.first { $0["method"] != nil }?["method"]?.stringValue }
}

/// Runs `mcptask ARGS` to completion in a fresh scratch directory with extra environment variables
/// (e.g. a private `XDG_STATE_HOME`).
func modernRun(
    _ arguments: [String], environment: [String: String] = [:], timeout: Duration = .seconds(90),
    sourceLocation: SourceLocation = #_sourceLocation
) async throws -> RunResult {
    let binary = try Paths.requireMcptask(sourceLocation: sourceLocation)
    let dir = try TempDir()
    defer { dir.remove() }
    return try await Spawned([binary] + arguments, in: dir, environment: environment).wait(timeout: timeout)
}

/// Runs `mcptask ARGS --trace FILE` and returns the run with the parsed trace.
func modernTraced(
    _ arguments: [String], environment: [String: String] = [:], timeout: Duration = .seconds(90),
    sourceLocation: SourceLocation = #_sourceLocation
) async throws -> ModernRun {
    let binary = try Paths.requireMcptask(sourceLocation: sourceLocation)
    let dir = try TempDir()
    defer { dir.remove() }
    let file = dir.file("trace.ndjson")
    // `--trace` goes before a trailing `-- SERVER`, which takes everything after it.
    let head = arguments.prefix { $0 != "--" }
    let tail = arguments.drop { $0 != "--" }
    let run = try await Spawned([binary] + head + ["--trace", file] + tail, in: dir, environment: environment)
        .wait(timeout: timeout)
    return ModernRun(run: run, trace: Trace(path: file))
}

/// The `event` of every NDJSON line of a `--events` run, with the parsed events.
func modernEvents(_ run: RunResult, sourceLocation: SourceLocation = #_sourceLocation) throws -> [JSONValue] {
    try run.stdoutLines.map { line in
        let event = try JSONParser.parse(line)
        #expect(event["time"]?.stringValue != nil, "no time in \(line)", sourceLocation: sourceLocation)
        #expect(event["event"]?.stringValue != nil, "no event in \(line)", sourceLocation: sourceLocation)
        return event
    }
}

/// Runs `body` with the URL of `fastmcp4_server.py http` on 127.0.0.1 (see `withHTTPServerProcess`).
func withFastMCP4Server(
    sourceLocation: SourceLocation = #_sourceLocation, _ body: (String) async throws -> Void
) async throws {
    let stdio = try Paths.requireFastMCP4Server(sourceLocation: sourceLocation)
    // FastMCP 4 takes 1–2 s to start (much more on a cold cache or a busy machine).
    let command = { (port: Int) in [stdio[0], stdio[1], "http", "--port", "\(port)"] }
    try await withHTTPServerProcess(
        "the FastMCP 4 server", startup: .seconds(90), sourceLocation: sourceLocation, command: command, body)
}
