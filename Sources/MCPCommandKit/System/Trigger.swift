import Synchronization

/// A one-shot event: fired once from anywhere (a signal handler, a command), awaited by any number of tasks.
package final class Trigger: Sendable {
    private struct State {
        var fired = false
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var nextKey = 0
    }

    private let state = Mutex(State())

    package init() {}

    package var isFired: Bool { state.withLock { $0.fired } }

    package func fire() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard !state.fired else { return [] }
            state.fired = true
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once fired, or when the waiting task is cancelled.
    package func wait() async {
        let key = state.withLock { state in
            defer { state.nextKey += 1 }
            return state.nextKey
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = state.withLock { state -> Bool in
                    if state.fired || Task.isCancelled { return true }
                    state.waiters[key] = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: key) }
            waiter?.resume()
        }
    }
}

/// Runs `work` until it ends or `trigger` fires; then the work is cancelled and nil returned.
package func until<Value: Sendable>(
    _ trigger: Trigger, _ work: @escaping @Sendable () async throws -> Value
) async throws -> Value? {
    try await until({ await trigger.wait() }, work)
}

/// Runs `work` until it ends or `stop` returns; then the work is cancelled and nil returned.
package func until<Value: Sendable>(
    _ stop: @escaping @Sendable () async -> Void, _ work: @escaping @Sendable () async throws -> Value
) async throws -> Value? {
    try await withThrowingTaskGroup(of: Value?.self) { group in
        group.addTask { try await work() }
        group.addTask {
            await stop()
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { return nil }
        return first
    }
}
