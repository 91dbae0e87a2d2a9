import MCPCore

/// Follows one task to its end: merges notifications/tasks/status, notifications/progress and tasks/get
/// polling into one stream of events, and fetches the result through tasks/result.
///
/// Subscribe to the session's notifications *before* the call that creates the task, and pass the stream
/// here: a status notification can arrive before the CreateTaskResult, and it is applied, not lost.
public struct TaskMonitor: Sendable {
    public let session: ClientSession
    public let taskID: String
    public let progressToken: ProgressToken?
    /// The poll period when the server suggests none; the server's pollInterval is a floor, never undercut.
    public var defaultPollInterval: Duration = .seconds(1)

    public init(session: ClientSession, taskID: String, progressToken: ProgressToken?) {
        self.session = session
        self.taskID = taskID
        self.progressToken = progressToken
    }

    /// Follows the task until it ends, calling `onEvent` for each change, and returns how it ended.
    public func run(
        initial: TaskInfo, notifications: AsyncStream<ServerNotification>,
        onEvent: @Sendable (TaskEvent) -> Void
    ) async throws -> TaskOutcome {
        let (inbox, feed) = AsyncStream<TaskTracker.Input>.makeStream()
        let (failures, failed) = AsyncStream<any Error>.makeStream()
        // A failing helper (the session ended, a poll broke) must wake the loop, which only reads the inbox.
        let guarded: @Sendable (@escaping @Sendable () async throws -> Void) -> @Sendable () async -> Void = { work in
            {
                do { try await work() } catch is CancellationError {} catch {
                    failed.yield(error)
                    feed.finish()
                }
            }
        }
        return try await withThrowingTaskGroup(of: Void.self, returning: TaskOutcome.self) { group in
            defer { group.cancelAll() }
            group.addTask { await forward(notifications, to: feed) }
            group.addTask(operation: guarded { try await poll(from: initial, into: feed) })
            group.addTask { await fetchPayload(into: feed) }
            var tracker = TaskTracker(task: initial)
            var actions = tracker.start()
            var inputs = inbox.makeAsyncIterator()
            while true {
                for action in actions {
                    switch action {
                    case .emit(let event): onEvent(event)
                    case .fetchPayload: group.addTask { await fetchPayload(into: feed) }
                    case .confirmStatus: group.addTask(operation: guarded { try await confirm(into: feed) })
                    case .finish(let outcome): return outcome
                    }
                }
                guard let input = await inputs.next() else {
                    failed.finish()
                    for await failure in failures { throw failure }
                    throw CancellationError()
                }
                actions = tracker.handle(input)
            }
        }
    }

    /// Feeds the task's own status and progress notifications to the tracker.
    private func forward(
        _ notifications: AsyncStream<ServerNotification>, to feed: AsyncStream<TaskTracker.Input>.Continuation
    ) async {
        for await notification in notifications {
            switch notification {
            case .taskStatus(let task) where task.taskId == taskID:
                feed.yield(.status(task))
            case .progress(let progress, let relatedTaskID)
            where relatedTaskID == taskID || (progressToken != nil && progress.progressToken == progressToken):
                feed.yield(
                    .progress(
                        TaskProgress(progress: progress.progress, total: progress.total, message: progress.message)))
            default:
                continue
            }
        }
    }

    /// Polls tasks/get at the server's pollInterval (never faster), until cancelled or the task is gone.
    private func poll(from initial: TaskInfo, into feed: AsyncStream<TaskTracker.Input>.Continuation) async throws {
        var interval = initial.pollInterval
        while true {
            let period = interval.map { max(Duration.milliseconds($0), .milliseconds(1)) } ?? defaultPollInterval
            try await Task.sleep(for: period)
            do {
                let task = try await session.getTask(taskID)
                interval = task.pollInterval ?? interval
                feed.yield(.status(task))
            } catch let error as ResponseError where error.code == .invalidParams {
                feed.yield(.notFound(error))
                return
            }
        }
    }

    /// One tasks/result; its answer, success or JSON-RPC error, goes to the tracker.
    private func fetchPayload(into feed: AsyncStream<TaskTracker.Input>.Continuation) async {
        do {
            feed.yield(.payload(.success(try await session.taskPayload(taskID))))
        } catch let error as ResponseError {
            feed.yield(.payload(.failure(error)))
        } catch {
            // Cancelled, or the session ended: the poller and the session report it.
        }
    }

    private func confirm(into feed: AsyncStream<TaskTracker.Input>.Continuation) async throws {
        do {
            feed.yield(.confirmed(try await session.getTask(taskID)))
        } catch let error as ResponseError where error.code == .invalidParams {
            feed.yield(.notFound(error))
        }
    }
}
