/// A client-to-server (or server-to-client) request type: its wire method and the type of its result.
public protocol MCPRequest: Codable, Sendable {
    associatedtype Response: Decodable & Sendable
    static var method: String { get }
}

/// A notification type and its wire method.
public protocol MCPNotification: Codable, Sendable {
    static var method: String { get }
}

/// The result of a request whose answer carries nothing but an optional `_meta` (ping, for one).
public struct EmptyResult: Codable, Sendable, Equatable {
    public var _meta: JSONValue?
    public init(_meta: JSONValue? = nil) { self._meta = _meta }
}

/// Well-known `_meta` keys.
public enum MetaKey {
    /// MCP 2025-11-25: marks a message as belonging to a task.
    public static let relatedTask = "io.modelcontextprotocol/related-task"
    /// MCP 2025-11-25: provisional text a host may hand to a model while a task runs.
    public static let modelImmediateResponse = "io.modelcontextprotocol/model-immediate-response"
}

extension JSONValue {
    /// The task id in a related-task `_meta` marker, looked for in `params._meta` and in a top-level `_meta`
    /// (servers put it in either place).
    public static func relatedTaskID(params: JSONValue?, envelopeMeta: JSONValue?) -> String? {
        params?["_meta"]?[MetaKey.relatedTask]?["taskId"]?.stringValue
            ?? envelopeMeta?[MetaKey.relatedTask]?["taskId"]?.stringValue
    }
}
