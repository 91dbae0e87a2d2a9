import Logging
import MCPClient
import MCPCore

/// The client's end of an in-memory transport: frames the client sends go to the fake server.
package struct MemoryTransport: MessageTransport {
    package let inbound: FrameChannel
    package let outbound: AsyncStream<[UInt8]>.Continuation

    package func send(_ frame: [UInt8]) async throws(TransportError) { outbound.yield(frame) }
}

/// The server's end: what the client sent, and a way to answer.
package struct ServerEnd: Sendable {
    package let fromClient: AsyncStream<[UInt8]>
    package let toClient: FrameChannel
}

package func makeTransportPair() -> (MemoryTransport, ServerEnd) {
    let inbound = FrameChannel()
    let toClient = inbound
    let (fromClient, outbound) = AsyncStream<[UInt8]>.makeStream()
    return (
        MemoryTransport(inbound: inbound, outbound: outbound), ServerEnd(fromClient: fromClient, toClient: toClient)
    )
}

package struct ScriptError: Error, CustomStringConvertible {
    package var description: String

    package init(description: String) { self.description = description }
}

/// A scripted server, driven from one task: awaits client messages and answers them.
package struct Peer {
    package var frames: AsyncStream<[UInt8]>.Iterator
    package let end: ServerEnd

    package init(_ end: ServerEnd) {
        self.end = end
        self.frames = end.fromClient.makeAsyncIterator()
    }

    /// The next message from the client; nil once the client side is done.
    package mutating func receive() async throws -> JSONRPCMessage? {
        guard let frame = await frames.next() else { return nil }
        return try JSONRPCMessage.decode(frame)
    }

    package mutating func expectRequest(_ method: String) async throws -> (RequestID, JSONValue?) {
        guard case .request(let id, let name, let params, _)? = try await receive(), name == method else {
            throw ScriptError(description: "expected a \(method) request")
        }
        return (id, params)
    }

    package mutating func expectNotification(_ method: String) async throws -> JSONValue? {
        guard case .notification(let name, let params, _)? = try await receive(), name == method else {
            throw ScriptError(description: "expected a \(method) notification")
        }
        return params
    }

    package func send(_ message: JSONRPCMessage) { end.toClient.yield(message.encoded()) }
    package func sendRaw(_ text: String) { end.toClient.yield(Array(text.utf8)) }
    package func respond(_ id: RequestID, _ result: JSONValue) { send(.response(id: id, result: result)) }
    package func notify(_ method: String, _ params: JSONValue?) {
        send(.notification(method: method, params: params, envelopeMeta: nil))
    }

    /// Answers initialize and takes notifications/initialized.
    package mutating func handshake(tasks: JSONValue? = ["requests": ["tools": ["call": [:]]]]) async throws
        -> JSONValue?
    {
        let (id, params) = try await expectRequest("initialize")
        var capabilities: [String: JSONValue] = ["tools": [:]]
        capabilities["tasks"] = tasks
        respond(
            id,
            [
                "protocolVersion": "2025-11-25", "capabilities": .object(capabilities),
                "serverInfo": ["name": "fake", "version": "0.1"],
            ])
        _ = try await expectNotification("notifications/initialized")
        return params
    }
}

package let testConfiguration = ClientSession.Configuration(clientInfo: Implementation(name: "tests", version: "1.0"))

/// Runs `client` in a session against `script`. When the client is done its side of the transport ends, and
/// the script is awaited (so its own expectations count).
package func withFakeServer<Result: Sendable>(
    configuration: ClientSession.Configuration = testConfiguration,
    _ script: @escaping @Sendable (inout Peer) async throws -> Void,
    client: @escaping @Sendable (ClientSession) async throws -> Result
) async throws -> Result {
    let (transport, end) = makeTransportPair()
    return try await withThrowingTaskGroup(of: Void.self, returning: Result.self) { group in
        group.addTask {
            var peer = Peer(end)
            do {
                try await script(&peer)
            } catch {
                end.toClient.finish(throwing: TransportError(.closed, "script failed: \(error)"))
                throw error
            }
        }
        let outcome: Swift.Result<Result, any Error>
        do {
            outcome = .success(
                try await withClientSession(
                    transport: transport, configuration: configuration, logger: Logger(label: "test.client"),
                    client))
        } catch {
            outcome = .failure(error)
        }
        transport.outbound.finish()
        try await group.waitForAll()
        return try outcome.get()
    }
}
