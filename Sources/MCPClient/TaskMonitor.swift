import MCPCore

/// Follows one task to its end: merges notifications/tasks/status, notifications/progress and tasks/get
/// polling into one stream of events, and fetches the result through tasks/result.
///
/// Subscribe to the session's notifications *before* the call that creates the task, and pass the
/// subscription here: a status notification can arrive before the CreateTaskResult, and it is applied, not
/// lost.
public struct TaskMonitor: Sendable {
    public let session: ClientSession
    public let taskID: String
    public let progressToken: ProgressToken?
    /// The poll period when the server suggests none; the server's pollInterval is a floor, never undercut.
    public var defaultPollInterval: Duration = .seconds(1)
    /// How soon the first poll comes where polling is the only source of news (and after answering input);
    /// later polls double from it up to the pollInterval.
    public var firstPollDelay: Duration = .milliseconds(100)

    public init(session: ClientSession, taskID: String, progressToken: ProgressToken?) {
        self.session = session
        self.taskID = taskID
        self.progressToken = progressToken
    }

    /// Follows the task until it ends, calling `onEvent` for each change, in order and one at a time, and
    /// returns how it ended. Cancelling the calling task stops following it (the task itself runs on).
    public func run(
        initial: TaskInfo, notifications: NotificationSubscription,
        onEvent: @escaping @Sendable (TaskEvent) -> Void
    ) async throws -> TaskOutcome {
        try await start(initial: initial, notifications: notifications, onEvent: onEvent).outcome()
    }

    /// Starts following the task; the returned follow's `outcome` waits for the end, and its `stop` gives up
    /// (for a caller that is told to stop other than by cancellation).
    ///
    /// A REPL follows hundreds of tasks at once, so while the task runs nothing waits in a task of its own:
    /// the notifications come through a handler, the open tasks/result is a pending request with a handler,
    /// and each poll is a short-lived task started by a timer (`TaskFollow`). Only whoever waits for the
    /// outcome is suspended.
    public func start(
        initial: TaskInfo, notifications: NotificationSubscription,
        onEvent: @escaping @Sendable (TaskEvent) -> Void
    ) -> TaskFollow {
        let follow = TaskFollow(monitor: self, initial: initial, onEvent: onEvent)
        follow.start(notifications)
        return follow
    }

    /// What the monitor learns about the task, if `notification` is about it.
    func report(for notification: ServerNotification) -> TaskTracker.Input? {
        switch notification {
        case .taskStatus(let task) where task.taskId == taskID:
            return .status(task)
        case .progress(let progress, let relatedTaskID)
        where relatedTaskID == taskID || (progressToken != nil && progress.progressToken == progressToken):
            return .progress(
                TaskProgress(progress: progress.progress, total: progress.total, message: progress.message))
        default:
            return nil
        }
    }
}
