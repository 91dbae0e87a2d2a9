import Synchronization

/// A one-shot event: fired once from anywhere (a signal handler, a command), awaited by any number of tasks.
package final class Trigger: Sendable {
    private struct State {
        var fired = false
        var actions: [Int: @Sendable () -> Void] = [:]
        var nextKey = 0
    }

    private let state = Mutex(State())

    package init() {}

    package var isFired: Bool { state.withLock { $0.fired } }

    package func fire() {
        let actions = state.withLock { state -> [@Sendable () -> Void] in
            guard !state.fired else { return [] }
            state.fired = true
            defer { state.actions = [:] }
            return Array(state.actions.values)
        }
        for action in actions { action() }
    }

    /// Returns once fired, or when the waiting task is cancelled.
    package func wait() async { await Self.first(of: [self]) }

    /// Returns once one of `triggers` has fired, or when the waiting task is cancelled. The waiting costs a
    /// continuation, not a task per trigger.
    package static func first(of triggers: [Trigger]) async {
        let waiter = OneWaiter()
        var registered: [(Trigger, Int)] = []
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                waiter.install(continuation)
                for trigger in triggers {
                    guard let key = trigger.whenFired({ waiter.resume() }) else {
                        waiter.resume()
                        break
                    }
                    registered.append((trigger, key))
                }
            }
        } onCancel: {
            waiter.resume()
        }
        for (trigger, key) in registered { trigger.forget(key) }
    }

    /// Keeps `action` for when it fires; nil when it has fired already (the action is not kept). `forget`
    /// the returned key once the action is no longer wanted.
    package func whenFired(_ action: @escaping @Sendable () -> Void) -> Int? {
        state.withLock { state in
            guard !state.fired else { return nil }
            defer { state.nextKey += 1 }
            state.actions[state.nextKey] = action
            return state.nextKey
        }
    }

    package func forget(_ key: Int) {
        _ = state.withLock { $0.actions.removeValue(forKey: key) }
    }
}

/// One suspended task, resumed once by whichever comes first: a trigger, or its cancellation (which may
/// come before the continuation exists).
private final class OneWaiter: Sendable {
    private let state = Mutex((resumed: false, continuation: CheckedContinuation<Void, Never>?.none))

    func install(_ continuation: CheckedContinuation<Void, Never>) {
        let now = state.withLock { state -> Bool in
            if state.resumed { return true }
            state.continuation = continuation
            return false
        }
        if now { continuation.resume() }
    }

    func resume() {
        let continuation = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.resumed else { return nil }
            state.resumed = true
            defer { state.continuation = nil }
            return state.continuation
        }
        continuation?.resume()
    }
}

/// Runs `work` until it ends or `trigger` fires; then the work is cancelled and nil returned. The work is
/// the only child: the trigger is awaited with a continuation, not with a second task racing the first (a
/// REPL follows hundreds of runs this way at once).
package func until<Value: Sendable>(
    _ trigger: Trigger, _ work: @escaping @Sendable () async throws -> Value
) async throws -> Value? {
    try await withThrowingTaskGroup(of: Value.self) { group in
        let done = Trigger()
        group.addTask {
            defer { done.fire() }
            return try await work()
        }
        defer { group.cancelAll() }
        await Trigger.first(of: [trigger, done])
        guard done.isFired else { return nil }
        return try await group.next()
    }
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
