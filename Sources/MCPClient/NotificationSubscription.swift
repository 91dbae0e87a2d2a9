import MCPCore

/// A subscription to a session's notifications that starts with all of them and can be narrowed to one
/// task's, once the task is known: subscribe before the call that creates a task (so a status notification
/// that beats the CreateTaskResult is kept), narrow when the task exists.
public struct NotificationSubscription: Sendable {
    public let stream: AsyncStream<ServerNotification>
    let hub: NotificationHub
    let subscriber: Int?

    /// From now on only the status notifications of `task`, and progress related to it or carrying
    /// `progressToken`; the stream still ends with the session.
    public func narrow(task: String?, progressToken: ProgressToken?) {
        guard let subscriber else { return }
        var keys: [NotificationHub.Key] = task.map { [.task($0)] } ?? []
        if let progressToken { keys.append(.token(progressToken)) }
        hub.narrow(subscriber, to: keys)
    }
}

extension ClientSession {
    /// Every notification from now on, until `narrow` says which task's are wanted.
    public func subscribeNotifications() -> NotificationSubscription {
        let (stream, subscriber) = hub.subscribeNarrowable()
        return NotificationSubscription(stream: stream, hub: hub, subscriber: subscriber)
    }
}
