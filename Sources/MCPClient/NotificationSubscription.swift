import MCPCore

/// A subscription to a session's notifications that starts with all of them and can be narrowed to one
/// task's, once the task is known: subscribe before the call that creates a task (so a status notification
/// that beats the CreateTaskResult is kept), narrow when the task exists. Until `deliver` or `stream` says
/// where they go, notifications are held. Dropping the subscription (or `cancel`) ends it.
public final class NotificationSubscription: Sendable {
    let hub: NotificationHub
    let inbox: NotificationInbox
    let subscriber: Int?

    init(hub: NotificationHub) {
        self.hub = hub
        (inbox, subscriber) = hub.subscribeInbox()
    }

    deinit { cancel() }

    /// From now on only the status notifications of `task`, and progress related to it or carrying
    /// `progressToken`; the end of the session's notifications still comes.
    public func narrow(task: String?, progressToken: ProgressToken?) {
        guard let subscriber else { return }
        var keys: [NotificationHub.Key] = task.map { [.task($0)] } ?? []
        if let progressToken { keys.append(.token(progressToken)) }
        hub.narrow(subscriber, to: keys)
    }

    /// Hands the notifications held so far to `handler`, in order, then each as it comes, and nil once when
    /// the session's notifications end or the subscription is cancelled. The handler runs on the session's
    /// receive loop: it should only hand the notification on, never wait.
    public func deliver(to handler: @escaping @Sendable (ServerNotification?) -> Void) {
        inbox.deliver(to: handler)
    }

    /// The notifications as a stream, for a reader that has a task of its own: the held ones first; it ends
    /// with the session's notifications or when the subscription is cancelled. The stream keeps the
    /// subscription until it ends, so the reader need not hold on to it.
    public func stream() -> AsyncStream<ServerNotification> {
        let (stream, continuation) = AsyncStream<ServerNotification>.makeStream()
        continuation.onTermination = { _ in self.cancel() }
        deliver { notification in
            if let notification { continuation.yield(notification) } else { continuation.finish() }
        }
        return stream
    }

    /// Ends the subscription: nothing more is held or delivered.
    public func cancel() {
        inbox.close()
        if let subscriber { hub.remove(subscriber) }
    }
}

extension ClientSession {
    /// Every notification from now on, held until delivered, until `narrow` says which task's are wanted.
    public func subscribeNotifications() -> NotificationSubscription { NotificationSubscription(hub: hub) }
}
