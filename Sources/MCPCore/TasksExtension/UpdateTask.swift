/// `tasks/update` (tasks extension): answers a task's `inputRequests`, keyed as the server keyed them. The
/// server acknowledges at once and applies it eventually, so later polls may still show the same keys.
public struct UpdateTaskRequest: MCPRequest {
    public static let method = "tasks/update"
    public typealias Response = EmptyResult

    public var taskId: String
    /// Each value is the result the request would have had (an ElicitResult for an elicitation).
    public var inputResponses: [String: JSONValue]

    public init(taskId: String, inputResponses: [String: JSONValue]) {
        self.taskId = taskId
        self.inputResponses = inputResponses
    }
}

/// `tasks/cancel` on the tasks extension wire: an empty acknowledgement; the task may still end otherwise,
/// so the final state comes from tasks/get.
public struct AcknowledgedCancelRequest: MCPRequest {
    public static let method = "tasks/cancel"
    public typealias Response = EmptyResult

    public var taskId: String
    public init(taskId: String) { self.taskId = taskId }
}
