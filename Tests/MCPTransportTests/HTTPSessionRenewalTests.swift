import MCPCore
import MCPTransport
import NIOHTTP1
import Testing

/// A session the server forgets (404) is replaced once when the caller lets it go, and reported otherwise.
extension HTTPTransportTests {
    /// Issues `s1` to the first initialize and `s2` to the next; a ping in `s1` is answered 404.
    private static func forgetfulServer(
        initializations: Locked<Int>
    ) -> @Sendable (RecordedRequest, HTTPResponder) async -> Void {
        { request, response in
            switch (request.method, request.rpcMethod) {
            case ("POST", "initialize"):
                let count = initializations.withLock { count in
                    count += 1
                    return count
                }
                let id = (try? JSONParser.parse(request.body))?["id"]?.intValue ?? 0
                await response.json(rpcResult(id), [("Mcp-Session-Id", "s\(count)")])
            case ("POST", "ping") where request.header("Mcp-Session-Id") == "s1":
                await response.respond(.notFound, body: "unknown session")
            default:
                await plainServer(request, response)
            }
        }
    }

    @Test func expiredSessionIsRenewedOnceAndTheRequestRetried() async throws {
        let initializations = Locked(0)
        try await HTTPTestServer.with(Self.forgetfulServer(initializations: initializations)) { server in
            try await HTTPTransport.withConnection(to: HTTPEndpoint(url: server.url), logger: httpLogger) {
                connection in
                connection.renewsExpiredSession { $0 == "s1" }
                try await connection.send(rpcRequest(1, "initialize"))
                #expect(try await nextFrame(connection) == rpcResult(1))
                try await connection.send(initializedFrame)
                try await connection.send(rpcRequest(2, "ping"))
                // The second initialize's answer is consumed by the renewal: the next frame answers the ping.
                #expect(try await nextFrame(connection) == rpcResult(2))
                #expect(connection.sessionID == "s2")
            }
            let posts = server.requests.filter { $0.method == "POST" }.map {
                "\($0.rpcMethod ?? "?")@\($0.header("Mcp-Session-Id") ?? "-")"
            }
            #expect(
                posts == [
                    "initialize@-", "notifications/initialized@s1", "ping@s1", "initialize@-",
                    "notifications/initialized@s2", "ping@s2",
                ])
        }
    }

    @Test func expiredSessionHoldingTasksIsReportedNotRenewed() async throws {
        let initializations = Locked(0)
        try await HTTPTestServer.with(Self.forgetfulServer(initializations: initializations)) { server in
            let error = await #expect(throws: TransportError.self) {
                try await HTTPTransport.withConnection(to: HTTPEndpoint(url: server.url), logger: httpLogger) {
                    connection in
                    connection.renewsExpiredSession { _ in false }
                    try await connection.send(rpcRequest(1, "initialize"))
                    _ = try await nextFrame(connection)
                    try await connection.send(rpcRequest(2, "ping"))
                }
            }
            #expect(error?.kind == .sessionExpired)
            #expect(initializations.withLock { $0 } == 1)
        }
    }
}
