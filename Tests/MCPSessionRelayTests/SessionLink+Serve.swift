import MCPCore
import MCPSessionRelay

extension SessionLink {
    /// Serves a command over a transport read and written by tasks (an in-process pipe), until it closes:
    /// what the session's socket does with channel callbacks (`UnixSocket.serve`), for tests in process.
    func serve(_ connection: any MessageTransport) async {
        let (outbox, queue) = AsyncStream<[UInt8]>.makeStream()
        let command = attach { frame in queue.yield(frame) }
        await withDiscardingTaskGroup { group in
            group.addTask {
                for await frame in outbox {
                    do { try await connection.send(frame) } catch { return }
                }
            }
            var failure: (any Error)?
            do {
                for try await frame in connection.inbound { command.received(frame) }
            } catch {
                failure = error
            }
            command.closed(failure)
            queue.finish()
            group.cancelAll()
        }
    }
}
