import MCPCore
import Synchronization

/// One task as a TaskMonitor follows it: its tracker, the reports waiting for the tracker, and the requests
/// under way. Nothing here waits in a task for the task's whole life: notifications and the tasks/result
/// answer arrive through handlers, polls are short-lived tasks started by a timer, and the monitor's caller
/// waits on a continuation, or not at all. Following a task costs this object, not a few suspended tasks
/// and their stacks.
///
/// `TaskMonitor.start` makes one; `outcome` waits for the end (or `whenEnded` is told of it), and `stop`
/// gives up following.
///
/// Reports reach the tracker one at a time and in order: whoever queues the first report while none is
/// being handled hands them all over (`drain`); the others only queue theirs. A report that arrives on the
/// session's receive loop is handed over in a task of its own, so a slow `onEvent` never holds up the loop.
public final class TaskFollow: Sendable {
    /// What the sources tell the tracker, or why following the task cannot go on.
    indirect enum Report: Sendable {
        case input(TaskTracker.Input)
        case failure(any Error)
    }

    private struct State {
        var tracker: TaskTracker
        var reports: [Report] = []
        /// Someone is handing reports to the tracker. True at first: `whenEnded` (or `outcome`) hands over
        /// the first ones.
        var draining = true
        var end: Result<TaskOutcome, any Error>?
        var onEnd: EndHandler?
        var polls: PollSchedule
        var subscription: NotificationSubscription?
        var fetch: OpenRequest?
        /// Requests under way in short-lived tasks (a poll, a confirming tasks/get), cancelled when
        /// following ends.
        var requests: [Int: Task<Void, Never>] = [:]
        var nextRequest = 0
    }

    /// What ending takes away from the state, to be let go of outside the lock.
    private struct Leftovers {
        let onEnd: EndHandler?
        let subscription: NotificationSubscription?
        let fetch: OpenRequest?
        let requests: [Task<Void, Never>]
    }

    let monitor: TaskMonitor
    /// Asked of the session each time rather than kept: the wire is a boxed value, one more allocation per
    /// task followed for as long as it runs.
    var wire: any TaskWire { monitor.session.wire }
    private let onEvent: @Sendable (TaskEvent) -> Void
    private let state: Mutex<State>

    init(monitor: TaskMonitor, initial: TaskInfo, onEvent: @escaping @Sendable (TaskEvent) -> Void) {
        let wire = monitor.session.wire
        self.monitor = monitor
        self.onEvent = onEvent
        let polls = PollSchedule(
            interval: initial.pollInterval, ramp: wire.pollsOnly ? monitor.firstPollDelay : nil,
            defaultInterval: monitor.defaultPollInterval)
        state = Mutex(
            State(tracker: TaskTracker(task: initial, fetching: wire.fetchesOutcomeSeparately), polls: polls))
    }

    /// A follow let go of without an end (started, then never waited for) still gives up its open request.
    deinit {
        state.withLock { $0.end == nil ? $0.fetch : nil }?.abandon()
    }

    /// Starts following: the first look at the task, its notifications, a blocking tasks/result kept open
    /// from the start where the wire has one (the SDK delivers elicitations on it), and the first poll.
    func start(_ notifications: NotificationSubscription) {
        let first = state.withLock { state -> [TaskTracker.Action] in
            guard state.end == nil else { return [] }
            state.subscription = notifications
            return state.tracker.start()
        }
        perform(first)
        notifications.deliver { [weak self] notification in self?.notified(notification) }
        if wire.fetchesOutcomeSeparately { openFetch() }
        schedulePoll()
    }

    /// How following ended: the task's outcome, or why it could not go on (`CancellationError` once stopped).
    public typealias EndHandler = @Sendable (Result<TaskOutcome, any Error>) -> Void

    /// Waits for the end. Cancelling the waiting task stops following (the task itself runs on).
    public func outcome() async throws -> TaskOutcome {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { waiter in whenEnded { waiter.resume(with: $0) } }
        } onCancel: {
            // Not handed over here: a cancellation handler runs on whichever thread cancels.
            feed(.failure(CancellationError()), here: false, first: true)
        }
    }

    /// Calls `handler` once, when following ends (at once if it has), on whichever thread ends it: for a
    /// caller that need not wait, such as a REPL's background job, which then costs no task while its task
    /// runs. Use this or `outcome`, once: the reports that came since `start` wait for it.
    public func whenEnded(_ handler: @escaping EndHandler) {
        let ended = state.withLock { state in
            if state.end == nil { state.onEnd = handler }
            return state.end
        }
        if let ended { handler(ended) } else { drain() }
    }

    /// Stops following: `outcome` throws `CancellationError` (the task itself runs on). The stop goes ahead
    /// of the reports waiting, through whoever hands them over, so no event is shown after the end; with
    /// nobody handing them over, it ends here and now.
    public func stop() { feed(.failure(CancellationError()), here: true, first: true) }

    /// Stops following: the caller gets `result`, and every source and request is let go. Only the first
    /// end counts.
    func end(_ result: Result<TaskOutcome, any Error>) {
        let leftovers = state.withLock { state -> Leftovers? in
            guard state.end == nil else { return nil }
            state.end = result
            defer {
                state.onEnd = nil
                state.subscription = nil
                state.fetch = nil
                state.requests = [:]
                state.reports = []
            }
            return Leftovers(
                onEnd: state.onEnd, subscription: state.subscription, fetch: state.fetch,
                requests: Array(state.requests.values))
        }
        guard let leftovers else { return }
        leftovers.subscription?.cancel()
        leftovers.fetch?.abandon()
        for request in leftovers.requests { request.cancel() }
        leftovers.onEnd?(result)
    }

    /// Queues a report for the tracker (ahead of the others when `first`) and, unless someone is handing
    /// reports over already, hands them over: right here when `here` (a request's own short-lived task), else
    /// in a task of its own.
    func feed(_ report: Report, here: Bool, first: Bool = false) {
        let takeOver = state.withLock { state -> Bool in
            guard state.end == nil else { return false }
            if first { state.reports.insert(report, at: 0) } else { state.reports.append(report) }
            guard !state.draining else { return false }
            state.draining = true
            return true
        }
        guard takeOver else { return }
        if here { drain() } else { Task { self.drain() } }
    }

    /// Hands queued reports to the tracker and carries out what it says, until none is left.
    private func drain() {
        while let report = nextReport() {
            switch report {
            case .failure(let error): end(.failure(error))
            case .input(let input): perform(state.withLock { $0.tracker.handle(input) })
            }
        }
    }

    private func nextReport() -> Report? {
        state.withLock { state in
            guard state.end == nil, !state.reports.isEmpty else {
                state.draining = false
                return nil
            }
            return state.reports.removeFirst()
        }
    }

    private func perform(_ actions: [TaskTracker.Action]) {
        for action in actions {
            switch action {
            case .emit(let event): onEvent(event)
            case .fetchPayload: openFetch()
            case .confirmStatus: request { await $0.confirm() }
            case .finish(let outcome):
                end(.success(outcome))
                return
            }
        }
    }

    /// Runs `work` in a short-lived task, cancelled if following ends first.
    func request(_ work: @escaping @Sendable (TaskFollow) async -> Void) {
        state.withLock { state in
            guard state.end == nil else { return }
            let key = state.nextRequest
            state.nextRequest += 1
            state.requests[key] = Task {
                await work(self)
                _ = self.state.withLock { $0.requests.removeValue(forKey: key) }
            }
        }
    }

    /// The task's own status and progress notifications; the end of them ends following at once rather than
    /// at the next poll.
    private func notified(_ notification: ServerNotification?) {
        guard let notification else {
            let session = monitor.session
            feed(
                .failure(session.closingError ?? SessionError(TransportError(.closed, "the session ended"))),
                here: false)
            return
        }
        if let input = monitor.report(for: notification) { feed(.input(input), here: false) }
    }

    /// Asks for the outcome (tasks/result); its answer, success or JSON-RPC error, goes to the tracker.
    private func openFetch() {
        do {
            let open = try wire.openOutcome(monitor.taskID) { [weak self] answer in self?.fetched(answer) }
            let kept = state.withLock { state -> Bool in
                guard state.end == nil else { return false }
                state.fetch = open
                return true
            }
            if !kept { open.abandon() }
        } catch {
            fetched(.failure(error))
        }
    }

    /// The tasks/result answer (in the short task `openOutcome` gives it), or why it could not be asked.
    private func fetched(_ answer: Result<CallToolResult, any Error>) {
        switch answer {
        case .success(let result): feed(.input(.payload(.success(result))), here: true)
        case .failure(let error as ResponseError): feed(.input(.payload(.failure(error))), here: true)
        case .failure(is CancellationError): break
        case .failure(let error): feed(.failure(error), here: true)
        }
    }

    /// One tasks/get after the payload, for the final status.
    private func confirm() async {
        do {
            feed(.input(.confirmed(try await monitor.session.getTask(monitor.taskID))), here: true)
        } catch let error as ResponseError where error.code == .invalidParams {
            feed(.input(.notFound(error)), here: true)
        } catch is CancellationError {
        } catch {
            feed(.failure(error), here: true)
        }
    }

    /// Applies `change` to the poll schedule, unless following has ended; what it returns, if so.
    func withPolls<Value>(_ change: (inout PollSchedule) -> Value) -> Value? {
        state.withLock { state in state.end == nil ? change(&state.polls) : nil }
    }
}
