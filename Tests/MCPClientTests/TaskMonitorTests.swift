import MCPClient
import MCPCore
import MCPTestSupport
import Synchronization
import Testing

private let tasksCapability: JSONValue = ["requests": ["tools": ["call": [:]]], "cancel": [:]]

private func status(_ state: String, _ message: String? = nil, poll: Int? = nil) -> JSONValue {
    var task: [String: JSONValue] = ["taskId": "t1", "status": .string(state), "ttl": .null]
    if let message { task["statusMessage"] = .string(message) }
    if let poll { task["pollInterval"] = .int(poll) }
    return .object(task)
}

private let doneResult: JSONValue = ["content": [["type": "text", "text": "done"]]]

private final class Events: Sendable {
    let list = Mutex<[TaskEvent]>([])
    func append(_ event: TaskEvent) { list.withLock { $0.append(event) } }
    var all: [TaskEvent] { list.withLock { $0 } }
}

/// Calls the tool as a task and follows it with a TaskMonitor, as `mcptask call` does.
private func callAndMonitor(_ session: ClientSession, events: Events) async throws -> TaskOutcome {
    try await session.initialize()
    let notifications = session.subscribeNotifications()
    let response = try await session.callTool(
        name: "slow", arguments: [:], task: TaskMetadata(ttl: 60_000), progressToken: .string("p1"))
    guard case .task(let created) = response else { throw ScriptError(description: "expected a task") }
    let monitor = TaskMonitor(session: session, taskID: created.task.taskId, progressToken: .string("p1"))
    return try await monitor.run(initial: created.task, notifications: notifications) { events.append($0) }
}

@Suite(.timeLimit(.minutes(1))) struct TaskMonitorTests {
    @Test func blockingResultWithStatusNotifications() async throws {
        let events = Events()
        let outcome = try await withFakeServer { peer in
            _ = try await peer.handshake(tasks: tasksCapability)
            let (call, params) = try await peer.expectRequest("tools/call")
            #expect(params?["task"]?["ttl"] == 60_000)
            #expect(params?["_meta"]?["progressToken"] == "p1")
            var current = status("working", "started")
            // Before the CreateTaskResult: the client must not lose it.
            peer.notify("notifications/tasks/status", current)
            peer.respond(call, ["task": status("working", poll: 60_000)])
            while let message = try await peer.receive() {
                guard case .request(let id, let method, _, _) = message else { continue }
                switch method {
                case "tasks/result":
                    peer.notify("notifications/progress", ["progressToken": "p1", "progress": 1, "total": 4])
                    peer.notify(
                        "notifications/progress",
                        [
                            "progressToken": "other", "progress": 2, "total": 4,
                            "_meta": [MetaKey.relatedTask: ["taskId": "t1"]],
                        ])
                    peer.notify("notifications/progress", ["progressToken": "zzz", "progress": 3, "total": 4])
                    peer.notify("notifications/tasks/status", status("working", "halfway"))
                    current = status("completed")
                    peer.notify("notifications/tasks/status", current)
                    peer.respond(id, doneResult)
                case "tasks/get": peer.respond(id, current)
                default: throw ScriptError(description: "unexpected \(method)")
                }
            }
        } client: { session in
            try await callAndMonitor(session, events: events)
        }
        guard case .completed(let task, let result) = outcome else {
            Issue.record("expected completed, got \(outcome)")
            return
        }
        #expect(task.status == .completed)
        #expect(result.json == doneResult)
        let progress = events.all.compactMap { event -> TaskProgress? in
            if case .progress(let progress) = event { return progress }
            return nil
        }
        #expect(progress == [TaskProgress(progress: 1, total: 4), TaskProgress(progress: 2, total: 4)])
        let statuses = events.all.compactMap { event -> TaskInfo? in
            if case .status(let task) = event { return task }
            return nil
        }
        #expect(statuses.first?.status == .working)
        #expect(statuses.last?.status == .completed)
        #expect(statuses.contains { $0.statusMessage == "started" })
        for (previous, next) in zip(statuses, statuses.dropFirst()) { #expect(previous != next) }
    }

    @Test func nonBlockingResultIsFetchedAgainWhenCompleted() async throws {
        let resultRequests = Mutex(0)
        let outcome = try await withFakeServer { peer in
            _ = try await peer.handshake(tasks: tasksCapability)
            let (call, _) = try await peer.expectRequest("tools/call")
            peer.respond(call, ["task": status("working", poll: 5)])
            var gets = 0
            while let message = try await peer.receive() {
                guard case .request(let id, let method, _, _) = message else { continue }
                let completed = gets >= 3
                switch method {
                case "tasks/result":
                    resultRequests.withLock { $0 += 1 }
                    if completed {
                        peer.respond(id, doneResult)
                    } else {
                        peer.send(
                            .errorResponse(
                                id: id, error: ResponseError(code: .invalidParams, message: "Task not completed yet")))
                    }
                case "tasks/get":
                    gets += 1
                    peer.respond(id, status(gets >= 3 ? "completed" : "working", poll: 5))
                default: throw ScriptError(description: "unexpected \(method)")
                }
            }
        } client: { session in
            try await callAndMonitor(session, events: Events())
        }
        guard case .completed(let task, let result) = outcome else {
            Issue.record("expected completed, got \(outcome)")
            return
        }
        #expect(task.status == .completed)
        #expect(result.json == doneResult)
        #expect(resultRequests.withLock { $0 } == 2)
    }

    @Test("stopping a follow ends it with CancellationError, and a handler asked after the end is told at once")
    func stoppedFollow() async throws {
        let ended = try await withFakeServer { peer in
            _ = try await peer.handshake(tasks: tasksCapability)
            let (call, _) = try await peer.expectRequest("tools/call")
            peer.respond(call, ["task": status("working", poll: 60_000)])
            // tasks/result is left unanswered: only the stop can end the follow.
            while let message = try await peer.receive() {
                guard case .request(_, let method, _, _) = message, method != "tasks/result" else { continue }
                throw ScriptError(description: "unexpected \(method)")
            }
        } client: { session -> [String] in
            try await session.initialize()
            let notifications = session.subscribeNotifications()
            let response = try await session.callTool(
                name: "slow", arguments: [:], task: TaskMetadata(ttl: 60_000), progressToken: nil)
            guard case .task(let created) = response else { throw ScriptError(description: "expected a task") }
            let monitor = TaskMonitor(session: session, taskID: created.task.taskId, progressToken: nil)
            let follow = monitor.start(initial: created.task, notifications: notifications) { _ in }
            follow.stop()
            var ends: [String] = []
            do {
                _ = try await follow.outcome()
                ends.append("outcome")
            } catch is CancellationError {
                ends.append("cancelled")
            }
            let late = Mutex<[String]>([])
            follow.whenEnded { result in
                late.withLock { $0.append((try? result.get()) == nil ? "cancelled" : "outcome") }
            }
            return ends + late.withLock { $0 }
        }
        #expect(ended == ["cancelled", "cancelled"])
    }

    @Test("a pollInterval too large for a timer is followed as any other, not a crash")
    func hugePollInterval() async throws {
        let outcome = try await withFakeServer { peer in
            _ = try await peer.handshake(tasks: tasksCapability)
            let (call, _) = try await peer.expectRequest("tools/call")
            peer.respond(call, ["task": status("working", poll: Int.max)])
            while let message = try await peer.receive() {
                guard case .request(let id, let method, _, _) = message else { continue }
                switch method {
                case "tasks/result":
                    peer.notify("notifications/tasks/status", status("completed", poll: Int.max))
                    peer.respond(id, doneResult)
                case "tasks/get": peer.respond(id, status("completed", poll: Int.max))
                default: throw ScriptError(description: "unexpected \(method)")
                }
            }
        } client: { session in
            try await callAndMonitor(session, events: Events())
        }
        guard case .completed(let task, _) = outcome else {
            Issue.record("expected completed, got \(outcome)")
            return
        }
        #expect(task.pollInterval == Int.max)
    }
}
