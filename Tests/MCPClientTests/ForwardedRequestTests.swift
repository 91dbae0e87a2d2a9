import MCPCore
import MCPTestSupport
import Synchronization
import Testing

@testable import MCPClient

/// A forwarded request is written by a short task of its own, so its call-off can come before the write:
/// the server must then hear nothing of it, and never a cancel for a request it has not seen.
@Suite(.timeLimit(.minutes(1))) struct ForwardedRequestTests {
    /// What the server received, in order (`request <id>`, `cancel <id>`), until the client's closing ping.
    /// `steps` gets the ids the server hears cancelled, as it hears them.
    private static func received(
        _ steps: @escaping @Sendable (ClientSession, AsyncStream<String>) async throws -> Void
    ) async throws -> [String] {
        let log = Mutex<[String]>([])
        let (cancels, heard) = AsyncStream<String>.makeStream()
        try await withFakeServer { peer in
            _ = try await peer.handshake(tasks: [:])
            while let message = try await peer.receive() {
                switch message {
                case .request(let id, PingRequest.method, _, _):
                    peer.respond(id, [:])
                case .request(let id, _, _, _):
                    log.withLock { $0.append("request \(id)") }
                case .notification(CancelledNotification.method, let params, _):
                    let id = params?["requestId"].flatMap(RequestID.init(json:))?.description ?? "?"
                    log.withLock { $0.append("cancel \(id)") }
                    heard.yield(id)
                default: break
                }
            }
        } client: { session in
            try await session.initialize()
            try await steps(session, cancels)
            // Answered only once the server has read everything written before it.
            _ = try await session.send(PingRequest())
        }
        return log.withLock { $0 }
    }

    private static func forwarded(_ session: ClientSession, _ id: Int) throws -> ForwardedRequest {
        try session.pending.prepare(.int(id))
        return ForwardedRequest(id: .int(id), session: session)
    }

    @Test("called off before it is written, a request is never written, and the server hears no cancel")
    func calledOffFirst() async throws {
        let log = try await Self.received { session, _ in
            let request = try Self.forwarded(session, 900)
            request.callOff(tellServer: true)
            await request.write(method: "tools/list", params: nil)
        }
        #expect(log == [])
    }

    @Test("called off once written, the server hears the request and then the cancel")
    func calledOffAfter() async throws {
        let log = try await Self.received { session, cancels in
            let request = try Self.forwarded(session, 901)
            await request.write(method: "tools/list", params: nil)
            request.callOff(tellServer: true)
            for await id in cancels where id == "901" { break }
        }
        #expect(log == ["request 901", "cancel 901"])
    }
}
