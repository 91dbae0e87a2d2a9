import MCPCore

/// How a task's question reaches the client (2025-11-25 core tasks §Input required status): the spec has
/// the requestor call tasks/result on `input_required` (SHOULD) and lets the server deliver the question on
/// any stream, so a question held back until tasks/result is allowed; but a client that only polls, as many
/// do, never sees it, so that is a warning. A question that never comes at all is a failure.
enum ElicitationChannel {
    /// How long the check waits for the task to ask, without tasks/result.
    static let askLimit = Duration.seconds(10)
    /// How long after tasks/get first says input_required the question may take to arrive on its own.
    static let grace = Duration.seconds(3)

    static func judge(_ context: ProbeContext) async -> CheckFinding {
        guard context.wire == .core else { return .skip("a 2025-11-25 core tasks check") }
        guard context.declaresTaskCalls else { return .skip("the server declares no task support") }
        let runs = await context.observations()
        guard let tool = runs.first(where: { !$0.elicitations.isEmpty })?.tool else {
            return .skip("no tool asked a question: name one that does with --tool (its questions are declined)")
        }
        let before = context.elicitations.count
        let params: JSONValue = [
            "name": .string(tool), "arguments": .object(context.plan.arguments(for: tool)), "task": [:],
        ]
        let call = await context.request("tools/call", params)
        guard let id = call.result?["task"]?["taskId"]?.stringValue else {
            return .skip("\(tool): the call made no task: \(call.answered)")
        }
        let taskID: JSONValue = ["taskId": .string(id)]
        let (statuses, asked) = await watch(context, taskID, after: before)
        let polled = "tasks/get: " + TaskChecks.collapsed(statuses).joined(separator: " → ")
        if let question = asked {
            return .pass(
                "\(tool): elicitation/create arrived on its own, with no tasks/result asked",
                call.evidence + [polled, "← elicitation/create \(Evidence.compact(question))"])
        }
        guard statuses.contains("input_required") else {
            _ = await context.request("tasks/cancel", taskID)
            return .skip("\(tool): the task did not ask within \(askLimit) (\(polled))")
        }
        // The question may be waiting for tasks/result; it is declined when it comes, which ends the task.
        let result = await context.request("tasks/result", taskID)
        let evidence = call.evidence + [polled] + result.evidence
        guard let question = context.elicitations.dropFirst(before).first else {
            _ = await context.request("tasks/cancel", taskID)
            return .fail(
                "\(tool): input_required, yet no elicitation/create came, even with tasks/result open", evidence)
        }
        return .warn(
            "\(tool): elicitation/create came only once tasks/result was asked: a client that only polls never sees it",
            evidence + ["← elicitation/create \(Evidence.compact(question))"])
    }

    /// Polls tasks/get until a question arrives, the task ends, `grace` has passed since it first said
    /// input_required, or `askLimit`: the statuses seen, and the question if one came.
    private static func watch(
        _ context: ProbeContext, _ taskID: JSONValue, after before: Int
    ) async -> (statuses: [String], question: JSONValue?) {
        let clock = ContinuousClock()
        let limit = clock.now.advanced(by: askLimit)
        var waitingSince: ContinuousClock.Instant?
        var statuses: [String] = []
        var delay = Duration.milliseconds(100)
        while clock.now < min(limit, waitingSince.map { $0 + grace } ?? limit) {
            if let question = context.elicitations.dropFirst(before).first { return (statuses, question) }
            try? await Task.sleep(for: delay)
            delay = min(delay * 2, .milliseconds(500))
            guard let status = await context.request("tasks/get", taskID).result?["status"]?.stringValue else { break }
            statuses.append(status)
            if TaskStatusRules.terminal.contains(status) { break }
            if status == "input_required" && waitingSince == nil { waitingSince = clock.now }
        }
        return (statuses, context.elicitations.dropFirst(before).first)
    }
}
