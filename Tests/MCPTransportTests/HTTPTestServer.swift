import MCPCore
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// One request as the test server received it.
struct RecordedRequest: Sendable {
    var method: String
    var path: String
    var headers: HTTPHeaders
    var body: [UInt8]
    var receivedAt: ContinuousClock.Instant

    func header(_ name: String) -> String? { headers.first(name: name) }
    var text: String { String(decoding: body, as: UTF8.self) }
    /// The JSON-RPC `method` of the body, if it has one.
    var rpcMethod: String? { (try? JSONParser.parse(body))?["method"]?.stringValue }
    var isGET: Bool { method == "GET" }
}

/// What the server has been stopped with, for waits that can no longer be satisfied.
struct HTTPTestServerStopped: Error {}

/// An in-process HTTP/1.1 server on 127.0.0.1 whose every answer is scripted by the test: each request is
/// handed to an async handler that writes the head, the body in chunks over time, ends it, drops the
/// connection or stalls until the server stops. Every request is recorded, and the test can wait for one.
final class HTTPTestServer: Sendable {
    typealias Handler = @Sendable (RecordedRequest, HTTPResponder) async -> Void

    private struct Waiter {
        var predicate: @Sendable (RecordedRequest) -> Bool
        var continuation: CheckedContinuation<RecordedRequest, any Error>
    }

    private struct State {
        var requests: [RecordedRequest] = []
        var waiters: [Waiter] = []
        var stallers: [CheckedContinuation<Void, Never>] = []
        var connections: [any Channel] = []
        var handlers: [Task<Void, Never>] = []
        var stopped = false
    }

    let port: Int
    let url: String
    private let group: MultiThreadedEventLoopGroup
    private let listener: any Channel
    private let handler: Handler
    private let state: Mutex<State>

    private init(group: MultiThreadedEventLoopGroup, listener: any Channel, handler: @escaping Handler) {
        self.group = group
        self.listener = listener
        self.handler = handler
        self.port = listener.localAddress?.port ?? 0
        self.url = "http://127.0.0.1:\(port)/mcp"
        self.state = Mutex(State())
    }

    /// Runs `body` with a started server, and stops the server however `body` ends.
    static func with<Result>(
        _ handler: @escaping Handler, _ body: (HTTPTestServer) async throws -> Result
    ) async throws -> Result {
        let server = try await start(handler)
        do {
            let result = try await body(server)
            await server.shutdown()
            return result
        } catch {
            await server.shutdown()
            throw error
        }
    }

    static func start(_ handler: @escaping Handler) async throws -> HTTPTestServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let box = Locked<HTTPTestServer?>(nil)
        let listener = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    guard let server = box.withLock({ $0 }) else { throw HTTPTestServerStopped() }
                    server.state.withLock { $0.connections.append(channel) }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(RequestCollector(server: server))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let server = HTTPTestServer(group: group, listener: listener, handler: handler)
        box.withLock { $0 = server }
        return server
    }

    /// Every request received so far, in order of arrival.
    var requests: [RecordedRequest] { state.withLock { $0.requests } }

    /// The first request (already received or still to come) that satisfies `predicate`.
    func request(where predicate: @escaping @Sendable (RecordedRequest) -> Bool) async throws -> RecordedRequest {
        try await withCheckedThrowingContinuation { continuation in
            let outcome: Result<RecordedRequest, any Error>? = state.withLock { state in
                if let found = state.requests.first(where: predicate) { return .success(found) }
                if state.stopped { return .failure(HTTPTestServerStopped()) }
                state.waiters.append(Waiter(predicate: predicate, continuation: continuation))
                return nil
            }
            if let outcome { continuation.resume(with: outcome) }
        }
    }

    fileprivate func received(_ request: RecordedRequest, on channel: any Channel) {
        let responder = HTTPResponder(channel: channel, server: self)
        let ready = state.withLock { state -> [Waiter] in
            state.requests.append(request)
            let ready = state.waiters.filter { $0.predicate(request) }
            state.waiters.removeAll { $0.predicate(request) }
            if !state.stopped {
                let handler = self.handler
                state.handlers.append(Task { await handler(request, responder) })
            }
            return ready
        }
        for waiter in ready { waiter.continuation.resume(returning: request) }
    }

    /// Suspends until the server stops: a response that never comes.
    func stall() async {
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { state in
                if state.stopped { return true }
                state.stallers.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    /// Releases stalled handlers and waiters, closes every connection and the listener, and waits for the
    /// handlers to finish.
    func shutdown() async {
        let (stallers, waiters, connections, handlers) = state.withLock { state in
            state.stopped = true
            defer {
                state.stallers = []
                state.waiters = []
                state.connections = []
            }
            return (state.stallers, state.waiters, state.connections, state.handlers)
        }
        for staller in stallers { staller.resume() }
        for waiter in waiters { waiter.continuation.resume(throwing: HTTPTestServerStopped()) }
        for connection in connections { try? await connection.close() }
        try? await listener.close()
        for handler in handlers { await handler.value }
        try? await group.shutdownGracefully()
    }
}

/// A value shared between a handler and its test.
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    func withLock<R>(_ body: (inout Value) -> R) -> R { mutex.withLock { body(&$0) } }
}

/// Writes one scripted response. Writes to a connection that is gone are ignored.
struct HTTPResponder: Sendable {
    let channel: any Channel
    let server: HTTPTestServer

    func head(_ status: HTTPResponseStatus, _ headers: [(String, String)] = []) async {
        let head = HTTPResponseHead(version: .http1_1, status: status, headers: HTTPHeaders(headers))
        try? await channel.writeAndFlush(HTTPServerResponsePart.head(head)).get()
    }

    func write(_ text: String) async {
        try? await channel.writeAndFlush(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(string: text)))).get()
    }

    func end() async {
        try? await channel.writeAndFlush(HTTPServerResponsePart.end(nil)).get()
    }

    /// Drops the connection, mid-body if one is being written.
    func closeConnection() async {
        try? await channel.close()
    }

    /// A complete response with a `Content-Length`.
    func respond(_ status: HTTPResponseStatus, _ headers: [(String, String)] = [], body: String = "") async {
        await head(status, headers + [("Content-Length", "\(body.utf8.count)")])
        if !body.isEmpty { await write(body) }
        await end()
    }

    func json(_ body: String, status: HTTPResponseStatus = .ok, _ headers: [(String, String)] = []) async {
        await respond(status, [("Content-Type", "application/json")] + headers, body: body)
    }

    /// Starts a `text/event-stream` response; write events with `write` and finish with `end`.
    func startEvents(_ headers: [(String, String)] = []) async {
        await head(.ok, [("Content-Type", "text/event-stream"), ("Cache-Control", "no-cache")] + headers)
    }

    func stall() async { await server.stall() }
}

/// Gathers a request's head and body, then hands it to the server.
private final class RequestCollector: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart

    let server: HTTPTestServer
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(server: HTTPTestServer) { self.server = server }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
        case .body(let buffer):
            body.append(contentsOf: buffer.readableBytesView)
        case .end:
            guard let head else { return }
            let request = RecordedRequest(
                method: head.method.rawValue, path: head.uri, headers: head.headers, body: body,
                receivedAt: .now)
            self.head = nil
            server.received(request, on: context.channel)
        }
    }
}
