import Synchronization

/// Who reads from the terminal, one at a time. A question (an elicitation) takes it as soon as it is free;
/// questions are served in the order they came, and ahead of a command prompt, which is told to step aside
/// (`preemptPrompt`) when a question arrives while it holds the terminal. So forms never interleave.
package final class TerminalLock: Sendable {
    package enum Holder: Sendable { case prompt, question }

    private struct Waiter {
        var kind: Holder
        var key: Int
        var continuation: CheckedContinuation<Bool, Never>
    }

    private struct State {
        var holder: Holder?
        var waiters: [Waiter] = []
        var nextKey = 0
    }

    private let state = Mutex(State())
    private let preemptPrompt: @Sendable () -> Void

    package init(preemptPrompt: @escaping @Sendable () -> Void = {}) { self.preemptPrompt = preemptPrompt }

    /// Waits for the terminal; false when the waiting task was cancelled first (then it is not held).
    package func acquire(_ kind: Holder) async -> Bool {
        let key = state.withLock { state in
            defer { state.nextKey += 1 }
            return state.nextKey
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                enum Start { case acquired, cancelled, queued(preempt: Bool) }
                let start = state.withLock { state -> Start in
                    if Task.isCancelled { return .cancelled }
                    if state.holder == nil && state.waiters.isEmpty {
                        state.holder = kind
                        return .acquired
                    }
                    let waiter = Waiter(kind: kind, key: key, continuation: continuation)
                    if kind == .question, let firstPrompt = state.waiters.firstIndex(where: { $0.kind == .prompt }) {
                        state.waiters.insert(waiter, at: firstPrompt)
                    } else {
                        state.waiters.append(waiter)
                    }
                    return .queued(preempt: kind == .question && state.holder == .prompt)
                }
                switch start {
                case .acquired: continuation.resume(returning: true)
                case .cancelled: continuation.resume(returning: false)
                case .queued(let preempt): if preempt { preemptPrompt() }
                }
            }
        } onCancel: {
            let waiter = state.withLock { state -> Waiter? in
                guard let index = state.waiters.firstIndex(where: { $0.key == key }) else { return nil }
                return state.waiters.remove(at: index)
            }
            waiter?.continuation.resume(returning: false)
        }
    }

    /// Gives the terminal to the next waiter, if any.
    package func release() {
        let next = state.withLock { state -> Waiter? in
            guard !state.waiters.isEmpty else {
                state.holder = nil
                return nil
            }
            let next = state.waiters.removeFirst()
            state.holder = next.kind
            return next
        }
        next?.continuation.resume(returning: true)
    }

    /// Whether a question is waiting or being asked.
    package var questionPending: Bool {
        state.withLock { state in state.holder == .question || state.waiters.contains { $0.kind == .question } }
    }
}
