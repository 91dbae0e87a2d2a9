/// `tasks/get` (MCP 2025-11-25): the task's current state, flat in the result.
public struct GetTaskRequest: MCPRequest {
    public static let method = "tasks/get"
    public typealias Response = TaskInfo
    public var taskId: String
    public init(taskId: String) { self.taskId = taskId }
}
