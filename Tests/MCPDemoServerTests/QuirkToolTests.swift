import MCPCore
import Testing

@testable import MCPDemoServer

/// The tools that copy real servers' departures from the spec (server-behaviours.md), checked on the wire.
@Suite("Demo tools that behave like real servers", .timeLimit(.minutes(1)))
struct QuirkToolTests {
    /// Status and progress notifications in arrival order, as `status <status> <message>` and
    /// `progress <value> <message>`.
    private func timeline(_ client: TestClient) -> [String] {
        client.received.compactMap { message in
            let params = message["params"]
            switch message["method"]?.stringValue {
            case "notifications/tasks/status":
                return "status \(params?["status"]?.stringValue ?? "?") \(params?["statusMessage"]?.stringValue ?? "-")"
            case "notifications/progress":
                return "progress \(params?["progress"]?.intValue ?? -1) \(params?["message"]?.stringValue ?? "-")"
            default:
                return nil
            }
        }
    }

    @Test("chatty_count: three identical status notifications per step, top-level _meta, the last progress twice")
    func chattyCount() async throws {
        try await withDemoServer { client in
            _ = try await client.initialize()
            let created = try await client.request(
                "tools/call",
                [
                    "name": "chatty_count", "arguments": ["n": 2, "delay": 0], "task": [:],
                    "_meta": ["progressToken": "c"],
                ])
            let id = try #require(created["result"]?["task"]?["taskId"])
            let result = try await client.request("tasks/result", ["taskId": id])["result"]
            #expect(result?["content"]?.arrayValue?.first?["text"] == "counted to 2")
            // The terminal notification precedes the tasks/result answer, so everything has arrived.
            #expect(
                timeline(client) == [
                    "status working step 1 of 2", "status working step 1 of 2", "status working step 1 of 2",
                    "progress 1 step 1 of 2",
                    "status working step 2 of 2", "status working step 2 of 2", "status working step 2 of 2",
                    "progress 2 step 2 of 2", "progress 2 step 2 of 2",
                    "status completed -",
                ])
            let statuses = client.notifications("notifications/tasks/status")
            #expect(statuses[0] == statuses[1] && statuses[1] == statuses[2], "copies must be identical")
            #expect(statuses[3] == statuses[4] && statuses[4] == statuses[5], "copies must be identical")
            let progress = client.notifications("notifications/progress")
            for notification in progress {
                #expect(notification["_meta"]?[MetaKey.relatedTask] == ["taskId": id], "\(notification)")
                #expect(notification["params"]?["_meta"] == nil, "the marker is beside params: \(notification)")
                #expect(notification["params"]?["progressToken"] == "c" && notification["params"]?["total"] == 2)
            }
            #expect(progress.count == 3 && progress[1] == progress[2], "the last progress is repeated verbatim")
        }
    }

    @Test("chatty_count as a plain call: progress without any marker, no status notifications")
    func chattyCountPlain() async throws {
        try await withDemoServer { client in
            _ = try await client.initialize()
            let answer = try await client.request(
                "tools/call",
                ["name": "chatty_count", "arguments": ["n": 1, "delay": 0], "_meta": ["progressToken": 7]])
            #expect(answer["result"]?["content"]?.arrayValue?.first?["text"] == "counted to 1")
            #expect(timeline(client) == ["progress 1 step 1 of 1", "progress 1 step 1 of 1"])
            #expect(client.notifications("notifications/progress").allSatisfy { $0["_meta"] == nil })
        }
    }

    @Test("lazy_result: tasks/result is -32602 at once while working and once cancelled, the result once done")
    func lazyResult() async throws {
        try await withDemoServer { client in
            _ = try await client.initialize()
            // A task that stays working: tasks/result must not wait for it.
            let slow = try await client.request(
                "tools/call", ["name": "lazy_result", "arguments": ["n": 1, "delay": 60], "task": [:]])
            let slowID = try #require(slow["result"]?["task"]?["taskId"])
            let early = try await client.request("tasks/result", ["taskId": slowID])
            #expect(early["error"] == ["code": -32602, "message": "Task not completed yet (current state: working)"])
            let cancelled = try await client.request("tasks/cancel", ["taskId": slowID])["result"]
            #expect(cancelled?["status"] == "cancelled")
            let afterCancel = try await client.request("tasks/result", ["taskId": slowID])
            #expect(
                afterCancel["error"] == [
                    "code": -32602, "message": "Task not completed yet (current state: cancelled)",
                ])

            // A task that finishes: wait for its terminal notification, then ask.
            let quick = try await client.request(
                "tools/call",
                [
                    "name": "lazy_result", "arguments": ["n": 2, "delay": 0], "task": [:],
                    "_meta": ["progressToken": "q"],
                ])
            let quickID = try #require(quick["result"]?["task"]?["taskId"])
            try await client.next {
                $0["method"] == "notifications/tasks/status" && $0["params"]?["taskId"] == quickID
                    && $0["params"]?["status"] == "completed"
            }
            let result = try await client.request("tasks/result", ["taskId": quickID])["result"]
            #expect(result?["content"]?.arrayValue?.first?["text"] == "counted to 2")
            #expect(result?["_meta"]?[MetaKey.relatedTask] == ["taskId": quickID])
            let statuses = client.notifications("notifications/tasks/status").map {
                "\($0["params"]?["status"]?.stringValue ?? "?") \($0["params"]?["statusMessage"]?.stringValue ?? "-")"
            }
            #expect(
                statuses == [
                    "cancelled Cancelled by client", "working counted 1/2", "working counted 2/2", "completed -",
                ])
            #expect(client.notifications("notifications/progress").count == 2)
        }
    }

    @Test("lazy_result: cancelling a completed task answers cancelled, yet tasks/get still says completed")
    func lyingCancel() async throws {
        try await withDemoServer { client in
            _ = try await client.initialize()
            let created = try await client.request(
                "tools/call", ["name": "lazy_result", "arguments": ["n": 1, "delay": 0], "task": [:]])
            let id = try #require(created["result"]?["task"]?["taskId"])
            try await client.next {
                $0["method"] == "notifications/tasks/status" && $0["params"]?["status"] == "completed"
            }
            let notificationsBefore = client.notifications("notifications/tasks/status").count
            for _ in 1...2 {
                let cancel = try await client.request("tasks/cancel", ["taskId": id])
                #expect(cancel["error"] == nil, "\(cancel)")
                #expect(cancel["result"]?["status"] == "cancelled" && cancel["result"]?["taskId"] == id)
            }
            let task = try await client.request("tasks/get", ["taskId": id])["result"]
            #expect(task?["status"] == "completed")
            let result = try await client.request("tasks/result", ["taskId": id])["result"]
            #expect(result?["content"]?.arrayValue?.first?["text"] == "counted to 1")
            #expect(client.notifications("notifications/tasks/status").count == notificationsBefore)
            // Other tools keep the spec's answer.
            let plain = try await client.request(
                "tools/call", ["name": "must_be_task", "arguments": ["x": "a"], "task": [:]])
            let plainID = try #require(plain["result"]?["task"]?["taskId"])
            _ = try await client.request("tasks/result", ["taskId": plainID])
            let refused = try await client.request("tasks/cancel", ["taskId": plainID])
            #expect(refused["error"]?["code"] == -32602)
        }
    }

    @Test("fails_rpc: tasks/result is JSON-RPC -32603, the task failed silently, a plain call gets the error")
    func failsRPC() async throws {
        try await withDemoServer { client in
            _ = try await client.initialize()
            let expected: JSONValue = [
                "code": -32603, "message": "Error executing tool 'fails_rpc': deliberate failure inside tool",
            ]
            let created = try await client.request("tools/call", ["name": "fails_rpc", "task": [:]])
            let id = try #require(created["result"]?["task"]?["taskId"])
            let answer = try await client.request("tasks/result", ["taskId": id])
            #expect(answer["error"] == expected && answer["result"] == nil)
            let task = try await client.request("tasks/get", ["taskId": id])["result"]
            #expect(task?["status"] == "failed" && task?["statusMessage"] == "deliberate failure inside tool")
            // Any failed notification would have been written before the tasks/result answer.
            #expect(client.notifications("notifications/tasks/status").isEmpty)
            let plain = try await client.request("tools/call", ["name": "fails_rpc"])
            #expect(plain["error"] == expected)
        }
    }

    @Test("failed tasks' tasks/result: fails gives the isError result, fails_quietly only _meta")
    func failureShapes() async throws {
        try await withDemoServer { client in
            _ = try await client.initialize()
            let loud = try await client.request("tools/call", ["name": "fails", "task": [:]])
            let loudID = try #require(loud["result"]?["task"]?["taskId"])
            let loudResult = try await client.request("tasks/result", ["taskId": loudID])["result"]
            #expect(loudResult?["isError"] == true)
            #expect(loudResult?["content"]?.arrayValue?.first?["text"] == "deliberate failure inside task")

            let quiet = try await client.request("tools/call", ["name": "fails_quietly", "task": [:]])
            let quietID = try #require(quiet["result"]?["task"]?["taskId"])
            let quietResult = try await client.request("tasks/result", ["taskId": quietID])["result"]
            #expect(quietResult == ["_meta": [MetaKey.relatedTask: ["taskId": quietID]]])
            let task = try await client.request("tasks/get", ["taskId": quietID])["result"]
            #expect(task?["status"] == "failed" && task?["statusMessage"] == "deliberate failure inside task")
            let failed = client.notifications("notifications/tasks/status").filter {
                $0["params"]?["taskId"] == quietID
            }
            #expect(failed.map { $0["params"]?["status"] } == ["failed"])
        }
    }

    @Test("--poll-interval is the pollInterval of CreateTaskResult, tasks/get and status notifications")
    func pollInterval() async throws {
        try await withDemoServer(DemoOptions(pollInterval: 60_000)) { client in
            _ = try await client.initialize()
            let created = try await client.request(
                "tools/call", ["name": "slow_count", "arguments": ["n": 1, "delay": 0], "task": [:]])
            let task = try #require(created["result"]?["task"])
            #expect(task["pollInterval"] == 60_000)
            let id = try #require(task["taskId"])
            _ = try await client.request("tasks/result", ["taskId": id])
            #expect(try await client.request("tasks/get", ["taskId": id])["result"]?["pollInterval"] == 60_000)
            let notified = client.notifications("notifications/tasks/status").map { $0["params"]?["pollInterval"] }
            #expect(!notified.isEmpty && notified.allSatisfy { $0 == 60_000 })
        }
        try await withDemoServer { client in
            _ = try await client.initialize()
            let created = try await client.request(
                "tools/call", ["name": "must_be_task", "arguments": ["x": "a"], "task": [:]])
            #expect(created["result"]?["task"]?["pollInterval"] == 500)
        }
    }
}
