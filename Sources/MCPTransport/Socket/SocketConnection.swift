import MCPCore
import NIOCore
import NIOPosix

/// Newline-delimited JSON-RPC over one Unix domain socket connection: the wire between an mcptask command
/// and a background session. Valid only inside `UnixSocket.withConnection`.
public final class SocketConnection: MessageTransport {
    public let inbound = FrameChannel()
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>

    init(outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) { self.outbound = outbound }

    public func send(_ frame: [UInt8]) async throws(TransportError) {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(frame.count + 1)
        buffer.writeBytes(frame)
        buffer.writeInteger(UInt8(ascii: "\n"))
        do {
            try await outbound.write(buffer)
        } catch {
            throw TransportError(.closed, "the session socket closed: \(error)")
        }
    }

    /// Feeds `bytes` through `framer` into `inbound` until the peer closes or the frames are abandoned.
    func read(_ bytes: NIOAsyncChannelInboundStream<ByteBuffer>, maximumFrameSize: Int) async {
        var framer = LineFramer(maximumFrameSize: maximumFrameSize)
        do {
            for try await buffer in bytes {
                for frame in buffer.withUnsafeReadableBytes({ raw in framer.feed(raw) }) {
                    guard await inbound.send(try framer.message(in: frame)) else { return }
                }
                try framer.refuseOversizedLineInProgress()
            }
            inbound.finish()
        } catch let error as TransportError {
            inbound.finish(throwing: error)
        } catch {
            inbound.finish(throwing: TransportError(.closed, "the session socket broke: \(error)"))
        }
    }
}

/// Unix domain sockets for background sessions.
public enum UnixSocket {
    /// Connects to the socket at `path` and runs `body` with the connection, closing it afterwards.
    public static func withConnection<Value: Sendable>(
        to path: String, maximumFrameSize: Int, _ body: @Sendable (SocketConnection) async throws -> Value
    ) async throws -> Value {
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connect(unixDomainSocketPath: path) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw TransportError(.connectFailed, "cannot connect to the session socket \(path): \(error)")
        }
        return try await channel.executeThenClose { inbound, outbound in
            let connection = SocketConnection(outbound: outbound)
            return try await withThrowingTaskGroup(of: Void.self, returning: Value.self) { group in
                group.addTask { await connection.read(inbound, maximumFrameSize: maximumFrameSize) }
                defer {
                    connection.inbound.abandon()
                    group.cancelAll()
                }
                return try await body(connection)
            }
        }
    }
}
