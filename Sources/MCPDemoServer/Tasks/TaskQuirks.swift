import MCPCore

/// How one tool's tasks depart from the demo's default handling, to copy a real server (see
/// server-behaviours.md). The default is none of them: tasks/result blocks, cancelling a terminal task is
/// -32602, every change is announced, and a failed task's tasks/result is the tool's `isError` result.
struct TaskQuirks: Sendable, Equatable {
    /// What tasks/result answers for a failed task.
    enum FailurePayload: Sendable, Equatable {
        /// The tool's result, `isError` and all, or its JSON-RPC error (FastMCP 3; pymcp-kit's -32603).
        case asRun
        /// `{"_meta": {related-task}}` alone: no content, no `isError`, no error (the official SDK).
        case metaOnly
    }

    /// tasks/result does not wait: until the task has completed or failed it answers at once with
    /// -32602 "Task not completed yet (current state: …)", cancelled included (FastMCP 3).
    var nonBlockingResult = false
    /// tasks/cancel on a terminal task answers `cancelled` but leaves the task as it is (FastMCP 3).
    var lyingCancel = false
    /// No `notifications/tasks/status` when the task fails (pymcp-kit).
    var silentFailure = false
    var failurePayload = FailurePayload.asRun

    static let standard = TaskQuirks()

    /// tasks/result's answer for a task in `status` that a non-blocking server has not finished.
    static func notCompleted(_ status: TaskStatus) -> ResponseError {
        .invalidParams("Task not completed yet (current state: \(status.rawValue))")
    }
}
