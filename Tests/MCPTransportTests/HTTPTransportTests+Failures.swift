import MCPCore
import MCPTransport
import NIOHTTP1
import Testing

/// Failing statuses, streams that end badly, session close and connection failures.
extension HTTPTransportTests {
    @Test(arguments: [401, 403]) func credentialStatusesFailToConnect(status: Int) async throws {
        try await HTTPTestServer.with({ _, response in
            await response.respond(HTTPResponseStatus(statusCode: status), body: "no")
        }) { server in
            let error = await #expect(throws: TransportError.self) {
                try await HTTPTransport.withConnection(to: HTTPEndpoint(url: server.url), logger: httpLogger) {
                    try await $0.send(rpcRequest(1, "initialize"))
                }
            }
            #expect(error?.kind == .connectFailed)
            #expect(error?.message.contains("HTTP \(status)") == true)
            #expect(error?.message.contains("-H") == true)
            #expect(error?.httpStatus == status)
            #expect(error?.details == ["the server said: no"])
        }
    }

    @Test func notFoundWithASessionMeansTheSessionIsGone() async throws {
        try await HTTPTestServer.with({ request, response in
            guard request.rpcMethod == "ping" else { return await plainServer(request, response) }
            await response.respond(.notFound, body: "unknown session")
        }) { server in
            let error = await #expect(throws: TransportError.self) {
                try await HTTPTransport.withConnection(to: HTTPEndpoint(url: server.url), logger: httpLogger) {
                    connection in
                    try await connection.send(rpcRequest(1, "initialize"))
                    _ = try await nextFrame(connection)
                    try await connection.send(rpcRequest(2, "ping"))
                }
            }
            #expect(error?.kind == .sessionExpired)
            #expect(error?.message.contains("no longer knows session s1") == true)
            #expect(error?.httpStatus == 404)
            #expect(error?.details == ["the server said: unknown session"])
        }
    }

    @Test func notFoundForAResumedSessionMeansItIsGone() async throws {
        try await HTTPTestServer.with({ _, response in await response.respond(.notFound) }) { server in
            let endpoint = HTTPEndpoint(url: server.url, sessionID: "old", keepSession: true)
            let error = await #expect(throws: TransportError.self) {
                try await HTTPTransport.withConnection(to: endpoint, logger: httpLogger) {
                    try await $0.send(rpcRequest(2, "tasks/get"))
                }
            }
            #expect(error?.kind == .sessionExpired)
            #expect(error?.message.contains("no longer knows session old") == true)
            #expect(server.requests.first?.header("Mcp-Session-Id") == "old")
        }
    }

    @Test func methodNotAllowedOnTheFirstPostPointsAtTheOldTransport() async throws {
        try await HTTPTestServer.with({ _, response in await response.respond(.methodNotAllowed) }) { server in
            let error = await #expect(throws: TransportError.self) {
                try await HTTPTransport.withConnection(to: HTTPEndpoint(url: server.url), logger: httpLogger) {
                    try await $0.send(rpcRequest(1, "initialize"))
                }
            }
            #expect(error?.kind == .connectFailed)
            #expect(error?.message.contains("HTTP 405") == true)
            #expect(error?.message.contains("older HTTP+SSE transport") == true)
        }
    }

    @Test func jsonRPCErrorWithBadRequestStatusIsDelivered() async throws {
        let body = #"{"jsonrpc":"2.0","id":7,"error":{"code":-32602,"message":"unknown tool"}}"#
        try await HTTPTestServer.with({ _, response in await response.json(body, status: .badRequest) }) { server in
            try await HTTPTransport.withConnection(to: HTTPEndpoint(url: server.url), logger: httpLogger) {
                connection in
                try await connection.send(rpcRequest(7, "tools/call"))
                #expect(try await nextFrame(connection) == body)
            }
        }
    }

    @Test func postStreamEndingUnansweredWithoutIdsFailsInbound() async throws {
        try await HTTPTestServer.with({ _, response in
            await response.startEvents()
            await response.write(event(progressJSON))
            await response.end()
        }) { server in
            let outcome = try await HTTPTransport.withConnection(
                to: HTTPEndpoint(url: server.url), logger: httpLogger
            ) { connection in
                try await connection.send(rpcRequest(2, "tools/call"))
                return await drain(connection)
            }
            #expect(outcome.frames == [progressJSON])
            #expect(outcome.error?.kind == .closed)
            #expect(server.requests.filter(\.isGET).isEmpty)
        }
    }

    @Test func notificationAnsweredWithAnEmptyOKDeliversNothing() async throws {
        try await HTTPTestServer.with({ request, response in
            guard request.rpcMethod == "notifications/initialized" else { return await plainServer(request, response) }
            await response.respond(.ok)
        }) { server in
            try await HTTPTransport.withConnection(to: HTTPEndpoint(url: server.url), logger: httpLogger) {
                connection in
                try await connection.send(initializedFrame)
                try await connection.send(rpcRequest(3, "ping"))
                let first = try await nextFrame(connection)
                #expect(first == rpcResult(3))
            }
        }
    }

    @Test func closingDeletesTheSessionAndToleratesMethodNotAllowed() async throws {
        try await HTTPTestServer.with({ request, response in
            guard request.method == "DELETE" else { return await plainServer(request, response) }
            await response.respond(.methodNotAllowed)
        }) { server in
            let value = try await HTTPTransport.withConnection(to: HTTPEndpoint(url: server.url), logger: httpLogger) {
                connection in
                try await connection.send(rpcRequest(1, "initialize"))
                _ = try await nextFrame(connection)
                await connection.sessionEstablished(protocolVersion: "2025-11-25")
                return 42
            }
            #expect(value == 42)
            let deletes = server.requests.filter { $0.method == "DELETE" }
            #expect(deletes.count == 1)
            #expect(deletes.first?.header("Mcp-Session-Id") == "s1")
            #expect(deletes.first?.header("MCP-Protocol-Version") == "2025-11-25")
        }
    }

    @Test func keptSessionIsNotDeleted() async throws {
        try await HTTPTestServer.with(plainServer) { server in
            let endpoint = HTTPEndpoint(url: server.url, keepSession: true)
            try await HTTPTransport.withConnection(to: endpoint, logger: httpLogger) { connection in
                try await connection.send(rpcRequest(1, "initialize"))
                _ = try await nextFrame(connection)
            }
            #expect(server.requests.map(\.method) == ["POST"])
        }
    }

    @Test func endpointHeadersAreOnEveryRequest() async throws {
        try await HTTPTestServer.with(plainServer) { server in
            let endpoint = HTTPEndpoint(url: server.url, headers: [("Authorization", "Bearer t0k"), ("X-Trace", "1")])
            try await HTTPTransport.withConnection(to: endpoint, logger: httpLogger) { connection in
                try await connection.send(rpcRequest(1, "initialize"))
                _ = try await nextFrame(connection)
                await connection.sessionEstablished(protocolVersion: "2025-11-25")
                _ = try await server.request { $0.isGET }
                try await connection.send(initializedFrame)
            }
            let requests = server.requests
            #expect(requests.map(\.method).sorted() == ["DELETE", "GET", "POST", "POST"])
            for request in requests {
                #expect(request.header("Authorization") == "Bearer t0k", "\(request.method)")
                #expect(request.header("X-Trace") == "1", "\(request.method)")
            }
        }
    }

    @Test func refusedConnectionFailsToConnect() async throws {
        // Port 1 on loopback: privileged and unused, so no other test's server can take it over meanwhile.
        let url = "http://127.0.0.1:1/mcp"
        let error = await #expect(throws: TransportError.self) {
            try await HTTPTransport.withConnection(to: HTTPEndpoint(url: url), logger: httpLogger) {
                try await $0.send(rpcRequest(1, "initialize"))
            }
        }
        #expect(error?.kind == .connectFailed)
        #expect(error?.message.contains("refused") == true, "\(String(describing: error?.message))")
    }
}
