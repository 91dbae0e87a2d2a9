import Foundation
import MCPCore
import Testing

/// `mcptask check` against the real third-party servers of the interop suite, over stdio and Streamable HTTP:
/// the report must show the deviations shared/docs/server-behaviours.md records for each server, and no
/// warning or failure the document does not explain.
@Suite("check against the interop servers", .serialized)
struct CheckInteropTests {
    /// Official SDK (mcp 1.30.0): mode mismatches come back as `isError` results ("Mode mismatch is not a
    /// JSON-RPC error"), `task: {}` gives a task without `ttl`, a failed task's tasks/result is only `_meta`
    /// ("For failed and cancelled tasks it returns only {_meta}"), and a method the server does not know is
    /// -32602 "Invalid request parameters" (its answer to server/discover: "the ClientRequest union does not
    /// know the method"), and a task's progress carries no related-task `_meta` ("no related-task `_meta`").
    /// A task's elicitation/create comes only inside the tasks/result response ("queued and delivered only after
    /// the client calls tasks/result"). Not in the document, seen here and in the SDK's source: tasks/list
    /// takes any cursor, an invalid one included, and answers the session's tasks (its default handler
    /// "the request's cursor is not forwarded to the store", mcp/server/lowlevel/experimental.py), where the
    /// spec's error handling says -32602.
    static let sdkDeviations = [
        "modes.required-plain": "fail", "modes.forbidden-task": "warn", "creation.ttl": "fail",
        "result.payload": "fail", "robustness.unknown-method": "fail", "notifications.progress": "warn",
        "input.channel": "warn", "list.pagination": "fail",
    ]

    /// FastMCP 3.4.10: mode mismatches as `isError` results, ttl 900000 at creation but 60000 in tasks/get,
    /// tasks/result answers -32602 while the task works, tasks/list is always empty, cancelling a completed
    /// task "succeeds" while tasks/get still says completed, an unknown method is -32602 (as the SDK's,
    /// whose server code it runs on), and a task's elicitation/create has no related-task `_meta`. Its
    /// tasks/list is a stub answering `{"tasks": []}` to any params (fastmcp/server/tasks/requests.py), so an
    /// invalid cursor is not refused either (list.pagination).
    static let fastMCP3Deviations = [
        "modes.required-plain": "fail", "modes.forbidden-task": "warn", "get.live": "warn", "result.blocks": "fail",
        "list.includes-own": "fail", "cancel.terminal": "fail", "robustness.unknown-method": "fail",
        "input.related-task": "fail", "list.pagination": "fail",
    ]

    /// Runs `check --json` and compares what warned or failed with `expected`; session.binding must end
    /// `binding` (it runs only over HTTP).
    static func expect(
        _ arguments: [String], _ expected: [String: String], binding: String = "skip",
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let run = try await mcptask(arguments, timeout: .seconds(120))
        #expect(run.status == (expected.values.contains("fail") ? 1 : 0), "\(run)", sourceLocation: sourceLocation)
        let outcomes = try checkOutcomes(run, sourceLocation: sourceLocation)
        #expect(flagged(outcomes) == expected, "\(run)", sourceLocation: sourceLocation)
        #expect(outcomes["session.binding"] == binding, "\(run)", sourceLocation: sourceLocation)
    }

    @Test("the official SDK server over stdio", .enabled(if: Paths.hasSDKServer, Paths.noSDKServer))
    func sdkStdio() async throws {
        try await Self.expect(["check", "--json"] + checkTools + ["--"] + Paths.requireSDKServer(), Self.sdkDeviations)
    }

    /// Over HTTP the SDK binds a task to the session that made it: from a second session tasks/get answers
    /// -32602 "Task not found" and tasks/list leaves it out (the task id starts with the session's scope).
    @Test("the official SDK server over HTTP", .enabled(if: Paths.hasSDKServer, Paths.noSDKServer))
    func sdkHTTP() async throws {
        try await withSDKServer { url in
            try await Self.expect(["check", "-s", url, "--json"] + checkTools, Self.sdkDeviations, binding: "pass")
        }
    }

    @Test("FastMCP 3 over stdio", .enabled(if: Paths.hasFastMCP3, Paths.noFastMCP3))
    func fastMCP3Stdio() async throws {
        try await Self.expect(
            ["check", "--json"] + checkTools + ["--"] + Paths.requireFastMCP3Server(), Self.fastMCP3Deviations)
    }

    /// Over HTTP FastMCP 3 shares tasks across sessions: a second session gets the task with tasks/get (its
    /// id a UUID, long enough not to be guessed); its tasks/list is empty in every session.
    @Test("FastMCP 3 over HTTP", .enabled(if: Paths.hasFastMCP3, Paths.noFastMCP3))
    func fastMCP3HTTP() async throws {
        try await withFastMCPServer { url in
            try await Self.expect(
                ["check", "-s", url, "--json"] + checkTools, Self.fastMCP3Deviations, binding: "pass")
        }
    }

    /// FastMCP 4's tool that asks on 2026-07-28 (by returning an InputRequiredResult; as a task its question is
    /// in tasks/get's inputRequests, "input_required / tasks/update").
    static let fastMCP4Tools = checkTools + ["--tool", "ask_user_mrtr"]

    /// FastMCP 4 over HTTP refuses missing or disagreeing `Mcp-Method` and `Mcp-Name` with 400 -32020, but
    /// "for tasks/*, a **wrong** `Mcp-Name` → -32020 …, but a **missing** `Mcp-Name` is accepted (200)".
    static let fastMCP4HTTPDeviations = ["robustness.http-task-name": "warn"]

    /// FastMCP 4 speaks only the 2026-07-28 tasks extension: the checks of that wire pass (the extension is
    /// declared, the flat task, tasks/get with the outcome inline, the acknowledged cancel, an input round
    /// declined with tasks/update, unknown ids -32602, unknown methods -32601, and over HTTP the header
    /// validation) and the core-wire ones skip, as do the HTTP header checks over stdio.
    @Test("FastMCP 4 over stdio and HTTP", .enabled(if: Paths.hasFastMCP4, Paths.noFastMCP4))
    func fastMCP4() async throws {
        let stdio = try await mcptask(
            ["check", "--json"] + Self.fastMCP4Tools + ["--"] + Paths.requireFastMCP4Server(), timeout: .seconds(120))
        let outcomes = try checkOutcomes(stdio)
        #expect(stdio.status == 0, "\(stdio)")
        #expect(flagged(outcomes).isEmpty, "\(stdio)")
        let passing = [
            "creation.ext-task", "get.ext-outcome", "cancel.ext-ack", "input.ext-update", "get.live",
            "status.transitions",
        ]
        for check in passing { #expect(outcomes[check] == "pass", "\(check): \(stdio)") }
        #expect(outcomes["robustness.http-headers"] == "skip", "\(stdio)")
        try await withFastMCP4Server { url in
            try await Self.expect(["check", "-s", url, "--json"] + Self.fastMCP4Tools, Self.fastMCP4HTTPDeviations)
            let http = try await mcptask(["check", "-s", url, "--json", "--only", "robustness"], timeout: .seconds(60))
            #expect(try checkOutcomes(http)["robustness.http-headers"] == "pass", "\(http)")
        }
    }
}
