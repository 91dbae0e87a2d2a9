/// `tasks/result` (MCP 2025-11-25): blocks until the task ends, then answers exactly what the original
/// request would have (for tools/call a `CallToolResult`, or the same JSON-RPC error).
public struct GetTaskPayloadRequest: MCPRequest {
    public static let method = "tasks/result"
    public typealias Response = CallToolResult
    public var taskId: String
    public init(taskId: String) { self.taskId = taskId }
}
