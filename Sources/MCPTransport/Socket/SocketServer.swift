import MCPCore
import NIOCore
import NIOPosix
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// One connection accepted by `UnixSocket.serve`: frames to it are queued on its channel, in the order
/// they are sent, without a task of its own.
public final class SocketPeer: Sendable {
    private let channel: any Channel

    init(channel: any Channel) { self.channel = channel }

    /// Queues `frame` and its newline; nothing happens once the connection has closed.
    public func send(_ frame: [UInt8]) {
        var buffer = channel.allocator.buffer(capacity: frame.count + 1)
        buffer.writeBytes(frame)
        buffer.writeInteger(UInt8(ascii: "\n"))
        channel.writeAndFlush(buffer, promise: nil)
    }
}

/// What a listener does with one connection: each frame it reads, then its end (with why, when it broke).
/// Called on the connection's event loop, one at a time and in order, so they must return quickly.
public struct SocketPeerEvents: Sendable {
    public var received: @Sendable ([UInt8]) -> Void
    public var closed: @Sendable ((any Error)?) -> Void

    public init(received: @escaping @Sendable ([UInt8]) -> Void, closed: @escaping @Sendable ((any Error)?) -> Void) {
        self.received = received
        self.closed = closed
    }
}

extension UnixSocket {
    /// Listens at `path` (replacing a stale socket file; made private to the user) until the calling task
    /// is cancelled, then closes every connection. `ready` runs once listening; `accept` once a connection
    /// is up, giving what to do with its frames.
    ///
    /// A connection costs no task: its bytes are framed in a channel handler that hands each frame to
    /// `accept`'s callbacks. A background session has a connection per attached command, hundreds at once,
    /// and a reader task, a task consuming its frames and a writer task each kept a stack per connection.
    public static func serve(
        at path: String, maximumFrameSize: Int, ready: @Sendable () -> Void,
        accept: @escaping @Sendable (SocketPeer) -> SocketPeerEvents
    ) async throws {
        let open = OpenChannels()
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelOption(.recvAllocator, value: receiveBuffers)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    guard open.add(channel) else { return channel.close(promise: nil) }
                    let handler = FrameHandler(maximumFrameSize: maximumFrameSize, accept: accept)
                    try channel.pipeline.syncOperations.addHandler(handler)
                }
            }
            .bind(unixDomainSocketPath: path, cleanupExistingSocketFile: true).get()
        _ = chmod(path, 0o600)
        ready()
        await withTaskCancellationHandler {
            try? await server.closeFuture.get()
        } onCancel: {
            server.close(promise: nil)
        }
        try? await server.close()
        for channel in open.closeAll() { try? await channel.close() }
    }

    /// A connection keeps its receive buffer between reads (NIO pools it), sized from its recent reads. NIO
    /// starts it at 2 KB, and a heaptrack found about 1 KB kept per attached command, most of what each then
    /// cost, where a command's requests are small (a tasks/get is under 200 bytes). A larger message grows
    /// the buffer as it comes.
    private static let receiveBuffers = AdaptiveRecvByteBufferAllocator(minimum: 128, initial: 256, maximum: 65536)
}

/// The connections a listener has accepted and not yet seen close, to close them when it stops.
private final class OpenChannels: Sendable {
    private let state = Mutex<(channels: [ObjectIdentifier: any Channel], closing: Bool)>(([:], false))

    /// Keeps `channel` until it closes; false once the listener is stopping.
    func add(_ channel: any Channel) -> Bool {
        let added = state.withLock { state -> Bool in
            guard !state.closing else { return false }
            state.channels[ObjectIdentifier(channel)] = channel
            return true
        }
        if added {
            channel.closeFuture.whenComplete { [self] _ in
                _ = state.withLock { $0.channels.removeValue(forKey: ObjectIdentifier(channel)) }
            }
        }
        return added
    }

    func closeAll() -> [any Channel] {
        state.withLock { state in
            state.closing = true
            return Array(state.channels.values)
        }
    }
}

/// Frames one connection's bytes into lines for its `SocketPeerEvents`. A line over the cap closes the
/// connection: skipping it could lose a request whose command would wait for its answer for ever.
private final class FrameHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private var framer: LineFramer
    private let accept: @Sendable (SocketPeer) -> SocketPeerEvents
    private var events: SocketPeerEvents?
    private var failure: (any Error)?

    init(maximumFrameSize: Int, accept: @escaping @Sendable (SocketPeer) -> SocketPeerEvents) {
        self.framer = LineFramer(maximumFrameSize: maximumFrameSize)
        self.accept = accept
    }

    func channelActive(context: ChannelHandlerContext) {
        // Accepted once active, so what is sent to it from the first moment is written, not refused.
        events = accept(SocketPeer(channel: context.channel))
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard let events, failure == nil else { return }
        let buffer = unwrapInboundIn(data)
        for frame in buffer.withUnsafeReadableBytes({ framer.feed($0) }) {
            guard case .line(let bytes) = frame else { return fail(context, tooLarge) }
            events.received(bytes)
        }
        if framer.isSkippingOversizedLine { fail(context, tooLarge) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        events?.closed(failure)
        events = nil
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(context, TransportError(.closed, "the connection broke: \(error)"))
    }

    private func fail(_ context: ChannelHandlerContext, _ error: TransportError) {
        if failure == nil { failure = error }
        context.close(promise: nil)
    }

    private var tooLarge: TransportError {
        TransportError(.protocolViolation, "a message larger than \(ByteSize(framer.maximumFrameSize)) came")
    }
}
