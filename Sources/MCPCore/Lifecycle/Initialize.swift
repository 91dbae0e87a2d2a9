/// Name and version of a client or server (MCP 2025-11-25 `Implementation`).
public struct Implementation: Codable, Sendable, Equatable {
    public var name: String
    public var version: String
    public var title: String?

    public init(name: String, version: String, title: String? = nil) {
        self.name = name
        self.version = version
        self.title = title
    }
}

/// `initialize` (MCP 2025-11-25, lifecycle): opens a session and negotiates revision and capabilities.
public struct InitializeRequest: MCPRequest {
    public static let method = "initialize"
    public typealias Response = InitializeResult

    public var protocolVersion: String
    public var capabilities: ClientCapabilities
    public var clientInfo: Implementation

    public init(protocolVersion: String, capabilities: ClientCapabilities, clientInfo: Implementation) {
        self.protocolVersion = protocolVersion
        self.capabilities = capabilities
        self.clientInfo = clientInfo
    }
}

/// The server's answer to `initialize`.
public struct InitializeResult: Codable, Sendable, Equatable {
    public var protocolVersion: String
    public var capabilities: ServerCapabilities
    public var serverInfo: Implementation
    public var instructions: String?

    public init(
        protocolVersion: String, capabilities: ServerCapabilities, serverInfo: Implementation,
        instructions: String? = nil
    ) {
        self.protocolVersion = protocolVersion
        self.capabilities = capabilities
        self.serverInfo = serverInfo
        self.instructions = instructions
    }
}

/// `notifications/initialized`: the client is ready.
public struct InitializedNotification: MCPNotification {
    public static let method = "notifications/initialized"
    public init() {}
}

/// `ping` in either direction; answered with an empty result.
public struct PingRequest: MCPRequest {
    public static let method = "ping"
    public typealias Response = EmptyResult
    public init() {}
}
