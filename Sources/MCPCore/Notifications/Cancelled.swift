/// `notifications/cancelled` (MCP 2025-11-25): abandons an in-flight, non-task request.
public struct CancelledNotification: MCPNotification {
    public static let method = "notifications/cancelled"
    public var requestId: RequestID?
    public var reason: String?

    public init(requestId: RequestID?, reason: String? = nil) {
        self.requestId = requestId
        self.reason = reason
    }
}
