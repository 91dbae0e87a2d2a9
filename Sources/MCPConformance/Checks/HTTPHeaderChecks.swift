import MCPCore

/// Checks of the headers 2026-07-28 Streamable HTTP mirrors from the body (`Mcp-Method`, `Mcp-Name`): a
/// server that processes the body MUST refuse a request whose headers are missing or disagree with it, with
/// HTTP 400 and -32020 (HeaderMismatch), because intermediaries route on the headers; the tasks extension
/// makes the task id the `Mcp-Name` of tasks/get, tasks/update and tasks/cancel. HTTP only. The requests
/// name no real tool or task, so a server that does not check does no work.
package enum HTTPHeaderChecks {
    static let noSuchTool = "mcptask-check-no-such-tool"

    package static let all: [ConformanceCheck] = [
        ConformanceCheck(
            "robustness.http-headers", .robustness,
            clause: "2026-07-28 Streamable HTTP §Server Validation (MUST 400, -32020); ext-tasks §Routing Headers",
            title:
                "a request whose Mcp-Method or Mcp-Name is missing or disagrees with the body is refused: 400, -32020",
            wires: [.extension], probe: headersValidated),
        ConformanceCheck(
            "robustness.http-task-name", .robustness,
            clause:
                "2026-07-28 ext-tasks §Routing Headers (Mcp-Name = taskId MUST); Streamable HTTP §Server Validation",
            title: "tasks/get without the Mcp-Name the extension requires is refused with -32020",
            wires: [.extension], probe: taskNameRequired),
    ]

    /// The probes of `robustness.http-headers`: a message, the header changes, and what is wrong with them.
    static var mismatches: [(method: String, params: JSONValue, changes: [HeaderChange], why: String)] {
        let call: JSONValue = ["name": .string(noSuchTool), "arguments": [:]]
        let get: JSONValue = ["taskId": .string(ProtocolChecks.unknownTaskID)]
        return [
            ("tools/list", [:], [HeaderChange("Mcp-Method", "tools/call")], "Mcp-Method tools/call on tools/list"),
            ("tools/list", [:], [HeaderChange("Mcp-Method", nil)], "no Mcp-Method"),
            ("tools/call", call, [HeaderChange("Mcp-Name", "mcptask-check-other-tool")], "Mcp-Name of another tool"),
            ("tools/call", call, [HeaderChange("Mcp-Name", nil)], "tools/call without Mcp-Name"),
            ("tasks/get", get, [HeaderChange("Mcp-Name", "mcptask-check-other-task")], "Mcp-Name of another task"),
        ]
    }

    static func headersValidated(_ context: ProbeContext) async -> CheckFinding {
        guard let http = context.session.headerProbing else { return .skip(httpOnly) }
        var evidence: [String] = []
        var accepted: [String] = []
        for probe in mismatches {
            let (answer, lines) = await send(probe.method, probe.params, probe.changes, over: http)
            evidence += lines
            if !refusesMismatch(answer) { accepted.append("\(probe.why) (\(describe(answer)))") }
        }
        guard accepted.isEmpty else {
            return .fail("not refused with 400 and -32020: " + accepted.joined(separator: "; "), evidence)
        }
        return .pass("\(mismatches.count) requests with missing or disagreeing headers refused: 400, -32020", evidence)
    }

    static func taskNameRequired(_ context: ProbeContext) async -> CheckFinding {
        guard let http = context.session.headerProbing else { return .skip(httpOnly) }
        let params: JSONValue = ["taskId": .string(ProtocolChecks.unknownTaskID)]
        let (answer, evidence) = await send("tasks/get", params, [HeaderChange("Mcp-Name", nil)], over: http)
        if refusesMismatch(answer) { return .pass("refused: 400, -32020", evidence) }
        // The MUST is the client's; the core's list of Mcp-Name methods leaves tasks/* out, so only a warning.
        return .warn(
            "tasks/get without Mcp-Name was processed (\(describe(answer))): a deployment routing tasks by "
                + "Mcp-Name cannot route it", evidence)
    }

    static let httpOnly = "HTTP only: over stdio (or a background session's socket) a request has no headers"

    private static func refusesMismatch(_ answer: ProbeAnswer?) -> Bool {
        answer?.status == 400 && answer?.message?["error"]?["code"]?.intValue == ErrorCode.headerMismatch.rawValue
    }

    private static func describe(_ answer: ProbeAnswer?) -> String {
        guard let answer else { return "no answer" }
        if let code = answer.message?["error"]?["code"]?.intValue { return "HTTP \(answer.status), error \(code)" }
        return "HTTP \(answer.status)"
    }

    /// One request with changed headers, and the evidence lines: what was sent, and what came back.
    private static func send(
        _ method: String, _ params: JSONValue, _ changes: [HeaderChange], over http: any HeaderProbing
    ) async -> (ProbeAnswer?, [String]) {
        let envelope = RequestEnvelope.mcptask(clientInfo: Implementation(name: "mcptask-check", version: "1"))
        let message: JSONValue = [
            "jsonrpc": "2.0", "id": "mcptask-check-headers", "method": .string(method),
            "params": envelope.stamp(params),
        ]
        let shown = changes.map { "\($0.name): \($0.value ?? "(none)")" }.joined(separator: ", ")
        var lines = ["→ POST \(method) \(Evidence.compact(params)) with \(shown)"]
        do {
            let answer = try await http.probe(message, changing: changes)
            lines.append("← HTTP \(answer.status) \(answer.message.map(Evidence.compact) ?? "(no JSON-RPC message)")")
            return (answer, lines)
        } catch {
            lines.append("← no answer: \(error)")
            return (nil, lines)
        }
    }
}
