import Logging
import MCPClient
import MCPCore
import MCPRender
import MCPTransport

/// What a command needs to talk to its server: the resolved target, logging, output style, interrupts.
struct CommandContext: Sendable {
    let options: ServerOptions
    let target: ServerTarget
    let logger: Logger
    let style: Style
    let environment: [String: String]
    let interrupts: Interrupts
    let tracer: (any MessageTracer)?

    init(options: ServerOptions, command: [String]) throws {
        self.options = options
        environment = FileSystem.environment()
        style = Style.resolve(
            choice: options.color.rawValue, isTerminal: OutputStream.standardError.isTerminal,
            environment: environment)
        let level: Logger.Level = options.verbose ? .info : .warning
        let handlerStyle = style
        logger = Logger(label: "mcptask") { _ in StderrLogHandler(logLevel: level, style: handlerStyle) }
        target = try ServerResolver(environment: environment, executablePath: FileSystem.executablePath())
            .resolve(server: options.server, config: options.config, command: command)
        tracer = try options.trace.map(FileTracer.init(path:))
        interrupts = Interrupts(timeout: options.timeout?.duration)
    }

    var journal: TaskJournal { TaskJournal(environment: environment) }

    var clientConfiguration: ClientSession.Configuration {
        ClientSession.Configuration(
            clientInfo: Implementation(name: "mcptask", version: MCPTaskVersion.current),
            requestTimeout: options.requestTimeout.duration)
    }

    /// Connects, initializes, and runs `body` with the session; the connection is closed afterwards.
    /// Over HTTP, `resuming` rejoins an existing session (tasks are scoped to it), and `keepSession` leaves
    /// the session open at the end because tasks in it must stay reachable.
    func withSession<Value: Sendable>(
        resuming sessionID: String? = nil, keepSession: Bool = false,
        _ body: @escaping @Sendable (ClientSession) async throws -> Value
    ) async throws -> Value {
        switch target {
        case .stdio(let command, _):
            let stdioOptions = StdioOptions(maximumFrameSize: options.maxFrameSize)
            return try await StdioTransport.withConnection(to: command, options: stdioOptions, logger: logger) {
                [self] connection in
                try await initialized(over: connection, body)
            }
        case .http(let url, let configured, _):
            let headers =
                try configured.map {
                    ($0.key, try HeaderArguments.expand($0.value, environment: environment, header: $0.key))
                }
                + HeaderArguments.parse(options.header, environment: environment)
            let endpoint = HTTPEndpoint(url: url, headers: headers, sessionID: sessionID, keepSession: keepSession)
            let httpOptions = HTTPOptions(
                connectTimeout: options.requestTimeout.duration, maximumMessageSize: options.maxFrameSize)
            return try await HTTPTransport.withConnection(to: endpoint, options: httpOptions, logger: logger) {
                [self] connection in
                try await initialized(over: connection, body)
            }
        case .session(let name):
            let paths = try SessionPaths(name: name, environment: environment)
            return try await viaSession(paths) { [self] connection in
                if OutputStream.standardError.isTerminal || Self.commandLineCarriesAnswers {
                    // Lets the session route elicitations here when the task's owner is gone: a person at a
                    // terminal, or answers given with --answer/--answers, can answer them.
                    let notice = JSONRPCMessage.notification(
                        method: SessionLink.terminalNotice, params: nil, envelopeMeta: nil)
                    try await connection.send(notice.encoded())
                }
                return try await initialized(over: connection, body)
            }
        }
    }

    /// A session over `transport`, initialized, running `body`: the same whatever the transport.
    private func initialized<Value: Sendable>(
        over transport: any MessageTransport, _ body: @escaping @Sendable (ClientSession) async throws -> Value
    ) async throws -> Value {
        try await withClientSession(
            transport: transport, configuration: clientConfiguration, logger: logger, tracer: tracer
        ) { session in
            try await session.connect(options.protocol.preference)
            return try await body(session)
        }
    }
}

extension ProtocolChoice {
    /// How the session connects: probe for 2026-07-28 first, or speak one generation only.
    var preference: ProtocolPreference {
        switch self {
        case .auto: return .auto
        case .v2025: return .handshake
        case .v2026: return .stateless
        }
    }
}

extension CommandContext {
    /// Whether this command was given elicitation answers (--answer, --answers).
    static var commandLineCarriesAnswers: Bool {
        CommandLine.arguments.prefix { $0 != "--" }.contains { argument in
            argument == "--answer" || argument == "--answers" || argument.hasPrefix("--answer=")
                || argument.hasPrefix("--answers=")
        }
    }

    /// Connects to the background session at `paths`, explaining a session that is not there or has ended.
    fileprivate func viaSession<Value: Sendable>(
        _ paths: SessionPaths, _ body: @escaping @Sendable (SocketConnection) async throws -> Value
    ) async throws -> Value {
        let name = paths.name
        guard let record = SessionRecord.read(paths.record) else {
            throw CommandFailure(
                status: .connection,
                message: "there is no session '\(name)'; start one with mcptask session start \(name) -s SERVER "
                    + "(or -- COMMAND)")
        }
        if record.state == .exited || !record.isAlive {
            throw CommandFailure(
                status: .connection,
                message: "session '\(name)' has ended"
                    + (record.message.map { ": \($0)" } ?? " (its process is gone)")
                    + "; see mcptask session logs \(name)")
        }
        do {
            return try await UnixSocket.withConnection(to: paths.socket, maximumFrameSize: options.maxFrameSize, body)
        } catch let error as SessionError where error.kind == .transport {
            // Say why the session went away, when it wrote it down.
            if let ended = SessionRecord.read(paths.record), ended.state == .exited, let why = ended.message {
                throw CommandFailure(status: .connection, message: "session '\(name)' ended: \(why)")
            }
            throw error
        }
    }
}
