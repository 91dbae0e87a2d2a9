import Synchronization

/// Requests awaiting their answer, keyed by id: the one table behind every JSON-RPC peer that asks and waits
/// (the client's own requests, a server's requests to its client).
///
/// A slot is prepared before the request is written, so an answer that arrives before anyone waits is kept.
/// A lock rather than an actor, so a cancellation handler resumes its waiter synchronously. Each slot goes
/// prepared → waiting or answered → gone; `cancel` and `closeAll` end it early.
public final class PendingTable<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    public typealias Outcome = Result<Value, any Error>
    public typealias Handler = @Sendable (Outcome) -> Void

    /// Who takes the answer: a task waiting for it, or a handler called with it (no task waits: a request
    /// kept open for a task's whole life, hundreds at once, costs a slot rather than a suspended task).
    private enum Waiter {
        case task(CheckedContinuation<Value, any Error>)
        case handler(Handler)

        func resume(with outcome: Outcome) {
            switch self {
            case .task(let continuation): continuation.resume(with: outcome)
            case .handler(let handler): handler(outcome)
            }
        }

        func resume(throwing error: any Error) { resume(with: .failure(error)) }
    }

    private enum Slot {
        case prepared
        case waiting(Waiter)
        case answered(Outcome)
    }

    /// What `resolve` found: a slot that keeps the answer, a waiter to hand it to, or nothing pending.
    private enum Delivery {
        case kept
        case handed(Waiter)
        case refused
    }

    private struct State {
        var slots: [Key: Slot] = [:]
        var closedWith: (any Error)?
    }

    private let state = Mutex(State())
    /// Told each key once its waiter is registered (tests use it to answer strictly after the wait began).
    private let onWait: (@Sendable (Key) -> Void)?

    public convenience init() { self.init(onWait: nil) }

    init(onWait: (@Sendable (Key) -> Void)?) { self.onWait = onWait }

    /// Opens the slot for `key`. Throws the closing error once the table is closed, and `PendingTableMisuse`
    /// when `key` is already pending.
    public func prepare(_ key: Key) throws {
        try state.withLock { state in
            if let error = state.closedWith { throw error }
            guard state.slots[key] == nil else { throw PendingTableMisuse("request \(key) is already pending") }
            state.slots[key] = .prepared
        }
    }

    /// Waits for the answer to a prepared key, or returns the one that already came. Cancelling the calling
    /// task gives the key up and throws `CancellationError`; so does waiting for a key that was given up, or
    /// never prepared (after `closeAll`, that throws the closing error instead).
    public func wait(_ key: Key) async throws -> Value {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                register(.task(continuation), for: key)
            }
        } onCancel: {
            cancel(key)
        }
    }

    /// Calls `handler` with the answer to a prepared key, once it comes (at once when it already came), or
    /// with the error that gives the key up (`cancel`, `closeAll`). It may run on the thread that delivers
    /// the answer, so it should only hand the answer on.
    public func whenAnswered(_ key: Key, _ handler: @escaping Handler) {
        register(.handler(handler), for: key)
    }

    private func register(_ waiter: Waiter, for key: Key) {
        let ready: Outcome? = state.withLock { state in
            switch state.slots[key] {
            case .answered(let outcome)?:
                state.slots[key] = nil
                return outcome
            case .prepared?:
                state.slots[key] = .waiting(waiter)
                return nil
            case .waiting?:
                return .failure(PendingTableMisuse("request \(key) already has a waiter"))
            case nil:
                return .failure(state.closedWith ?? CancellationError())
            }
        }
        if let ready {
            waiter.resume(with: ready)
        } else {
            onWait?(key)
        }
    }

    /// Delivers the answer for `key`, to its waiter or kept for the wait to come. False when `key` is not
    /// pending (unknown, given up, already answered, or the table is closed): a late or stray answer.
    @discardableResult
    public func resolve(_ key: Key, with outcome: Outcome) -> Bool {
        let delivery: Delivery = state.withLock { state in
            switch state.slots[key] {
            case .prepared?:
                state.slots[key] = .answered(outcome)
                return .kept
            case .waiting(let waiter)?:
                state.slots[key] = nil
                return .handed(waiter)
            case .answered?, nil:
                return .refused
            }
        }
        switch delivery {
        case .kept: return true
        case .handed(let waiter):
            waiter.resume(with: outcome)
            return true
        case .refused: return false
        }
    }

    /// Gives up on `key`: its waiter, if any, fails with `error`, and a later answer is refused. False when
    /// `key` was not pending.
    @discardableResult
    public func cancel(_ key: Key, with error: any Error = CancellationError()) -> Bool {
        let slot = state.withLock { $0.slots.removeValue(forKey: key) }
        if case .waiting(let waiter)? = slot { waiter.resume(throwing: error) }
        return slot != nil
    }

    /// Fails every waiter, every key prepared but not yet waited for, and every later `prepare`, with `error`
    /// (the first error, when closed twice). An answer that already arrived is still handed to its wait.
    public func closeAll(with error: any Error) {
        let (waiters, closing): ([Waiter], any Error) = state.withLock { state in
            if state.closedWith == nil { state.closedWith = error }
            let waiters = state.slots.values.compactMap { slot -> Waiter? in
                if case .waiting(let waiter) = slot { waiter } else { nil }
            }
            state.slots = state.slots.filter { if case .answered = $0.value { true } else { false } }
            return (waiters, state.closedWith ?? error)
        }
        for waiter in waiters { waiter.resume(throwing: closing) }
    }

    /// Why the table was closed, once it has been.
    public var closedError: (any Error)? { state.withLock { $0.closedWith } }
}

/// A `PendingTable` used against its rules: a key prepared twice, or waited for twice.
public struct PendingTableMisuse: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}
