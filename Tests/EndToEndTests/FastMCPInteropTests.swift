import Foundation
import MCPCore
import Testing

/// mcptask against a real FastMCP 3.4.10 server (`fastmcp[tasks]`, pydocket memory://; the venv
/// `.venv-fastmcp3/` from scripts/setup-interop.sh), whose task wire differs from the official SDK's in
/// the ways shared/docs/server-behaviours.md (section 2) lists: tasks/result does not block (-32602 "not
/// completed yet"), progress arrives as three identical status notifications per step, a failed task's
/// tasks/result is an isError result, the elicitation is a standalone request, tasks/list is always empty,
/// and cancelling a completed task "succeeds".
@Suite(
    "Interop with the FastMCP 3.4.10 server over stdio", .serialized,
    .enabled(if: Paths.hasFastMCP3, Paths.noFastMCP3))
struct FastMCPStdioInteropTests {
    @Test("tools shows required, optional and forbidden (FastMCP omits execution for forbidden)")
    func tools() async throws {
        try await FastMCPChecks.tools(try .stdio())
    }

    @Test("call slow_count: duplicated status notifications render once; tasks/result polled, then fetched")
    func slowCount() async throws {
        try await FastMCPChecks.slowCount(try .stdio())
    }

    @Test("call fails: exit 1 with the failure text on stderr (FastMCP returns an isError result)")
    func fails() async throws {
        try await FastMCPChecks.fails(try .stdio())
    }

    @Test("call ask_user --answer …: the standalone elicitation/create (integer id) is answered; exit 0")
    func askUser() async throws {
        try await FastMCPChecks.askUser(try .stdio())
    }

    @Test("call must_be_task x=hi --json: exit 0 with the result as JSON")
    func mustBeTaskJSON() async throws {
        try await FastMCPChecks.mustBeTaskJSON(try .stdio())
    }

    @Test("call never_task --task: usage error (exit 64), nothing called")
    func neverTaskAsTask() async throws {
        try await FastMCPChecks.neverTaskAsTask(try .stdio())
    }

    @Test("Ctrl-C on cancellable_sleep: tasks/cancel in the trace, exit 130")
    func ctrlC() async throws {
        try await checkCtrlCCancelsFastMCPTask(try .stdio())
    }
}

@Suite(
    "Interop with the FastMCP 3.4.10 server over Streamable HTTP", .serialized,
    .enabled(if: Paths.hasFastMCP3, Paths.noFastMCP3))
struct FastMCPHTTPInteropTests {
    @Test("tools over HTTP shows required, optional and forbidden")
    func tools() async throws {
        try await withFastMCPServer { url in try await FastMCPChecks.tools(.http(url)) }
    }

    @Test("call slow_count over HTTP: status notifications from the GET stream render once; poll, then fetch")
    func slowCount() async throws {
        try await withFastMCPServer { url in try await FastMCPChecks.slowCount(.http(url)) }
    }

    @Test("call fails over HTTP: exit 1 with the failure text on stderr")
    func fails() async throws {
        try await withFastMCPServer { url in try await FastMCPChecks.fails(.http(url)) }
    }

    @Test("call ask_user over HTTP: the elicitation comes on the GET SSE stream and is answered; exit 0")
    func askUser() async throws {
        try await withFastMCPServer { url in try await FastMCPChecks.askUser(.http(url)) }
    }

    @Test("call must_be_task --json and never_task --task over HTTP")
    func modes() async throws {
        try await withFastMCPServer { url in
            try await FastMCPChecks.mustBeTaskJSON(.http(url))
            try await FastMCPChecks.neverTaskAsTask(.http(url))
        }
    }

    @Test("Ctrl-C on cancellable_sleep over HTTP: tasks/cancel in the trace, exit 130")
    func ctrlC() async throws {
        try await withFastMCPServer { url in
            try await checkCtrlCCancelsFastMCPTask(.http(url))
        }
    }

    /// `call --detach`, then `status`, `watch`, `cancel` and `result` as separate invocations through a
    /// private journal. FastMCP answers tasks/result for a cancelled task with -32602 "not completed yet":
    /// the final state has to come from tasks/get.
    @Test("detached cancellable_sleep: status working, watch --timeout 124, cancel, result exit 2 'was cancelled'")
    func detachedCancel() async throws {
        try await withFastMCPServer { url in
            let task = try await Detached.start(url, ["cancellable_sleep", "seconds=30"])
            defer { task.state.remove() }

            let status = try await fastMCPRun(["status", "last"], environment: task.environment)
            #expect(status.status == 0, "\(status)")
            #expect(status.stdout.contains(task.id) && status.stdout.contains("working"), "\(status)")

            let watch = try await fastMCPRun(["watch", "last", "--timeout", "2s"], environment: task.environment)
            #expect(watch.status == 124, "\(watch)")
            #expect(watch.stderr.contains("left as it is"), "\(watch)")

            let cancel = try await fastMCPRun(["cancel", "last"], environment: task.environment)
            #expect(cancel.status == 0, "\(cancel)")
            #expect(cancel.stdout.contains(task.id) && cancel.stdout.contains("cancelled"), "\(cancel)")
            #expect(!cancel.stderr.contains("had already ended"), "\(cancel)")

            let result = try await fastMCPTraced(["result", "last"], environment: task.environment)
            #expect(result.run.status == 2, "\(result)")
            #expect(result.run.stderr.contains("was cancelled"), "\(result)")
            #expect(result.run.stdout.isEmpty, "\(result)")
            let gets = result.trace.exchanges("tasks/get").compactMap { $0.response?["result"]?["status"] }
            #expect(gets.contains("cancelled"), "the final state should come from tasks/get: \(result)")
            // Premise (server-behaviours.md): FastMCP has no result for a cancelled task. (mcptask may end
            // before the answer to a tasks/result it sent arrives.)
            for response in result.trace.exchanges("tasks/result").compactMap(\.response) {
                #expect(response["error"]?["code"]?.intValue == -32602, "\(result)")
            }
        }
    }

    /// FastMCP answers tasks/cancel on a completed task with `status: cancelled`, while tasks/get goes on
    /// saying completed: mcptask must believe tasks/get.
    @Test("cancel of a completed detached task: stdout says completed, stderr that it had already ended")
    func cancelCompleted() async throws {
        try await withFastMCPServer { url in
            let task = try await Detached.start(url, ["must_be_task", "x=1"])
            defer { task.state.remove() }

            let result = try await fastMCPRun(["result", "last"], environment: task.environment)
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.contains("must_be_task: 1"), "\(result)")

            let cancel = try await fastMCPTraced(["cancel", "last"], environment: task.environment)
            #expect(cancel.run.status == 0, "\(cancel)")
            #expect(cancel.run.stdout.contains(task.id) && cancel.run.stdout.contains("completed"), "\(cancel)")
            #expect(!cancel.run.stdout.contains("cancelled"), "mcptask claims the task was cancelled: \(cancel)")
            #expect(cancel.run.stderr.contains("had already ended"), "\(cancel)")
            // Premise: the server's answer to tasks/cancel says cancelled, and tasks/get says completed.
            let answer = cancel.trace.exchanges("tasks/cancel").first?.response
            #expect(answer?["result"]?["status"] == "cancelled", "\(cancel)")
            let gets = cancel.trace.exchanges("tasks/get").compactMap { $0.response?["result"]?["status"] }
            #expect(gets.last == "completed", "\(cancel)")

            let status = try await fastMCPRun(["status", "last", "--json"], environment: task.environment)
            #expect(try JSONParser.parse(status.stdout)["status"] == "completed", "\(status)")
        }
    }

    /// FastMCP's tasks/list is always empty, even for the session's own tasks: the journal's tasks for
    /// the server still have to be shown.
    @Test("tasks -s URL --json: the server lists nothing; the journal's detached tasks are still there")
    func tasksListing() async throws {
        try await withFastMCPServer { url in
            let first = try await Detached.start(url, ["must_be_task", "x=1"])
            defer { first.state.remove() }
            let second = try await fastMCPRun(
                ["call", "-s", url, "must_be_task", "x=2", "--detach"], environment: first.environment)
            #expect(second.status == 0, "\(second)")
            let secondID = second.stdout.trimmingCharacters(in: .whitespacesAndNewlines)

            let listing = try await fastMCPTraced(["tasks", "-s", url, "--json"], environment: first.environment)
            #expect(listing.run.status == 0, "\(listing)")
            let document = try JSONParser.parse(listing.run.stdout)
            #expect(document["listed"] == true, "\(listing)")
            #expect(document["tasks"] == .array([]), "\(listing)")
            let journal = document["journal"]?.arrayValue?.compactMap { $0["taskId"]?.stringValue } ?? []
            #expect(Set(journal) == [first.id, secondID], "\(listing)")
            // Premise: the server was asked and listed nothing.
            let lists = listing.trace.exchanges("tasks/list")
            #expect(!lists.isEmpty, "no tasks/list sent: \(listing)")
            for exchange in lists {
                #expect(exchange.response?["result"]?["tasks"] == .array([]), "\(listing)")
            }
        }
    }
}

/// A task started by `call --detach` with a private journal (`XDG_STATE_HOME`).
private struct Detached {
    let state: TempDir
    let environment: [String: String]
    let id: String

    static func start(
        _ url: String, _ tool: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Detached {
        let state = try TempDir()
        let environment = ["XDG_STATE_HOME": state.file("state")]
        let started = try await fastMCPRun(["call", "-s", url] + tool + ["--detach"], environment: environment)
        #expect(started.status == 0, "\(started)", sourceLocation: sourceLocation)
        let id = started.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(!id.isEmpty && !id.contains("\n"), "\(started)", sourceLocation: sourceLocation)
        return Detached(state: state, environment: environment, id: id)
    }
}

/// The checks shared by the stdio and HTTP suites.
private enum FastMCPChecks {
    static func tools(_ server: FastMCPTarget, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let traced = try await fastMCPTraced(server.arguments(["tools"]))
        let run = traced.run
        #expect(run.status == 0, "\(traced)", sourceLocation: sourceLocation)
        #expect(run.stdoutLines.first?.contains("2025-11-25") == true, "\(run)", sourceLocation: sourceLocation)
        let modes = [
            "slow_count": "optional", "must_be_task": "required", "never_task": "forbidden",
            "ask_user": "optional", "fails": "optional", "cancellable_sleep": "optional",
        ]
        for (tool, mode) in modes {
            let row = run.stdoutLines.first { $0.split(separator: " ").first.map(String.init) == tool }
            #expect(
                row?.split(separator: " ").dropFirst().first.map(String.init) == mode, "\(tool): \(run)",
                sourceLocation: sourceLocation)
        }
        // Premise: FastMCP sends no `execution` at all for the forbidden tool.
        let listed = traced.trace.exchanges("tools/list").first?.response?["result"]?["tools"]?.arrayValue ?? []
        let never = listed.first { $0["name"] == "never_task" }
        #expect(never != nil && never?["execution"] == nil, "\(traced)", sourceLocation: sourceLocation)
        let required = listed.first { $0["name"] == "must_be_task" }
        #expect(required?["execution"]?["taskSupport"] == "required", "\(traced)", sourceLocation: sourceLocation)
    }

    static func slowCount(_ server: FastMCPTarget, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let traced = try await fastMCPTraced(server.arguments(["call", "slow_count", "n=3", "delay=0.2"]))
        let run = traced.run
        #expect(run.status == 0, "\(traced)", sourceLocation: sourceLocation)
        #expect(run.stdout.contains("counted to 3"), "\(run)", sourceLocation: sourceLocation)

        // Premise: progress comes only as status messages, each sent more than once.
        let statuses = traced.trace.notifications("notifications/tasks/status")
        let messages = statuses.compactMap { $0["params"]?["statusMessage"]?.stringValue }
        #expect(
            messages.filter { $0 == "step 1/3" }.count >= 2, "no duplicated 'step 1/3' status: \(traced)",
            sourceLocation: sourceLocation)
        #expect(
            traced.trace.notifications("notifications/progress").isEmpty, "\(traced)", sourceLocation: sourceLocation)

        // Non-TTY stderr: one line per distinct status message, however often the server repeated it.
        let lines = run.stderr.split(separator: "\n").map(String.init)
        for message in Set(messages) where message.hasPrefix("step ") || message.hasPrefix("Task completed") {
            let shown = lines.filter { $0.contains("  \(message)  ") || $0.hasSuffix("  \(message)") }
            #expect(
                shown.count == 1, "'\(message)' shown \(shown.count) times:\n\(run)", sourceLocation: sourceLocation)
        }

        // tasks/result does not block on FastMCP: the one sent at once gets -32602, a later one the result.
        let fetches = traced.trace.exchanges("tasks/result")
        let early = fetches.first?.response?["error"]
        #expect(early?["code"]?.intValue == -32602, "\(traced)", sourceLocation: sourceLocation)
        #expect(
            early?["message"]?.stringValue?.contains("not completed yet") == true, "\(traced)",
            sourceLocation: sourceLocation)
        let final = fetches.last?.response?["result"]?["content"]?.arrayValue?.first?["text"]
        #expect(fetches.count >= 2 && final == "counted to 3", "\(traced)", sourceLocation: sourceLocation)
    }

    static func fails(_ server: FastMCPTarget, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let traced = try await fastMCPTraced(server.arguments(["call", "fails"]))
        let run = traced.run
        #expect(run.status == 1, "\(traced)", sourceLocation: sourceLocation)
        #expect(
            run.stderr.contains("deliberate failure inside tool"), "the reason is not on stderr: \(traced)",
            sourceLocation: sourceLocation)
        // Premise: the failure reaches the client as an isError CallToolResult from tasks/result.
        let results = traced.trace.exchanges("tasks/result").compactMap { $0.response?["result"] }
        #expect(results.last?["isError"] == true, "\(traced)", sourceLocation: sourceLocation)
    }

    static func askUser(_ server: FastMCPTarget, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let answers = ["name=Ada", "age=36", "subscribe=true", "color=green"].flatMap { ["--answer", $0] }
        let traced = try await fastMCPTraced(server.arguments(["call", "ask_user"] + answers))
        let run = traced.run
        #expect(run.status == 0, "\(traced)", sourceLocation: sourceLocation)
        for text in ["action=accept", "'name': 'Ada'", "'age': 36", "'subscribe': True", "'color': 'green'"] {
            #expect(run.stdout.contains(text), "no \(text) in the result: \(run)", sourceLocation: sourceLocation)
        }

        // One standalone elicitation/create: an integer id, no related-task _meta (on HTTP it comes on the
        // GET SSE stream, not inside a tasks/result answer: FastMCP's tasks/result never waits).
        let requests = traced.trace.serverRequests("elicitation/create")
        #expect(requests.count == 1, "\(traced)", sourceLocation: sourceLocation)
        let request = try #require(requests.first, "no elicitation/create: \(traced)", sourceLocation: sourceLocation)
        let id = try #require(request["id"])
        #expect(id.intValue != nil && id.stringValue == nil, "\(traced)", sourceLocation: sourceLocation)
        #expect(
            request["params"]?["_meta"]?["io.modelcontextprotocol/related-task"] == nil, "\(traced)",
            sourceLocation: sourceLocation)
        let replies = traced.trace.responses(to: id)
        #expect(replies.count == 1, "\(traced)", sourceLocation: sourceLocation)
        let reply = replies.first?["result"]
        #expect(reply?["action"] == "accept", "\(traced)", sourceLocation: sourceLocation)
        let content = reply?["content"]
        #expect(
            content?["name"] == "Ada" && content?["age"]?.intValue == 36, "\(traced)", sourceLocation: sourceLocation)
        #expect(
            content?["subscribe"] == true && content?["color"] == "green", "\(traced)", sourceLocation: sourceLocation)
    }

    static func mustBeTaskJSON(
        _ server: FastMCPTarget, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let run = try await fastMCPRun(server.arguments(["call", "must_be_task", "x=hi", "--json"]))
        #expect(run.status == 0, "\(run)", sourceLocation: sourceLocation)
        let result = try JSONParser.parse(run.stdout)
        #expect(
            result["content"]?.arrayValue?.first?["text"] == "must_be_task: hi", "\(run)",
            sourceLocation: sourceLocation)
        #expect(result["isError"] != true, "\(run)", sourceLocation: sourceLocation)
        let related = result["_meta"]?["io.modelcontextprotocol/related-task"]?["taskId"]?.stringValue
        #expect(
            related?.isEmpty == false, "the result of a task carries its id: \(run)", sourceLocation: sourceLocation)
    }

    static func neverTaskAsTask(
        _ server: FastMCPTarget, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let traced = try await fastMCPTraced(server.arguments(["call", "never_task", "x=hi", "--task"]))
        #expect(traced.run.status == 64, "\(traced)", sourceLocation: sourceLocation)
        #expect(traced.run.stderr.contains("forbidden"), "\(traced)", sourceLocation: sourceLocation)
        #expect(traced.run.stdout.isEmpty, "\(traced)", sourceLocation: sourceLocation)
        #expect(
            traced.trace.exchanges("tools/call").isEmpty, "the tool was called: \(traced)",
            sourceLocation: sourceLocation)
    }
}
