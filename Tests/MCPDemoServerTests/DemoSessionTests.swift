import MCPCore
import Testing

@testable import MCPDemoServer

@Suite("Demo server session", .timeLimit(.minutes(1)))
struct DemoSessionTests {
    @Test("initialize negotiates and declares tasks only for 2025-11-25")
    func initialize() async throws {
        try await withDemoServer { client in
            let early = try await client.request("tools/list")
            #expect(early["error"]?["code"] == -32600)
            let result = try await client.initialize()["result"]
            #expect(result?["protocolVersion"] == "2025-11-25")
            #expect(result?["capabilities"]?["tasks"]?["requests"]?["tools"]?["call"] == [:])
            #expect(result?["serverInfo"] == ["name": "mcptask-demo", "version": "0.1.0"])
            #expect(try await client.request("ping")["result"] == [:])
            #expect(try await client.request("nope/nope")["error"]?["code"] == -32601)
        }
        try await withDemoServer { client in
            let result = try await client.initialize(version: "2025-06-18")["result"]
            #expect(result?["protocolVersion"] == "2025-06-18" && result?["capabilities"]?["tasks"] == nil)
        }
    }

    @Test("tools are listed with their task modes; never_task has no execution member")
    func listTools() async throws {
        try await withDemoServer(DemoOptions(bench: true)) { client in
            _ = try await client.initialize()
            let tools = try await client.request("tools/list")["result"]?["tools"]?.arrayValue ?? []
            #expect(
                tools.map { $0["name"] } == [
                    "slow_count", "must_be_task", "never_task", "ask_user", "fails", "cancellable_sleep",
                    "chatty_count", "lazy_result", "fails_rpc", "fails_quietly", "flood",
                ])
            #expect(
                tools.map { $0["execution"]?["taskSupport"] } == [
                    "optional", "required", nil, "optional", "optional", "optional",
                    "optional", "optional", "optional", "optional", nil,
                ])
        }
    }

    @Test("task modes are enforced with -32601")
    func modes() async throws {
        try await withDemoServer { client in
            _ = try await client.initialize()
            let plain = try await client.request("tools/call", ["name": "must_be_task", "arguments": ["x": "a"]])
            #expect(plain["error"] == ["code": -32601, "message": "Tool 'must_be_task' requires task augmentation"])
            let augmented = try await client.request(
                "tools/call", ["name": "never_task", "arguments": ["x": "a"], "task": [:]])
            #expect(augmented["error"]?["message"] == "Tool 'never_task' does not support task augmentation")
            let badArguments = try await client.request("tools/call", ["name": "slow_count", "arguments": ["n": 0]])
            #expect(badArguments["error"]?["code"] == -32602)
        }
    }

    @Test("slow_count as a task: CreateTaskResult, progress and status, then tasks/result with the marker")
    func slowCountTask() async throws {
        try await withDemoServer { client in
            _ = try await client.initialize()
            let created = try await client.request(
                "tools/call",
                [
                    "name": "slow_count", "arguments": ["n": 2, "delay": 0], "task": [:],
                    "_meta": ["progressToken": "t"],
                ])
            let task = try #require(created["result"]?["task"])
            let id = try #require(task["taskId"])
            #expect(task["status"] == "working" && task["ttl"] == 300_000)
            let result = try await client.request("tasks/result", ["taskId": id])["result"]
            #expect(result?["structuredContent"] == ["count": 2])
            #expect(result?["_meta"]?[MetaKey.relatedTask] == ["taskId": id])
            // The terminal status is announced before tasks/result is answered.
            let statuses = client.notifications("notifications/tasks/status").map {
                "\($0["params"]?["status"]?.stringValue ?? "?") \($0["params"]?["statusMessage"]?.stringValue ?? "-")"
            }
            #expect(statuses == ["working counted 1/2", "working counted 2/2", "completed -"])
            let progress = client.notifications("notifications/progress")
            #expect(progress.map { $0["params"]?["message"] } == ["step 1/2", "step 2/2"])
            #expect(progress.allSatisfy { $0["params"]?["_meta"]?[MetaKey.relatedTask]?["taskId"] == id })
            #expect(try await client.request("tasks/get", ["taskId": id])["result"]?["status"] == "completed")
        }
    }

    @Test("ask_user as a task elicits at once and completes with the answer")
    func askUserTask() async throws {
        try await withDemoServer { client in
            _ = try await client.initialize()
            client.elicitationAnswer = ["action": "accept", "content": ["name": "Ada", "age": 36]]
            let created = try await client.request("tools/call", ["name": "ask_user", "task": [:]])
            let id = try #require(created["result"]?["task"]?["taskId"])
            // No tasks/result yet: the elicitation must come anyway, and the task must finish.
            try await client.next {
                $0["method"] == "notifications/tasks/status" && $0["params"]?["status"] == "completed"
            }
            let result = try await client.request("tasks/result", ["taskId": id])["result"]
            #expect(result?["content"]?.arrayValue?.first?["text"] == "Hello Ada, age 36")
            let statuses = client.notifications("notifications/tasks/status").map { $0["params"]?["status"] }
            #expect(statuses == ["input_required", "working", "completed"])
            let elicitation = try #require(client.received.first { $0["method"] == "elicitation/create" })
            #expect(elicitation["params"]?["_meta"]?[MetaKey.relatedTask] == ["taskId": id])
            #expect(elicitation["params"]?["requestedSchema"]?["required"] == ["name", "age"])
        }
    }

    @Test("tasks/cancel ends a running task; cancelling again is -32602; a waiting tasks/result gets the error")
    func cancelTask() async throws {
        try await withDemoServer { client in
            _ = try await client.initialize()
            let created = try await client.request("tools/call", ["name": "cancellable_sleep", "task": [:]])
            let id = try #require(created["result"]?["task"]?["taskId"])
            let waiting = client.start("tasks/result", ["taskId": id])
            let cancelled = try await client.request("tasks/cancel", ["taskId": id])["result"]
            #expect(cancelled?["status"] == "cancelled" && cancelled?["statusMessage"] == "Cancelled by client")
            let answer = try await client.next { $0["id"] == waiting }
            #expect(answer["error"]?["code"] == -32602)
            let again = try await client.request("tasks/cancel", ["taskId": id])
            #expect(again["error"]?["message"] == "Cannot cancel task in terminal status 'cancelled'")
        }
    }

    @Test("notifications/cancelled stops a plain call, which is never answered")
    func cancelPlainCall() async throws {
        try await withDemoServer { client in
            _ = try await client.initialize()
            let call = client.start("tools/call", ["name": "cancellable_sleep", "arguments": ["seconds": 60]])
            client.send(["jsonrpc": "2.0", "method": "notifications/cancelled", "params": ["requestId": call]])
            _ = try await client.request("ping")
            #expect(!client.received.contains { $0["id"] == call })
        }
    }

    @Test("an oversized line gets a parse error naming its size and the limit; the session goes on")
    func oversizedLine() async throws {
        try await withDemoServer { client in
            _ = try await client.initialize()
            client.input.yield(.oversized(byteCount: 40 << 20))
            let rejection = try await client.next { $0["error"] != nil }
            #expect(rejection["id"] == .null)
            #expect(rejection["error"]?["code"] == -32700)
            #expect(rejection["error"]?["message"] == "Parse error: a message of 40 MiB is over the 32 MiB limit")
            #expect(try await client.request("ping")["result"] == [:])
        }
    }
}
