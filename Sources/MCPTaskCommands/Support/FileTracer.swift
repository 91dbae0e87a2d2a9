import MCPClient
import MCPRender
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// `--trace FILE`: one JSON object per message, `{"time", "dir", "message"}`, in a file private to the user.
/// Frames are JSON-RPC bodies only; HTTP headers (and so credentials) never reach it.
final class FileTracer: MessageTracer {
    private let stream: OutputStream

    init(path: String) throws {
        if path == "-" {
            stream = .standardError
        } else {
            do {
                stream = OutputStream(fileDescriptor: try FileSystem.openPrivate(path))
            } catch {
                throw CommandFailure(status: .usage, message: "cannot write trace file '\(path)': \(error)")
            }
        }
    }

    func record(_ direction: TraceDirection, _ frame: [UInt8]) {
        let time = Timestamps.format(Timestamps.now())
        let message = String(decoding: frame, as: UTF8.self)
        stream.line("{\"time\":\"\(time)\",\"dir\":\"\(direction.rawValue)\",\"message\":\(message)}")
    }
}
