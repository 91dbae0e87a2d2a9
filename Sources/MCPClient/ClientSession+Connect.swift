import MCPCore

/// Which protocol generation to speak.
public enum ProtocolPreference: Sendable, Equatable {
    /// Probe with `server/discover` first, fall back to the 2025-11-25 handshake.
    case auto
    /// The `initialize` handshake (2025-11-25, or an older revision the server answers with).
    case handshake
    /// 2026-07-28 only.
    case stateless
    /// The `initialize` handshake first; a server that refuses it is asked `server/discover`. For shell
    /// completion, where a server that never answers the probe would cost the whole time limit.
    case handshakeFirst
}

/// Who the server is and how it speaks, whatever the generation.
public struct ServerSummary: Sendable, Equatable {
    /// Who the server says it is; nil when it did not say (`serverInfo` is optional on 2026-07-28).
    public var serverInfo: Implementation?
    public var protocolVersion: String
    public var taskWire: String
    /// Task features the server offers, e.g. `["tools/call", "list", "cancel"]`.
    public var taskFeatures: [String]
    /// The raw capabilities object, for `--json`.
    public var capabilities: JSONValue

    /// The server's name, or `?` when it gave none; read `serverInfo` to tell the two apart.
    public var name: String { serverInfo?.name ?? "?" }
    /// The server's version, or `?` when it gave none; read `serverInfo` to tell the two apart.
    public var version: String { serverInfo?.version ?? "?" }
}

extension ClientSession {
    /// The envelope this session's 2026-07-28 requests carry; the tasks extension is declared unless
    /// `declaringTasks` is false.
    func envelope(declaringTasks: Bool) -> RequestEnvelope {
        RequestEnvelope.mcptask(clientInfo: configuration.clientInfo, tasks: declaringTasks)
    }

    var defaultEnvelope: RequestEnvelope { envelope(declaringTasks: true) }

    /// Connects in the preferred generation. `auto` sends `server/discover` with the 2026-07-28 envelope as
    /// the very first message (a dual-era server fixes a stdio connection's era by its first request), and
    /// on the errors 2025-11-25 servers give (-32602, -32601, -32600, -32022 without 2026-07-28, an HTTP
    /// refusal) or a discover result without 2026-07-28, runs `initialize` on the same connection.
    public func connect(_ preference: ProtocolPreference) async throws {
        switch preference {
        case .handshake:
            try await initialize()
        case .handshakeFirst:
            do {
                try await initialize()
            } catch let error as ResponseError {
                logger.info("initialize refused: \(error.message); asking server/discover")
                let discovered = try await discover(timeout: configuration.requestTimeout)
                guard discovered.isModern else { throw error }
                adopt(discovered)
            }
        case .stateless:
            let discovered: DiscoverResult
            do {
                discovered = try await discover(timeout: configuration.requestTimeout)
            } catch let error as ResponseError {
                throw notModern("server/discover answered \(error.message) (error \(error.code))")
            } catch let error as SessionError where closingError == nil {
                throw notModern("server/discover failed: \(error.message)", cause: error)
            }
            guard discovered.isModern else {
                throw SessionError(
                    .unsupported,
                    "the server does not speak protocol 2026-07-28 (it lists "
                        + discovered.supportedVersions.joined(separator: ", ") + "); use --protocol auto")
            }
            adopt(discovered)
        case .auto:
            if let discovered = try await probe(), discovered.isModern {
                adopt(discovered)
                return
            }
            do {
                try await initialize()
            } catch let error as ResponseError where Self.servesModern(error) {
                // The probe gave up (a server slow to start), but the server took it: its connection now
                // serves 2026-07-28 and says so (FastMCP 4: -32022 listing 2026-07-28). Ask again, patiently.
                logger.info("initialize refused: \(error.message); asking server/discover again")
                let discovered = try await discover(timeout: configuration.requestTimeout)
                guard discovered.isModern else { throw error }
                adopt(discovered)
            }
        }
    }

    /// A -32022 whose `data.supported` lists 2026-07-28: the connection serves the stateless protocol.
    static func servesModern(_ error: ResponseError) -> Bool {
        error.code == .unsupportedProtocolVersion
            && (error.data?["supported"]?.arrayValue?.contains(.string(ProtocolVersion.rev20260728)) ?? false)
    }

    /// `cause`, when a local failure is why, lends its details and transport error to the new one.
    private func notModern(_ why: String, cause: SessionError? = nil) -> SessionError {
        var error = SessionError(
            .unsupported,
            "the server does not speak protocol 2026-07-28 (\(why)); use --protocol auto or 2025-11-25",
            details: cause?.details ?? [])
        error.transportError = cause?.transportError
        return error
    }

    /// server/discover as a probe: the result, or nil when the answer says "not a 2026-07-28 server".
    private func probe() async throws -> DiscoverResult? {
        // The whole request timeout: a Python server's first start (cold imports) can take half a minute, and
        // servers answer an unknown method with an error at once; one that stays silent costs this wait.
        do {
            let discovered = try await discover(timeout: configuration.requestTimeout)
            if !discovered.isModern {
                let versions = discovered.supportedVersions.joined(separator: ", ")
                logger.info("server/discover lists only \(versions); using the initialize handshake")
            }
            return discovered
        } catch let error as ResponseError {
            logger.info("server/discover answered \(error.message) (\(error.code)); using the initialize handshake")
            return nil
        } catch let error as SessionError where closingError == nil {
            // The connection is still up: an HTTP refusal of the probe, no answer in time, or an answer that
            // is no DiscoverResult.
            logger.info("server/discover failed (\(error.message)); using the initialize handshake")
            return nil
        }
    }

    private func discover(timeout: Duration) async throws -> DiscoverResult {
        try await send(DiscoverRequest(), timeout: timeout, envelope: defaultEnvelope)
    }

    private func adopt(_ discovered: DiscoverResult) {
        state.withLock { $0.discoverResult = discovered }
        let who = discovered.serverInfo.map { "\($0.name) \($0.version)" } ?? "the server"
        logger.info("connected to \(who), protocol 2026-07-28 (stateless), task wire: \(wire.name)")
    }

    /// What the server answered to `server/discover`, when it speaks 2026-07-28.
    public var discoverResult: DiscoverResult? { state.withLock { $0.discoverResult } }

    /// Who the server is and how it speaks; nil before connecting.
    public var serverSummary: ServerSummary? {
        let wire = self.wire
        var features: [String] = []
        if wire.runsToolCallsAsTasks { features.append("tools/call") }
        if wire.canList { features.append("list") }
        if wire.canCancel { features.append("cancel") }
        if let discovered = discoverResult {
            return ServerSummary(
                serverInfo: discovered.serverInfo, protocolVersion: ProtocolVersion.rev20260728,
                taskWire: wire.name, taskFeatures: features, capabilities: discovered.capabilities)
        }
        guard let initialized = initializeResult else { return nil }
        let hasTasks = ProtocolVersion.hasCoreTasks(initialized.protocolVersion)
        return ServerSummary(
            serverInfo: initialized.serverInfo, protocolVersion: initialized.protocolVersion,
            taskWire: hasTasks ? wire.name : "none (protocol \(initialized.protocolVersion) has no tasks)",
            taskFeatures: features,
            capabilities: (try? JSONValueEncoder.encode(initialized.capabilities)) ?? [:])
    }
}
