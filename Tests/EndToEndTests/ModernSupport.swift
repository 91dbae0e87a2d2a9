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

/// Starts `fastmcp4_server.py http --port PORT` on 127.0.0.1, waits until it accepts connections, runs
/// `body` with its URL (`http://127.0.0.1:PORT/mcp`), then stops it (SIGTERM) and checks that it wrote
/// nothing to stdout and stopped promptly.
func withFastMCP4Server(
    sourceLocation: SourceLocation = #_sourceLocation, _ body: (String) async throws -> Void
) async throws {
    _ = try Paths.requireMcptask(sourceLocation: sourceLocation)
    let stdio = try Paths.requireFastMCP4Server(sourceLocation: sourceLocation)
    let port = try ModernLoopback.freePort(sourceLocation: sourceLocation)
    let dir = try TempDir()
    defer { dir.remove() }
    let server = try Spawned([stdio[0], stdio[1], "http", "--port", "\(port)"], in: dir)
    do {
        // FastMCP 4 takes 1–2 s to start (much more on a cold cache or a busy machine).
        try await waitUntil(
            "the FastMCP 4 server to listen on 127.0.0.1:\(port)", timeout: .seconds(90), every: .milliseconds(50),
            sourceLocation: sourceLocation
        ) { ModernLoopback.hasExited(server.pid) || ModernLoopback.accepts(port: port) }
    } catch {
        server.send(SIGKILL)
        _ = try? await server.wait()
        throw error
    }
    if ModernLoopback.hasExited(server.pid) {
        let run = try await server.wait()
        Issue.record("the FastMCP 4 server exited at start-up: \(run)", sourceLocation: sourceLocation)
        return
    }
    let outcome: Result<Void, any Error>
    do {
        try await body("http://127.0.0.1:\(port)/mcp")
        outcome = .success(())
    } catch {
        outcome = .failure(error)
    }
    server.send(SIGTERM)
    let run = try await server.wait(timeout: .seconds(20))
    #expect(
        run.stdout.isEmpty, "the FastMCP 4 server must not write to stdout: \(run)", sourceLocation: sourceLocation)
    try outcome.get()
}

/// TCP on 127.0.0.1 for the HTTP server: a free port, whether it accepts, whether the child has exited.
private enum ModernLoopback {
    /// A port that was free a moment ago: bind port 0, read the port, close.
    static func freePort(sourceLocation: SourceLocation) throws -> Int {
        let fd = socket(AF_INET, streamSocket, 0)
        try #require(fd >= 0, "socket failed: \(String(cString: strerror(errno)))", sourceLocation: sourceLocation)
        defer { close(fd) }
        var address = loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        try #require(bound == 0, "bind failed: \(String(cString: strerror(errno)))", sourceLocation: sourceLocation)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        try #require(
            named == 0, "getsockname failed: \(String(cString: strerror(errno)))", sourceLocation: sourceLocation)
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port`.
    static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, streamSocket, 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopback(port: port)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        return result == 0
    }

    /// Whether process `pid` (a child not yet reaped) has exited, without reaping it.
    static func hasExited(_ pid: pid_t) -> Bool {
        #if os(Linux)
            // A zombie: the state after the command name in /proc/PID/stat is Z.
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let nameEnd = stat.lastIndex(of: ")")
            else { return true }
            return stat[stat.index(after: nameEnd)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
        #else
            return false
        #endif
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    #if canImport(Glibc)
        private static let streamSocket = Int32(SOCK_STREAM.rawValue)
    #else
        private static let streamSocket = SOCK_STREAM
    #endif
}
