import Logging
import MCPClient
import MCPCore
import MCPDemoServer

/// Runs `body` with a client session connected (by default with the 2025-11-25 handshake) to the bundled demo
/// server running in this process over an in-memory transport; `arguments` are the demo server's.
package func withDemoSession<Value: Sendable>(
    arguments: [String] = [], tracer: (any MessageTracer)? = nil,
    connecting preference: ProtocolPreference = .handshake,
    _ body: @escaping @Sendable (ClientSession) async throws -> Value
) async throws -> Value {
    let (client, server) = makeMessagePipe()
    return try await withThrowingTaskGroup(of: Void.self, returning: Value.self) { group in
        group.addTask { try await serveDemo(arguments: arguments, on: server) }
        defer { client.close() }
        return try await withClientSession(
            transport: client, configuration: testConfiguration, logger: Logger(label: "test.client"), tracer: tracer
        ) { session in
            try await session.connect(preference)
            return try await body(session)
        }
    }
}

/// Serves the demo server on `end` until its other side closes.
package func serveDemo(arguments: [String] = [], on end: PipeEnd) async throws {
    let (messages, feed) = AsyncStream.makeStream(of: [UInt8].self)
    try await withThrowingDiscardingTaskGroup { group in
        group.addTask {
            do {
                for try await frame in end.inbound { feed.yield(frame) }
            } catch {}
            feed.finish()
        }
        try await DemoServerInProcess.serve(arguments: arguments, messages: messages) { end.post($0) }
        end.close()
    }
}
