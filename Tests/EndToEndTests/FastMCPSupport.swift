import Foundation
import MCPCore
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The FastMCP 3.4.10 interop server (`Tests/Interop/servers/fastmcp_server.py`) and its venv.
extension Paths {
    /// The interpreter of `.venv-fastmcp3/`, which `scripts/setup-interop.sh` creates.
    static var fastMCP3Python: String { root + "/.venv-fastmcp3/bin/python" }
    static var fastMCP3Server: String { root + "/Tests/Interop/servers/fastmcp_server.py" }

    /// Whether `.venv-fastmcp3/` is there; the FastMCP 3 suites are skipped otherwise.
    static var hasFastMCP3: Bool { FileManager.default.isExecutableFile(atPath: fastMCP3Python) }

    /// Why a suite needing `.venv-fastmcp3/` was skipped.
    static let noFastMCP3: Comment =
        "no FastMCP 3 Python at .venv-fastmcp3/bin/python: run bash scripts/setup-interop.sh (make test does it)"

    /// The stdio command line of the FastMCP server, or a test failure telling how to set it up.
    static func requireFastMCP3Server(sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        try #require(
            hasFastMCP3,
            "no FastMCP 3 Python at \(fastMCP3Python): run bash scripts/setup-interop.sh (make test does it)",
            sourceLocation: sourceLocation)
        return [fastMCP3Python, fastMCP3Server, "stdio"]
    }
}

/// How a test reaches the FastMCP server: a stdio child of each mcptask run, or a running HTTP server.
struct FastMCPTarget: Sendable, CustomStringConvertible {
    enum Transport: Sendable {
        case stdio([String])
        case http(String)
    }

    let transport: Transport

    static func stdio(sourceLocation: SourceLocation = #_sourceLocation) throws -> FastMCPTarget {
        FastMCPTarget(transport: .stdio(try Paths.requireFastMCP3Server(sourceLocation: sourceLocation)))
    }

    static func http(_ url: String) -> FastMCPTarget { FastMCPTarget(transport: .http(url)) }

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
struct TracedRun: CustomStringConvertible {
    var run: RunResult
    var trace: Trace

    var description: String {
        let lines = trace.entries.map { JSONWriter.compactString($0).prefix(400) }
        return "\(run)\ntrace:\n" + lines.joined(separator: "\n")
    }
}

/// Runs `mcptask ARGS` to completion in a fresh scratch directory with extra environment variables
/// (e.g. a private `XDG_STATE_HOME`).
func fastMCPRun(
    _ arguments: [String], environment: [String: String] = [:], timeout: Duration = .seconds(60),
    sourceLocation: SourceLocation = #_sourceLocation
) async throws -> RunResult {
    let binary = try Paths.requireMcptask(sourceLocation: sourceLocation)
    let dir = try TempDir()
    defer { dir.remove() }
    return try await Spawned([binary] + arguments, in: dir, environment: environment).wait(timeout: timeout)
}

/// Runs `mcptask ARGS --trace FILE` and returns the run with the parsed trace.
func fastMCPTraced(
    _ arguments: [String], environment: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation
) async throws -> TracedRun {
    let binary = try Paths.requireMcptask(sourceLocation: sourceLocation)
    let dir = try TempDir()
    defer { dir.remove() }
    let file = dir.file("trace.ndjson")
    // `--trace` goes before a trailing `-- SERVER`, which takes everything after it.
    let head = arguments.prefix { $0 != "--" }
    let tail = arguments.drop { $0 != "--" }
    let run = try await Spawned([binary] + head + ["--trace", file] + tail, in: dir, environment: environment)
        .wait()
    return TracedRun(run: run, trace: Trace(path: file))
}

extension Trace {
    /// Server→client notifications with `method`, in order.
    func notifications(_ method: String) -> [JSONValue] {
        messages.filter { $0.dir == "recv" && $0.message["method"]?.stringValue == method && $0.message["id"] == nil }
            .map(\.message)
    }

    /// Server→client requests with `method` (an id and a method), in order.
    func serverRequests(_ method: String) -> [JSONValue] {
        messages.filter { $0.dir == "recv" && $0.message["method"]?.stringValue == method && $0.message["id"] != nil }
            .map(\.message)
    }

    /// Client requests with `method`, each with the response that carries its id (nil while unanswered).
    func exchanges(_ method: String) -> [(request: JSONValue, response: JSONValue?)] {
        let all = messages
        return all.filter { $0.dir == "send" && $0.message["method"]?.stringValue == method }.map { sent in
            let id = sent.message["id"]
            let response = all.first { entry in
                entry.dir == "recv" && entry.message["id"] == id && entry.message["method"] == nil
            }
            return (sent.message, response?.message)
        }
    }

    /// Client responses (an id, a result or error, no method) to the server request with `id`.
    func responses(to id: JSONValue) -> [JSONValue] {
        messages.filter { $0.dir == "send" && $0.message["method"] == nil && $0.message["id"] == id }.map(\.message)
    }
}

/// Starts `mcptask call SERVER cancellable_sleep seconds=30 --trace FILE`, waits until mcptask follows the
/// task (its first tasks/result has been answered: FastMCP's -32602 "not completed yet"), sends SIGINT and
/// checks the contract: exit 130, tasks/cancel sent, and the final state from a tasks/get saying cancelled.
///
/// Unlike `checkCtrlCCancelsTask`, it does not interrupt the moment the CreateTaskResult arrives: then
/// mcptask's first tasks/result is still outstanding, and Ctrl-C also sends notifications/cancelled for it.
/// FastMCP answers tasks/result at once, so that notification can land between the handler's return and its
/// answer, which trips an assertion in mcp 1.30.0 (python-sdk issue #2416, "Request already responded to")
/// and kills the server's session (on stdio, the server exits with status 1).
func checkCtrlCCancelsFastMCPTask(
    _ server: FastMCPTarget, sourceLocation: SourceLocation = #_sourceLocation
) async throws {
    let binary = try Paths.requireMcptask(sourceLocation: sourceLocation)
    let dir = try TempDir()
    defer { dir.remove() }
    let file = dir.file("trace.ndjson")
    let process = try Spawned(
        [binary] + server.arguments(["call", "cancellable_sleep", "seconds=30", "--trace", file]), in: dir)
    do {
        try await waitUntil(
            "mcptask following the task (a tasks/result answered)", timeout: .seconds(60),
            sourceLocation: sourceLocation
        ) {
            Trace(path: file).exchanges("tasks/result").contains { $0.response?["error"] != nil }
        }
    } catch {
        process.send(SIGKILL)
        _ = try? await process.wait()
        throw error
    }
    process.send(SIGINT)
    let run = try await process.wait(timeout: .seconds(60))
    let traced = TracedRun(run: run, trace: Trace(path: file))
    #expect(run.status == 130, "\(traced)", sourceLocation: sourceLocation)
    #expect(run.signal == nil, "mcptask died of a signal instead of exiting: \(run)", sourceLocation: sourceLocation)
    #expect(
        run.stderr.contains("cancelled"), "stderr should say the task is cancelled: \(run)",
        sourceLocation: sourceLocation)

    let messages = traced.trace.messages
    let cancelIndex = try #require(
        traced.trace.firstIndex { dir, message in dir == "send" && message["method"] == "tasks/cancel" },
        "no tasks/cancel request in the trace: \(traced)", sourceLocation: sourceLocation)
    let cancelAnswer = traced.trace.exchanges("tasks/cancel").first?.response
    #expect(cancelAnswer?["result"]?["status"] == "cancelled", "\(traced)", sourceLocation: sourceLocation)
    // A tasks/get sent after the cancel, and its answer saying cancelled.
    let getIDs = messages[(cancelIndex + 1)...].filter {
        $0.dir == "send" && $0.message["method"] == "tasks/get"
    }.compactMap { $0.message["id"] }
    let confirmed = messages[(cancelIndex + 1)...].contains { entry in
        guard entry.dir == "recv", let id = entry.message["id"], getIDs.contains(id) else { return false }
        return entry.message["result"]?["status"] == "cancelled"
    }
    #expect(confirmed, "no tasks/get answered cancelled after tasks/cancel: \(traced)", sourceLocation: sourceLocation)
}

/// Runs `body` with the URL of `fastmcp_server.py http` on 127.0.0.1 (see `withHTTPServerProcess`).
func withFastMCPServer(
    sourceLocation: SourceLocation = #_sourceLocation, _ body: (String) async throws -> Void
) async throws {
    let stdio = try Paths.requireFastMCP3Server(sourceLocation: sourceLocation)
    // FastMCP takes 1.2–1.6 s (more on a cold cache) to start.
    let command = { (port: Int) in [stdio[0], stdio[1], "http", "--port", "\(port)"] }
    try await withHTTPServerProcess("the FastMCP server", sourceLocation: sourceLocation, command: command, body)
}
