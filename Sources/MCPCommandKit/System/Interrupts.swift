import Dispatch
import MCPClient
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Why a command stopped waiting before its work ended.
package enum InterruptReason: Sendable, Equatable {
    /// Ctrl-C (SIGINT): the person asks; a second one quits at once.
    case signal
    /// SIGTERM or SIGHUP (the terminal closed): an interrupt that cannot wait for the user. The task is
    /// cancelled where the wire allows, every child ended, and the exit status is 128 + the signal.
    case terminated(signal: Int32)
    /// `--timeout` elapsed.
    case timeout

    /// What the person is told happened.
    package var said: String {
        switch self {
        case .signal: return "interrupted"
        case .terminated(let signal): return "\(signal == SIGHUP ? "SIGHUP (the terminal closed)" : "SIGTERM") received"
        case .timeout: return "--timeout elapsed"
        }
    }
}

extension ExitStatus {
    /// The documented exit status of a command stopped for `reason`: 130 for Ctrl-C, 124 for --timeout,
    /// 128 + the signal for SIGTERM (143) and SIGHUP (129).
    package init(_ reason: InterruptReason) {
        switch reason {
        case .signal: self = .interrupted
        case .timeout: self = .timedOut
        case .terminated(let signal): self = signal == SIGHUP ? .hangUp : .terminated
        }
    }
}

/// Delivers Ctrl-C and `--timeout` to whoever waits. A phase that must react itself (a running task is
/// cancelled on the server and its final state printed) claims them, and the default handler, which just
/// stops everything, steps aside. A second signal exits at once (130, or 128 + the signal), after ending
/// every child process the command runs.
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

    /// The command's child processes, ended before a forced exit.
    private let children: ChildProcesses?

    /// Listens to Ctrl-C, SIGTERM and SIGHUP through `signals` (nil: only `--timeout` triggers it; the REPL
    /// routes them itself), and to `timeout`. `children` are ended before a second signal exits at once.
    package init(timeout: Duration?, signals: SignalRouter?, children: ChildProcesses? = nil) {
        self.children = children
        var timer: (any DispatchSourceTimer)?
        if let timeout {
            let source = DispatchSource.makeTimerSource(queue: .global())
            source.schedule(deadline: .now() + timeout.dispatchInterval)
            timer = source
        }
        self.timer = timer
        if let signals {
            let subscribed = signals.subscribe([SIGINT, SIGTERM, SIGHUP]) { [weak self] number in
                self?.deliver(number == SIGINT ? .signal : .terminated(signal: number))
            }
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
            if reason != .timeout {
                state.signals += 1
                if state.signals > 1 { return nil }
            }
            guard state.reason == nil else { return [] }
            state.reason = reason
            let chosen = state.waiters.filter { $0.value.owner == state.claimed }
            for key in chosen.keys { state.waiters[key] = nil }
            return chosen.values.map(\.continuation)
        }
        guard let ready else {
            // A second signal: no more waiting, but no child left behind either.
            children?.endAll()
            _exit(ExitStatus(reason == .timeout ? .signal : reason).rawValue)
        }
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
