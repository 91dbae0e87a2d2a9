import MCPCore
import Synchronization

/// One subscriber's notifications without a stream or a task to read it: held until `deliver` names a
/// handler, then handed to it as they come. A monitor following one of hundreds of tasks gets its task's
/// news this way; a stream would need a task of its own waiting on it for the task's whole life.
final class NotificationInbox: Sendable {
    /// Gets each notification, then nil once, when the session's notifications end or the inbox is closed.
    typealias Handler = @Sendable (ServerNotification?) -> Void

    private struct State {
        var held: [ServerNotification] = []
        var ended = false
        var handler: Handler?
        var closed = false
    }

    private let state = Mutex(State())

    func receive(_ notification: ServerNotification) {
        let handler = state.withLock { state -> Handler? in
            if state.handler == nil && !state.closed { state.held.append(notification) }
            return state.handler
        }
        handler?(notification)
    }

    func end() {
        let handler = state.withLock { state -> Handler? in
            guard !state.ended else { return nil }
            state.ended = true
            return state.handler
        }
        handler?(nil)
    }

    /// Hands over what is held, in order, then everything that comes: the handler is installed only once
    /// nothing is held, so a notification arriving meanwhile cannot overtake the held ones. The handler runs
    /// on the session's receive loop from then on, so it should only hand the notification on.
    func deliver(to handler: @escaping Handler) {
        while true {
            let (held, ended) = state.withLock { state -> ([ServerNotification], Bool) in
                guard !state.closed else { return ([], true) }
                if state.held.isEmpty { state.handler = handler }
                defer { state.held = [] }
                return (state.held, state.ended)
            }
            guard !held.isEmpty else {
                if ended { handler(nil) }
                return
            }
            for notification in held { handler(notification) }
        }
    }

    /// Nothing more is held or delivered; a handler that has not had its nil gets it now.
    func close() {
        let handler = state.withLock { state -> Handler? in
            defer {
                state.closed = true
                state.ended = true
                state.handler = nil
                state.held = []
            }
            return state.ended ? nil : state.handler
        }
        handler?(nil)
    }
}
