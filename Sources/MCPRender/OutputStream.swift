import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Unbuffered, whole-line writes to standard output or standard error. A lock keeps lines from two tasks
/// from interleaving; a closed pipe (EPIPE) is ignored rather than fatal.
public final class OutputStream: Sendable {
    public static let standardOutput = OutputStream(fileDescriptor: 1)
    public static let standardError = OutputStream(fileDescriptor: 2)

    /// Where the text goes: a file descriptor, or a function (a recording console in tests).
    private enum Sink: Sendable {
        case descriptor(Int32)
        case function(@Sendable (String) -> Void, isTerminal: Bool, columns: Int?)
    }

    private let sink: Sink
    private let lock = Mutex(())

    public init(fileDescriptor: Int32) { sink = .descriptor(fileDescriptor) }

    /// A stream that hands every write to `write`, which says it is a terminal of `columns` when asked to.
    public init(isTerminal: Bool = false, columns: Int? = nil, _ write: @escaping @Sendable (String) -> Void) {
        sink = .function(write, isTerminal: isTerminal, columns: columns)
    }

    /// The file descriptor written to; nil for a function stream.
    public var fileDescriptor: Int32? {
        if case .descriptor(let descriptor) = sink { return descriptor }
        return nil
    }

    /// Whether the stream is a terminal.
    public var isTerminal: Bool {
        switch sink {
        case .descriptor(let descriptor): return isatty(descriptor) == 1
        case .function(_, let isTerminal, _): return isTerminal
        }
    }

    /// The terminal's width in columns, when it is a terminal that says.
    public var columns: Int? {
        switch sink {
        case .descriptor(let descriptor):
            var size = winsize()
            guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
            return Int(size.ws_col)
        case .function(_, _, let columns): return columns
        }
    }

    public func write(_ text: String) {
        switch sink {
        case .function(let write, _, _):
            lock.withLock { _ in write(text) }
        case .descriptor(let descriptor):
            var bytes = Array(text.utf8)
            lock.withLock { _ in
                bytes.withUnsafeMutableBytes { buffer in
                    var offset = 0
                    while offset < buffer.count {
                        let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                        if written < 0 {
                            if errno == EINTR { continue }
                            return
                        }
                        offset += written
                    }
                }
            }
        }
    }

    public func line(_ text: String) { write(text + "\n") }
}
