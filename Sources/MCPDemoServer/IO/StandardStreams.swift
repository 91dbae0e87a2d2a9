import Dispatch
import MCPCore
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where the server's outbound lines go: stdout in the executable, a buffer in tests.
protocol LineSink: Sendable {
    /// Writes one whole message line; the sink adds the newline.
    func send(_ line: [UInt8])
}

/// Writes whole lines to a file descriptor under a lock, so concurrent messages never interleave.
/// `write(2)` is unbuffered, so every line is flushed as it is written.
final class FileLineWriter: LineSink {
    private let descriptor: Int32
    /// Becomes true once the reader has gone (EPIPE and friends); later lines are dropped.
    private let broken = Mutex(false)

    init(descriptor: Int32) { self.descriptor = descriptor }

    func send(_ line: [UInt8]) {
        var bytes = line
        bytes.append(0x0A)
        broken.withLock { broken in
            guard !broken else { return }
            broken = !StandardStreams.writeAll(bytes, to: descriptor)
        }
    }
}

/// Raw access to the process's standard streams, without Foundation.
enum StandardStreams {
    /// Lines from stdin, read by a blocking loop on its own dispatch thread; the stream ends at EOF.
    static func inputFrames(maxLineBytes: Int) -> AsyncStream<LineFramer.Frame> {
        let (stream, continuation) = AsyncStream.makeStream(of: LineFramer.Frame.self)
        DispatchQueue(label: "mcptask-demo.stdin").async {
            var framer = LineFramer(maximumFrameSize: maxLineBytes)
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                for frame in framer.feed(buffer[..<count]) { continuation.yield(frame) }
            }
            for frame in framer.finish() { continuation.yield(frame) }
            continuation.finish()
        }
        return stream
    }

    /// Writes every byte, retrying short writes and EINTR. False when the descriptor is unusable.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return false }
                offset += written
            }
            return true
        }
    }

    /// A diagnostic line on stderr (free-form by the MCP stdio rules).
    static func printError(_ text: String) {
        _ = writeAll(Array((text + "\n").utf8), to: 2)
    }

    static func printOutput(_ text: String) {
        _ = writeAll(Array(text.utf8), to: 1)
    }

    /// A client that vanishes must not kill the server with SIGPIPE; writes fail with EPIPE instead.
    static func ignoreBrokenPipes() {
        signal(SIGPIPE, SIG_IGN)
    }

    static func exitProcess(_ code: Int32) -> Never {
        exit(code)
    }
}
