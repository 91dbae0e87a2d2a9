import MCPCore

/// Checks that need no tool to run: capabilities, refused task modes, unknown ids, robustness. A refused
/// call does no work, so the `modes` checks call a `required` tool without naming it; a `forbidden` tool
/// may run when the server ignores `task`, so it is called only when allowed.
enum ProtocolChecks {
    static let unknownTaskID = "mcptask-check-no-such-task"

    static let all: [ConformanceCheck] = [
        ConformanceCheck(
            "capabilities.tasks", .capabilities,
            clause:
                "2025-11-25 tasks §Capabilities, §Task support and handling (MUST ignore task); 2026-07-28 ext-tasks",
            title: "the server declares its task support, and without it ignores `task`", wires: [.core, .extension],
            probe: declaresTasks),
        ConformanceCheck(
            "capabilities.tool-modes", .capabilities, clause: "2025-11-25 tasks §Tool-level negotiation",
            title: "tools declare task modes only when the server accepts task-augmented tools/call",
            probe: modesMatchCapabilities),
        ConformanceCheck(
            "modes.required-plain", .modes, clause: "2025-11-25 tasks §Tool-level negotiation (MUST -32601)",
            title: "a `required` tool called without a task is refused with a JSON-RPC error", probe: requiredPlain),
        ConformanceCheck(
            "modes.forbidden-task", .modes, clause: "2025-11-25 tasks §Tool-level negotiation (SHOULD -32601)",
            title: "a `forbidden` tool called with a task is refused with -32601", probe: forbiddenAsTask),
        ConformanceCheck(
            "get.unknown-id", .get, clause: "2025-11-25 tasks §Error handling; 2026-07-28 ext-tasks (MUST -32602)",
            title: "tasks/get on an unknown id answers -32602", wires: [.core, .extension], probe: getUnknown),
        ConformanceCheck(
            "cancel.unknown-id", .cancel, clause: "2025-11-25 tasks §Error handling; 2026-07-28 ext-tasks",
            title: "tasks/cancel on an unknown id answers -32602", wires: [.core, .extension], probe: cancelUnknown),
    ]

    static func declaresTasks(_ context: ProbeContext) async -> CheckFinding {
        let evidence = ["capabilities \(Evidence.compact(context.capabilities))"]
        if context.wire == .extension {
            guard context.capabilities["extensions"]?["io.modelcontextprotocol/tasks"] != nil else {
                return .warn("server/discover does not list the io.modelcontextprotocol/tasks extension", evidence)
            }
            return .pass("the tasks extension is declared", evidence)
        }
        guard context.declaresTaskCalls else { return await ignoresTask(context, evidence) }
        let extras = (context.declaresList ? ", tasks.list" : "") + (context.declaresCancel ? ", tasks.cancel" : "")
        return .pass("tasks.requests.tools.call" + extras, evidence)
    }

    /// A server without tasks.requests.tools.call MUST process a task-augmented tools/call normally: one
    /// call with `task` shows whether it does (a task it made anyway is cancelled at once).
    static func ignoresTask(_ context: ProbeContext, _ evidence: [String]) async -> CheckFinding {
        let undeclared = "no tasks.requests.tools.call: the server offers no tasks, so the task checks skip"
        guard
            let choice = context.plan.named.first(where: { named in context.tools.contains { $0.name == named.name } })
        else { return .skip(undeclared + " (name a tool with --tool to see that it ignores `task`)") }
        let params: JSONValue = ["name": .string(choice.name), "arguments": .object(choice.arguments), "task": [:]]
        let call = await context.request("tools/call", params, timeout: context.taskLimit)
        guard let taskID = call.result?["task"]?["taskId"]?.stringValue else {
            return .pass(undeclared + "; `task` is ignored, as it must be", evidence + call.evidence)
        }
        _ = await context.request("tasks/cancel", ["taskId": .string(taskID)])
        return .fail(
            "\(choice.name): the server declares no task support, yet a call with `task` made a task",
            evidence + call.evidence)
    }

    static func modesMatchCapabilities(_ context: ProbeContext) async -> CheckFinding {
        let taskTools = context.tools.filter {
            $0.declaredTaskSupport == .required || $0.declaredTaskSupport == .optional
        }
        let listed = taskTools.map { "\($0.name): \($0.declaredTaskSupport.rawValue)" }
        if !context.declaresTaskCalls && !taskTools.isEmpty {
            return .fail(
                "\(taskTools.count) tool(s) declare a task mode, but the server has no tasks.requests.tools.call",
                listed + ["capabilities \(Evidence.compact(context.capabilities))"])
        }
        return .pass("\(taskTools.count) tool(s) declare task support, consistent with the capabilities", listed)
    }

    static func requiredPlain(_ context: ProbeContext) async -> CheckFinding {
        guard context.declaresTaskCalls else { return .skip("the server declares no task support") }
        let required = context.tools(withMode: .required)
        guard let tool = required.first(where: { context.plan.allows($0.name, in: context.tools) }) ?? required.first
        else { return .skip("no tool declares taskSupport \"required\"") }
        let params: JSONValue = [
            "name": .string(tool.name), "arguments": .object(context.plan.arguments(for: tool.name)),
        ]
        let call = await context.request("tools/call", params)
        return judgeRefusal(call, mustRefuse: true)
    }

    static func forbiddenAsTask(_ context: ProbeContext) async -> CheckFinding {
        guard context.declaresTaskCalls else { return .skip("the server declares no task support") }
        let forbidden = context.tools(withMode: .forbidden)
        guard !forbidden.isEmpty else { return .skip("no tool declares taskSupport \"forbidden\"") }
        guard let tool = forbidden.first(where: { context.plan.allows($0.name, in: context.tools) }) else {
            return .skip("no forbidden tool may be called (it may run): name one with --tool, or use --call-any")
        }
        let params: JSONValue = [
            "name": .string(tool.name), "arguments": .object(context.plan.arguments(for: tool.name)), "task": [:],
        ]
        return judgeRefusal(await context.request("tools/call", params), mustRefuse: false)
    }

    /// A mode mismatch must be a JSON-RPC error: -32601 (the tool-level clause) or -32600 (the generic
    /// error clause allows it). `mustRefuse` makes anything else a failure, else a warning (a SHOULD), except
    /// a task made for a forbidden tool, which contradicts the tool's own declaration.
    static func judgeRefusal(_ call: Exchange, mustRefuse: Bool) -> CheckFinding {
        let evidence = call.evidence
        if let code = call.errorCode {
            if code == -32601 || code == -32600 { return .pass("refused with \(code)", evidence) }
            let finding = "refused with \(code), not -32601"
            return mustRefuse ? .fail(finding, evidence) : .warn(finding, evidence)
        }
        guard let result = call.result else { return .fail("no answer: \(call.answered)", evidence) }
        if result["task"]?["taskId"] != nil { return .fail("a task was created against the tool's mode", evidence) }
        let finding =
            result["isError"]?.boolValue == true
            ? "refused as a tool result (isError), not as JSON-RPC error -32601"
            : "the tool ran as a plain call instead of being refused"
        return mustRefuse ? .fail(finding, evidence) : .warn(finding, evidence)
    }

    static func getUnknown(_ context: ProbeContext) async -> CheckFinding {
        guard context.wire == .extension || context.declaresTaskCalls else {
            return .skip("the server declares no task support")
        }
        let get = await context.request("tasks/get", ["taskId": .string(unknownTaskID)])
        return expectInvalidParams(get, severity: .fail)
    }

    static func cancelUnknown(_ context: ProbeContext) async -> CheckFinding {
        guard context.wire == .extension || context.declaresCancel else {
            return .skip("the server does not declare tasks.cancel")
        }
        let cancel = await context.request("tasks/cancel", ["taskId": .string(unknownTaskID)])
        // A MUST on 2025-11-25, a SHOULD for tasks/cancel on the extension wire.
        return expectInvalidParams(cancel, severity: context.wire == .core ? .fail : .warn)
    }

    static func expectInvalidParams(_ exchange: Exchange, severity: CheckOutcome) -> CheckFinding {
        if exchange.errorCode == -32602 { return .pass("answered -32602", exchange.evidence) }
        return CheckFinding(severity, "answered \(exchange.answered), not -32602", evidence: exchange.evidence)
    }
}
