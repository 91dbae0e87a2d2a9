import MCPCore

extension ClientSession {
    /// Runs the 2025-11-25 handshake: initialize (the server may answer an older revision, down to
    /// 2024-11-05, which simply has no tasks), then notifications/initialized.
    @discardableResult
    public func initialize() async throws -> InitializeResult {
        let request = InitializeRequest(
            protocolVersion: ProtocolVersion.latest, capabilities: configuration.capabilities,
            clientInfo: configuration.clientInfo)
        let result = try await send(request)
        guard ProtocolVersion.supported.contains(result.protocolVersion) else {
            throw SessionError(
                .protocolViolation,
                "the server wants protocol revision \(result.protocolVersion), which mcptask does not speak "
                    + "(it speaks \(ProtocolVersion.supported.joined(separator: ", ")))")
        }
        state.withLock { $0.initializeResult = result }
        try await notify(InitializedNotification())
        await transport.sessionEstablished(protocolVersion: result.protocolVersion)
        let wire = ProtocolVersion.hasCoreTasks(result.protocolVersion) ? self.wire.name : "none"
        let server = "\(result.serverInfo.name) \(result.serverInfo.version)"
        logger.info("connected to \(server), protocol \(result.protocolVersion), task wire: \(wire)")
        return result
    }

    /// Rejoins a session this client initialized in an earlier invocation (HTTP `Mcp-Session-Id`), without
    /// a second `initialize`: servers may refuse one on a live session (-32600 "server already initialized").
    /// `recorded` is what the server answered then; requests carry its protocol version from now on.
    public func rejoin(_ recorded: InitializeResult) async {
        state.withLock { $0.initializeResult = recorded }
        await transport.sessionEstablished(protocolVersion: recorded.protocolVersion)
        logger.info(
            "rejoined session \(transportSessionID ?? "?") without initializing again, protocol \(recorded.protocolVersion)"
        )
    }

    /// The server's 2025-11-25 task capabilities, when it was initialized with core tasks and declares them.
    public var taskCapabilities: ServerTaskCapabilities? {
        guard let result = initializeResult, ProtocolVersion.hasCoreTasks(result.protocolVersion) else { return nil }
        return result.capabilities.tasks
    }

    /// Whether tools/call may become a task on this server.
    public var runsToolCallsAsTasks: Bool { wire.runsToolCallsAsTasks }

    /// Sends a ping and waits for the answer.
    public func ping() async throws { _ = try await send(PingRequest()) }
}
