import MCPCore
import Subprocess

/// The live connection to a spawned stdio server: frames out through its stdin, frames in from its stdout.
/// Valid only inside `StdioTransport.withConnection`.
public struct StdioConnection: MessageTransport {
    public let inbound: FrameChannel
    /// The server's process id, for diagnostics.
    public let processID: Int32
    let writer: StandardInputWriter
    let stderrTail: StderrTail

    public func send(_ frame: [UInt8]) async throws(TransportError) {
        var line = frame
        line.append(0x0A)
        do {
            _ = try await writer.write(line)
        } catch {
            throw TransportError(
                .closed, "the server stopped reading its input (it may have exited)", details: stderrTail.report)
        }
    }

    /// The last lines the server wrote to stderr.
    public var recentStderr: [String] { stderrTail.snapshot }
}
