/// `notifications/tasks/status` (MCP 2025-11-25): an optional push of the full task state.
public struct TaskStatusNotification: MCPNotification {
    public static let method = "notifications/tasks/status"
    public var task: TaskInfo

    public init(task: TaskInfo) { self.task = task }

    public init(from decoder: any Decoder) throws { task = try TaskInfo(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try task.encode(to: encoder) }
}
