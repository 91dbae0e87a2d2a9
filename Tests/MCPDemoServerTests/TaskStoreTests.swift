import MCPCore
import Testing

@testable import MCPDemoServer

@Suite("TaskStore")
struct TaskStoreTests {
    @Test("a new task is working, with the default ttl, a 32-digit id and millisecond timestamps")
    func create() throws {
        let store = TaskStore()
        let task = store.create(requestedTTL: nil)
        #expect(task.status == .working && task.ttl == 300_000 && task.pollInterval == 500)
        #expect(task.taskId.count == 32 && task.taskId.allSatisfy(\.isHexDigit))
        let stamp = try #require(task.createdAt)
        #expect(stamp.count == 24 && stamp.hasSuffix("Z") && stamp.dropFirst(19).first == ".")
        #expect(store.create(requestedTTL: 10_000_000).ttl == 3_600_000)
        #expect(store.list().map(\.taskId).first == task.taskId)
    }

    @Test("terminal states never change, and cancelling one is -32602")
    func terminal() throws {
        let store = TaskStore()
        let id = store.create(requestedTTL: nil).taskId
        #expect(store.update(id, to: .inputRequired, message: "asking")?.status == .inputRequired)
        let done = store.finish(id, as: .completed, message: nil, outcome: .result(["content": []]))
        #expect(done?.status == .completed)
        #expect(store.update(id, to: .working, message: "again") == nil)
        #expect(store.finish(id, as: .failed, message: "late", outcome: .result([:])) == nil)
        #expect(throws: ResponseError.invalidParams("Cannot cancel task in terminal status 'completed'")) {
            try store.cancel(id)
        }
        #expect(throws: ResponseError.taskNotFound("missing")) { try store.info("missing") }
    }

    @Test("cancel wakes a waiting tasks/result with an error and stops the work")
    func cancel() async throws {
        let store = TaskStore()
        let id = store.create(requestedTTL: nil).taskId
        let work = Task<Void, Never> { try? await Task.sleep(for: .seconds(60)) }
        store.attach(work, to: id)
        async let outcome = store.waitForOutcome(of: id)
        // Cancelling before the wait is registered must give the same answer.
        let cancelled = try store.cancel(id)
        #expect(cancelled.status == .cancelled && cancelled.statusMessage == "Cancelled by client")
        #expect(await outcome == .error(.invalidParams("Task \(id) was cancelled")))
        await work.value
        #expect(work.isCancelled)
    }

    @Test("a finished task hands its outcome to every waiter, early or late")
    func waiters() async {
        let store = TaskStore()
        let id = store.create(requestedTTL: nil).taskId
        async let early = store.waitForOutcome(of: id)
        _ = store.finish(id, as: .completed, message: nil, outcome: .result(["x": 1]))
        #expect(await early == .result(["x": 1]))
        #expect(await store.waitForOutcome(of: id) == .result(["x": 1]))
    }

    @Test("tasks vanish once their ttl has passed")
    func expiry() {
        let store = TaskStore()
        // A ttl of 0 has run out by the next access.
        let id = store.create(requestedTTL: 0).taskId
        #expect(throws: ResponseError.taskNotFound(id)) { try store.info(id) }
        #expect(store.list().isEmpty)
    }
}
