import MCPClient
import MCPCore
import MCPTestSupport
import Testing

private let relatedT1: JSONValue = [MetaKey.relatedTask: ["taskId": "t1"]]

@Suite(.timeLimit(.minutes(1))) struct ClientSessionTests {
    @Test func initializeHandshake() async throws {
        let (result, tasks) = try await withFakeServer { peer in
            let params = try await peer.handshake()
            #expect(params?["protocolVersion"] == "2025-11-25")
            #expect(params?["clientInfo"]?["name"] == "tests")
            #expect(try await peer.receive() == nil)
        } client: { session in
            let result = try await session.initialize()
            #expect(session.initializeResult == result)
            return (result, session.runsToolCallsAsTasks)
        }
        #expect(result.serverInfo.name == "fake")
        #expect(result.protocolVersion == "2025-11-25")
        #expect(tasks)
    }

    @Test func olderRevisionHasNoTasks() async throws {
        let tasks = try await withFakeServer { peer in
            let (id, _) = try await peer.expectRequest("initialize")
            peer.respond(
                id,
                ["protocolVersion": "2025-06-18", "capabilities": [:], "serverInfo": ["name": "old", "version": "1"]])
            _ = try await peer.expectNotification("notifications/initialized")
        } client: { session in
            try await session.initialize()
            return session.runsToolCallsAsTasks
        }
        #expect(!tasks)
    }

    @Test func responsesAreCorrelatedOutOfOrder() async throws {
        let (a, b) = try await withFakeServer { peer in
            var requests: [(RequestID, String)] = []
            for _ in 0..<2 {
                guard case .request(let id, let method, _, _)? = try await peer.receive() else {
                    throw ScriptError(description: "expected a request")
                }
                requests.append((id, method))
            }
            #expect(requests[0].0 != requests[1].0)
            for (id, method) in requests.reversed() { peer.respond(id, ["echo": .string(method)]) }
        } client: { session in
            async let a = session.sendRequest(method: "test/a", params: nil, timeout: nil)
            async let b = session.sendRequest(method: "test/b", params: nil, timeout: nil)
            return try await (a, b)
        }
        #expect(a == ["echo": "test/a"])
        #expect(b == ["echo": "test/b"])
    }

    /// The server sends `request` while the client waits on test/go, checks the reply, then answers test/go.
    private func serverRequest(
        _ request: JSONRPCMessage, check: @escaping @Sendable (JSONRPCMessage?) -> Void,
        setUp: @escaping @Sendable (ClientSession) -> Void = { _ in }
    ) async throws {
        _ = try await withFakeServer { peer in
            let (go, _) = try await peer.expectRequest("test/go")
            peer.send(request)
            check(try await peer.receive())
            peer.respond(go, [:])
        } client: { session in
            setUp(session)
            return try await session.sendRequest(method: "test/go", params: nil, timeout: nil)
        }
    }

    @Test func pingFromServerIsAnswered() async throws {
        try await serverRequest(.request(id: .string("s1"), method: "ping", params: nil, envelopeMeta: nil)) {
            #expect($0 == .response(id: .string("s1"), result: [:]))
        }
    }

    @Test func unknownServerRequestGetsMethodNotFound() async throws {
        try await serverRequest(.request(id: .int(9), method: "sampling/createMessage", params: [:], envelopeMeta: nil))
        {
            guard case .errorResponse(let id, let error)? = $0 else {
                Issue.record("expected an error response, got \(String(describing: $0))")
                return
            }
            #expect(id == .int(9))
            #expect(error.code == .methodNotFound)
        }
    }

    @Test func elicitationGoesToTheHandler() async throws {
        let params: JSONValue = [
            "message": "Name?", "requestedSchema": ["type": "object", "properties": ["name": ["type": "string"]]],
            "_meta": relatedT1,
        ]
        try await serverRequest(.request(id: .int(5), method: "elicitation/create", params: params, envelopeMeta: nil))
        {
            guard case .response(let id, let result)? = $0 else {
                Issue.record("expected a response, got \(String(describing: $0))")
                return
            }
            #expect(id == .int(5))
            #expect(result["action"] == "accept")
            #expect(result["content"] == ["name": "Ada"])
            #expect(result["_meta"] == relatedT1)
        } setUp: { session in
            session.setElicitationHandler { request, context in
                #expect(request.message == "Name?")
                #expect(context.relatedTaskID == "t1")
                #expect(context.requestID == .int(5))
                return ElicitResult(action: .accept, content: ["name": "Ada"])
            }
        }
    }

    @Test func elicitationWithoutHandlerIsDeclined() async throws {
        let request = JSONRPCMessage.request(
            id: .int(6), method: "elicitation/create", params: ["message": "Sure?"], envelopeMeta: relatedT1)
        try await serverRequest(request) {
            guard case .response(_, let result)? = $0 else {
                Issue.record("expected a response, got \(String(describing: $0))")
                return
            }
            #expect(result["action"] == "decline")
            #expect(result["_meta"] == relatedT1)
        }
    }

    @Test func notificationsReachSubscribers() async throws {
        let received = try await withFakeServer { peer in
            let (go, _) = try await peer.expectRequest("test/go")
            peer.notify("notifications/tasks/status", ["taskId": "t1", "status": "working"])
            peer.notify("notifications/progress", ["progressToken": "p", "progress": 2, "_meta": relatedT1])
            peer.notify("notifications/custom", ["x": 1])
            peer.respond(go, [:])
        } client: { session in
            let stream = session.notifications()
            _ = try await session.sendRequest(method: "test/go", params: nil, timeout: nil)
            var received: [ServerNotification] = []
            for await notification in stream {
                received.append(notification)
                if received.count == 3 { break }
            }
            return received
        }
        #expect(received.count == 3)
        #expect(received.first == .taskStatus(TaskInfo(taskId: "t1", status: .working)))
        guard received.count == 3, case .progress(let progress, let related) = received[1] else {
            Issue.record("expected progress second")
            return
        }
        #expect(progress.progressToken == .string("p"))
        #expect(progress.progress == 2)
        #expect(related == "t1")
        #expect(received[2] == .other(method: "notifications/custom", params: ["x": 1]))
    }

    /// With `strict` (otherwise such a frame is skipped: UnreadableMessageTests).
    @Test func invalidFrameFailsPendingRequests() async throws {
        var strict = testConfiguration
        strict.strict = true
        let error = try await withFakeServer(configuration: strict) { peer in
            _ = try await peer.expectRequest("test/x")
            peer.sendRaw("this is not json")
        } client: { session in
            do {
                _ = try await session.sendRequest(method: "test/x", params: nil, timeout: nil)
                return SessionError?.none
            } catch let error as SessionError {
                return error
            }
        }
        #expect(error?.kind == .protocolViolation)
    }

    @Test func transportEndFailsPendingRequests() async throws {
        let error = try await withFakeServer { peer in
            _ = try await peer.expectRequest("test/x")
            peer.end.toClient.finish()
        } client: { session in
            do {
                _ = try await session.sendRequest(method: "test/x", params: nil, timeout: nil)
                return SessionError?.none
            } catch let error as SessionError {
                return error
            }
        }
        #expect(error?.kind == .transport)
    }

    @Test func timeoutSendsCancelled() async throws {
        var configuration = testConfiguration
        configuration.requestTimeout = .milliseconds(50)
        let error = try await withFakeServer(configuration: configuration) { peer in
            let (id, _) = try await peer.expectRequest("ping")
            let cancelled = try await peer.expectNotification("notifications/cancelled")
            #expect(cancelled?["requestId"] == id.json)
        } client: { session in
            do {
                try await session.ping()
                return SessionError?.none
            } catch let error as SessionError {
                return error
            }
        }
        #expect(error?.kind == .timeout)
        #expect(error?.message.contains("ping") == true)
    }

    /// Request deadlines are kept by one watcher per session, which sleeps toward the earliest: a short
    /// deadline added while it sleeps toward a long one must still expire, and an answered request's must not.
    @Test func shortDeadlineBesideALongOne() async throws {
        let error = try await withFakeServer { peer in
            // The two requests come in either order.
            var ids: [String: RequestID] = [:]
            while ids.count < 2 {
                guard case .request(let id, let method, _, _)? = try await peer.receive() else {
                    throw ScriptError(description: "expected two requests")
                }
                ids[method] = id
            }
            let cancelled = try await peer.expectNotification("notifications/cancelled")
            #expect(cancelled?["requestId"] == ids["ping"]?.json)
            peer.respond(try #require(ids["tools/list"]), ["tools": []])
        } client: { session in
            async let listed = session.sendRequest(method: "tools/list", params: nil, timeout: .seconds(3600))
            let error: SessionError?
            do {
                _ = try await session.sendRequest(method: "ping", params: nil, timeout: .milliseconds(50))
                error = nil
            } catch let thrown as SessionError {
                error = thrown
            }
            // The long request is still answered normally after the short one timed out.
            #expect(try await listed["tools"] == [])
            return error
        }
        #expect(error?.kind == .timeout)
        #expect(error?.message.contains("ping") == true)
    }

    @Test func cancelTaskNeedsTheCapability() async throws {
        let error = try await withFakeServer { peer in
            _ = try await peer.handshake(tasks: ["requests": ["tools": ["call": [:]]], "list": [:]])
            #expect(try await peer.receive() == nil, "nothing may be sent for an unsupported request")
        } client: { session in
            try await session.initialize()
            do {
                _ = try await session.cancelTask("t1")
                return SessionError?.none
            } catch let error as SessionError {
                return error
            }
        }
        #expect(error?.kind == .unsupported)
        #expect(error?.message.contains("tasks.cancel") == true)
    }
}
