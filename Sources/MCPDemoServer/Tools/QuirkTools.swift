import MCPCore

/// An exception inside a tool, reported the pymcp-kit way: JSON-RPC -32603 "Error executing tool 'NAME':
/// REASON". A task that ends this way keeps REASON as its status message.
struct ToolFailure: Error {
    let tool: String
    let reason: String

    var responseError: ResponseError {
        ResponseError(code: .internalError, message: "Error executing tool '\(tool)': \(reason)")
    }
}

/// Tools whose tasks behave like a particular real server's (server-behaviours.md), so a client's handling of
/// each can be tested end to end against the demo.
extension DemoTool {
    /// `chatty_count` (optional task): counts like `slow_count`, with FastMCP's and pymcp-kit's noise. Each step
    /// sends three identical status notifications and a progress notification whose related-task marker is a
    /// top-level `_meta`; the last progress notification is sent twice.
    static let chattyCount = DemoTool(
        name: "chatty_count", title: "Chatty count",
        description:
            "Counts to n; per step three identical status notifications and a progress notification with a "
            + "top-level _meta, and the last progress twice (FastMCP and pymcp-kit noise)",
        taskSupport: .optional, properties: countingProperties
    ) { arguments throws(ResponseError) in
        let (count, delay) = try countingArguments(arguments)
        return { context in
            for step in 1...count {
                try await Task.sleep(for: .seconds(delay))
                context.statusMessage("step \(step) of \(count)", copies: 3)
                context.progress(step, total: count, message: "step \(step) of \(count)", marker: .message)
            }
            context.progress(count, total: count, message: "step \(count) of \(count)", marker: .message)
            return ToolResult.text("counted to \(count)")
        }
    }

    /// `lazy_result` (optional task): counts like `slow_count`, in a FastMCP 3 task. tasks/result answers -32602
    /// "Task not completed yet" at once until the task has completed, and always once it is cancelled; cancelling
    /// it once it has ended answers `cancelled` and changes nothing.
    static let lazyResult = DemoTool(
        name: "lazy_result", title: "Lazy result",
        description:
            "Counts to n; as a task, tasks/result does not wait (-32602 until done) and cancelling a finished "
            + "task answers cancelled without changing it (FastMCP 3)",
        taskSupport: .optional, properties: countingProperties,
        quirks: TaskQuirks(nonBlockingResult: true, lyingCancel: true)
    ) { arguments throws(ResponseError) in
        let (count, delay) = try countingArguments(arguments)
        return { context in
            for step in 1...count {
                try await Task.sleep(for: .seconds(delay))
                context.progress(step, total: count, message: "step \(step)/\(count)")
                context.statusMessage("counted \(step)/\(count)")
            }
            return ToolResult.text("counted to \(count)")
        }
    }

    /// `fails_rpc` (optional task): raises inside the tool, as pymcp-kit reports it. A plain call is answered with
    /// JSON-RPC -32603; a task fails without a status notification and its tasks/result is that error.
    static let failsRPC = DemoTool(
        name: "fails_rpc", title: "Fails with a JSON-RPC error",
        description:
            "Always fails with JSON-RPC error -32603; a task ends failed with no status notification (pymcp-kit)",
        taskSupport: .optional, quirks: TaskQuirks(silentFailure: true)
    ) { _ throws(ResponseError) in
        { _ in throw ToolFailure(tool: "fails_rpc", reason: "deliberate failure inside tool") }
    }

    /// `fails_quietly` (optional task): a tool error, as the official SDK reports a failed task: tasks/result is
    /// the related-task `_meta` alone, and the reason is only the task's status message.
    static let failsQuietly = DemoTool(
        name: "fails_quietly", title: "Fails quietly",
        description:
            "Always fails; a failed task's tasks/result has no content and no isError, only _meta (official SDK)",
        taskSupport: .optional, quirks: TaskQuirks(failurePayload: .metaOnly)
    ) { _ throws(ResponseError) in
        { _ in ToolResult.text("deliberate failure inside task", isError: true) }
    }

    private static let countingProperties: [String: JSONValue] = [
        "n": ["type": "integer", "default": 3, "minimum": 1, "description": "How far to count"],
        "delay": ["type": "number", "default": 0.2, "minimum": 0, "description": "Seconds per step"],
    ]

    private static func countingArguments(_ arguments: ParamsReader) throws(ResponseError) -> (Int, Double) {
        (try arguments.integer("n", default: 3, minimum: 1), try arguments.number("delay", default: 0.2, minimum: 0))
    }
}
