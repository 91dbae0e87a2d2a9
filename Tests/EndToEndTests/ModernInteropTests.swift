import Foundation
import MCPCore
import Testing

/// mcptask against a real FastMCP 4.1.2 server with fastmcp-tasks 4.1.2 (`Tests/Interop/servers/fastmcp4_server.py`,
/// the venv `.venv-fastmcp4/` from scripts/setup-interop.sh): MCP 2026-07-28 with the tasks extension
/// `io.modelcontextprotocol/tasks` (SEP-2663), as shared/docs/server-behaviours.md ("FastMCP 4 on the 2026-07-28
/// wire") describes it: server/discover instead of initialize, no task modes in tools/list (the server decides per
/// call), tasks/get carrying the result, the error or `inputRequests` inline, tasks/update for input, an
/// acknowledging tasks/cancel, no tasks/list or tasks/result, progress only as `statusMessage`, and
/// InputRequiredResult + retry for plain calls. The same commands must give the same output shapes and exit
/// status as against a 2025-11-25 server.
///
/// Every check runs over stdio (a server process per mcptask run) and over Streamable HTTP (one server per test).
/// The suites are serialized, nested ones too, so that no two FastMCP servers start at the same time.
@Suite(
    "Interop with FastMCP 4 on MCP 2026-07-28 (tasks extension)", .serialized,
    .enabled(if: Paths.hasFastMCP4, Paths.noFastMCP4))
struct ModernInteropTests {
    @Suite("over stdio")
    struct Stdio {
        @Test("tools: protocol 2026-07-28 and the tasks extension in the header; every tool 'by-server'")
        func tools() async throws {
            try await ModernChecks.tools(try .fastMCP4Stdio())
        }

        @Test("call slow_count: a task polled with tasks/get; counted to 3; --events: created, status, result")
        func slowCount() async throws {
            try await ModernChecks.slowCount(try .fastMCP4Stdio())
            try await ModernChecks.slowCountEvents(try .fastMCP4Stdio())
        }

        @Test("call must_be_task: a task; with --no-task -32021, explained; exit 1")
        func mustBeTask() async throws {
            try await ModernChecks.mustBeTask(try .fastMCP4Stdio())
        }

        @Test("call never_task: inline, no task")
        func neverTask() async throws {
            try await ModernChecks.neverTask(try .fastMCP4Stdio())
        }

        @Test("call fails (completed with isError) and fails_protocol (failed with a JSON-RPC error): exit 1")
        func failures() async throws {
            try await ModernChecks.fails(try .fastMCP4Stdio())
            try await ModernChecks.failsProtocol(try .fastMCP4Stdio())
        }

        @Test("ask_user_mrtr as a task: inputRequests from tasks/get answered once with tasks/update")
        func askAsTask() async throws {
            try await ModernChecks.askAsTask(try .fastMCP4Stdio())
        }

        @Test("ask_user_mrtr --no-task: InputRequiredResult retried with inputResponses and the same requestState")
        func askPlain() async throws {
            try await ModernChecks.askPlain(try .fastMCP4Stdio())
        }

        @Test("ask_user_mrtr confirm=true --answers FILE (two objects): two rounds, as a task and as a plain call")
        func askTwoRounds() async throws {
            try await ModernChecks.askTwoRounds(try .fastMCP4Stdio(), asTask: true)
            try await ModernChecks.askTwoRounds(try .fastMCP4Stdio(), asTask: false)
        }

        @Test("ask_user_mrtr with no answers and no TTY: declined, exit 3")
        func askDeclined() async throws {
            try await ModernChecks.askDeclined(try .fastMCP4Stdio())
        }

        @Test("ask_user (ctx.elicit) fails on 2026-07-28; the server also speaks 2025-11-25, and mcptask says so")
        func imperativeElicitHint() async throws {
            let server = try ModernTarget.fastMCP4Stdio()
            let run = try await mcptask(
                server.arguments(["call", "ask_user", "--answer", "name=Ada", "--answer", "age=36"]))
            #expect(run.status == 1, "\(run)")
            #expect(run.stderr.contains("try --protocol 2025-11-25"), "\(run)")
        }

        /// 5 s, not 2 s: over stdio the limit also covers the server's start-up (1–2 s, more on a busy machine).
        @Test("cancellable_sleep --timeout: tasks/cancel, then tasks/get says cancelled; exit 124")
        func timeoutCancels() async throws {
            try await ModernChecks.timeoutCancels(try .fastMCP4Stdio(), timeout: "5s")
        }

        @Test("--protocol 2025-11-25: the legacy view (initialize, no tasks); must_be_task gets -32021, explained")
        func legacyView() async throws {
            try await ModernChecks.legacyView(try .fastMCP4Stdio())
        }
    }

    @Suite("over Streamable HTTP")
    struct HTTP {
        @Test("tools over HTTP: protocol 2026-07-28 and the tasks extension; every tool 'by-server'")
        func tools() async throws {
            try await withFastMCP4Server { url in try await ModernChecks.tools(.http(url)) }
        }

        @Test("call slow_count over HTTP: counted to 3; --events: created, status, result")
        func slowCount() async throws {
            try await withFastMCP4Server { url in
                try await ModernChecks.slowCount(.http(url))
                try await ModernChecks.slowCountEvents(.http(url))
            }
        }

        @Test("call must_be_task and never_task over HTTP; --no-task on must_be_task: -32021, exit 1")
        func modes() async throws {
            try await withFastMCP4Server { url in
                try await ModernChecks.mustBeTask(.http(url))
                try await ModernChecks.neverTask(.http(url))
            }
        }

        @Test("call fails and fails_protocol over HTTP: exit 1")
        func failures() async throws {
            try await withFastMCP4Server { url in
                try await ModernChecks.fails(.http(url))
                try await ModernChecks.failsProtocol(.http(url))
            }
        }

        @Test("ask_user_mrtr over HTTP: as a task, as a plain call, two rounds, and declined without answers")
        func ask() async throws {
            try await withFastMCP4Server { url in
                try await ModernChecks.askAsTask(.http(url))
                try await ModernChecks.askPlain(.http(url))
                try await ModernChecks.askTwoRounds(.http(url), asTask: true)
                try await ModernChecks.askTwoRounds(.http(url), asTask: false)
                try await ModernChecks.askDeclined(.http(url))
            }
        }

        @Test("cancellable_sleep --timeout 2s over HTTP: tasks/cancel, then tasks/get says cancelled; exit 124")
        func timeoutCancels() async throws {
            try await withFastMCP4Server { url in try await ModernChecks.timeoutCancels(.http(url), timeout: "2s") }
        }

        @Test("--protocol 2025-11-25 over HTTP: the legacy view; must_be_task gets -32021, explained")
        func legacyView() async throws {
            try await withFastMCP4Server { url in try await ModernChecks.legacyView(.http(url)) }
        }

        /// The wire is stateless: a later invocation polls the task with tasks/get on a connection of its own,
        /// found through a private journal (`XDG_STATE_HOME`).
        @Test("detach slow_count, then watch, status, result and tasks in later invocations")
        func detachedTask() async throws {
            try await withFastMCP4Server { url in
                let task = try await ModernDetached.start(url, ["slow_count", "n=3", "delay=0.3"])
                defer { task.state.remove() }

                let watch = try await modernTraced(["watch", "last"], environment: task.environment)
                #expect(watch.status == 0, "\(watch)")
                #expect(watch.stdout.contains(task.id) && watch.stdout.contains("completed"), "\(watch)")
                #expect(watch.firstMethod == "server/discover", "\(watch)")
                #expect(!watch.exchanges("tasks/get").isEmpty, "watch did not poll tasks/get: \(watch)")
                #expect(watch.exchanges("tasks/result").isEmpty, "no tasks/result on this wire: \(watch)")

                let status = try await modernRun(["status", "last"], environment: task.environment)
                #expect(status.status == 0, "\(status)")
                #expect(status.stdout.contains(task.id) && status.stdout.contains("completed"), "\(status)")

                let result = try await modernTraced(["result", "last"], environment: task.environment)
                #expect(result.status == 0, "\(result)")
                #expect(result.stdout.contains("counted to 3"), "\(result)")
                #expect(result.exchanges("tasks/result").isEmpty, "no tasks/result on this wire: \(result)")

                let json = try await modernRun(["result", task.id, "--json"], environment: task.environment)
                #expect(json.status == 0, "\(json)")
                #expect(try JSONParser.parse(json.stdout)["structuredContent"]?["count"]?.intValue == 3, "\(json)")

                // No tasks/list on this wire: the journal's tasks for the server, marked so.
                let listing = try await modernTraced(["tasks", "-s", url], environment: task.environment)
                #expect(listing.status == 0, "\(listing)")
                #expect(listing.stdout.contains(task.id), "\(listing)")
                #expect(listing.stdout.contains("journal"), "the listing should say where it comes from: \(listing)")
                #expect(listing.exchanges("tasks/list").isEmpty, "tasks/list sent to the extension: \(listing)")
                let document = try await modernRun(["tasks", "-s", url, "--json"], environment: task.environment)
                #expect(document.status == 0, "\(document)")
                let journal = try JSONParser.parse(document.stdout)["journal"]?.arrayValue ?? []
                let journalIDs = journal.compactMap { $0["taskId"]?.stringValue }
                #expect(journalIDs.contains(task.id), "\(document)")
            }
        }

        @Test("detach cancellable_sleep, then cancel (prints cancelled) and result (exit 2) in later invocations")
        func detachedCancel() async throws {
            try await withFastMCP4Server { url in
                let task = try await ModernDetached.start(url, ["cancellable_sleep"])
                defer { task.state.remove() }

                let status = try await modernRun(["status", "last", "--json"], environment: task.environment)
                #expect(status.status == 0, "\(status)")
                #expect(try JSONParser.parse(status.stdout)["status"] == "working", "\(status)")

                let cancel = try await modernTraced(["cancel", "last"], environment: task.environment)
                #expect(cancel.status == 0, "\(cancel)")
                #expect(cancel.stdout.contains(task.id) && cancel.stdout.contains("cancelled"), "\(cancel)")
                #expect(!cancel.stderr.contains("had already ended"), "\(cancel)")
                // The ack says nothing: the final state comes from a tasks/get after it.
                let ack = cancel.exchanges("tasks/cancel").first?.response?["result"]
                #expect(ack?["status"] == nil, "premise: tasks/cancel is an empty acknowledgement: \(cancel)")
                #expect(
                    ModernChecks.statusesPolled(cancel, after: "tasks/cancel").contains("cancelled"),
                    "no tasks/get after tasks/cancel saying cancelled: \(cancel)")

                let result = try await modernRun(["result", "last"], environment: task.environment)
                #expect(result.status == 2, "\(result)")
                #expect(result.stderr.contains("was cancelled"), "\(result)")
                #expect(result.stdout.isEmpty, "\(result)")
            }
        }
    }
}

/// `--protocol 2026-07-28` against servers that speak only 2025-11-25 (the official SDK 1.30 server).
@Suite(
    "Modern protocol forced on a 2025-11-25 server", .serialized,
    .enabled(if: Paths.hasSDKServer, Paths.noSDKServer))
struct ModernForcedOnLegacyTests {
    @Test("--protocol 2026-07-28 against the SDK server over stdio: one error line, exit 4")
    func stdio() async throws {
        let server = try Paths.requireSDKServer()
        try await ModernChecks.forcedModernFails(ModernTarget(transport: .stdio(server)))
    }

    @Test("--protocol 2026-07-28 against the SDK server over HTTP: one error line, exit 4")
    func http() async throws {
        try await withSDKServer { url in try await ModernChecks.forcedModernFails(.http(url)) }
    }
}

/// A task started by `call --detach` with a private journal (`XDG_STATE_HOME`).
private struct ModernDetached {
    let state: TempDir
    let environment: [String: String]
    let id: String

    static func start(
        _ url: String, _ tool: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> ModernDetached {
        let state = try TempDir()
        let environment = ["XDG_STATE_HOME": state.file("state")]
        let started = try await modernRun(["call", "-s", url] + tool + ["--detach"], environment: environment)
        #expect(started.status == 0, "\(started)", sourceLocation: sourceLocation)
        let id = started.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(!id.isEmpty && !id.contains("\n"), "\(started)", sourceLocation: sourceLocation)
        return ModernDetached(state: state, environment: environment, id: id)
    }
}

/// The checks shared by the stdio and HTTP suites.
enum ModernChecks {
    static let tasksExtension = "io.modelcontextprotocol/tasks"
    static let toolNames = [
        "slow_count", "must_be_task", "never_task", "ask_user", "fails", "cancellable_sleep", "ask_user_mrtr",
        "fails_protocol",
    ]
    static let adaAnswers = ["name=Ada", "age=36", "subscribe=true", "color=green"].flatMap { ["--answer", $0] }

    /// Whether a sent request declares the tasks extension in its envelope.
    static func declaresTasks(_ request: JSONValue) -> Bool {
        request["params"]?["_meta"]?["io.modelcontextprotocol/clientCapabilities"]?["extensions"]?[tasksExtension]
            != nil
    }

    /// The statuses of the tasks/get answers to requests sent after the first request with `method`.
    static func statusesPolled(_ run: ModernRun, after method: String) -> [String] {
        let messages = run.trace.messages
        guard
            let start = messages.firstIndex(where: {
                $0.dir == "send" && $0.message["method"]?.stringValue == method
            })
        else { return [] }
        let ids = messages[(start + 1)...].filter { $0.dir == "send" && $0.message["method"] == "tasks/get" }
            .compactMap { $0.message["id"] }
        return run.exchanges("tasks/get").filter { exchange in ids.contains { $0 == exchange.request["id"] } }
            .compactMap { $0.response?["result"]?["status"]?.stringValue }
    }

    static func tools(_ server: ModernTarget, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let traced = try await modernTraced(server.arguments(["tools"]))
        #expect(traced.status == 0, "\(traced)", sourceLocation: sourceLocation)
        let header = traced.run.stdoutLines.first ?? ""
        #expect(header.contains("lab-fastmcp4-server"), "\(traced.run)", sourceLocation: sourceLocation)
        #expect(header.contains("protocol 2026-07-28"), "\(traced.run)", sourceLocation: sourceLocation)
        #expect(header.contains("tasks extension"), "\(traced.run)", sourceLocation: sourceLocation)
        for tool in toolNames {
            let row = traced.run.stdoutLines.first { $0.split(separator: " ").first.map(String.init) == tool }
            #expect(row != nil, "\(tool) not listed: \(traced.run)", sourceLocation: sourceLocation)
            #expect(
                row?.split(separator: " ").dropFirst().first.map(String.init) == "by-server", "\(tool): \(traced.run)",
                sourceLocation: sourceLocation)
        }
        // Premises: the era was found with server/discover (no initialize), and tools/list shows no task modes.
        #expect(traced.firstMethod == "server/discover", "\(traced)", sourceLocation: sourceLocation)
        #expect(traced.exchanges("initialize").isEmpty, "\(traced)", sourceLocation: sourceLocation)
        let discovered = traced.results("server/discover").first
        #expect(
            discovered?["capabilities"]?["extensions"]?[tasksExtension] != nil, "\(traced)",
            sourceLocation: sourceLocation)
        let listed = traced.results("tools/list").first?["tools"]?.arrayValue ?? []
        #expect(listed.count == toolNames.count, "\(traced)", sourceLocation: sourceLocation)
        #expect(listed.allSatisfy { $0["execution"] == nil }, "\(traced)", sourceLocation: sourceLocation)
        for request in traced.sent where request["id"] != nil {
            let version = request["params"]?["_meta"]?["io.modelcontextprotocol/protocolVersion"]
            #expect(version == "2026-07-28", "no 2026 envelope: \(request)", sourceLocation: sourceLocation)
        }
    }

    static func slowCount(_ server: ModernTarget, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let traced = try await modernTraced(server.arguments(["call", "slow_count", "n=3", "delay=0.2"]))
        #expect(traced.status == 0, "\(traced)", sourceLocation: sourceLocation)
        #expect(traced.stdout.contains("counted to 3"), "\(traced.run)", sourceLocation: sourceLocation)
        // Premises: the call declared the extension and became a task, which was polled to its end.
        let call = traced.exchanges("tools/call").first
        #expect(call.map { declaresTasks($0.request) } == true, "\(traced)", sourceLocation: sourceLocation)
        #expect(call?.response?["result"]?["resultType"] == "task", "\(traced)", sourceLocation: sourceLocation)
        let polled = traced.results("tasks/get")
        #expect(polled.last?["status"] == "completed", "\(traced)", sourceLocation: sourceLocation)
        #expect(traced.exchanges("tasks/result").isEmpty, "\(traced)", sourceLocation: sourceLocation)
        #expect(
            traced.notifications("notifications/progress").isEmpty, "\(traced)", sourceLocation: sourceLocation)
    }

    static func slowCountEvents(
        _ server: ModernTarget, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let traced = try await modernTraced(server.arguments(["call", "slow_count", "n=3", "delay=0.2", "--events"]))
        #expect(traced.status == 0, "\(traced)", sourceLocation: sourceLocation)
        let events = try modernEvents(traced.run, sourceLocation: sourceLocation)
        let kinds = events.compactMap { $0["event"]?.stringValue }
        #expect(kinds.first == "created", "\(kinds)\n\(traced)", sourceLocation: sourceLocation)
        #expect(kinds.contains("status"), "\(kinds)\n\(traced)", sourceLocation: sourceLocation)
        #expect(kinds.last == "result", "\(kinds)\n\(traced)", sourceLocation: sourceLocation)
        let id = events.first?["taskId"]?.stringValue
        #expect(id?.isEmpty == false, "\(traced.run)", sourceLocation: sourceLocation)
        #expect(events.allSatisfy { $0["taskId"]?.stringValue == id }, "\(traced.run)", sourceLocation: sourceLocation)
        // Progress comes only as the statusMessage of tasks/get: "step i/3".
        let messages = events.filter { $0["event"] == "status" }.compactMap {
            $0["task"]?["statusMessage"]?.stringValue
        }
        #expect(
            messages.contains { $0.hasPrefix("step ") && $0.hasSuffix("/3") },
            "no 'step i/3' status event: \(messages)\n\(traced)", sourceLocation: sourceLocation)
        let text = events.last?["result"]?["content"]?.arrayValue?.first?["text"]
        #expect(text == "counted to 3", "\(traced.run)", sourceLocation: sourceLocation)
    }

    static func mustBeTask(_ server: ModernTarget, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let task = try await modernTraced(server.arguments(["call", "must_be_task", "x=hi"]))
        #expect(task.status == 0, "\(task)", sourceLocation: sourceLocation)
        #expect(task.stdout.contains("must_be_task: hi"), "\(task.run)", sourceLocation: sourceLocation)
        let call = task.exchanges("tools/call").first
        #expect(call?.response?["result"]?["resultType"] == "task", "\(task)", sourceLocation: sourceLocation)

        let plain = try await modernTraced(server.arguments(["call", "must_be_task", "x=hi", "--no-task"]))
        #expect(plain.status == 1, "\(plain)", sourceLocation: sourceLocation)
        #expect(
            plain.stderr.contains("-32021"), "the error code is not shown: \(plain.run)", sourceLocation: sourceLocation
        )
        #expect(
            plain.stderr.contains("tasks extension"), "no explanation: \(plain.run)", sourceLocation: sourceLocation)
        #expect(plain.stdout.isEmpty, "\(plain.run)", sourceLocation: sourceLocation)
        // Premise: the call went out without the extension and the server refused it with -32021.
        let refused = plain.exchanges("tools/call").first
        #expect(refused.map { declaresTasks($0.request) } == false, "\(plain)", sourceLocation: sourceLocation)
        #expect(
            refused?.response?["error"]?["code"]?.intValue == -32021, "\(plain)", sourceLocation: sourceLocation)
    }

    static func neverTask(_ server: ModernTarget, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let traced = try await modernTraced(server.arguments(["call", "never_task", "x=hi"]))
        #expect(traced.status == 0, "\(traced)", sourceLocation: sourceLocation)
        #expect(traced.stdout.contains("never_task: hi"), "\(traced.run)", sourceLocation: sourceLocation)
        let result = traced.exchanges("tools/call").first?.response?["result"]
        #expect(result?["resultType"] == "complete", "answered inline: \(traced)", sourceLocation: sourceLocation)
        #expect(traced.exchanges("tasks/get").isEmpty, "\(traced)", sourceLocation: sourceLocation)
    }

    static func fails(_ server: ModernTarget, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let traced = try await modernTraced(server.arguments(["call", "fails"]))
        #expect(traced.status == 1, "\(traced)", sourceLocation: sourceLocation)
        // A completed task with an isError result: the result is printed (stdout), as for FastMCP 3's
        // isError result on the 2025-11-25 wire.
        #expect(
            traced.stdout.contains("deliberate failure inside tool"), "the result is not shown: \(traced.run)",
            sourceLocation: sourceLocation)
        // Premise: the task ended completed, with an isError result inline in tasks/get.
        let final = traced.results("tasks/get").last
        #expect(final?["status"] == "completed", "\(traced)", sourceLocation: sourceLocation)
        #expect(final?["result"]?["isError"] == true, "\(traced)", sourceLocation: sourceLocation)
    }

    static func failsProtocol(
        _ server: ModernTarget, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let traced = try await modernTraced(server.arguments(["call", "fails_protocol"]))
        #expect(traced.status == 1, "\(traced)", sourceLocation: sourceLocation)
        #expect(
            traced.stderr.contains("deliberate protocol fault"), "the reason is not on stderr: \(traced.run)",
            sourceLocation: sourceLocation)
        // Premise: the task ended failed, with the JSON-RPC error inline in tasks/get.
        let final = traced.results("tasks/get").last
        #expect(final?["status"] == "failed", "\(traced)", sourceLocation: sourceLocation)
        #expect(final?["error"]?["code"]?.intValue == -32000, "\(traced)", sourceLocation: sourceLocation)
    }

    static func askAsTask(_ server: ModernTarget, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let traced = try await modernTraced(server.arguments(["call", "ask_user_mrtr"] + adaAnswers))
        #expect(traced.status == 0, "\(traced)", sourceLocation: sourceLocation)
        #expect(traced.stdout.contains("hello Ada, 36"), "\(traced.run)", sourceLocation: sourceLocation)
        let call = traced.exchanges("tools/call")
        #expect(call.count == 1, "\(traced)", sourceLocation: sourceLocation)
        #expect(call.first?.response?["result"]?["resultType"] == "task", "\(traced)", sourceLocation: sourceLocation)
        // The input request came in tasks/get under a server-minted key; it was answered once with tasks/update.
        let asked = traced.results("tasks/get").compactMap { $0["inputRequests"]?.objectValue }.flatMap(\.keys)
        let keys = Set(asked)
        #expect(keys.count == 1, "\(traced)", sourceLocation: sourceLocation)
        let updates = traced.exchanges("tasks/update").map(\.request)
        let answered = updates.compactMap { $0["params"]?["inputResponses"]?.objectValue }
        #expect(answered.count == 1, "each input request is answered once: \(traced)", sourceLocation: sourceLocation)
        let response = answered.first
        #expect(response.map { Set($0.keys) } == keys, "\(traced)", sourceLocation: sourceLocation)
        let content = response?.values.first?["content"]
        #expect(response?.values.first?["action"] == "accept", "\(traced)", sourceLocation: sourceLocation)
        #expect(
            content?["name"] == "Ada" && content?["age"]?.intValue == 36, "\(traced)", sourceLocation: sourceLocation)
        #expect(
            content?["subscribe"] == true && content?["color"] == "green", "\(traced)", sourceLocation: sourceLocation)
        #expect(traced.results("tasks/get").last?["status"] == "completed", "\(traced)", sourceLocation: sourceLocation)
    }

    static func askPlain(_ server: ModernTarget, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let traced = try await modernTraced(server.arguments(["call", "ask_user_mrtr", "--no-task"] + adaAnswers))
        #expect(traced.status == 0, "\(traced)", sourceLocation: sourceLocation)
        #expect(traced.stdout.contains("hello Ada, 36"), "\(traced.run)", sourceLocation: sourceLocation)
        #expect(traced.exchanges("tasks/get").isEmpty, "\(traced)", sourceLocation: sourceLocation)
        let calls = traced.exchanges("tools/call")
        #expect(calls.count == 2, "one retry: \(traced)", sourceLocation: sourceLocation)
        guard calls.count == 2 else { return }
        #expect(calls.allSatisfy { !declaresTasks($0.request) }, "\(traced)", sourceLocation: sourceLocation)
        let first = calls[0].response?["result"]
        #expect(first?["resultType"] == "input_required", "\(traced)", sourceLocation: sourceLocation)
        let retry = calls[1].request["params"]
        #expect(retry?["name"] == "ask_user_mrtr", "\(traced)", sourceLocation: sourceLocation)
        #expect(
            retry?["requestState"] != nil && retry?["requestState"] == first?["requestState"],
            "requestState not returned verbatim: \(traced)", sourceLocation: sourceLocation)
        let user = retry?["inputResponses"]?["user"]
        #expect(user?["action"] == "accept", "\(traced)", sourceLocation: sourceLocation)
        #expect(
            user?["content"]?["name"] == "Ada" && user?["content"]?["age"]?.intValue == 36, "\(traced)",
            sourceLocation: sourceLocation)
        #expect(
            calls[1].response?["result"]?["resultType"] == "complete", "\(traced)", sourceLocation: sourceLocation)
    }

    static func askTwoRounds(
        _ server: ModernTarget, asTask: Bool, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let file = dir.file("answers.json")
        try #"[{"name": "Ada", "age": 36, "subscribe": true, "color": "green"}, {"ok": true}]"#
            .write(toFile: file, atomically: true, encoding: .utf8)
        let mode = asTask ? [] : ["--no-task"]
        let traced = try await modernTraced(
            server.arguments(["call", "ask_user_mrtr", "confirm=true", "--answers", file] + mode))
        #expect(traced.status == 0, "\(traced)", sourceLocation: sourceLocation)
        #expect(traced.stdout.contains("hello Ada, 36, confirmed"), "\(traced.run)", sourceLocation: sourceLocation)
        if asTask {
            // Two rounds, a new key each; each answered once.
            let updates = traced.exchanges("tasks/update").compactMap {
                $0.request["params"]?["inputResponses"]?.objectValue
            }
            #expect(updates.count == 2, "\(traced)", sourceLocation: sourceLocation)
            #expect(Set(updates.flatMap(\.keys)).count == 2, "\(traced)", sourceLocation: sourceLocation)
            #expect(
                updates.last?.values.first?["content"]?["ok"] == true, "\(traced)", sourceLocation: sourceLocation)
        } else {
            let calls = traced.exchanges("tools/call")
            #expect(calls.count == 3, "two retries: \(traced)", sourceLocation: sourceLocation)
            guard calls.count == 3 else { return }
            let second = calls[1].response?["result"]
            #expect(second?["inputRequests"]?["confirm"] != nil, "\(traced)", sourceLocation: sourceLocation)
            let retry = calls[2].request["params"]
            #expect(
                retry?["requestState"] != nil && retry?["requestState"] == second?["requestState"],
                "requestState not returned verbatim: \(traced)", sourceLocation: sourceLocation)
            #expect(
                retry?["inputResponses"]?["confirm"]?["content"]?["ok"] == true, "\(traced)",
                sourceLocation: sourceLocation)
        }
    }

    static func askDeclined(_ server: ModernTarget, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let traced = try await modernTraced(server.arguments(["call", "ask_user_mrtr"]))
        #expect(traced.status == 3, "\(traced)", sourceLocation: sourceLocation)
        #expect(traced.stderr.contains("declin"), "not said on stderr: \(traced.run)", sourceLocation: sourceLocation)
        let answers = traced.exchanges("tasks/update").compactMap {
            $0.request["params"]?["inputResponses"]?.objectValue?.values.first
        }
        #expect(answers.count == 1, "\(traced)", sourceLocation: sourceLocation)
        #expect(answers.first?["action"] == "decline", "\(traced)", sourceLocation: sourceLocation)
    }

    static func timeoutCancels(
        _ server: ModernTarget, timeout: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let traced = try await modernTraced(
            server.arguments(["call", "cancellable_sleep", "seconds=30", "--timeout", timeout]))
        #expect(traced.status == 124, "\(traced)", sourceLocation: sourceLocation)
        #expect(!traced.exchanges("tasks/cancel").isEmpty, "no tasks/cancel: \(traced)", sourceLocation: sourceLocation)
        #expect(
            statusesPolled(traced, after: "tasks/cancel").last == "cancelled",
            "no tasks/get after tasks/cancel saying cancelled: \(traced)", sourceLocation: sourceLocation)
    }

    static func legacyView(_ server: ModernTarget, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let tools = try await modernTraced(server.arguments(["tools", "--protocol", "2025-11-25"]))
        #expect(tools.status == 0, "\(tools)", sourceLocation: sourceLocation)
        let header = tools.run.stdoutLines.first ?? ""
        #expect(header.contains("protocol 2025-11-25"), "\(tools.run)", sourceLocation: sourceLocation)
        #expect(!header.contains("tasks extension"), "\(tools.run)", sourceLocation: sourceLocation)
        #expect(tools.firstMethod == "initialize", "\(tools)", sourceLocation: sourceLocation)
        #expect(tools.exchanges("server/discover").isEmpty, "\(tools)", sourceLocation: sourceLocation)
        let capabilities = tools.results("initialize").first?["capabilities"]
        #expect(capabilities != nil && capabilities?["tasks"] == nil, "\(tools)", sourceLocation: sourceLocation)

        let call = try await modernTraced(
            server.arguments(["call", "must_be_task", "x=hi", "--protocol", "2025-11-25"]))
        #expect(call.status == 1, "\(call)", sourceLocation: sourceLocation)
        #expect(
            call.stderr.contains("-32021"), "the error code is not shown: \(call.run)", sourceLocation: sourceLocation)
        #expect(call.stderr.contains("tasks extension"), "no explanation: \(call.run)", sourceLocation: sourceLocation)
        #expect(call.stdout.isEmpty, "\(call.run)", sourceLocation: sourceLocation)
    }

    static func forcedModernFails(
        _ server: ModernTarget, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        for command in [["tools"], ["call", "must_be_task", "x=hi"]] {
            let run = try await modernRun(server.arguments(command + ["--protocol", "2026-07-28"]))
            #expect(run.status == 4, "\(command): \(run)", sourceLocation: sourceLocation)
            let lines = run.stderr.split(separator: "\n").filter { !$0.allSatisfy(\.isWhitespace) }
            #expect(lines.count == 1, "expected one line on stderr: \(run)", sourceLocation: sourceLocation)
            #expect(lines.first?.contains("2026-07-28") == true, "\(command): \(run)", sourceLocation: sourceLocation)
            #expect(run.stdout.isEmpty, "\(command): \(run)", sourceLocation: sourceLocation)
        }
    }
}
