import Logging
import MCPClient
import MCPCore
import MCPRender
import MCPTransport

/// What a command needs to talk to its server: the resolved target, logging, output style, the console,
/// interrupts.
package struct CommandContext: Sendable {
    package let settings: ConnectionSettings
    package let target: ServerTarget
    package let logger: Logger
    package let style: Style
    package let console: Console
    /// The environment variables.
    package let environment: [String: String]
    package let interrupts: Interrupts
    package let tracer: (any MessageTracer)?
    /// The program's signals, for whatever must react to them besides `interrupts` (a question on the
    /// terminal takes Ctrl-C).
    package let signals: SignalRouter
    /// Whether the command was given elicitation answers (--answer, --answers).
    package let carriesAnswers: Bool
    /// The child processes (a stdio server's group), ended before a forced exit.
    package let children: ChildProcesses
    /// See CommandEnvironment.interactiveLogin.
    package let interactiveLogin: (@Sendable (_ offer: LoginOffer, _ console: Console) async -> Bool)?
    /// Told the process id of a stdio server once it runs; set, the server also starts without a terminal
    /// (shell completion kills its process group when its time is up).
    package var serverStarted: (@Sendable (Int32) -> Void)?
    /// The task journal, reporting on the console; one for the command, so each warning is said once.
    package let journal: TaskJournal

    /// `listensForSignals: false` gives interrupts that only --timeout triggers (the REPL routes Ctrl-C).
    package init(settings: ConnectionSettings, environment: CommandEnvironment, listensForSignals: Bool = true) throws {
        self.settings = settings
        self.environment = environment.variables
        console = environment.console
        signals = environment.signals
        carriesAnswers = environment.carriesAnswers
        style = Style.resolve(
            choice: settings.color.rawValue, isTerminal: console.stderr.isTerminal,
            environment: environment.variables)
        let level: Logger.Level = settings.verbose ? .info : .warning
        let (handlerStyle, stderr) = (style, console.stderr)
        logger = Logger(label: "mcptask") { _ in StderrLogHandler(logLevel: level, style: handlerStyle, stream: stderr)
        }
        target = try ServerResolver(environment: environment.variables, executablePath: environment.executablePath)
            .resolve(server: settings.server, config: settings.config, command: environment.serverCommand)
        tracer = try settings.trace.map { try FileTracer(path: $0, standardError: stderr) }
        children = environment.children
        interactiveLogin = environment.interactiveLogin
        interrupts = Interrupts(
            timeout: settings.timeout?.duration, signals: listensForSignals ? environment.signals : nil,
            children: environment.children)
        journal = environment.journal(style: style)
    }

    /// A copy with interrupts of its own (one REPL command's --timeout) and, when given, another tracer.
    package init(copying base: CommandContext, interrupts: Interrupts, tracer: (any MessageTracer)?? = nil) {
        settings = base.settings
        target = base.target
        logger = base.logger
        style = base.style
        console = base.console
        environment = base.environment
        signals = base.signals
        carriesAnswers = base.carriesAnswers
        children = base.children
        interactiveLogin = base.interactiveLogin
        self.interrupts = interrupts
        self.tracer = tracer ?? base.tracer
        journal = base.journal
    }

    /// An HTTP header as the transport takes it.
    typealias Header = (name: String, value: String)

    package var clientConfiguration: ClientSession.Configuration {
        ClientSession.Configuration(
            clientInfo: Implementation(name: "mcptask", version: MCPTaskVersion.current),
            requestTimeout: settings.requestTimeout.duration, strict: settings.strict)
    }

    /// Connects, initializes, and runs `body` with the session; the connection is closed afterwards.
    /// Over HTTP, `resuming` rejoins a recorded session (tasks are scoped to it) without initializing again
    /// when the journal recorded its handshake. The session is left open at the end when `keepSession` says
    /// so, or when the journal holds a task of it that has not expired; otherwise it is closed with DELETE.
    package func withSession<Value: Sendable>(
        resuming recorded: RecordedSession? = nil, keepSession: Bool = false,
        _ body: @escaping @Sendable (ClientSession) async throws -> Value
    ) async throws -> Value {
        switch target {
        case .stdio(let command, _):
            var stdioOptions = StdioOptions(maximumFrameSize: settings.maxFrameSize)
            stdioOptions.detachedFromTerminal = serverStarted != nil
            stdioOptions.processObserver = { [children] group, running in
                if running { children.add(group) } else { children.remove(group) }
            }
            return try await StdioTransport.withConnection(to: command, options: stdioOptions, logger: logger) {
                [self] connection in
                serverStarted?(connection.processID)
                return try await initialized(over: connection, body)
            }
        case .http(let url, let configured, _):
            // A config file's headers arrive with their variables expanded (ServerConfigFile).
            let headers: [Header] =
                configured.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
                + (try HeaderArguments.parse(settings.header, environment: environment))
            return try await authorized(url: url, headers: headers) { [self] headers, reauthorization in
                try await overHTTP(
                    url: url, headers: headers, reauthorization: reauthorization, resuming: recorded,
                    keepSession: keepSession, body)
            }
        case .session(let name):
            let paths = try SessionPaths(name: name, environment: environment)
            return try await viaSession(paths) { [self] connection in
                try await initialized(over: connection, body)
            }
        }
    }

    /// One HTTP connection with `headers`, initialized or rejoined, running `body`; a 403 to any of its
    /// requests goes to `reauthorization` (a step-up of the stored login).
    private func overHTTP<Value: Sendable>(
        url: String, headers: [Header], reauthorization: Reauthorization?, resuming recorded: RecordedSession?,
        keepSession: Bool,
        _ body: @escaping @Sendable (ClientSession) async throws -> Value
    ) async throws -> Value {
        let endpoint = HTTPEndpoint(
            url: url, headers: headers, sessionID: recorded?.sessionID, keepSession: keepSession)
        let httpOptions = HTTPOptions(
            connectTimeout: settings.requestTimeout.duration, maximumMessageSize: settings.maxFrameSize)
        return try await HTTPTransport.withConnection(to: endpoint, options: httpOptions, logger: logger) {
            [self] connection in
            defer { keepIfItHoldsTasks(connection) }
            if let reauthorization { connection.reauthorizes(with: reauthorization) }
            // A session of our own that expires is replaced, unless it holds tasks (they went with it);
            // a rejoined session that is gone is reported, with its task.
            if recorded == nil {
                let (journal, console) = (self.journal, self.console)
                connection.renewsExpiredSession { expired in
                    !journal.entries(now: console.now()).contains { $0.sessionId == expired }
                }
            }
            return try await initialized(over: connection, rejoining: recorded?.initialized, body)
        }
    }

    /// A session over `transport`, initialized (or rejoined, when the handshake of a recorded session is
    /// given), running `body`: the same whatever the transport.
    private func initialized<Value: Sendable>(
        over transport: any MessageTransport, rejoining recorded: InitializeResult? = nil,
        _ body: @escaping @Sendable (ClientSession) async throws -> Value
    ) async throws -> Value {
        try await withClientSession(
            transport: transport, configuration: clientConfiguration, logger: logger, tracer: tracer
        ) { session in
            if let recorded {
                await session.rejoin(recorded)
                return try await body(session)
            }
            // Completion (a server watched for its deadline) asks initialize first: a server that never answers
            // the server/discover probe would cost the whole limit.
            let preference =
                settings.protocol == .auto && serverStarted != nil ? .handshakeFirst : settings.protocol.preference
            try await session.connect(preference)
            return try await body(session)
        }
    }

    /// A session with a task in the journal that has not expired stays open, so later commands reach the
    /// task (a foreground call's finished task included: `result last`).
    private func keepIfItHoldsTasks(_ connection: HTTPConnection) {
        guard let sessionID = connection.sessionID else { return }
        if journal.entries(now: console.now()).contains(where: { $0.sessionId == sessionID }) {
            connection.keepSessionOpen()
        }
    }
}

extension ProtocolChoice {
    /// How the session connects: probe for 2026-07-28 first, or speak one generation only.
    package var preference: ProtocolPreference {
        switch self {
        case .auto: return .auto
        case .v2025: return .handshake
        case .v2026: return .stateless
        }
    }
}

extension CommandContext {
    /// Tells a background session that this command takes questions, once its question handler is in place:
    /// `always` for a call in the foreground (its own tasks' questions are its to answer or decline), else only
    /// with a person at a terminal or answers given with --answer/--answers. The session routes questions
    /// only to commands that took them, the task's owner first. Nothing is said to any other server.
    package func offerAnswers(on session: ClientSession, always: Bool = false) async {
        guard case .session = target, always || console.isInteractive || carriesAnswers else { return }
        try? await session.sendNotification(method: SessionMethods.terminalNotice, params: nil)
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
            return try await UnixSocket.withConnection(to: paths.socket, maximumFrameSize: settings.maxFrameSize, body)
        } catch let error as SessionError where error.kind == .transport {
            // Say why the session went away, when it wrote it down.
            if let ended = SessionRecord.read(paths.record), ended.state == .exited, let why = ended.message {
                throw CommandFailure(status: .connection, message: "session '\(name)' ended: \(why)")
            }
            throw error
        }
    }
}
