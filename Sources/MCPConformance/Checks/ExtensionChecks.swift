import MCPCore

/// Checks of the 2026-07-28 tasks extension (`io.modelcontextprotocol/tasks`): the flat CreateTaskResult,
/// tasks/get carrying the outcome inline, the acknowledged, cooperative tasks/cancel, and an input round
/// (inputRequests in tasks/get, answered with tasks/update).
enum ExtensionChecks {
    static let all: [ConformanceCheck] =
        [
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
            ConformanceCheck(
                "input.ext-update", .input,
                clause: "2026-07-28 ext-tasks (input_required → inputRequests MUST; tasks/update → empty ack MUST)",
                title:
                    "a task that asks lists its questions in tasks/get; tasks/update is acknowledged and the task goes on",
                wires: [.extension], probe: inputUpdate),
        ] + HTTPHeaderChecks.all

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
        guard let ack = cancel.result else {
            return .fail("\(run.tool): tasks/cancel answered \(cancel.answered), not an acknowledgement", evidence)
        }
        if ack["taskId"] != nil || ack["status"] != nil {
            return .fail(
                "\(run.tool): tasks/cancel answered a task (the 2025-11-25 shape), not an empty acknowledgement",
                evidence)
        }
        let last = run.laterGet?.result?["status"]?.stringValue ?? "?"
        if last == "cancelled" { return .pass("\(run.tool): acknowledged, then cancelled", evidence) }
        if TaskStatusRules.terminal.contains(last) {
            return .pass("\(run.tool): acknowledged; the task still ended \(last) (cancel is cooperative)", evidence)
        }
        return .warn("\(run.tool): acknowledged, but the task is still \(last) half a second later", evidence)
    }

    static func inputUpdate(_ context: ProbeContext) async -> CheckFinding {
        let none = "no tool asked a question: name one that does with --tool (its questions are declined)"
        return await RunJudging.judge(context, wires: [.extension], skipWhenNone: none) { run in
            let asking = run.polls.filter { $0.result?["status"] == "input_required" }
            guard let first = asking.first else { return nil }
            for poll in asking {
                guard let requests = poll.result?["inputRequests"]?.objectValue, !requests.isEmpty else {
                    return .fail("an input_required task's tasks/get has no inputRequests", poll.evidence)
                }
                guard requests.values.allSatisfy({ $0["method"]?.stringValue != nil }) else {
                    return .fail("an input request has no method", poll.evidence)
                }
            }
            guard !run.updates.isEmpty else { return .skip("the task asked for something other than an elicitation") }
            let evidence = first.evidence + run.updates.flatMap(\.evidence) + (run.polls.last?.evidence ?? [])
            for update in run.updates where update.result == nil {
                return .fail("tasks/update answered \(update.answered), not an acknowledgement", evidence)
            }
            let answered = Set(run.updates.flatMap { $0.params?["inputResponses"]?.objectValue?.keys ?? [] })
            let listed = run.polls.last?.result?["inputRequests"]?.objectValue?.keys ?? []
            if run.timedOut && listed.contains(where: answered.contains) {
                return .warn("the answered question was still listed when the check stopped waiting", evidence)
            }
            let count = answered.count
            return .pass(
                "\(count) question(s) in inputRequests, declined with tasks/update (acknowledged); the task went on to "
                    + (run.finalStatus ?? "?"), evidence)
        }
    }
}
