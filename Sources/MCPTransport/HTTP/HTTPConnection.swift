import AsyncHTTPClient
import Logging
import MCPCore
import NIOCore
import NIOHTTP1
import Synchronization

/// A live Streamable HTTP connection (MCP 2025-11-25): one POST per outgoing message, answered with JSON
/// or an SSE stream, plus the standalone GET stream; every stream feeds the one `inbound` channel.
/// Valid only inside `HTTPTransport.withConnection`.
public final class HTTPConnection: MessageTransport {
    public let inbound = FrameChannel()
    let endpoint: HTTPEndpoint
    let options: HTTPOptions
    let client: HTTPClient
    let logger: Logger
    let jobs: AsyncStream<@Sendable () async -> Void>.Continuation
    let state: Mutex<State>

    struct State {
        var sessionID: String?
        var protocolVersion: String?
        var standaloneStreamStarted = false
        var closing = false
        /// Set when the session must outlive this command (tasks created in it stay reachable).
        var keepsSession = false
        /// The `initialize` request as first sent, to start a new session when the server forgets this one.
        var initializeFrame: [UInt8]?
        /// Whether an expired session (404) may be replaced by a new one, told the expired session's id.
        var renewal: (@Sendable (String) -> Bool)?
        /// The session already replaced once: a second expiry is reported, not renewed.
        var renewed = false
        /// Answers a 403 with a new Authorization header (HTTPConnection+Reauthorization).
        var reauthorization: Reauthorization?
        /// A 403 was answered once already on this connection: the next one is final.
        var reauthorized = false
        /// The Authorization header value a step-up got, sent instead of the endpoint's from then on.
        var authorization: String?
        /// Event ids already handled, so a replayed event is never handled twice.
        var recentEventIDs = RecentIDs(limit: 4096)
    }

    init(
        endpoint: HTTPEndpoint, options: HTTPOptions, client: HTTPClient, logger: Logger,
        jobs: AsyncStream<@Sendable () async -> Void>.Continuation
    ) {
        self.endpoint = endpoint
        self.options = options
        self.client = client
        self.logger = logger
        self.jobs = jobs
        self.state = Mutex(State(sessionID: endpoint.sessionID))
    }

    /// The `Mcp-Session-Id` the server gave, once it has.
    public var sessionID: String? { state.withLock { $0.sessionID } }

    /// Leaves the session open at the end of the connection instead of closing it with DELETE, because
    /// the caller knows of tasks in it that must stay reachable.
    public func keepSessionOpen() { state.withLock { $0.keepsSession = true } }

    public func send(_ frame: [UInt8]) async throws(TransportError) {
        let message = try? JSONParser.parse(frame)
        let requestID = message.flatMap(Self.requestID(in:))
        if message?["method"]?.stringValue == "initialize" { state.withLock { $0.initializeFrame = frame } }
        var request = makeRequest(.POST, accept: "application/json, text/event-stream")
        request.headers.add(name: "Content-Type", value: "application/json")
        // A 2026-07-28 request names its revision, method and target in headers that must match its body.
        for header in message.map(EnvelopeHeaders.headers(for:)) ?? [] {
            request.headers.replaceOrAdd(name: header.name, value: header.value)
        }
        request.body = .bytes(ByteBuffer(bytes: frame))
        // A request waits for its answer as long as the session lets it (a plain tool call may take long
        // before a JSON answer starts); anything else gets the connect timeout.
        let response = try await execute(request, waitingForAnswer: requestID != nil)
        let status = response.status.code
        if status == 404, let expired = request.headers.first(name: "Mcp-Session-Id"), mayRenew(expired) {
            _ = try? await response.body.collect(upTo: 64 * 1024)
            try await renewSession(expired)
            return try await send(frame)
        }
        // Only a successful answer establishes a session: some servers put a meaningless id on a refusal.
        if (200..<300).contains(status) { adoptSessionID(from: response) }
        switch status {
        case 202, 204:
            jobs.yield { _ = try? await response.body.collect(upTo: self.options.maximumMessageSize) }
        case 200..<300 where Self.isEventStream(response):
            jobs.yield { await self.readEventStream(response.body, answering: requestID) }
        case 200..<300:
            jobs.yield { await self.readJSONBody(response.body) }
        default:
            do {
                try await refused(response, requestID: requestID)
            } catch  where error.httpStatus == 403 {
                try await answerForbidden(error, resending: frame)
            }
        }
    }

    public func sessionEstablished(protocolVersion: String) async {
        let start = state.withLock { state in
            state.protocolVersion = protocolVersion
            defer { state.standaloneStreamStarted = true }
            return !state.standaloneStreamStarted
        }
        if start { jobs.yield { await self.runStandaloneStream() } }
    }

    /// A request with the headers every message carries: the user's, the session and the revision.
    func makeRequest(_ method: HTTPMethod, accept: String) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: endpoint.url)
        request.method = method
        request.headers.add(name: "Accept", value: accept)
        for header in endpoint.headers { request.headers.add(name: header.name, value: header.value) }
        applyReauthorization(to: &request)
        let (session, version) = state.withLock { ($0.sessionID, $0.protocolVersion) }
        if let session { request.headers.add(name: "Mcp-Session-Id", value: session) }
        if let version { request.headers.add(name: "MCP-Protocol-Version", value: version) }
        return request
    }

    func execute(_ request: HTTPClientRequest, waitingForAnswer: Bool = false) async throws(TransportError)
        -> HTTPClientResponse
    {
        do {
            let seconds = waitingForAnswer ? 365 * 86400 : max(1, options.connectTimeout.components.seconds)
            return try await client.execute(request, timeout: .seconds(seconds))
        } catch {
            throw HTTPFailure.unreachable(endpoint.url, error)
        }
    }

    private func adoptSessionID(from response: HTTPClientResponse) {
        guard let value = response.headers.first(name: "Mcp-Session-Id"), !value.isEmpty else { return }
        state.withLock { state in
            if state.sessionID == nil { state.sessionID = value }
        }
    }

    static func isEventStream(_ response: HTTPClientResponse) -> Bool {
        response.headers.first(name: "Content-Type")?.lowercased().hasPrefix("text/event-stream") ?? false
    }

    /// The id of an outgoing request, to know when its answer has come; nil for notifications and responses.
    static func requestID(in message: JSONValue) -> RequestID? {
        guard message["method"] != nil, let id = message["id"] else { return nil }
        return RequestID(json: id)
    }
}

/// A bounded memory of the most recent ids.
struct RecentIDs {
    let limit: Int
    private var order: [String] = []
    private var members: Set<String> = []

    init(limit: Int) { self.limit = limit }

    /// Adds `id`; false when it was already there.
    mutating func insert(_ id: String) -> Bool {
        guard members.insert(id).inserted else { return false }
        order.append(id)
        if order.count > limit { members.remove(order.removeFirst()) }
        return true
    }
}
