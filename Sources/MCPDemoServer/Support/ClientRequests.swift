import MCPCore
import Synchronization

/// Server-to-client requests waiting for the client's answer: the ids the server makes up (`demo-1`,
/// `demo-2`, …, which can never collide with the client's own ids on the other direction), over one
/// `PendingTable`.
final class ClientRequests: Sendable {
    private let lastNumber = Mutex(0)
    private let table = PendingTable<RequestID, JSONValue>()

    func makeID() -> RequestID {
        let number = lastNumber.withLock { number in
            number += 1
            return number
        }
        return .string("demo-\(number)")
    }

    /// Registers `id`, lets `send` write the request, and waits for the answer. Throws the client's
    /// `ResponseError`, or `CancellationError` when the calling task is cancelled (before `send`, when it
    /// already was) or the client went away.
    func wait(for id: RequestID, send: () -> Void) async throws -> JSONValue {
        try Task.checkCancellation()
        try table.prepare(id)
        send()
        return try await table.wait(id)
    }

    /// Delivers the client's answer. False when nobody waits for `id` (unknown or abandoned).
    @discardableResult
    func resolve(_ id: RequestID, with outcome: Result<JSONValue, ResponseError>) -> Bool {
        table.resolve(id, with: outcome.mapError { $0 })
    }

    /// The client is gone: every request waiting for it, and every later one, fails with `CancellationError`.
    func abandonAll() { table.closeAll(with: CancellationError()) }
}
