import MCPCore
import Testing

@testable import MCPDemoServer

/// The demo server on MCP 2026-07-28 (`--protocol-versions`), message by message: the envelope, the era a
/// connection's first request fixes, and the tasks extension's methods and errors.
@Suite("Demo server on 2026-07-28", .timeLimit(.minutes(1)))
struct StatelessSessionTests {
    static let dualEra = DemoOptions(protocolVersions: ["2026-07-28", "2025-11-25"])

    /// `params` with the 2026-07-28 envelope; `tasks` declares the extension.
    static func enveloped(_ params: JSONObject = [:], tasks: Bool = true) -> JSONValue {
        var capabilities: JSONObject = ["elicitation": ["form": [:]]]
        if tasks { capabilities["extensions"] = ["io.modelcontextprotocol/tasks": [:]] }
        var members = params
        members["_meta"] = [
            "io.modelcontextprotocol/protocolVersion": "2026-07-28",
            "io.modelcontextprotocol/clientCapabilities": .object(capabilities),
        ]
        return .object(members)
    }

    @Test("server/discover first makes the connection stateless: initialize is then -32022, ping -32601")
    func discover() async throws {
        try await withDemoServer(Self.dualEra) { client in
            let discovered = try await client.request("server/discover", Self.enveloped())["result"]
            #expect(discovered?["supportedVersions"] == ["2026-07-28", "2025-11-25"])
            #expect(discovered?["capabilities"]?["extensions"]?["io.modelcontextprotocol/tasks"] == [:])
            #expect(discovered?["resultType"] == "complete")
            #expect(discovered?["_meta"]?["io.modelcontextprotocol/serverInfo"]?["name"] == "mcptask-demo")
            let refused = try await client.initialize()["error"]
            #expect(refused?["code"] == -32022 && refused?["data"]?["supported"] == ["2026-07-28"])
            #expect(try await client.request("ping", Self.enveloped())["error"]?["code"] == -32601)
            #expect(try await client.request("tasks/list", Self.enveloped())["error"]?["code"] == -32601)
        }
    }

    @Test("initialize first keeps the handshake: enveloped requests are then served the 2025-11-25 way")
    func handshakeFirst() async throws {
        try await withDemoServer(Self.dualEra) { client in
            #expect(try await client.initialize()["result"]?["protocolVersion"] == "2025-11-25")
            #expect(try await client.request("server/discover", Self.enveloped())["error"]?["code"] == -32601)
            let tools = try await client.request("tools/list", Self.enveloped())["result"]
            #expect(tools?["resultType"] == nil && tools?["tools"]?.arrayValue?.first?["execution"] != nil)
        }
    }

    @Test("without the option the demo is as before: server/discover is -32600 before initialize")
    func notServed() async throws {
        try await withDemoServer { client in
            let discovered = try await client.request("server/discover", Self.enveloped())
            #expect(discovered["error"]?["code"] == -32600)
            #expect(try await client.initialize()["result"]?["protocolVersion"] == "2025-11-25")
        }
    }

    @Test("the envelope is checked: missing -32602, another revision -32022 naming it")
    func envelope() async throws {
        try await withDemoServer(Self.dualEra) { client in
            _ = try await client.request("server/discover", Self.enveloped())
            #expect(try await client.request("tools/list")["error"]?["code"] == -32602)
            let other: JSONValue = [
                "_meta": [
                    "io.modelcontextprotocol/protocolVersion": "2099-01-01",
                    "io.modelcontextprotocol/clientCapabilities": [:],
                ]
            ]
            let refused = try await client.request("tools/list", other)["error"]
            #expect(refused?["code"] == -32022 && refused?["data"]?["requested"] == "2099-01-01")
        }
    }

    @Test("tasks need the extension declared: must_be_task and tasks/get without it are -32021")
    func missingExtension() async throws {
        try await withDemoServer(Self.dualEra) { client in
            _ = try await client.request("server/discover", Self.enveloped())
            let call = try await client.request(
                "tools/call", Self.enveloped(["name": "must_be_task", "arguments": ["x": "1"]], tasks: false))
            #expect(call["error"]?["code"] == -32021)
            #expect(
                call["error"]?["data"]?["requiredCapabilities"]?["extensions"]?["io.modelcontextprotocol/tasks"] == [:])
            let get = try await client.request("tasks/get", Self.enveloped(["taskId": "x"], tasks: false))
            #expect(get["error"]?["code"] == -32021)
            let inline = try await client.request(
                "tools/call", Self.enveloped(["name": "slow_count", "arguments": ["n": 1, "delay": 0]], tasks: false))
            #expect(inline["result"]?["content"]?.arrayValue?.first?["text"] == "counted to 1")
        }
    }

    @Test("a question in a task: inputRequests until tasks/update answers its key; other keys are ignored")
    func inputRound() async throws {
        try await withDemoServer(Self.dualEra) { client in
            _ = try await client.request("server/discover", Self.enveloped())
            let created = try await client.request("tools/call", Self.enveloped(["name": "ask_user"]))["result"]
            #expect(created?["resultType"] == "task" && created?["ttlMs"] == 300_000)
            let taskID = try #require(created?["taskId"]?.stringValue)
            var task = created
            while task?["status"] != "input_required" {
                task = try await client.request("tasks/get", Self.enveloped(["taskId": .string(taskID)]))["result"]
            }
            let key = try #require(task?["inputRequests"]?.objectValue?.keys.first)
            #expect(task?["inputRequests"]?[key]?["method"] == "elicitation/create")
            let stray = try await client.request(
                "tasks/update",
                Self.enveloped(["taskId": .string(taskID), "inputResponses": ["not-asked": ["action": "accept"]]]))
            #expect(stray["result"]?["resultType"] == "complete")
            let answer: JSONValue = ["action": "accept", "content": ["name": "Ada", "age": 36]]
            let ack = try await client.request(
                "tasks/update", Self.enveloped(["taskId": .string(taskID), "inputResponses": [key: answer]]))
            #expect(ack["result"]?["resultType"] == "complete" && ack["result"]?["taskId"] == nil)
            while !(task?["status"]?.stringValue.map(["completed", "failed", "cancelled"].contains) ?? false) {
                task = try await client.request("tasks/get", Self.enveloped(["taskId": .string(taskID)]))["result"]
            }
            #expect(task?["status"] == "completed")
            #expect(task?["result"]?["content"]?.arrayValue?.first?["text"] == "Hello Ada, age 36")
            #expect(client.received.allSatisfy { $0["method"] != "elicitation/create" })
        }
    }

    @Test("tasks/cancel acknowledges: a running task ends cancelled, a finished one is unchanged, unknown -32602")
    func cancel() async throws {
        try await withDemoServer(Self.dualEra) { client in
            _ = try await client.request("server/discover", Self.enveloped())
            let created = try await client.request(
                "tools/call", Self.enveloped(["name": "cancellable_sleep", "arguments": ["seconds": 30]]))
            let id = try #require(created["result"]?["taskId"])
            let ack = try await client.request("tasks/cancel", Self.enveloped(["taskId": id]))
            #expect(ack["result"]?["resultType"] == "complete" && ack["result"]?["status"] == nil)
            let get = try await client.request("tasks/get", Self.enveloped(["taskId": id]))
            #expect(get["result"]?["status"] == "cancelled")
            #expect(try await client.request("tasks/cancel", Self.enveloped(["taskId": id]))["result"] != nil)
            let after = try await client.request("tasks/get", Self.enveloped(["taskId": id]))
            #expect(after["result"]?["status"] == "cancelled")
            let unknown = try await client.request("tasks/cancel", Self.enveloped(["taskId": "nope"]))
            #expect(unknown["error"]?["code"] == -32602)
            #expect(client.notifications("notifications/tasks/status").isEmpty)
        }
    }

    @Test("--fault no-tasks: server/discover offers no tasks extension, and calls run inline")
    func noTasks() async throws {
        let options = DemoOptions(fault: .noTasks, protocolVersions: ["2026-07-28"])
        try await withDemoServer(options) { client in
            let discovered = try await client.request("server/discover", Self.enveloped())["result"]
            #expect(discovered?["capabilities"]?["extensions"] == [:])
            let call = try await client.request(
                "tools/call", Self.enveloped(["name": "slow_count", "arguments": ["n": 1, "delay": 0]]))
            #expect(call["result"]?["resultType"] == "complete", "\(call)")
            #expect(try await client.request("tasks/get", Self.enveloped(["taskId": "x"]))["error"]?["code"] == -32601)
        }
    }

    @Test("subscriptions/listen: the known task ids acknowledged, then notifications/tasks up to the completed task")
    func listen() async throws {
        try await withDemoServer(Self.dualEra) { client in
            _ = try await client.request("server/discover", Self.enveloped())
            let created = try await client.request(
                "tools/call", Self.enveloped(["name": "slow_count", "arguments": ["n": 2, "delay": 0.05]]))
            let id = try #require(created["result"]?["taskId"])
            let refused = try await client.request(
                "subscriptions/listen", Self.enveloped(["notifications": ["taskIds": [id]]], tasks: false))
            #expect(refused["error"]?["code"] == -32021)
            let listenID = client.start(
                "subscriptions/listen", Self.enveloped(["notifications": ["taskIds": [id, "no-such-task"]]]))
            let ack = try await client.next { $0["method"] == "notifications/subscriptions/acknowledged" }
            #expect(ack["params"]?["notifications"]?["taskIds"] == [id])
            #expect(ack["params"]?["_meta"]?["io.modelcontextprotocol/subscriptionId"] == listenID)
            let done = try await client.next {
                $0["method"] == "notifications/tasks" && $0["params"]?["status"] == "completed"
            }
            #expect(done["params"]?["taskId"] == id)
            #expect(done["params"]?["result"]?["content"]?.arrayValue?.first?["text"] == "counted to 2")
            #expect(done["params"]?["_meta"]?["io.modelcontextprotocol/subscriptionId"] == listenID)
            // Cancelling the listen ends it without an answer; a request after it is answered at once.
            client.send(["jsonrpc": "2.0", "method": "notifications/cancelled", "params": ["requestId": listenID]])
            #expect(try await client.request("tools/list", Self.enveloped())["result"] != nil)
            #expect(client.received.allSatisfy { $0["id"] != listenID || $0["method"] != nil })
        }
    }
}
