import MCPCore
import Synchronization

/// Requests awaiting their response, keyed by id. A slot is prepared before the request is written, so an
/// answer that arrives before anyone waits is kept. A lock rather than an actor so cancellation handlers
/// can resume a waiter synchronously.
final class PendingRequests: Sendable {
    typealias Waiter = CheckedContinuation<JSONValue, any Error>

    private enum Slot {
        case prepared
        case waiting(Waiter)
        case arrived(Result<JSONValue, any Error>)
    }

    private struct State {
        var slots: [RequestID: Slot] = [:]
        var closedWith: (any Error)?
    }

    private let state = Mutex(State())

    /// Opens a slot for `id`; throws when the session is already closed.
    func prepare(_ id: RequestID) throws {
        try state.withLock { state in
            if let error = state.closedWith { throw error }
            state.slots[id] = .prepared
        }
    }

    /// Waits for the answer to a prepared request. Cancelling the calling task fails it with CancellationError.
    func wait(_ id: RequestID) async throws -> JSONValue {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (waiter: Waiter) in
                let ready: Result<JSONValue, any Error>? = state.withLock { state in
                    switch state.slots[id] {
                    case .arrived(let result)?:
                        state.slots[id] = nil
                        return result
                    case .prepared?:
                        state.slots[id] = .waiting(waiter)
                        return nil
                    case .waiting?, nil:
                        return .failure(state.closedWith ?? CancellationError())
                    }
                }
                if let ready { waiter.resume(with: ready) }
            }
        } onCancel: {
            cancel(id, with: CancellationError())
        }
    }

    /// Delivers an answer; false when no request has that id (a late or unknown response).
    @discardableResult
    func resolve(_ id: RequestID, with result: Result<JSONValue, any Error>) -> Bool {
        let waiter: Waiter?? = state.withLock { state in
            switch state.slots[id] {
            case .prepared?:
                state.slots[id] = .arrived(result)
                return .some(nil)
            case .waiting(let waiter)?:
                state.slots[id] = nil
                return .some(waiter)
            case .arrived?, nil:
                return nil
            }
        }
        guard let waiter else { return false }
        waiter?.resume(with: result)
        return true
    }

    /// Gives up on `id`, failing its waiter with `error`.
    func cancel(_ id: RequestID, with error: any Error) {
        let slot = state.withLock { $0.slots.removeValue(forKey: id) }
        if case .waiting(let waiter)? = slot { waiter.resume(throwing: error) }
    }

    /// Fails every request, now and later, with `error`.
    func close(with error: any Error) {
        let waiters: [Waiter] = state.withLock { state in
            if state.closedWith == nil { state.closedWith = error }
            let waiters = state.slots.values.compactMap { slot -> Waiter? in
                if case .waiting(let waiter) = slot { return waiter }
                return nil
            }
            for (id, slot) in state.slots {
                if case .prepared = slot { state.slots[id] = .arrived(.failure(error)) }
            }
            state.slots = state.slots.filter { if case .arrived = $0.value { return true } else { return false } }
            return waiters
        }
        for waiter in waiters { waiter.resume(throwing: error) }
    }

    var closedError: (any Error)? { state.withLock { $0.closedWith } }
}
