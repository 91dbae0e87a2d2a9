/// `tasks/cancel` (MCP 2025-11-25): answers the task after cancellation; -32602 when it already ended.
/// Only when the server declares `tasks.cancel`.
public struct CancelTaskRequest: MCPRequest {
    public static let method = "tasks/cancel"
    public typealias Response = TaskInfo
    public var taskId: String
    public init(taskId: String) { self.taskId = taskId }
}
