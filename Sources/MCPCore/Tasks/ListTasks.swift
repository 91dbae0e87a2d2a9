/// `tasks/list` (MCP 2025-11-25), one page; only when the server declares `tasks.list`.
public struct ListTasksRequest: MCPRequest {
    public static let method = "tasks/list"
    public typealias Response = ListTasksResult
    public var cursor: String?
    public init(cursor: String? = nil) { self.cursor = cursor }
}

public struct ListTasksResult: Codable, Sendable, Equatable {
    public var tasks: [TaskInfo]
    public var nextCursor: String?

    public init(tasks: [TaskInfo], nextCursor: String? = nil) {
        self.tasks = tasks
        self.nextCursor = nextCursor
    }
}
