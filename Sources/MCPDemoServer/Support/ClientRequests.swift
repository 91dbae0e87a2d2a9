import MCPCore
import Synchronization

/// Server-to-client requests waiting for the client's answer, keyed by ids the server makes up
/// (`demo-1`, `demo-2`, …, which can never collide with the client's own ids on the other direction).
final class ClientRequests: Sendable {
    private struct State {
        var lastNumber = 0
        var waiting: [RequestID: CheckedContinuation<JSONValue, any Error>] = [:]
        /// Ids cancelled before their continuation was registered.
        var abandoned: Set<RequestID> = []
    }

    private let state = Mutex(State())

    func makeID() -> RequestID {
        state.withLock { state in
            state.lastNumber += 1
            return .string("demo-\(state.lastNumber)")
        }
    }

    /// Registers `id`, lets `send` write the request, and waits for the answer. Throws the client's
    /// `ResponseError`, or `CancellationError` when the calling task is cancelled.
    func wait(for id: RequestID, send: () -> Void) async throws -> JSONValue {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let registered = state.withLock { state in
                    guard state.abandoned.remove(id) == nil else { return false }
                    state.waiting[id] = continuation
                    return true
                }
                if registered {
                    send()
                } else {
                    continuation.resume(throwing: CancellationError())
                }
            }
        } onCancel: {
            abandon(id)
        }
    }

    /// Delivers the client's answer. False when nobody waits for `id` (unknown or abandoned).
    @discardableResult
    func resolve(_ id: RequestID, with outcome: Result<JSONValue, ResponseError>) -> Bool {
        guard let continuation = state.withLock({ $0.waiting.removeValue(forKey: id) }) else { return false }
        continuation.resume(with: outcome.mapError { $0 as any Error })
        return true
    }

    private func abandon(_ id: RequestID) {
        let continuation = state.withLock { state in
            let continuation = state.waiting.removeValue(forKey: id)
            if continuation == nil { state.abandoned.insert(id) }
            return continuation
        }
        continuation?.resume(throwing: CancellationError())
    }
}
