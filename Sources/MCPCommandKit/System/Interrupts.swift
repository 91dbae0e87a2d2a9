import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Why a command stopped waiting before its work ended.
package enum InterruptReason: Sendable, Equatable {
    /// Ctrl-C (SIGINT) or SIGTERM.
    case signal
    /// `--timeout` elapsed.
    case timeout
}

/// Delivers Ctrl-C and `--timeout` to whoever waits. A phase that must react itself (a running task is
/// cancelled on the server and its final state printed) claims them, and the default handler, which just
/// stops everything, steps aside. A second Ctrl-C exits at once with 130.
package final class Interrupts: Sendable {
    private struct State {
        var reason: InterruptReason?
        var claimed = false
        var signals = 0
        var waiters: [Int: (owner: Bool, continuation: CheckedContinuation<InterruptReason?, Never>)] = [:]
        var nextKey = 0
    }

    private let state = Mutex(State())
    private let subscription = Mutex<SignalRouter.Subscription?>(nil)
    nonisolated(unsafe) private let timer: (any DispatchSourceTimer)?

    /// Listens to Ctrl-C and SIGTERM through `signals` (nil: only `--timeout` triggers it; the REPL routes
    /// Ctrl-C itself), and to `timeout`.
    package init(timeout: Duration?, signals: SignalRouter?) {
        var timer: (any DispatchSourceTimer)?
        if let timeout {
            let source = DispatchSource.makeTimerSource(queue: .global())
            let (seconds, attoseconds) = timeout.components
            source.schedule(
                deadline: .now() + .nanoseconds(Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)))
            timer = source
        }
        self.timer = timer
        if let signals {
            let subscribed = signals.subscribe([SIGINT, SIGTERM]) { [weak self] _ in self?.deliver(.signal) }
            subscription.withLock { $0 = subscribed }
        }
        timer?.setEventHandler { [weak self] in self?.deliver(.timeout) }
        timer?.resume()
    }

    deinit {
        subscription.withLock { $0?.cancel() }
        timer?.cancel()
    }

    private func deliver(_ reason: InterruptReason) {
        let ready = state.withLock { state -> [CheckedContinuation<InterruptReason?, Never>]? in
            if reason == .signal {
                state.signals += 1
                if state.signals > 1 { return nil }
            }
            guard state.reason == nil else { return [] }
            state.reason = reason
            let chosen = state.waiters.filter { $0.value.owner == state.claimed }
            for key in chosen.keys { state.waiters[key] = nil }
            return chosen.values.map(\.continuation)
        }
        guard let ready else { _exit(ExitStatus.interrupted.rawValue) }
        for continuation in ready { continuation.resume(returning: reason) }
    }

    /// From now on interrupts go to `wait(asOwner: true)` only. False when one has already been delivered
    /// to the default handler, which is stopping everything: the caller must not start anything new.
    package func claim() -> Bool {
        state.withLock { state in
            guard state.reason == nil else { return false }
            state.claimed = true
            return true
        }
    }

    /// An interrupt already delivered to the owner, who has not waited for it yet.
    package var pending: InterruptReason? { state.withLock { $0.claimed ? $0.reason : nil } }

    /// Waits for an interrupt meant for this kind of waiter; nil if the waiting task is cancelled.
    package func wait(asOwner: Bool) async -> InterruptReason? {
        let key = state.withLock { state in
            defer { state.nextKey += 1 }
            return state.nextKey
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<InterruptReason?, Never>) in
                let now: InterruptReason?? = state.withLock { state in
                    if let reason = state.reason, asOwner == state.claimed { return .some(reason) }
                    if Task.isCancelled { return .some(nil) }
                    state.waiters[key] = (asOwner, continuation)
                    return nil
                }
                if let now { continuation.resume(returning: now) }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: key) }
            waiter?.continuation.resume(returning: nil)
        }
    }

    /// Runs `work` until it ends or an interrupt for this kind of waiter comes; the work is then cancelled.
    package func race<Value: Sendable>(
        asOwner: Bool = false, _ work: @Sendable @escaping () async throws -> Value
    ) async throws -> Raced<Value> {
        try await withThrowingTaskGroup(of: Raced<Value>?.self) { group in
            group.addTask { .finished(try await work()) }
            group.addTask { await self.wait(asOwner: asOwner).map { .interrupted($0) } }
            defer { group.cancelAll() }
            while let next = try await group.next() {
                if let next { return next }
            }
            throw CancellationError()
        }
    }
}

package enum Raced<Value: Sendable>: Sendable {
    case finished(Value)
    case interrupted(InterruptReason)
}
