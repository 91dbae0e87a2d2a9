import MCPCore

/// The pure state machine behind a task's live view. It folds status notifications, polls, progress and the
/// tasks/result answer into one picture, and says what to do next. The owner performs the I/O.
public struct TaskTracker: Sendable {
    public indirect enum Input: Sendable {
        case status(TaskInfo)
        case progress(TaskProgress)
        case payload(Result<CallToolResult, ResponseError>)
        /// A tasks/get that carries the outcome inline when the task has ended (the tasks extension).
        case snapshot(TaskInfo, outcome: Result<CallToolResult, ResponseError>?)
        /// tasks/get after the payload arrived, to learn the final status.
        case confirmed(TaskInfo)
        case notFound(ResponseError)
    }

    public indirect enum Action: Sendable, Equatable {
        case emit(TaskEvent)
        /// Ask tasks/result (again): the task is terminal and no fetch is outstanding.
        case fetchPayload
        /// One tasks/get to learn the final status behind a payload or an error.
        case confirmStatus
        case finish(TaskOutcome)
    }

    public private(set) var task: TaskInfo
    private var lastShown: (status: TaskStatus, message: String?)?
    private var lastProgress: TaskProgress?
    /// True while a tasks/result is outstanding; on the 2025-11-25 wire the monitor starts one at once.
    public private(set) var fetching: Bool
    private var payload: Result<CallToolResult, ResponseError>?
    /// Whether a tasks/result was sent after the task was known to be terminal.
    private var fetchedAfterTerminal = false
    private var finished = false

    /// `fetching` says whether the owner has already asked for the outcome (tasks/result); on a wire where
    /// the outcome comes with tasks/get there is nothing to ask.
    public init(task: TaskInfo, fetching: Bool = true) {
        self.task = task
        self.fetching = fetching
    }

    public var isFinished: Bool { finished }

    /// The actions for the first look at the task.
    public mutating func start() -> [Action] { handle(.status(task)) }

    public mutating func handle(_ input: Input) -> [Action] {
        guard !finished else { return [] }
        switch input {
        case .status(let update): return apply(update)
        case .snapshot(let update, let outcome):
            if let outcome, update.status.isTerminal, payload == nil {
                payload = outcome
                fetching = false
            }
            return apply(update)
        case .progress(let progress):
            guard progress != lastProgress else { return [] }
            lastProgress = progress
            return [.emit(.progress(progress))]
        case .payload(let answer): return received(answer)
        case .confirmed(let update):
            var actions = apply(update)
            if !finished, let payload { actions += conclude(payload, trusting: true) }
            return actions
        case .notFound(let error):
            finished = true
            return [.finish(.notFound(taskID: task.taskId, error))]
        }
    }

    private mutating func apply(_ update: TaskInfo) -> [Action] {
        // A terminal status never changes again, whatever a late or confused server says.
        if task.status.isTerminal && update.status != task.status && lastShown != nil { return [] }
        task = merge(task, update)
        var actions: [Action] = []
        if lastShown?.status != task.status || lastShown?.message != task.statusMessage {
            lastShown = (task.status, task.statusMessage)
            actions.append(.emit(.status(task)))
        }
        guard task.status.isTerminal else { return actions }
        if task.status == .cancelled {
            finished = true
            return actions + [.finish(.cancelled(task))]
        }
        if let payload { return actions + conclude(payload, trusting: false) }
        if !fetching {
            fetching = true
            fetchedAfterTerminal = true
            actions.append(.fetchPayload)
        }
        return actions
    }

    private mutating func received(_ answer: Result<CallToolResult, ResponseError>) -> [Action] {
        fetching = false
        if case .failure(let error) = answer, error.code == .invalidParams {
            // A server whose tasks/result does not block ("not completed yet"): fetch again once terminal.
            // The answer may have been given before a terminal status that reached us first, so a fetch
            // not yet made after the task ended is made now.
            guard task.status.isTerminal else { return [] }
            if !fetchedAfterTerminal {
                fetching = true
                fetchedAfterTerminal = true
                return [.fetchPayload]
            }
        }
        payload = answer
        if task.status.isTerminal { return conclude(answer, trusting: false) }
        return [.confirmStatus]
    }

    /// Turns the payload into an outcome. `trusting` means tasks/get was asked and may still look unfinished.
    private mutating func conclude(_ answer: Result<CallToolResult, ResponseError>, trusting: Bool) -> [Action] {
        switch (task.status, answer) {
        case (.completed, .success(let result)):
            finished = true
            return [.finish(.completed(task, result))]
        case (.failed, .success(let result)):
            finished = true
            return [.finish(.failed(task, result: result.isEmpty ? nil : result, error: nil))]
        case (.failed, .failure(let error)), (.completed, .failure(let error)):
            finished = true
            return [.finish(.failed(task, result: nil, error: error))]
        case (_, .success(let result)) where trusting:
            // tasks/result answered, so the task is over even if tasks/get lags behind.
            finished = true
            return [.finish(result.isError ? .failed(task, result: result, error: nil) : .completed(task, result))]
        case (_, .failure(let error)) where trusting:
            finished = true
            return [.finish(.failed(task, result: nil, error: error))]
        default:
            return []
        }
    }

    /// Keeps fields an update leaves out (a notification may omit pollInterval or ttl).
    private func merge(_ old: TaskInfo, _ new: TaskInfo) -> TaskInfo {
        var merged = new
        if merged.ttl == nil { merged.ttl = old.ttl }
        if merged.pollInterval == nil { merged.pollInterval = old.pollInterval }
        if merged.createdAt == nil { merged.createdAt = old.createdAt }
        return merged
    }
}
