import MCPCore
import MCPTransport
import NIOHTTP1
import Testing

/// A 403 goes to the reauthorization hook with the server's challenge; the request is sent again once with
/// the header it returns, never more (a server that keeps refusing is not looped on).
extension HTTPTransportTests {
    private static let challenge = #"Bearer error="insufficient_scope", scope="admin""#

    /// Answers a ping 403 with a scope challenge unless it carries `Bearer admin` (or always, when
    /// `alwaysRefuse`).
    private static func scopedServer(alwaysRefuse: Bool) -> @Sendable (RecordedRequest, HTTPResponder) async -> Void {
        { request, response in
            if request.method == "POST", request.rpcMethod == "ping",
                alwaysRefuse || request.header("Authorization") != "Bearer admin"
            {
                await response.respond(.forbidden, [("WWW-Authenticate", challenge)], body: "{}")
                return
            }
            await plainServer(request, response)
        }
    }

    @Test func forbiddenRequestIsSentAgainWithTheNewAuthorization() async throws {
        let calls = Locked<[String?]>([])
        try await HTTPTestServer.with(Self.scopedServer(alwaysRefuse: false)) { server in
            let endpoint = HTTPEndpoint(url: server.url, headers: [("Authorization", "Bearer basic")])
            try await HTTPTransport.withConnection(to: endpoint, logger: httpLogger) { connection in
                connection.reauthorizes { refusal, afterRetry throws(TransportError) in
                    calls.withLock { $0.append(afterRetry ? "after" : refusal.challenge) }
                    return "Bearer admin"
                }
                try await connection.send(rpcRequest(1, "initialize"))
                _ = try await nextFrame(connection)
                try await connection.send(rpcRequest(2, "ping"))
                #expect(try await nextFrame(connection) == rpcResult(2))
                // Later requests keep the new authorization.
                try await connection.send(rpcRequest(3, "ping"))
                #expect(try await nextFrame(connection) == rpcResult(3))
            }
            #expect(calls.withLock { $0 } == [Self.challenge])
            let pings = server.requests.filter { $0.rpcMethod == "ping" }.map { $0.header("Authorization") }
            #expect(pings == ["Bearer basic", "Bearer admin", "Bearer admin"])
        }
    }

    @Test func secondForbiddenIsFinalAndSaidByTheHook() async throws {
        let calls = Locked<[Bool]>([])
        try await HTTPTestServer.with(Self.scopedServer(alwaysRefuse: true)) { server in
            let error = await #expect(throws: TransportError.self) {
                try await HTTPTransport.withConnection(to: HTTPEndpoint(url: server.url), logger: httpLogger) {
                    connection in
                    connection.reauthorizes { _, afterRetry throws(TransportError) in
                        calls.withLock { $0.append(afterRetry) }
                        if afterRetry { throw TransportError(.connectFailed, "still refused", httpStatus: 403) }
                        return "Bearer admin"
                    }
                    try await connection.send(rpcRequest(1, "initialize"))
                    _ = try await nextFrame(connection)
                    try await connection.send(rpcRequest(2, "ping"))
                }
            }
            #expect(error?.message == "still refused")
            #expect(calls.withLock { $0 } == [false, true])
            #expect(server.requests.filter { $0.rpcMethod == "ping" }.count == 2)
        }
    }
}
