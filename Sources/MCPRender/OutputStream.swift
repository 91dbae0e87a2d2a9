import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Unbuffered, whole-line writes to standard output or standard error. A lock keeps lines from two tasks
/// from interleaving; a closed pipe (EPIPE) is ignored rather than fatal.
public final class OutputStream: Sendable {
    public static let standardOutput = OutputStream(fileDescriptor: 1)
    public static let standardError = OutputStream(fileDescriptor: 2)

    public let fileDescriptor: Int32
    private let lock = Mutex(())

    public init(fileDescriptor: Int32) { self.fileDescriptor = fileDescriptor }

    /// Whether the stream is a terminal.
    public var isTerminal: Bool { isatty(fileDescriptor) == 1 }

    /// The terminal's width in columns, when it is a terminal that says.
    public var columns: Int? {
        var size = winsize()
        guard ioctl(fileDescriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    public func write(_ text: String) {
        var bytes = Array(text.utf8)
        lock.withLock { _ in
            bytes.withUnsafeMutableBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Glibc.write(fileDescriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        return
                    }
                    offset += written
                }
            }
        }
    }

    public func line(_ text: String) { write(text + "\n") }
}
