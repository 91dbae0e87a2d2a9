import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// The redirect target of one authorization: an HTTP listener on 127.0.0.1 with a port the system picks (or
/// the one asked for: a registration's or a configured callback port), answering the first `GET /callback` and
/// handing over its query. It never binds anything but loopback.
final class LoopbackListener: Sendable {
    let port: Int
    private let channel: any Channel
    private let arrival: Arrival

    var redirectURI: String { "http://127.0.0.1:\(port)/callback" }

    private init(channel: any Channel, arrival: Arrival) {
        self.channel = channel
        self.arrival = arrival
        port = channel.localAddress?.port ?? 0
    }

    /// Listens on `port`, or on one the system picks when it is 0.
    static func start(port: Int = 0) async throws(AuthFailure) -> LoopbackListener {
        let arrival = Arrival()
        do {
            let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                // A registration's port is bound again by the next login while the last one's connections
                // may still be in TIME_WAIT.
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                        try channel.pipeline.syncOperations.addHandler(CallbackHandler(arrival: arrival))
                    }
                }
                .bind(host: "127.0.0.1", port: port).get()
            return LoopbackListener(channel: channel, arrival: arrival)
        } catch {
            let which = port == 0 ? "" : " port \(port)"
            throw AuthFailure(
                .abandoned, "cannot listen on 127.0.0.1\(which) for the authorization redirect: \(error)")
        }
    }

    /// The redirect's query parameters, or nil when none came within `limit`.
    func waitForRedirect(limit: Duration) async -> [String: String]? {
        await withTaskGroup(of: [String: String]?.self) { group in
            group.addTask { await self.arrival.value() }
            group.addTask {
                try? await Task.sleep(for: limit)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            arrival.fulfil(nil)
            return first
        }
    }

    func close() async { try? await channel.close() }
}

/// The first redirect's parameters, handed from the event loop to the waiting task once.
final class Arrival: Sendable {
    private struct State {
        var value: [String: String]??
        var waiter: CheckedContinuation<[String: String]?, Never>?
    }
    private let state = Mutex(State())

    func fulfil(_ value: [String: String]?) {
        let waiter = state.withLock { state -> CheckedContinuation<[String: String]?, Never>? in
            guard state.value == nil else { return nil }
            state.value = .some(value)
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: value)
    }

    func value() async -> [String: String]? {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> [String: String]?? in
                if let value = state.value { return .some(value) }
                state.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    var isFulfilled: Bool { state.withLock { $0.value != nil } }
}

private final class CallbackHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let arrival: Arrival

    init(arrival: Arrival) { self.arrival = arrival }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(let head) = unwrapInboundIn(data) else { return }
        let (path, query) = Self.split(head.uri)
        let status: HTTPResponseStatus
        let text: String
        if head.method == .GET && path == "/callback" && !arrival.isFulfilled {
            let parameters = FormEncoding.decode(query)
            arrival.fulfil(parameters)
            status = .ok
            text =
                parameters["code"] != nil
                ? "mcptask: authorization received; you can close this page and return to the terminal."
                : "mcptask: the authorization was not granted; see the terminal."
        } else {
            status = .notFound
            text = "mcptask: nothing here."
        }
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
        headers.add(name: "Content-Length", value: "\(text.utf8.count)")
        headers.add(name: "Connection", value: "close")
        context.write(
            wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))),
            promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: text)))), promise: nil)
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
        written.futureResult.whenComplete { [channel = context.channel] _ in channel.close(promise: nil) }
    }

    static func split(_ uri: String) -> (String, String) {
        guard let mark = uri.firstIndex(of: "?") else { return (uri, "") }
        return (String(uri[..<mark]), String(uri[uri.index(after: mark)...]))
    }
}
