import Logging
import MCPCore
import Synchronization

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
    /// How soon the first poll comes where polling is the only source of news (and after answering input);
    /// later polls double from it up to the pollInterval.
    public var firstPollDelay: Duration = .milliseconds(100)

    public init(session: ClientSession, taskID: String, progressToken: ProgressToken?) {
        self.session = session
        self.taskID = taskID
        self.progressToken = progressToken
    }

    /// What the helpers tell the loop: something for the tracker, or why following the task cannot go on.
    indirect enum Report: Sendable {
        case input(TaskTracker.Input)
        case failure(any Error)
    }

    typealias Feed = AsyncStream<Report>.Continuation

    /// Follows the task until it ends, calling `onEvent` for each change, and returns how it ended.
    ///
    /// A REPL or a background session follows hundreds of tasks at once, each with this loop and its helpers
    /// suspended for the task's whole life; what an async function keeps across a suspension is its frame, so
    /// the work between suspensions is done in small synchronous functions (`step`, `report(for:)`) and the
    /// rarely taken paths in async functions of their own, which keeps every long-lived frame small.
    public func run(
        initial: TaskInfo, notifications: AsyncStream<ServerNotification>,
        onEvent: @Sendable (TaskEvent) -> Void
    ) async throws -> TaskOutcome {
        let (inbox, feed) = AsyncStream<Report>.makeStream()
        let wire = session.wire
        return try await withThrowingTaskGroup(of: Void.self, returning: TaskOutcome.self) { group in
            defer { group.cancelAll() }
            group.addTask { await forward(notifications, to: feed) }
            group.addTask { await poll(from: initial, wire: wire, into: feed) }
            // A blocking tasks/result is kept open from the start (the SDK delivers elicitations on it).
            if wire.fetchesOutcomeSeparately { group.addTask { await fetchPayload(into: feed) } }
            var tracker = TaskTracker(task: initial, fetching: wire.fetchesOutcomeSeparately)
            let actions = tracker.start()
            if let outcome = perform(actions, feed: feed, group: &group, onEvent: onEvent) { return outcome }
            for await report in inbox {
                if let outcome = try step(report, tracker: &tracker, feed: feed, group: &group, onEvent: onEvent) {
                    return outcome
                }
            }
            throw CancellationError()
        }
    }

    /// One report through the tracker and its actions; the outcome once the task has ended.
    @inline(never)
    private func step(
        _ report: Report, tracker: inout TaskTracker, feed: Feed, group: inout ThrowingTaskGroup<Void, any Error>,
        onEvent: @Sendable (TaskEvent) -> Void
    ) throws -> TaskOutcome? {
        switch report {
        case .input(let input):
            return perform(tracker.handle(input), feed: feed, group: &group, onEvent: onEvent)
        case .failure(let error): throw error
        }
    }

    @inline(never)
    private func perform(
        _ actions: [TaskTracker.Action], feed: Feed, group: inout ThrowingTaskGroup<Void, any Error>,
        onEvent: @Sendable (TaskEvent) -> Void
    ) -> TaskOutcome? {
        for action in actions {
            switch action {
            case .emit(let event): onEvent(event)
            case .fetchPayload: group.addTask { await fetchPayload(into: feed) }
            case .confirmStatus: group.addTask { await confirm(into: feed) }
            case .finish(let outcome): return outcome
            }
        }
        return nil
    }

    /// Feeds the task's own status and progress notifications to the tracker. The stream ends when the
    /// session does, which is reported at once rather than at the next poll.
    private func forward(_ notifications: AsyncStream<ServerNotification>, to feed: Feed) async {
        for await notification in notifications {
            if let report = report(for: notification) { feed.yield(report) }
        }
        if !Task.isCancelled {
            feed.yield(.failure(session.closingError ?? SessionError(TransportError(.closed, "the session ended"))))
        }
    }

    /// What a notification tells the tracker, if it is about this task.
    @inline(never)
    private func report(for notification: ServerNotification) -> Report? {
        switch notification {
        case .taskStatus(let task) where task.taskId == taskID:
            return .input(.status(task))
        case .progress(let progress, let relatedTaskID)
        where relatedTaskID == taskID || (progressToken != nil && progress.progressToken == progressToken):
            let update = TaskProgress(progress: progress.progress, total: progress.total, message: progress.message)
            return .input(.progress(update))
        default:
            return nil
        }
    }

    /// Polls tasks/get at the server's pollInterval (never faster) until cancelled or the task is gone.
    /// Where polling is all there is (the tasks extension, whose pollIntervalMs is advice that may change),
    /// the first poll comes soon and the period doubles up to pollInterval, so a short task is not held to
    /// a 5 s poll; input requests a poll shows are answered once each, with tasks/update, and polling
    /// speeds up again. A passing server error on one poll is logged and the next poll tries again.
    private func poll(from initial: TaskInfo, wire: any TaskWire, into feed: Feed) async {
        var interval = initial.pollInterval
        var ramp: Duration? = wire.pollsOnly ? firstPollDelay : nil
        let answered = AnsweredRequests()
        while !Task.isCancelled {
            let period = interval.map { max(Duration.milliseconds($0), .milliseconds(1)) } ?? defaultPollInterval
            do {
                try await Task.sleep(for: ramp.map { min($0, period) } ?? period)
                ramp = ramp.map { $0 * 2 < period ? $0 * 2 : nil } ?? nil
                let look = try await Self.apart { try await wire.snapshot(taskID) }
                // Taken before answering: a failed answer must not leave the old (shorter) period in place.
                interval = look.task.pollInterval ?? interval
                feed.yield(.input(.snapshot(look.task, outcome: look.outcome)))
                if try await answerInput(of: look, wire: wire, answered: answered) { ramp = firstPollDelay }
            } catch let error as ResponseError where error.code == .invalidParams {
                feed.yield(.input(.notFound(error)))
                return
            } catch let error as ResponseError {
                session.logger.warning("tasks/get failed, trying again: \(error.message) (\(error.code))")
            } catch is CancellationError {
                return
            } catch {
                feed.yield(.failure(error))
                return
            }
        }
    }

    /// Answers, with tasks/update, the input requests a poll shows that no earlier poll showed (each once,
    /// even if answering fails); true when it answered any.
    private func answerInput(of look: TaskSnapshot, wire: any TaskWire, answered: AnsweredRequests) async throws
        -> Bool
    {
        guard look.task.status == .inputRequired else { return false }
        let asked = answered.claim(look.inputRequests)
        guard !asked.isEmpty else { return false }
        try await Self.apart {
            let responses = try await session.answerInputRequests(asked, taskID: taskID)
            try await wire.answer(taskID, responses: responses)
        }
        return true
    }

    /// Runs `work` in a child task of its own. A task keeps the deepest stack it ever had until it ends: a
    /// request's (through the session to the transport) would stay allocated under the poll loop, asleep for
    /// most of the task's life, once for every task followed at once; a child's is freed when it returns.
    static func apart<Value: Sendable>(_ work: @escaping @Sendable () async throws -> Value) async throws -> Value {
        try await withThrowingTaskGroup(of: Value.self) { group in
            group.addTask(operation: work)
            guard let value = try await group.next() else { throw CancellationError() }
            return value
        }
    }

    /// One tasks/result; its answer, success or JSON-RPC error, goes to the tracker.
    private func fetchPayload(into feed: Feed) async {
        do {
            feed.yield(.input(.payload(.success(try await session.taskPayload(taskID)))))
        } catch let error as ResponseError {
            feed.yield(.input(.payload(.failure(error))))
        } catch is CancellationError {
        } catch {
            feed.yield(.failure(error))
        }
    }

    private func confirm(into feed: Feed) async {
        do {
            feed.yield(.input(.confirmed(try await session.getTask(taskID))))
        } catch let error as ResponseError where error.code == .invalidParams {
            feed.yield(.input(.notFound(error)))
        } catch is CancellationError {
        } catch {
            feed.yield(.failure(error))
        }
    }
}

/// The input requests a monitor has taken on, by key: each is answered once, even if answering fails.
final class AnsweredRequests: Sendable {
    private let keys = Mutex<Set<String>>([])

    /// The requests not taken on before, now taken on.
    func claim(_ requests: [String: InputRequest]) -> [String: InputRequest] {
        keys.withLock { keys in
            let new = requests.filter { !keys.contains($0.key) }
            keys.formUnion(new.keys)
            return new
        }
    }
}
