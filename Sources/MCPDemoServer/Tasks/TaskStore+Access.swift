import MCPCore

extension TaskStore {
    /// Side effects gathered under the lock and run after releasing it: resuming a continuation or cancelling
    /// a task can run other code, which must not find the lock held.
    struct Effects {
        var resumes: [(CheckedContinuation<TaskOutcome, Never>, TaskOutcome)] = []
        var cancels: [Task<Void, Never>] = []

        func perform() {
            for (continuation, outcome) in resumes { continuation.resume(returning: outcome) }
            for work in cancels { work.cancel() }
        }
    }

    /// Runs `body` under the lock after removing expired tasks, then performs the collected effects.
    func access<R: Sendable>(_ body: (inout State, inout Effects) -> R) -> R {
        var effects = Effects()
        let now = clock.now
        let result = state.withLock { state in
            for id in state.order where state.entries[id].map({ $0.expiry <= now }) ?? false {
                // An expired task still running is stopped; its waiters learn it is gone.
                guard let entry = state.entries.removeValue(forKey: id) else { continue }
                effects.resumes += entry.waiters.values.map { ($0, .error(.taskNotFound(id))) }
                if let work = entry.work { effects.cancels.append(work) }
            }
            state.order.removeAll { state.entries[$0] == nil }
            return body(&state, &effects)
        }
        effects.perform()
        return result
    }

    /// Moves a task to a terminal state with `change` (which may refuse), stores `outcome`, stops the work
    /// when cancelling, and wakes the waiters only after `announce`. Nil when the task does not exist.
    func settle(
        _ id: String, outcome: TaskOutcome, announce: (TaskInfo) -> Void,
        change: (inout Entry) -> Result<TaskInfo, ResponseError>
    ) -> Result<TaskInfo, ResponseError>? {
        var waiters: [CheckedContinuation<TaskOutcome, Never>] = []
        let changed = access { state, effects -> Result<TaskInfo, ResponseError>? in
            guard var entry = state.entries[id] else { return nil }
            let result = change(&entry)
            guard case .success = result else { return result }
            entry.info.lastUpdatedAt = TaskClock.timestamp()
            entry.outcome = outcome
            waiters = Array(entry.waiters.values)
            entry.waiters = [:]
            // Cancelled work is stopped; finished work is already over.
            if entry.info.status == .cancelled, let work = entry.work { effects.cancels.append(work) }
            entry.work = nil
            state.entries[id] = entry
            return result
        }
        if case .success(let info)? = changed { announce(info) }
        for waiter in waiters { waiter.resume(returning: outcome) }
        return changed
    }

    /// `tasks/result`: the outcome once the task is terminal, waiting as long as it takes. A cancelled wait
    /// (the request was cancelled, or the server shuts down) returns at once; its answer is never sent. A task
    /// with a non-blocking result answers at once with -32602 until it has completed or failed.
    func waitForOutcome(of id: String) async -> TaskOutcome {
        let waiter = access { state, _ in
            state.lastWaiter += 1
            return state.lastWaiter
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let ready: TaskOutcome? = access { state, _ in
                    if state.abandonedWaiters.remove(waiter) != nil { return .error(Self.waitCancelled) }
                    guard let entry = state.entries[id] else { return .error(.taskNotFound(id)) }
                    let status = entry.info.status
                    if entry.quirks.nonBlockingResult && status != .completed && status != .failed {
                        return .error(TaskQuirks.notCompleted(status))
                    }
                    if let outcome = entry.outcome { return outcome }
                    state.entries[id]?.waiters[waiter] = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            access { state, effects in
                if let continuation = state.entries[id]?.waiters.removeValue(forKey: waiter) {
                    effects.resumes.append((continuation, .error(Self.waitCancelled)))
                } else {
                    state.abandonedWaiters.insert(waiter)
                }
            }
        }
    }

    private static let waitCancelled = ResponseError(code: .internalError, message: "request cancelled")
}
