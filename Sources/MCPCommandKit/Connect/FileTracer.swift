import MCPClient
import MCPCore
import MCPRender
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// `--trace FILE`: one JSON object per message, `{"time", "dir", "message"}`, in a file private to the user.
/// Frames are JSON-RPC bodies only; HTTP headers (and so credentials) never reach it.
package final class FileTracer: MessageTracer {
    private let stream: OutputStream

    /// `path` "-" traces to `standardError`.
    package init(path: String, standardError: OutputStream) throws {
        if path == "-" {
            stream = standardError
        } else {
            do {
                stream = OutputStream(fileDescriptor: try FileSystem.openPrivate(path))
            } catch {
                throw CommandFailure(status: .usage, message: "cannot write trace file '\(path)': \(error)")
            }
        }
    }

    package func record(_ direction: TraceDirection, _ frame: [UInt8]) {
        let time = Timestamps.format(Timestamps.now())
        // Re-encoded rather than copied, so the trace stays valid JSON and a server's escape sequences
        // never reach a terminal through `--trace -`; a frame that is not JSON is kept as a string.
        var record: [String: JSONValue] = ["time": .string(time), "dir": .string(direction.rawValue)]
        if let message = try? JSONParser.parse(frame) {
            record["message"] = message
        } else {
            record["invalid"] = .string(String(decoding: frame, as: UTF8.self))
        }
        stream.line(JSONWriter.compactString(.object(record)))
    }
}
