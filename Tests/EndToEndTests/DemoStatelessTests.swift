import Foundation
import MCPCore
import Testing

/// mcptask against the demo server on MCP 2026-07-28 with the tasks extension (`--protocol-versions`), found
/// by auto detection (server/discover first) and asked for with `--protocol 2026-07-28`: the same commands
/// give the same output and exit status as on 2025-11-25, over the extension's messages (a flat task,
/// tasks/get with the outcome inline, tasks/update for questions, an acknowledged tasks/cancel).
@Suite("The demo server on MCP 2026-07-28 (tasks extension)")
struct DemoStatelessTests {
    /// The demo serving both generations; the first request of a connection decides.
    static var dualEra: ModernTarget {
        ModernTarget(transport: .stdio([Paths.demo, "--protocol-versions", "2026-07-28,2025-11-25"]))
    }

    /// The demo serving only 2026-07-28.
    static var statelessOnly: ModernTarget {
        ModernTarget(transport: .stdio([Paths.demo, "--protocol-versions", "2026-07-28"]))
    }

    @Test("tools: auto detection finds 2026-07-28 with server/discover, no initialize; tools show no task mode")
    func tools() async throws {
        let traced = try await modernTraced(Self.dualEra.arguments(["tools"]))
        #expect(traced.status == 0, "\(traced)")
        let header = traced.run.stdoutLines.first ?? ""
        #expect(header.contains("protocol 2026-07-28") && header.contains("tasks extension"), "\(traced.run)")
        #expect(traced.firstMethod == "server/discover", "\(traced)")
        #expect(traced.exchanges("initialize").isEmpty, "\(traced)")
        let listed = traced.results("tools/list").first?["tools"]?.arrayValue ?? []
        #expect(!listed.isEmpty && listed.allSatisfy { $0["execution"] == nil }, "\(traced)")
        #expect(traced.results("tools/list").first?["resultType"] == "complete", "\(traced)")
        let row = traced.run.stdoutLines.first { $0.hasPrefix("slow_count ") }
        #expect(row?.contains("by-server") == true, "\(traced.run)")
    }

    @Test("without --protocol-versions the demo stays on 2025-11-25, and --protocol 2025-11-25 keeps a dual one there")
    func handshakeByDefault() async throws {
        let plain = try await mcptask(["tools", "-s", "demo"])
        #expect(plain.stdoutLines.first?.contains("protocol 2025-11-25") == true, "\(plain)")
        let legacy = try await mcptask(Self.dualEra.arguments(["tools", "--protocol", "2025-11-25"]))
        #expect(legacy.status == 0, "\(legacy)")
        #expect(legacy.stdoutLines.first?.contains("protocol 2025-11-25") == true, "\(legacy)")
        #expect(legacy.stdout.contains("optional"), "\(legacy)")
    }

    @Test("call slow_count with --protocol 2026-07-28: a flat task polled with tasks/get to completed; counted to 3")
    func slowCount() async throws {
        let traced = try await modernTraced(
            Self.statelessOnly.arguments(["call", "--protocol", "2026-07-28", "slow_count", "n=3", "delay=0.1"]))
        #expect(traced.status == 0, "\(traced)")
        #expect(traced.stdout.contains("counted to 3"), "\(traced.run)")
        let created = traced.results("tools/call").first
        #expect(created?["resultType"] == "task" && created?["ttlMs"]?.intValue != nil, "\(traced)")
        #expect(created?["task"] == nil, "\(traced)")
        let last = traced.results("tasks/get").last
        #expect(last?["status"] == "completed" && last?["result"]?["content"] != nil, "\(traced)")
        #expect(traced.exchanges("tasks/result").isEmpty, "\(traced)")
        #expect(traced.notifications("notifications/tasks/status").isEmpty, "\(traced)")
    }

    @Test("ask_user as a task: the question in tasks/get's inputRequests, the answer sent once with tasks/update")
    func askAsTask() async throws {
        let traced = try await modernTraced(
            Self.dualEra.arguments(["call", "ask_user", "--answer", "name=Ada", "--answer", "age=36"]))
        #expect(traced.status == 0, "\(traced)")
        #expect(traced.stdout.contains("Hello Ada, age 36"), "\(traced.run)")
        let asking = traced.results("tasks/get").first { $0["status"] == "input_required" }
        let keys = asking?["inputRequests"]?.objectValue?.keys ?? []
        #expect(keys.count == 1, "\(traced)")
        let updates = traced.exchanges("tasks/update")
        #expect(updates.count == 1, "\(traced)")
        #expect(updates.first?.request["params"]?["inputResponses"]?.objectValue?.keys == keys, "\(traced)")
        #expect(updates.first?.response?["result"]?["resultType"] == "complete", "\(traced)")
        #expect(traced.exchanges("elicitation/create").isEmpty, "\(traced)")
    }

    @Test("ask_user --no-task: InputRequiredResult, retried with inputResponses and the requestState")
    func askPlain() async throws {
        let traced = try await modernTraced(
            Self.dualEra.arguments(["call", "ask_user", "--no-task", "--answer", "name=Ada", "--answer", "age=36"]))
        #expect(traced.status == 0, "\(traced)")
        #expect(traced.stdout.contains("Hello Ada, age 36"), "\(traced.run)")
        let calls = traced.exchanges("tools/call")
        #expect(calls.count == 2, "\(traced)")
        let asked = calls.first?.response?["result"]
        #expect(asked?["resultType"] == "input_required", "\(traced)")
        let retry = calls.last?.request["params"]
        #expect(retry?["requestState"] == asked?["requestState"], "\(traced)")
        #expect(retry?["inputResponses"]?["ask-1"]?["action"] == "accept", "\(traced)")
    }

    @Test("fails completes with isError, fails_rpc fails with its JSON-RPC error; must_be_task --no-task is -32021")
    func failures() async throws {
        let fails = try await modernTraced(Self.statelessOnly.arguments(["call", "fails"]))
        #expect(fails.status == 1, "\(fails)")
        #expect(fails.results("tasks/get").last?["status"] == "completed", "\(fails)")
        let rpc = try await modernTraced(Self.statelessOnly.arguments(["call", "fails_rpc"]))
        #expect(rpc.status == 1, "\(rpc)")
        let failed = rpc.results("tasks/get").last
        #expect(failed?["status"] == "failed" && failed?["error"]?["code"] == -32603, "\(rpc)")
        let refused = try await mcptask(Self.statelessOnly.arguments(["call", "must_be_task", "x=1", "--no-task"]))
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.stderr.contains("-32021"), "\(refused)")
    }

    @Test("cancellable_sleep --timeout: tasks/cancel acknowledged, then tasks/get says cancelled; exit 124")
    func timeoutCancels() async throws {
        let traced = try await modernTraced(
            Self.statelessOnly.arguments(["call", "cancellable_sleep", "seconds=30", "--timeout", "1s"]))
        #expect(traced.status == 124, "\(traced)")
        let ack = traced.results("tasks/cancel").first
        #expect(ack?["resultType"] == "complete" && ack?["status"] == nil, "\(traced)")
        #expect(traced.results("tasks/get").last?["status"] == "cancelled", "\(traced)")
    }

    @Test("check: every check of the extension wire passes; --deviate ext-update-refused fails input.ext-update")
    func check() async throws {
        let server = ["--", Paths.demo, "--protocol-versions", "2026-07-28"]
        let run = try await mcptask(["check", "--json"] + checkTools + server)
        #expect(run.status == 0, "\(run)")
        let outcomes = try checkOutcomes(run)
        #expect(flagged(outcomes).isEmpty, "\(run)")
        for check in ["creation.ext-task", "get.ext-outcome", "cancel.ext-ack", "input.ext-update", "get.live"] {
            #expect(outcomes[check] == "pass", "\(check): \(run)")
        }
        #expect(try JSONParser.parse(run.stdout)["wire"] == "2026-07-28 tasks extension", "\(run)")
        let deviating = try await mcptask(
            ["check", "--json"] + checkTools + server + ["--deviate", "ext-update-refused"])
        #expect(deviating.status == 1, "\(deviating)")
        #expect(flagged(try checkOutcomes(deviating)) == ["input.ext-update": "fail"], "\(deviating)")
    }

    @Test("in a background session: detach, then watch, result and cancel from later invocations")
    func session() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let environment = ["XDG_RUNTIME_DIR": dir.file("run"), "XDG_STATE_HOME": dir.file("state")]
        try FileManager.default.createDirectory(atPath: dir.file("run"), withIntermediateDirectories: true)
        let started = try await mcptask(
            ["session", "start", "s26", "--", Paths.demo, "--protocol-versions", "2026-07-28"],
            environment: environment)
        try #require(started.status == 0, "\(started)")
        let outcome: Result<Void, any Error>
        do {
            try await Self.detachWatchCancel(environment)
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        let stop = try await mcptask(["session", "stop", "s26"], environment: environment)
        #expect(stop.status == 0, "\(stop)")
        try outcome.get()
    }

    static func detachWatchCancel(_ environment: [String: String]) async throws {
        let call = try await mcptask(
            ["call", "-s", "@s26", "slow_count", "n=3", "delay=0.2", "--detach"], environment: environment)
        #expect(call.status == 0, "\(call)")
        let id = call.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let watch = try await mcptask(["watch", "last", "--events"], environment: environment)
        #expect(watch.status == 0 && watch.stdoutLines.last?.contains("\"result\"") == true, "\(watch)")
        let result = try await mcptask(["result", String(id.prefix(8))], environment: environment)
        #expect(result.status == 0 && result.stdout.contains("counted to 3"), "\(result)")
        _ = try await mcptask(
            ["call", "-s", "@s26", "cancellable_sleep", "seconds=30", "--detach"], environment: environment)
        let cancel = try await mcptask(["cancel", "last"], environment: environment)
        #expect(cancel.status == 0, "\(cancel)")
        let status = try await mcptask(["status", "last", "--json"], environment: environment)
        #expect(try JSONParser.parse(status.stdout)["status"] == "cancelled", "\(status)")
    }
}
