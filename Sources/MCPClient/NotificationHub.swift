import MCPCore
import Synchronization

/// Fans inbound notifications out to subscribers, each with its own unbounded stream or inbox, so a slow
/// renderer never blocks the receive loop and a notification that arrives before anyone asked is kept.
///
/// A subscriber gets every notification until it is narrowed to one task; from then on it gets only that
/// task's status and progress (by the related-task marker or the call's progress token). With hundreds of
/// tasks followed at once (a REPL's jobs), each notification then wakes its own task's follower, not all.
final class NotificationHub: Sendable {
    /// What a notification is about, for the narrowed subscribers.
    enum Key: Hashable {
        case task(String)
        case token(ProgressToken)
    }

    /// Where a subscriber's notifications go.
    enum Sink: Sendable {
        case stream(AsyncStream<ServerNotification>.Continuation)
        case inbox(NotificationInbox)

        func send(_ notification: ServerNotification) {
            switch self {
            case .stream(let continuation): continuation.yield(notification)
            case .inbox(let inbox): inbox.receive(notification)
            }
        }

        func finish() {
            switch self {
            case .stream(let continuation): continuation.finish()
            case .inbox(let inbox): inbox.end()
            }
        }
    }

    private struct State {
        var subscribers: [Int: Sink] = [:]
        /// Subscribers that get everything.
        var wide: Set<Int> = []
        /// Narrowed subscribers by the keys they want, and each one's keys (to forget them).
        var byKey: [Key: Set<Int>] = [:]
        var keysOf: [Int: [Key]] = [:]
        var nextKey = 0
        var finished = false

        mutating func remove(_ subscriber: Int) {
            subscribers[subscriber] = nil
            wide.remove(subscriber)
            for key in keysOf.removeValue(forKey: subscriber) ?? [] {
                byKey[key]?.remove(subscriber)
                if byKey[key]?.isEmpty == true { byKey[key] = nil }
            }
        }
    }

    private let state = Mutex(State())

    func subscribe() -> AsyncStream<ServerNotification> { subscribeNarrowable().stream }

    /// A stream of every notification, and the subscriber's number for `narrow` (nil once the hub is done).
    func subscribeNarrowable() -> (stream: AsyncStream<ServerNotification>, subscriber: Int?) {
        let (stream, continuation) = AsyncStream<ServerNotification>.makeStream()
        guard let key = add(.stream(continuation)) else { return (stream, nil) }
        continuation.onTermination = { [weak self] _ in self?.remove(key) }
        return (stream, key)
    }

    /// An inbox that holds every notification until it is told where to deliver them, and the subscriber's
    /// number for `narrow` and `remove` (nil once the hub is done: the inbox has then ended).
    func subscribeInbox() -> (inbox: NotificationInbox, subscriber: Int?) {
        let inbox = NotificationInbox()
        return (inbox, add(.inbox(inbox)))
    }

    /// Adds a subscriber that gets everything; nil (and the sink finished) once the hub is done.
    private func add(_ sink: Sink) -> Int? {
        let key: Int? = state.withLock { state in
            guard !state.finished else { return nil }
            let key = state.nextKey
            state.nextKey += 1
            state.subscribers[key] = sink
            state.wide.insert(key)
            return key
        }
        if key == nil { sink.finish() }
        return key
    }

    func remove(_ subscriber: Int) {
        state.withLock { $0.remove(subscriber) }
    }

    /// From now on `subscriber` gets only notifications with one of `keys` (and the end of the stream).
    func narrow(_ subscriber: Int, to keys: [Key]) {
        state.withLock { state in
            guard state.subscribers[subscriber] != nil, state.wide.remove(subscriber) != nil else { return }
            state.keysOf[subscriber] = keys
            for key in keys { state.byKey[key, default: []].insert(subscriber) }
        }
    }

    func publish(_ notification: ServerNotification) {
        let keys = Self.keys(of: notification)
        let subscribers = state.withLock { state in
            var targets = state.wide
            for key in keys { targets.formUnion(state.byKey[key] ?? []) }
            return targets.compactMap { state.subscribers[$0] }
        }
        for subscriber in subscribers { subscriber.send(notification) }
    }

    func finish() {
        let subscribers = state.withLock { state in
            state.finished = true
            defer {
                state.subscribers = [:]
                state.wide = []
                state.byKey = [:]
                state.keysOf = [:]
            }
            return Array(state.subscribers.values)
        }
        for subscriber in subscribers { subscriber.finish() }
    }

    /// The task a notification is about, and the progress token it carries.
    static func keys(of notification: ServerNotification) -> [Key] {
        switch notification {
        case .taskStatus(let task): return [.task(task.taskId)]
        case .progress(let progress, let relatedTaskID):
            return [.token(progress.progressToken)] + (relatedTaskID.map { [.task($0)] } ?? [])
        default: return []
        }
    }
}
