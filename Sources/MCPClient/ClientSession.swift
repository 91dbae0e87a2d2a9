import Logging
import MCPCore
import Synchronization

/// One MCP session over any `MessageTransport`: request/response correlation, server requests, and
/// notifications as async streams. Create it with `withClientSession`.
public final class ClientSession: Sendable {
    public struct Configuration: Sendable {
        public var clientInfo: Implementation
        public var capabilities: ClientCapabilities
        /// The limit for requests that should answer promptly; never applied to tasks/result.
        public var requestTimeout: Duration
        /// Any protocol violation ends the session (exit 5) instead of being warned about and skipped.
        public var strict: Bool

        public init(
            clientInfo: Implementation, capabilities: ClientCapabilities = .mcptask,
            requestTimeout: Duration = .seconds(60), strict: Bool = false
        ) {
            self.clientInfo = clientInfo
            self.capabilities = capabilities
            self.requestTimeout = requestTimeout
            self.strict = strict
        }
    }

    let transport: any MessageTransport
    public let configuration: Configuration
    public let logger: Logger
    let tracer: (any MessageTracer)?
    let pending = PendingTable<RequestID, JSONValue>()
    let deadlines = RequestDeadlines()
    let hub = NotificationHub()
    let state = Mutex(MutableState())

    struct MutableState {
        var nextID = 1
        var initializeResult: InitializeResult?
        /// Set instead of `initializeResult` when the server speaks 2026-07-28.
        var discoverResult: DiscoverResult?
        var elicitationHandler: ElicitationHandler?
        /// Receives every inbound notification frame verbatim (a background session forwards them).
        var notificationTap: (@Sendable ([UInt8]) -> Void)?
        /// The kinds of unreadable message already warned about: one warning per kind, not per message.
        var warnedAbout: Set<String> = []
        /// Every message skipped so far, as (kind, detail).
        var skipped: [(kind: String, detail: String)] = []
    }

    init(
        transport: any MessageTransport, configuration: Configuration, logger: Logger, tracer: (any MessageTracer)?
    ) {
        self.transport = transport
        self.configuration = configuration
        self.logger = logger
        self.tracer = tracer
    }

    /// The transport's own session id (HTTP `Mcp-Session-Id`), which tasks may be scoped to.
    public var transportSessionID: String? { transport.sessionID }

    /// Why the session ended, once it has.
    public var closingError: (any Error)? { pending.closedError }

    /// What the server answered to `initialize`, once initialized.
    public var initializeResult: InitializeResult? { state.withLock { $0.initializeResult } }

    /// Installs the answerer for `elicitation/create`; without one, elicitations are declined.
    public func setElicitationHandler(_ handler: ElicitationHandler?) {
        state.withLock { $0.elicitationHandler = handler }
    }

    /// A stream of every notification from now on, until the session ends.
    public func notifications() -> AsyncStream<ServerNotification> { hub.subscribe() }

    /// The messages skipped so far as unreadable, as (kind, detail), in order; later ones come as
    /// `.unreadable` notifications numbered from here.
    public var skippedMessages: [(kind: String, detail: String)] { state.withLock { $0.skipped } }

    /// Hands every inbound notification frame, verbatim, to `tap` (besides the typed streams).
    public func setNotificationTap(_ tap: (@Sendable ([UInt8]) -> Void)?) {
        state.withLock { $0.notificationTap = tap }
    }

    /// Sends a notification given as method and params (one a background session forwards).
    public func sendNotification(method: String, params: JSONValue?) async throws {
        try await write(.notification(method: method, params: params, envelopeMeta: nil))
    }

    /// Sends a typed request and decodes its typed answer.
    public func send<Request: MCPRequest>(
        _ request: Request, timeout: Duration?, envelope: RequestEnvelope? = nil, tellServerOnCancel: Bool = true
    ) async throws -> Request.Response {
        let params = try JSONValueEncoder.encode(request)
        let result = try await sendRequest(
            method: Request.method, params: params, timeout: timeout, envelope: envelope,
            tellServerOnCancel: tellServerOnCancel)
        return try Self.decodeAnswer(to: Request.self, from: result)
    }

    /// Sends a typed request whose answer goes to `handler` instead of a waiting task (`forward`, typed). For
    /// a request kept open for a task's whole life (tasks/result), hundreds at once: each costs a pending
    /// slot, not a suspended task. No timeout. The answer is decoded, and the handler run, in a short task of
    /// its own: it arrives on the receive loop, and a large result (a tool's file or image) would hold up
    /// every other message while it is read. Nil when the session has ended (the handler has been told).
    func send<Request: MCPRequest>(
        _ request: Request, answer handler: @escaping @Sendable (Result<Request.Response, any Error>) -> Void
    ) throws -> ForwardedRequest? {
        forward(method: Request.method, params: try JSONValueEncoder.encode(request)) { answer in
            Task {
                handler(answer.flatMap { result in Result { try Self.decodeAnswer(to: Request.self, from: result) } })
            }
        }
    }

    private static func decodeAnswer<Request: MCPRequest>(to request: Request.Type, from result: JSONValue) throws
        -> Request.Response
    {
        do {
            return try JSONValueDecoder.decode(Request.Response.self, from: result)
        } catch {
            throw SessionError(
                .protocolViolation, "the server's answer to \(describe(error, method: Request.method))")
        }
    }

    /// Sends a typed request with the configured request timeout.
    public func send<Request: MCPRequest>(_ request: Request) async throws -> Request.Response {
        try await send(request, timeout: configuration.requestTimeout)
    }

    /// Sends a notification.
    public func notify<Notification: MCPNotification>(_ notification: Notification) async throws {
        let params = try JSONValueEncoder.encode(notification)
        let empty = params.objectValue?.isEmpty ?? false
        try await write(.notification(method: Notification.method, params: empty ? nil : params, envelopeMeta: nil))
    }

    /// Sends a raw request and waits for its result, at most `timeout` when given. Cancelling the calling
    /// task abandons the request and, unless `tellServerOnCancel` is false, tells the server with
    /// notifications/cancelled. On the 2026-07-28 wire every request carries the envelope in
    /// `params._meta` (`envelope`, else the session's default).
    public func sendRequest(
        method: String, params: JSONValue?, timeout: Duration?, envelope: RequestEnvelope? = nil,
        tellServerOnCancel: Bool = true
    ) async throws -> JSONValue {
        let (id, params) = try openRequest(params: params, envelope: envelope)
        try await writeRequest(id, method: method, params: params)
        do {
            guard let timeout else { return try await pending.wait(id) }
            return try await waitWithDeadline(id, method: method, timeout: timeout)
        } catch is CancellationError {
            if tellServerOnCancel {
                try? await notify(CancelledNotification(requestId: id, reason: "cancelled by the user"))
            } else {
                pending.cancel(id, with: CancellationError())
            }
            throw CancellationError()
        }
    }

    /// A fresh id with its pending slot open (so an answer that beats the wait is kept), and the params as
    /// sent: on the 2026-07-28 wire stamped with the envelope.
    func openRequest(params: JSONValue?, envelope: RequestEnvelope?) throws -> (RequestID, JSONValue?) {
        // A request that already carries an envelope (forwarded by a background session) keeps its own.
        let enveloped = params?["_meta"]?[MetaKey.protocolVersion] != nil
        let stamp = envelope ?? (enveloped || state.withLock { $0.discoverResult } == nil ? nil : defaultEnvelope)
        let id = RequestID.int(
            state.withLock { state in
                defer { state.nextID += 1 }
                return state.nextID
            })
        try pending.prepare(id)
        return (id, stamp.map { $0.stamp(params) } ?? params)
    }

    /// Writes a request whose slot is open; a failed write closes the slot.
    func writeRequest(_ id: RequestID, method: String, params: JSONValue?) async throws {
        do {
            try await write(.request(id: id, method: method, params: params, envelopeMeta: nil))
        } catch {
            pending.cancel(id, with: error)
            throw error
        }
    }

    private func waitWithDeadline(_ id: RequestID, method: String, timeout: Duration) async throws -> JSONValue {
        deadlines.add(id, at: .now + timeout) { [pending] in
            // As an answer, not a give-up: the deadline can pass before the wait begins, and the wait must
            // then still see the timeout (an answer that came first wins).
            pending.resolve(id, with: .failure(RequestDeadlines.Expired()))
        }
        defer { deadlines.remove(id) }
        do {
            return try await pending.wait(id)
        } catch is RequestDeadlines.Expired {
            try? await notify(CancelledNotification(requestId: id, reason: "timed out"))
            throw SessionError(.timeout, "the server did not answer \(method) within \(timeout.humanReadable)")
        }
    }

    func write(_ message: JSONRPCMessage) async throws {
        let frame = message.encoded()
        tracer?.record(.outbound, frame)
        do {
            try await transport.send(frame)
        } catch {
            throw pending.closedError ?? SessionError(error)
        }
    }
}

extension Duration {
    /// `1.5s`, `2m`, `250ms`: short and readable.
    public var humanReadable: String {
        let milliseconds = components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
        if milliseconds < 1000 { return "\(milliseconds)ms" }
        if milliseconds % 60_000 == 0 { return "\(milliseconds / 60_000)m" }
        if milliseconds % 1000 == 0 { return "\(milliseconds / 1000)s" }
        return "\(milliseconds / 1000).\(milliseconds % 1000 / 100)s"
    }
}
