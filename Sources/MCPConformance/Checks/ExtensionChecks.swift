import MCPCore

/// Checks of the 2026-07-28 tasks extension (`io.modelcontextprotocol/tasks`): the flat CreateTaskResult,
/// tasks/get carrying the outcome inline, and the acknowledged, cooperative tasks/cancel.
enum ExtensionChecks {
    static let all: [ConformanceCheck] = [
        ConformanceCheck(
            "creation.ext-task", .creation,
            clause: "2026-07-28 ext-tasks (CreateTaskResult: flat Task, resultType task)",
            title: "a tools/call that becomes a task answers a flat task: id, status, RFC 3339 times, ttlMs",
            wires: [.extension], probe: createdTask),
        ConformanceCheck(
            "get.ext-outcome", .get, clause: "2026-07-28 ext-tasks (tasks/get → DetailedTask)",
            title: "tasks/get on a finished task carries result (completed) or error (failed) inline",
            wires: [.extension], probe: inlineOutcome),
        ConformanceCheck(
            "cancel.ext-ack", .cancel, clause: "2026-07-28 ext-tasks (tasks/cancel → empty ack; cooperative)",
            title: "tasks/cancel on a running task is acknowledged, and the task ends", wires: [.extension],
            probe: acknowledgedCancel),
    ]

    static func createdTask(_ context: ProbeContext) async -> CheckFinding {
        await RunJudging.judge(context, wires: [.extension]) { run in
            let task = run.createdTask ?? .null
            let evidence = run.call.evidence
            let status = task["status"]?.stringValue ?? ""
            guard TaskStatusRules.all.contains(status) else { return .fail("status '\(status)'", evidence) }
            for key in ["createdAt", "lastUpdatedAt"] {
                guard let stamp = task[key]?.stringValue else { return .fail("no \(key)", evidence) }
                if !Timestamp.isRFC3339(stamp) { return .fail("\(key) '\(stamp)' is not RFC 3339", evidence) }
            }
            guard let ttl = task["ttlMs"] else { return .fail("the task has no ttlMs", evidence) }
            guard ttl.isNull || ttl.intValue != nil else { return .fail("ttlMs is a \(ttl.typeName)", evidence) }
            return .pass(
                "task \(task["taskId"]?.stringValue ?? ""), \(status), ttlMs \(Evidence.compact(ttl))", evidence)
        }
    }

    static func inlineOutcome(_ context: ProbeContext) async -> CheckFinding {
        await RunJudging.judge(context, wires: [.extension]) { run in
            guard let get = run.polls.last, let result = get.result else { return nil }
            let evidence = get.evidence
            switch result["status"]?.stringValue {
            case "completed":
                guard result["result"]?["content"]?.arrayValue != nil else {
                    return .fail("a completed task's tasks/get has no result", evidence)
                }
                return .pass("completed, with its CallToolResult", evidence)
            case "failed":
                guard result["error"]?["code"]?.intValue != nil, result["error"]?["message"]?.stringValue != nil else {
                    return .fail("a failed task's tasks/get has no error object", evidence)
                }
                return .pass("failed, with its JSON-RPC error", evidence)
            default:
                return nil
            }
        }
    }

    static func acknowledgedCancel(_ context: ProbeContext) async -> CheckFinding {
        guard context.wire == .extension else { return .skip("does not apply to this task wire") }
        guard let run = await context.cancelObservation() else { return .skip(RunJudging.noTaskTool) }
        guard let cancel = run.cancel else { return .skip("the call made no task: \(run.call.answered)") }
        let gets = [run.getAfter, run.laterGet].compactMap { $0 }
        let evidence = cancel.evidence + gets.flatMap(\.evidence)
        guard cancel.result != nil else {
            return .fail("\(run.tool): tasks/cancel answered \(cancel.answered), not an acknowledgement", evidence)
        }
        let last = run.laterGet?.result?["status"]?.stringValue ?? "?"
        if last == "cancelled" { return .pass("\(run.tool): acknowledged, then cancelled", evidence) }
        if TaskStatusRules.terminal.contains(last) {
            return .pass("\(run.tool): acknowledged; the task still ended \(last) (cancel is cooperative)", evidence)
        }
        return .warn("\(run.tool): acknowledged, but the task is still \(last) half a second later", evidence)
    }
}
