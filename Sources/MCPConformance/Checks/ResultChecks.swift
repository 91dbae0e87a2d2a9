import MCPCore

/// Checks of tasks/result, tasks/list and tasks/cancel (2025-11-25 core tasks).
enum ResultChecks {
    static let all: [ConformanceCheck] = [
        ConformanceCheck(
            "result.blocks", .result, clause: "2025-11-25 tasks §Retrieving task results (MUST block)",
            title: "tasks/result on a running task waits until the task is terminal", probe: blocks),
        ConformanceCheck(
            "result.payload", .result, clause: "2025-11-25 tasks §Retrieving task results, §Task status lifecycle",
            title: "tasks/result returns what the call would have returned", probe: payload),
        ConformanceCheck(
            "result.related-task", .result, clause: "2025-11-25 tasks §Related task metadata (MUST)",
            title: "tasks/result carries _meta io.modelcontextprotocol/related-task", probe: relatedTask),
        ConformanceCheck(
            "list.includes-own", .list, clause: "2025-11-25 tasks §Listing tasks",
            title: "tasks/list includes the caller's live task, through every page", probe: listIncludes),
        ConformanceCheck(
            "cancel.running", .cancel, clause: "2025-11-25 tasks §Cancelling tasks",
            title: "tasks/cancel on a running task answers cancelled, and it stays cancelled", probe: cancelRunning),
        ConformanceCheck(
            "cancel.terminal", .cancel, clause: "2025-11-25 tasks §Cancelling tasks (terminal → -32602)",
            title: "tasks/cancel on a finished task answers -32602, never a false cancelled", probe: cancelTerminal),
    ]

    static func blocks(_ context: ProbeContext) async -> CheckFinding {
        let slower = "every task ended before tasks/result was asked: name a slower tool"
        return await RunJudging.judge(context, skipWhenNone: slower) { run in
            guard let early = run.earlyResult else { return nil }
            let evidence = early.evidence + (run.getAfterEarlyResult?.evidence ?? [])
            if early.failure != nil { return .fail("tasks/result gave no answer: \(early.answered)", evidence) }
            let status = run.getAfterEarlyResult?.result?["status"]?.stringValue ?? "?"
            if TaskStatusRules.terminal.contains(status) {
                return .pass("tasks/result waited until the task was \(status)", evidence)
            }
            return .fail("tasks/result answered \(early.answered) while the task was \(status)", evidence)
        }
    }

    static func payload(_ context: ProbeContext) async -> CheckFinding {
        await RunJudging.judge(context) { run in
            guard let result = run.finalResult, let status = run.finalStatus else { return nil }
            let evidence = result.evidence
            let isError = result.result?["isError"]?.boolValue == true
            let hasContent = result.result?["content"]?.arrayValue != nil
            switch status {
            case "completed":
                guard hasContent else { return .fail("a completed task's result is \(result.answered)", evidence) }
                if isError {
                    return .fail("an isError result must fail the task (2025-11-25), not complete it", evidence)
                }
                return .pass("completed: a CallToolResult", evidence)
            case "failed":
                if result.error != nil { return .pass("failed: the call's JSON-RPC error", evidence) }
                if isError && hasContent { return .pass("failed: an isError CallToolResult", evidence) }
                return .fail("a failed task's tasks/result has neither an error nor an isError result", evidence)
            default:
                return nil  // What a cancelled task's tasks/result holds is not defined.
            }
        }
    }

    static func relatedTask(_ context: ProbeContext) async -> CheckFinding {
        await RunJudging.judge(context) { run in
            guard let result = run.finalResult?.result else { return nil }
            let evidence = run.finalResult?.evidence ?? []
            let marked = result["_meta"]?[MetaKey.relatedTask]?["taskId"]?.stringValue
            if marked == run.taskID { return .pass("marked with its task", evidence) }
            return .fail(marked == nil ? "no related-task _meta" : "related-task names \(marked ?? "")", evidence)
        }
    }

    static func listIncludes(_ context: ProbeContext) async -> CheckFinding {
        guard context.wire == .core else { return .skip("no tasks/list on the 2026-07-28 tasks extension") }
        guard context.declaresList else { return .skip("the server does not declare tasks.list") }
        return await RunJudging.judge(context, skipWhenNone: "every task ended before tasks/list was asked") { run in
            guard !run.listing.isEmpty, let id = run.taskID else { return nil }
            let evidence = run.listing.flatMap(\.evidence)
            if let failed = run.listing.first(where: { $0.result == nil }) {
                return .fail("tasks/list answered \(failed.answered)", evidence)
            }
            let ids = run.listing.flatMap { $0.result?["tasks"]?.arrayValue ?? [] }.compactMap {
                $0["taskId"]?.stringValue
            }
            if ids.contains(id) { return .pass("listed among \(ids.count) task(s)", evidence) }
            return .fail("tasks/list left out the task tasks/get knows (\(ids.count) listed)", evidence)
        }
    }

    static func cancelRunning(_ context: ProbeContext) async -> CheckFinding {
        guard context.wire == .core else { return .skip("a 2025-11-25 core tasks check") }
        guard context.declaresCancel else { return .skip("the server does not declare tasks.cancel") }
        guard let run = await context.cancelObservation() else { return .skip(RunJudging.noTaskTool) }
        guard let cancel = run.cancel else { return .skip("the call made no task: \(run.call.answered)") }
        let gets = [run.getAfter, run.laterGet].compactMap { $0 }
        let evidence = cancel.evidence + gets.flatMap(\.evidence)
        let after = gets.map { $0.result?["status"]?.stringValue ?? $0.answered }
        if cancel.errorCode == -32602, let first = after.first, first != "cancelled",
            TaskStatusRules.terminal.contains(first)
        {
            return .skip("\(run.tool)'s task was \(first) before it could be cancelled: name a slower tool")
        }
        guard cancel.result?["status"]?.stringValue == "cancelled" else {
            let answered = cancel.result?["status"]?.stringValue.map { "status \($0)" } ?? cancel.answered
            return .fail("\(run.tool): tasks/cancel answered \(answered), not a cancelled task (MUST)", evidence)
        }
        guard after.allSatisfy({ $0 == "cancelled" }) else {
            return .fail("\(run.tool): tasks/get then says " + after.joined(separator: ", "), evidence)
        }
        return .pass("\(run.tool): cancelled, and tasks/get agrees", evidence)
    }

    static func cancelTerminal(_ context: ProbeContext) async -> CheckFinding {
        guard context.wire == .core else { return .skip("a 2025-11-25 core tasks check") }
        guard context.declaresCancel else { return .skip("the server does not declare tasks.cancel") }
        let runs = await context.observations()
        guard let run = runs.first(where: { $0.finalStatus == "completed" || $0.finalStatus == "failed" }),
            let id = run.taskID, let final = run.finalStatus
        else { return .skip(runs.isEmpty ? RunJudging.noTaskTool : "no observed task ended completed or failed") }
        let cancel = await context.request("tasks/cancel", ["taskId": .string(id)])
        let get = await context.request("tasks/get", ["taskId": .string(id)])
        let evidence = cancel.evidence + get.evidence
        let now = get.result?["status"]?.stringValue ?? get.answered
        if cancel.errorCode == -32602 { return .pass("\(run.tool): answered -32602; still \(now)", evidence) }
        if cancel.result?["status"]?.stringValue == "cancelled" {
            return .fail("\(run.tool): cancelling a \(final) task answered cancelled; tasks/get says \(now)", evidence)
        }
        return .warn("\(run.tool): answered \(cancel.answered), not -32602", evidence)
    }
}
