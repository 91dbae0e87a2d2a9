import MCPCore

/// One end of an in-memory connection: what it sends arrives at the other end's `inbound`.
package final class PipeEnd: MessageTransport {
    package let inbound = FrameChannel()
    fileprivate let peerInbound: @Sendable () -> FrameChannel?

    fileprivate init(peer: @escaping @Sendable () -> FrameChannel?) { peerInbound = peer }

    package func send(_ frame: [UInt8]) async throws(TransportError) {
        guard let peer = peerInbound(), await peer.send(frame) else {
            throw TransportError(.closed, "the other end of the pipe is closed")
        }
    }

    /// Sends without waiting, in order (for producers that cannot suspend, like the demo server's writer).
    package func post(_ frame: [UInt8]) { peerInbound()?.yield(frame) }

    /// Closes this end: the other end's inbound finishes.
    package func close() { peerInbound()?.finish() }
}

/// Two connected message transports, as a socket gives a command and a background session.
package func makeMessagePipe() -> (PipeEnd, PipeEnd) {
    final class Box: @unchecked Sendable {
        // Set once, before either end is used.
        var first: PipeEnd?
        var second: PipeEnd?
    }
    let box = Box()
    let first = PipeEnd { box.second?.inbound }
    let second = PipeEnd { box.first?.inbound }
    box.first = first
    box.second = second
    return (first, second)
}
