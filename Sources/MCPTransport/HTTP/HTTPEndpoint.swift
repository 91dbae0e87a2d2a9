/// A Streamable HTTP MCP endpoint (MCP 2025-11-25 transports) and how to talk to it.
public struct HTTPEndpoint: Sendable, Equatable {
    public var url: String
    /// Extra headers sent with every request (credentials among them; never logged or traced).
    public var headers: [(name: String, value: String)]
    /// A session to resume instead of starting one (`Mcp-Session-Id`).
    public var sessionID: String?
    /// Leave the session open at the end (no DELETE), because tasks created in it must stay reachable.
    public var keepSession: Bool

    public init(
        url: String, headers: [(name: String, value: String)] = [], sessionID: String? = nil, keepSession: Bool = false
    ) {
        self.url = url
        self.headers = headers
        self.sessionID = sessionID
        self.keepSession = keepSession
    }

    public static func == (lhs: HTTPEndpoint, rhs: HTTPEndpoint) -> Bool {
        lhs.url == rhs.url && lhs.sessionID == rhs.sessionID && lhs.keepSession == rhs.keepSession
            && lhs.headers.map(\.name) == rhs.headers.map(\.name)
            && lhs.headers.map(\.value) == rhs.headers.map(\.value)
    }
}

/// Limits of an HTTP connection.
public struct HTTPOptions: Sendable {
    /// The wait for a connection and for a response's head. Never applied to a body being streamed.
    public var connectTimeout: Duration
    /// The largest message or SSE event accepted.
    public var maximumMessageSize: Int
    /// How often a dropped stream is reconnected in a row before giving up.
    public var reconnectAttempts: Int

    public init(
        connectTimeout: Duration = .seconds(30), maximumMessageSize: Int = 16 * 1024 * 1024, reconnectAttempts: Int = 5
    ) {
        self.connectTimeout = connectTimeout
        self.maximumMessageSize = maximumMessageSize
        self.reconnectAttempts = reconnectAttempts
    }
}
