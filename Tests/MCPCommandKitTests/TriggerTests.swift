import MCPClient
import MCPCommandKit
import MCPCore
import Synchronization
import Testing

/// `until` runs its work as the only child and waits for the trigger with a continuation; `TaskRun.observe`
/// hands a run's changes to a callback instead of a task per view.
@Suite(.timeLimit(.minutes(1))) struct TriggerTests {
    @Test("until gives the work's value when the work ends first")
    func workEnds() async throws {
        let value = try await until(Trigger()) { 42 }
        #expect(value == 42)
    }

    @Test("until cancels the work and gives nil when the trigger fires; the work saw its cancellation")
    func triggerFires() async throws {
        let trigger = Trigger()
        let started = Trigger()
        let sawCancel = Trigger()
        let value: Int? = try await withThrowingTaskGroup(of: Int?.self) { group in
            group.addTask {
                try await until(trigger) {
                    started.fire()
                    await Trigger().wait()  // returns only when cancelled
                    if Task.isCancelled { sawCancel.fire() }
                    return 1
                }
            }
            await started.wait()
            trigger.fire()
            return try await group.next() ?? nil
        }
        #expect(value == nil)
        #expect(sawCancel.isFired)
    }

    @Test("a trigger fired before until begins stops it at once")
    func firedBefore() async throws {
        let trigger = Trigger()
        trigger.fire()
        let value: Int? = try await until(trigger) {
            await Trigger().wait()
            return 1
        }
        #expect(value == nil)
    }

    @Test("first(of:) returns on whichever trigger fires, and at once for one fired already")
    func firstOf() async {
        let one = Trigger()
        let two = Trigger()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await Trigger.first(of: [one, two]) }
            two.fire()
            await group.waitForAll()
        }
        #expect(!one.isFired)
        await Trigger.first(of: [one, two])
    }

    @Test("a run's observer gets every change in order, the end last, and nothing after it")
    func observe() {
        let run = TaskRun(label: "slow_count", request: nil)
        let seen = Recorder<String>()
        run.observe { update in
            let name: String
            switch update {
            case .created: name = "created"
            case .event(.status): name = "status"
            case .event(.progress): name = "progress"
            case .ended: name = "ended"
            }
            seen.add(name)
        }
        let task = TaskInfo(taskId: "t1", status: .working, createdAt: "2026-01-01T00:00:00Z")
        run.apply(.created(task))
        run.apply(.event(.progress(TaskProgress(progress: 1, total: 2))))
        run.apply(.event(.status(task)))
        run.apply(.ended(.stopped))
        run.apply(.event(.progress(TaskProgress(progress: 2, total: 2))))
        #expect(seen.all == ["created", "progress", "status", "ended"])
        // Registered after the end: nothing is replayed or kept.
        let late = Recorder<TaskRun.Update>()
        run.observe { late.add($0) }
        run.apply(.ended(.stopped))
        #expect(late.all.isEmpty)
    }
}

/// What a callback was given, in order.
final class Recorder<Value: Sendable>: Sendable {
    private let values = Mutex<[Value]>([])

    func add(_ value: Value) { values.withLock { $0.append(value) } }
    var all: [Value] { values.withLock { $0 } }
}
