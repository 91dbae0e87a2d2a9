import MCPCore
import Synchronization

/// Fans inbound notifications out to every subscriber, each with its own unbounded stream, so a slow
/// renderer never blocks the receive loop and a notification that arrives before anyone asked is kept.
final class NotificationHub: Sendable {
    private struct State {
        var subscribers: [Int: AsyncStream<ServerNotification>.Continuation] = [:]
        var nextKey = 0
        var finished = false
    }

    private let state = Mutex(State())

    func subscribe() -> AsyncStream<ServerNotification> {
        let (stream, continuation) = AsyncStream<ServerNotification>.makeStream()
        let key: Int? = state.withLock { state in
            guard !state.finished else { return nil }
            let key = state.nextKey
            state.nextKey += 1
            state.subscribers[key] = continuation
            return key
        }
        guard let key else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.subscribers.removeValue(forKey: key) }
        }
        return stream
    }

    func publish(_ notification: ServerNotification) {
        let subscribers = state.withLock { Array($0.subscribers.values) }
        for subscriber in subscribers { subscriber.yield(notification) }
    }

    func finish() {
        let subscribers = state.withLock { state in
            state.finished = true
            defer { state.subscribers = [:] }
            return Array(state.subscribers.values)
        }
        for subscriber in subscribers { subscriber.finish() }
    }
}
