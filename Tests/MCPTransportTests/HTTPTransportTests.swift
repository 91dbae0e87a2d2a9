import Logging
import MCPCore
import MCPTransport
import NIOHTTP1
import Testing

let httpLogger = Logger(label: "test.http")

func rpcRequest(_ id: Int, _ method: String) -> [UInt8] {
    Array(#"{"jsonrpc":"2.0","id":\#(id),"method":"\#(method)"}"#.utf8)
}

func rpcResult(_ id: Int) -> String { #"{"jsonrpc":"2.0","id":\#(id),"result":{}}"# }

let initializedFrame = Array(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#.utf8)
let progressJSON = #"{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":"p","progress":1}}"#

/// One SSE event block.
func event(id: String? = nil, retry: Int? = nil, _ data: String) -> String {
    (retry.map { "retry: \($0)\n" } ?? "") + (id.map { "id: \($0)\n" } ?? "") + "data: \(data)\n\n"
}

/// The next inbound frame as text; nil when inbound finished.
func nextFrame(_ connection: HTTPConnection) async throws -> String? {
    var iterator = connection.inbound.makeAsyncIterator()
    return try await iterator.next().map { String(decoding: $0, as: UTF8.self) }
}

/// Reads inbound to its end: the frames before it, and the error it ended with.
func drain(_ connection: HTTPConnection) async -> (frames: [String], error: TransportError?) {
    var frames: [String] = []
    do {
        for try await frame in connection.inbound { frames.append(String(decoding: frame, as: UTF8.self)) }
        return (frames, nil)
    } catch {
        return (frames, error as? TransportError)
    }
}

/// Answers `initialize` with JSON and a session id, notifications with 202, other requests with an empty
/// result, GET with 405 and DELETE with 200: the baseline most tests change one thing of.
func plainServer(_ request: RecordedRequest, _ response: HTTPResponder) async {
    switch request.method {
    case "GET": await response.respond(.methodNotAllowed)
    case "DELETE": await response.respond(.ok)
    default:
        guard let id = (try? JSONParser.parse(request.body))?["id"]?.intValue else {
            return await response.respond(.accepted)
        }
        await response.json(rpcResult(id), request.rpcMethod == "initialize" ? [("Mcp-Session-Id", "s1")] : [])
    }
}

@Suite(.timeLimit(.minutes(1))) struct HTTPTransportTests {
    @Test func jsonAnswersCarryTheSessionAndVersionHeaders() async throws {
        try await HTTPTestServer.with(plainServer) { server in
            try await HTTPTransport.withConnection(to: HTTPEndpoint(url: server.url), logger: httpLogger) {
                connection in
                try await connection.send(rpcRequest(1, "initialize"))
                #expect(try await nextFrame(connection) == rpcResult(1))
                #expect(connection.sessionID == "s1")
                await connection.sessionEstablished(protocolVersion: "2025-11-25")
                try await connection.send(initializedFrame)
                try await connection.send(rpcRequest(3, "ping"))
                // The 202 to the notification delivered nothing: the next frame is the ping's answer.
                #expect(try await nextFrame(connection) == rpcResult(3))
            }
            let posts = server.requests.filter { $0.method == "POST" }
            #expect(posts.map(\.rpcMethod) == ["initialize", "notifications/initialized", "ping"])
            for post in posts {
                #expect(post.header("Accept") == "application/json, text/event-stream")
                #expect(post.header("Content-Type") == "application/json")
                #expect(post.path == "/mcp")
            }
            #expect(posts[0].header("Mcp-Session-Id") == nil)
            #expect(posts[0].header("MCP-Protocol-Version") == nil)
            for post in posts.dropFirst() {
                #expect(post.header("Mcp-Session-Id") == "s1")
                #expect(post.header("MCP-Protocol-Version") == "2025-11-25")
            }
        }
    }

    @Test func sseAnswerDeliversEveryMessageInOrder() async throws {
        try await HTTPTestServer.with({ _, response in
            await response.startEvents()
            await response.write("id: p0\ndata:\n\n")
            await response.write(event(id: "p1", progressJSON))
            await response.write(event(id: "p2", rpcResult(2)))
            await response.end()
        }) { server in
            try await HTTPTransport.withConnection(to: HTTPEndpoint(url: server.url), logger: httpLogger) {
                connection in
                try await connection.send(rpcRequest(2, "tools/call"))
                #expect(try await nextFrame(connection) == progressJSON)
                #expect(try await nextFrame(connection) == rpcResult(2))
            }
        }
    }

    @Test func standaloneStreamDeliversServerMessages() async throws {
        try await HTTPTestServer.with({ request, response in
            guard request.isGET else { return await plainServer(request, response) }
            await response.startEvents()
            await response.write(event(progressJSON))
            await response.stall()
        }) { server in
            try await HTTPTransport.withConnection(to: HTTPEndpoint(url: server.url), logger: httpLogger) {
                connection in
                try await connection.send(rpcRequest(1, "initialize"))
                _ = try await nextFrame(connection)
                await connection.sessionEstablished(protocolVersion: "2025-11-25")
                let get = try await server.request { $0.isGET }
                #expect(get.header("Accept") == "text/event-stream")
                #expect(get.header("Mcp-Session-Id") == "s1")
                #expect(get.header("MCP-Protocol-Version") == "2025-11-25")
                #expect(get.header("Last-Event-ID") == nil)
                #expect(try await nextFrame(connection) == progressJSON)
            }
        }
    }

    @Test func refusedStandaloneStreamIsTolerated() async throws {
        try await HTTPTestServer.with(plainServer) { server in
            try await HTTPTransport.withConnection(to: HTTPEndpoint(url: server.url), logger: httpLogger) {
                connection in
                try await connection.send(rpcRequest(1, "initialize"))
                _ = try await nextFrame(connection)
                await connection.sessionEstablished(protocolVersion: "2025-11-25")
                _ = try await server.request { $0.isGET }
                for id in 2...3 {
                    try await connection.send(rpcRequest(id, "ping"))
                    #expect(try await nextFrame(connection) == rpcResult(id))
                }
            }
            #expect(server.requests.filter(\.isGET).count == 1)
        }
    }

    @Test func droppedPostStreamIsResumedWithoutDuplicates() async throws {
        try await HTTPTestServer.with({ request, response in
            guard request.isGET else {
                await response.startEvents()
                await response.write(event(id: "e1", retry: 10, progressJSON))
                return await response.closeConnection()
            }
            await response.startEvents()
            await response.write(event(id: "e1", progressJSON))
            await response.write(event(id: "e2", rpcResult(2)))
            await response.end()
        }) { server in
            try await HTTPTransport.withConnection(to: HTTPEndpoint(url: server.url), logger: httpLogger) {
                connection in
                try await connection.send(rpcRequest(2, "tools/call"))
                #expect(try await nextFrame(connection) == progressJSON)
                // A replayed e1 would come before e2: the next frame must be the answer.
                #expect(try await nextFrame(connection) == rpcResult(2))
            }
            let gets = server.requests.filter(\.isGET)
            #expect(gets.count == 1)
            #expect(gets.first?.header("Last-Event-ID") == "e1")
            #expect(gets.first?.header("Accept") == "text/event-stream")
        }
    }

    @Test func resumptionWaitsTheRetryTheServerAsked() async throws {
        let dropped = Locked<ContinuousClock.Instant?>(nil)
        try await HTTPTestServer.with({ request, response in
            guard request.isGET else {
                await response.startEvents()
                await response.write(event(id: "e1", retry: 1000, progressJSON))
                dropped.withLock { $0 = .now }
                return await response.closeConnection()
            }
            await response.startEvents()
            await response.write(event(id: "e2", rpcResult(2)))
            await response.end()
        }) { server in
            try await HTTPTransport.withConnection(to: HTTPEndpoint(url: server.url), logger: httpLogger) {
                connection in
                try await connection.send(rpcRequest(2, "tools/call"))
                _ = try await nextFrame(connection)
                #expect(try await nextFrame(connection) == rpcResult(2))
            }
            let get = try await server.request { $0.isGET }
            let waited = try #require(dropped.withLock { $0 }).duration(to: get.receivedAt)
            #expect(waited >= .milliseconds(1000))
        }
    }

    @Test func droppedStandaloneStreamReconnectsFromItsLastEvent() async throws {
        try await HTTPTestServer.with({ request, response in
            guard request.isGET else { return await plainServer(request, response) }
            await response.startEvents()
            if request.header("Last-Event-ID") == nil {
                await response.write("retry: 10\n\n")
                await response.write(event(id: "g1", progressJSON))
                return await response.closeConnection()
            }
            await response.stall()
        }) { server in
            try await HTTPTransport.withConnection(to: HTTPEndpoint(url: server.url), logger: httpLogger) {
                connection in
                try await connection.send(rpcRequest(1, "initialize"))
                _ = try await nextFrame(connection)
                await connection.sessionEstablished(protocolVersion: "2025-11-25")
                #expect(try await nextFrame(connection) == progressJSON)
                let again = try await server.request { $0.isGET && $0.header("Last-Event-ID") != nil }
                #expect(again.header("Last-Event-ID") == "g1")
                #expect(again.header("Mcp-Session-Id") == "s1")
                #expect(again.header("Accept") == "text/event-stream")
            }
        }
    }

    @Test func eventDataThatIsNotJSONIsPassedThrough() async throws {
        try await HTTPTestServer.with({ _, response in
            await response.startEvents()
            await response.write(event("this is not json"))
            await response.write(event(rpcResult(2)))
            await response.end()
        }) { server in
            try await HTTPTransport.withConnection(to: HTTPEndpoint(url: server.url), logger: httpLogger) {
                connection in
                try await connection.send(rpcRequest(2, "tools/call"))
                #expect(try await nextFrame(connection) == "this is not json")
                #expect(try await nextFrame(connection) == rpcResult(2))
            }
        }
    }

    @Test func oversizedEventIsAProtocolViolation() async throws {
        try await HTTPTestServer.with({ _, response in
            await response.startEvents()
            await response.write(event(String(repeating: "x", count: 2000)))
            await response.stall()
        }) { server in
            let options = HTTPOptions(maximumMessageSize: 1024)
            let outcome = try await HTTPTransport.withConnection(
                to: HTTPEndpoint(url: server.url), options: options, logger: httpLogger
            ) { connection in
                try await connection.send(rpcRequest(2, "tools/call"))
                return await drain(connection)
            }
            #expect(outcome.frames.isEmpty)
            #expect(outcome.error?.kind == .protocolViolation)
            #expect(outcome.error?.message.contains("1024 bytes") == true)
        }
    }

    @Test func oversizedJSONAnswerIsAProtocolViolation() async throws {
        try await HTTPTestServer.with({ _, response in
            let padding = String(repeating: "x", count: 2000)
            await response.json(#"{"jsonrpc":"2.0","id":2,"result":{"x":"\#(padding)"}}"#)
        }) { server in
            let options = HTTPOptions(maximumMessageSize: 1024)
            let outcome = try await HTTPTransport.withConnection(
                to: HTTPEndpoint(url: server.url), options: options, logger: httpLogger
            ) { connection in
                try await connection.send(rpcRequest(2, "tools/call"))
                return await drain(connection)
            }
            #expect(outcome.frames.isEmpty)
            #expect(outcome.error?.kind == .protocolViolation)
            #expect(outcome.error?.message.contains("1024 bytes") == true)
        }
    }
}
