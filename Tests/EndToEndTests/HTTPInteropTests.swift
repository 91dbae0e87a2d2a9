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
        let url = "http://127.0.0.1:\(try Loopback.freePort(sourceLocation: #_sourceLocation))/mcp"
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

/// Runs `body` with the URL of `sdk_server.py http --port PORT OPTIONS` on 127.0.0.1 (see
/// `withHTTPServerProcess`).
func withSDKServer(
    _ options: [String] = [], sourceLocation: SourceLocation = #_sourceLocation,
    _ body: (String) async throws -> Void
) async throws {
    let stdio = try Paths.requireSDKServer(sourceLocation: sourceLocation)
    let command = { (port: Int) in [stdio[0], stdio[1], "http", "--port", "\(port)"] + options }
    try await withHTTPServerProcess("the SDK server", sourceLocation: sourceLocation, command: command, body)
}
