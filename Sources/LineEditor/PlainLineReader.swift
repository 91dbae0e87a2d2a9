import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Lines from standard input when it is not a terminal (`mcptask repl < script`): no prompt, no editing.
/// A read can be ended from another thread (Ctrl-C, SIGTERM), which a blocking read(2) could not.
public final class PlainLineReader: Sendable {
    private struct State {
        var buffer: [UInt8] = []
        var ended = false
        var stopped = false
    }

    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "mcptask.plain-reader")
    private let wake: (read: Int32, write: Int32)
    private let descriptor: Int32

    public init(fileDescriptor: Int32 = 0) {
        descriptor = fileDescriptor
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) == 0 {
            for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        } else {
            ends = [-1, -1]
        }
        wake = (ends[0], ends[1])
    }

    /// The next line without its newline (a last line without one too); nil at end of input or once
    /// `stop()` was called.
    public func readLine() async -> String? {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: self.nextLine()) }
        }
    }

    /// Ends the current read and every later one.
    public func stop() {
        state.withLock { $0.stopped = true }
        var byte: UInt8 = 1
        _ = Glibc.write(wake.write, &byte, 1)
    }

    private func nextLine() -> String? {
        while true {
            let found: String?? = state.withLock { state in
                if state.stopped { return .some(nil) }
                if let newline = state.buffer.firstIndex(of: 0x0A) {
                    var line = Array(state.buffer[..<newline])
                    state.buffer.removeFirst(newline + 1)
                    if line.last == 0x0D { line.removeLast() }
                    return .some(String(decoding: line, as: UTF8.self))
                }
                if state.ended {
                    guard !state.buffer.isEmpty else { return .some(nil) }
                    defer { state.buffer = [] }
                    return .some(String(decoding: state.buffer, as: UTF8.self))
                }
                return nil
            }
            if let found { return found }
            var descriptors = [
                pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0),
            ]
            if poll(&descriptors, 2, -1) < 0 {
                if errno == EINTR { continue }
                state.withLock { $0.ended = true }
                continue
            }
            if descriptors[1].revents != 0 { continue }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = Glibc.read(descriptor, &chunk, chunk.count)
            if count < 0 && errno == EINTR { continue }
            state.withLock { state in
                if count > 0 { state.buffer += chunk[0..<count] } else { state.ended = true }
            }
        }
    }
}
