import Foundation
import MCPCore
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// mcptask against the official Python SDK (`mcp` 1.30.0) over Streamable HTTP: each test starts
/// `sdk_server.py http` on a free port of 127.0.0.1 (with the mode's options) and stops it at the end.
@Suite("Interop with the Python SDK server over Streamable HTTP", .serialized)
struct HTTPInteropTests {
    static let token = "interop-test-token-3f9c1e"

    @Test("tools over HTTP shows the task modes and protocol 2025-11-25")
    func tools() async throws {
        try await withSDKServer { url in
            let run = try await mcptask(["tools", "-s", url])
            #expect(run.status == 0, "\(run)")
            expectTaskModes(run)
            #expect(run.stdoutLines.first?.contains("2025-11-25") == true, "header should name the protocol: \(run)")
        }
    }

    @Test("call must_be_task x=hi over HTTP")
    func mustBeTask() async throws {
        try await withSDKServer { url in
            let run = try await mcptask(["call", "-s", url, "must_be_task", "x=hi"])
            #expect(run.status == 0, "\(run)")
            #expect(run.stdout.contains("must_be_task: hi"), "\(run)")
        }
    }

    @Test("call slow_count n=3 delay=0.2 over HTTP counts to 3")
    func slowCount() async throws {
        try await withSDKServer { url in
            let run = try await mcptask(["call", "-s", url, "slow_count", "n=3", "delay=0.2"])
            #expect(run.status == 0, "\(run)")
            #expect(run.stdout.contains("counted to 3"), "\(run)")
        }
    }

    /// Over HTTP the SDK sends a task's progress and status notifications on the GET stream only.
    @Test("call slow_count --events over HTTP: progress from the GET stream, then the result")
    func slowCountEvents() async throws {
        try await withSDKServer { url in
            let run = try await mcptask(["call", "-s", url, "slow_count", "n=3", "delay=0.2", "--events"])
            #expect(run.status == 0, "\(run)")
            let kinds = try eventKinds(run)
            #expect(kinds.first == "created", "\(kinds)\n\(run)")
            #expect(kinds.contains("progress"), "no progress event (GET stream): \(kinds)\n\(run)")
            #expect(kinds.last == "result", "\(kinds)\n\(run)")
        }
    }

    @Test("call fails over HTTP: exit 1 with the failure message from tasks/get")
    func fails() async throws {
        try await withSDKServer { url in
            let run = try await mcptask(["call", "-s", url, "fails"])
            #expect(run.status == 1, "\(run)")
            #expect(run.stderr.contains("deliberate failure inside task"), "\(run)")
        }
    }

    /// The SDK delivers the elicitation request on the tasks/result POST's SSE stream.
    @Test("ask_user over HTTP answered from --answer: elicitation on the tasks/result stream")
    func askUser() async throws {
        try await withSDKServer { url in
            let run = try await mcptask(["call", "-s", url, "ask_user", "--answer", "name=Ada", "--answer", "age=36"])
            #expect(run.status == 0, "\(run)")
            #expect(run.stdout.contains("Ada"), "\(run)")
        }
    }

    @Test("Ctrl-C on cancellable_sleep over HTTP cancels the task and exits 130")
    func ctrlC() async throws {
        try await withSDKServer { url in
            try await checkCtrlCCancelsTask(server: ["-s", url])
        }
    }

    @Test("json-response server: POSTs answered with application/json")
    func jsonResponse() async throws {
        try await withSDKServer(["--json-response"]) { url in
            let tools = try await mcptask(["tools", "-s", url])
            #expect(tools.status == 0, "\(tools)")
            expectTaskModes(tools)
            let call = try await mcptask(["call", "-s", url, "must_be_task", "x=hi"])
            #expect(call.status == 0, "\(call)")
            #expect(call.stdout.contains("must_be_task: hi"), "\(call)")
        }
    }

    @Test("server wanting a bearer token, none given: exit 4, one error line naming HTTP 401")
    func tokenMissing() async throws {
        try await withSDKServer(["--require-token", Self.token]) { url in
            let run = try await mcptask(["tools", "-s", url])
            #expect(run.status == 4, "\(run)")
            let errors = run.stderr.split(separator: "\n").filter { $0.contains("mcptask: error") }
            #expect(errors.count == 1, "expected exactly one error line: \(run)")
            #expect(errors.first?.contains("401") == true, "\(run)")
            // The 401 body may be shown as a detail, but it is the HTTP answer, not a stdio server's stderr.
            #expect(!run.stderr.contains("on stderr"), "the HTTP body is labelled as server stderr: \(run)")
            #expect(run.stdout.isEmpty, "\(run)")
        }
    }

    @Test("-H 'Authorization: Bearer $VAR' takes the token from the environment")
    func tokenFromEnvironment() async throws {
        try await withSDKServer(["--require-token", Self.token]) { url in
            let header = "Authorization: Bearer $MCPTASK_TEST_TOKEN"
            let tools = try await mcptask(
                ["tools", "-s", url, "-H", header], environment: ["MCPTASK_TEST_TOKEN": Self.token])
            #expect(tools.status == 0, "\(tools)")
            expectTaskModes(tools)
            let call = try await mcptask(
                ["call", "-s", url, "-H", header, "must_be_task", "x=hi"],
                environment: ["MCPTASK_TEST_TOKEN": Self.token])
            #expect(call.status == 0, "\(call)")
            #expect(call.stdout.contains("must_be_task: hi"), "\(call)")
        }
    }

    @Test("a wrong bearer token: exit 4, and the token is not echoed")
    func tokenWrong() async throws {
        try await withSDKServer(["--require-token", Self.token]) { url in
            let wrong = "not-the-right-token-81d2"
            let run = try await mcptask(
                ["tools", "-s", url, "-H", "Authorization: Bearer $MCPTASK_TEST_TOKEN"],
                environment: ["MCPTASK_TEST_TOKEN": wrong])
            #expect(run.status == 4, "\(run)")
            #expect(run.stderr.contains("401"), "\(run)")
            #expect(!run.stderr.contains(wrong), "the credential must not be printed: \(run)")
            #expect(run.stdout.isEmpty, "\(run)")
        }
    }

    @Test("nobody listening on the port: exit 4 and one line saying so")
    func unreachable() async throws {
        let url = "http://127.0.0.1:\(try freePort())/mcp"
        let run = try await mcptask(["tools", "-s", url])
        #expect(run.status == 4, "\(run)")
        let lines = run.stderr.split(separator: "\n").filter { !$0.allSatisfy(\.isWhitespace) }
        #expect(lines.count == 1, "expected one line on stderr: \(run)")
        let line = lines.first?.lowercased() ?? ""
        #expect(line.contains("connection refused") || line.contains("cannot connect"), "\(run)")
        #expect(run.stdout.isEmpty, "\(run)")
    }

    /// With an event store the SDK starts every POST stream with a priming event (an id and empty
    /// data) and gives every SSE event an id; resuming with Last-Event-ID is tested elsewhere.
    @Test("event-store server: SSE ids and priming events do not disturb a task call")
    func eventStore() async throws {
        try await withSDKServer(["--event-store", "--retry-interval", "1000"]) { url in
            let run = try await mcptask(["call", "-s", url, "slow_count", "n=3", "delay=0.2"])
            #expect(run.status == 0, "\(run)")
            #expect(run.stdout.contains("counted to 3"), "\(run)")
            let ask = try await mcptask(["call", "-s", url, "ask_user", "--answer", "name=Ada", "--answer", "age=36"])
            #expect(ask.status == 0, "\(ask)")
            #expect(ask.stdout.contains("Ada"), "\(ask)")
        }
    }
}

// MARK: - Helpers

/// Checks the three task modes in `mcptask tools` output.
private func expectTaskModes(_ run: RunResult, sourceLocation: SourceLocation = #_sourceLocation) {
    let modes = ["slow_count": "optional", "must_be_task": "required", "never_task": "forbidden"]
    for (tool, mode) in modes {
        let row = run.stdoutLines.first { $0.split(separator: " ").first.map(String.init) == tool }
        #expect(
            row?.split(separator: " ").dropFirst().first.map(String.init) == mode, "\(tool): \(run)",
            sourceLocation: sourceLocation)
    }
}

/// The `event` of every NDJSON line of a `--events` run (each line must parse and carry a time and task id).
private func eventKinds(_ run: RunResult) throws -> [String] {
    try run.stdoutLines.map { line in
        let event = try JSONParser.parse(line)
        #expect(event["time"]?.stringValue != nil, "no time in \(line)")
        #expect(event["taskId"]?.stringValue != nil, "no taskId in \(line)")
        return try #require(event["event"]?.stringValue, "no event in \(line)")
    }
}

/// Runs `mcptask ARGS` with extra environment variables.
func mcptask(_ arguments: [String], environment: [String: String]) async throws -> RunResult {
    let binary = try Paths.requireMcptask()
    let dir = try TempDir()
    defer { dir.remove() }
    return try await Spawned([binary] + arguments, in: dir, environment: environment).wait()
}

/// Starts `sdk_server.py http --port PORT OPTIONS`, waits until it accepts connections, runs `body`
/// with its URL, then stops it (SIGTERM) and checks it wrote nothing to stdout.
func withSDKServer(
    _ options: [String] = [], sourceLocation: SourceLocation = #_sourceLocation,
    _ body: (String) async throws -> Void
) async throws {
    _ = try Paths.requireMcptask(sourceLocation: sourceLocation)
    let stdio = try Paths.requireSDKServer(sourceLocation: sourceLocation)
    let port = try freePort()
    let dir = try TempDir()
    defer { dir.remove() }
    let server = try Spawned([stdio[0], stdio[1], "http", "--port", "\(port)"] + options, in: dir)
    do {
        try await waitUntil(
            "the SDK server to listen on 127.0.0.1:\(port)", timeout: .seconds(60), every: .milliseconds(50),
            sourceLocation: sourceLocation
        ) { hasExited(server.pid) || canConnect(port: port) }
    } catch {
        server.send(SIGKILL)
        _ = try? await server.wait()
        throw error
    }
    if hasExited(server.pid) {
        let run = try await server.wait()
        Issue.record("the SDK server exited at start-up: \(run)", sourceLocation: sourceLocation)
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
    #expect(run.stdout.isEmpty, "the SDK server must not write to stdout: \(run)", sourceLocation: sourceLocation)
    try outcome.get()
}

/// A TCP port on 127.0.0.1 that was free a moment ago: bind port 0, read the port, close.
private func freePort(sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
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
    try #require(named == 0, "getsockname failed: \(String(cString: strerror(errno)))", sourceLocation: sourceLocation)
    return Int(UInt16(bigEndian: address.sin_port))
}

/// Whether something accepts TCP connections on 127.0.0.1:`port`.
private func canConnect(port: Int) -> Bool {
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
private func hasExited(_ pid: pid_t) -> Bool {
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

private func loopback(port: Int) -> sockaddr_in {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = UInt16(port).bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    return address
}

#if canImport(Glibc)
    private let streamSocket = Int32(SOCK_STREAM.rawValue)
#else
    private let streamSocket = SOCK_STREAM
#endif
