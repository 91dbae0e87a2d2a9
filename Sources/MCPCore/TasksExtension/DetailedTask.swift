/// A task on the 2026-07-28 tasks extension wire: flat (no `task` wrapper), `ttlMs`/`pollIntervalMs`, and
/// from `tasks/get` the outcome inline: `result` when completed, `error` when failed, `inputRequests` when
/// input is required.
public struct DetailedTask: Decodable, Sendable, Equatable {
    public var taskId: String
    public var status: TaskStatus
    public var statusMessage: String?
    public var createdAt: String?
    public var lastUpdatedAt: String?
    public var ttlMs: Int?
    public var pollIntervalMs: Int?
    public var result: CallToolResult?
    public var error: ResponseError?
    public var inputRequests: [String: InputRequest]?

    /// The same task in the one internal model both wires share.
    public var info: TaskInfo {
        TaskInfo(
            taskId: taskId, status: status, statusMessage: statusMessage, createdAt: createdAt,
            lastUpdatedAt: lastUpdatedAt, ttl: ttlMs, pollInterval: pollIntervalMs)
    }
}

/// `tasks/get` on the tasks extension wire.
public struct GetDetailedTaskRequest: MCPRequest {
    public static let method = "tasks/get"
    public typealias Response = DetailedTask

    public var taskId: String
    public init(taskId: String) { self.taskId = taskId }
}
