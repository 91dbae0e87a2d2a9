/// `tools/call` (MCP 2025-11-25), optionally task-augmented with `task`.
public struct CallToolRequest: MCPRequest {
    public static let method = "tools/call"
    public typealias Response = CallToolResponse

    public var name: String
    public var arguments: [String: JSONValue]?
    /// Present to run the call as a task.
    public var task: TaskMetadata?
    public var _meta: JSONValue?

    public init(
        name: String, arguments: [String: JSONValue]?, task: TaskMetadata? = nil, progressToken: ProgressToken? = nil
    ) {
        self.name = name
        self.arguments = arguments
        self.task = task
        self._meta = progressToken.map { ["progressToken": $0.json] }
    }
}

/// The task augmentation of a request: only a requested time to live.
public struct TaskMetadata: Codable, Sendable, Equatable {
    /// Requested retention in milliseconds, from creation.
    public var ttl: Int?
    public init(ttl: Int? = nil) { self.ttl = ttl }
}

/// What a `tools/call` answers: a tool result, or a task when the call was task-augmented.
public enum CallToolResponse: Decodable, Sendable, Equatable {
    case result(CallToolResult)
    case task(CreateTaskResult)

    /// A result with an object `task` holding a string `taskId` is a CreateTaskResult; anything else is a
    /// tool result (a server may ignore `task`).
    public init(from decoder: any Decoder) throws {
        let json = try JSONValue(from: decoder)
        if json["task"]?["taskId"]?.stringValue != nil {
            self = .task(try CreateTaskResult(from: decoder))
        } else {
            self = .result(try CallToolResult(from: decoder))
        }
    }
}
