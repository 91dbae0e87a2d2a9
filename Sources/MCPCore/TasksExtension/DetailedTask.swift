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

    /// The object as the server sent it.
    public var raw: JSONValue?

    private enum CodingKeys: String, CodingKey {
        case taskId, status, statusMessage, createdAt, lastUpdatedAt, ttlMs, pollIntervalMs, result, error
        case inputRequests
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        taskId = try container.decode(String.self, forKey: .taskId)
        status = try container.decode(TaskStatus.self, forKey: .status)
        statusMessage = try container.decodeIfPresent(String.self, forKey: .statusMessage)
        createdAt = try container.decodeIfPresent(String.self, forKey: .createdAt)
        lastUpdatedAt = try container.decodeIfPresent(String.self, forKey: .lastUpdatedAt)
        ttlMs = try container.decodeIfPresent(Int.self, forKey: .ttlMs)
        pollIntervalMs = try container.decodeIfPresent(Int.self, forKey: .pollIntervalMs)
        result = try container.decodeIfPresent(CallToolResult.self, forKey: .result)
        error = try container.decodeIfPresent(ResponseError.self, forKey: .error)
        inputRequests = try container.decodeIfPresent([String: InputRequest].self, forKey: .inputRequests)
        raw = try JSONValue(from: decoder)
    }

    /// The same task in the one internal model both wires share (`--json` still prints the server's object).
    public var info: TaskInfo {
        var info = TaskInfo(
            taskId: taskId, status: status, statusMessage: statusMessage, createdAt: createdAt,
            lastUpdatedAt: lastUpdatedAt, ttl: ttlMs, pollInterval: pollIntervalMs)
        info.raw = raw
        return info
    }
}

/// `tasks/get` on the tasks extension wire.
public struct GetDetailedTaskRequest: MCPRequest {
    public static let method = "tasks/get"
    public typealias Response = DetailedTask

    public var taskId: String
    public init(taskId: String) { self.taskId = taskId }
}
