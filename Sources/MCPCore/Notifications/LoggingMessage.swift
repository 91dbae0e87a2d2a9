/// `notifications/message` (MCP 2025-11-25): a log line from the server.
public struct LoggingMessageNotification: MCPNotification, Equatable {
    public static let method = "notifications/message"
    public var level: String
    public var logger: String?
    public var data: JSONValue

    public init(level: String, logger: String? = nil, data: JSONValue) {
        self.level = level
        self.logger = logger
        self.data = data
    }
}
