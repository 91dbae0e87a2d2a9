/// `notifications/progress` (MCP 2025-11-25).
public struct ProgressNotification: MCPNotification, Equatable {
    public static let method = "notifications/progress"
    public var progressToken: ProgressToken
    public var progress: Double
    public var total: Double?
    public var message: String?
    public var _meta: JSONValue?

    public init(
        progressToken: ProgressToken, progress: Double, total: Double? = nil, message: String? = nil,
        _meta: JSONValue? = nil
    ) {
        self.progressToken = progressToken
        self.progress = progress
        self.total = total
        self.message = message
        self._meta = _meta
    }
}
