import MCPCore

/// Splits a byte stream into newline-delimited frames (MCP stdio framing), with a size cap.
///
/// Pure and incremental: feed any chunks, get back the complete frames so far. A trailing `\r` is
/// dropped, blank lines are skipped. Only `\n` ends a frame, never U+2028 and friends.
public struct LineFramer: Sendable {
    /// The largest frame accepted, in bytes.
    public let maximumFrameSize: Int
    private var pending: [UInt8] = []

    public init(maximumFrameSize: Int = 16 * 1024 * 1024) {
        self.maximumFrameSize = maximumFrameSize
    }

    /// Bytes held back waiting for a newline.
    public var bufferedByteCount: Int { pending.count }

    /// Appends `bytes` and returns every frame they complete.
    public mutating func feed(_ bytes: some Collection<UInt8>) throws(TransportError) -> [[UInt8]] {
        var frames: [[UInt8]] = []
        var rest = bytes[...]
        while let newline = rest.firstIndex(of: 0x0A) {
            let head = rest[..<newline]
            rest = rest[rest.index(after: newline)...]
            if pending.isEmpty {
                try append(frame: Array(head), to: &frames)
            } else {
                pending.append(contentsOf: head)
                try append(frame: pending, to: &frames)
                pending.removeAll(keepingCapacity: true)
            }
        }
        if !rest.isEmpty {
            guard pending.count + rest.count <= maximumFrameSize else { throw tooLarge() }
            pending.append(contentsOf: rest)
        }
        return frames
    }

    /// Called at end of input: a last frame without a newline is still a frame.
    public mutating func finish() throws(TransportError) -> [[UInt8]] {
        guard !pending.isEmpty else { return [] }
        var frames: [[UInt8]] = []
        try append(frame: pending, to: &frames)
        pending = []
        return frames
    }

    private func append(frame: [UInt8], to frames: inout [[UInt8]]) throws(TransportError) {
        var frame = frame
        if frame.last == 0x0D { frame.removeLast() }
        guard frame.count <= maximumFrameSize else { throw tooLarge() }
        if frame.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
        frames.append(frame)
    }

    private func tooLarge() -> TransportError {
        TransportError(
            .protocolViolation,
            "the server sent a message larger than \(maximumFrameSize / 1024 / 1024) MiB; "
                + "raise --max-frame-size if this server really sends such messages")
    }
}
