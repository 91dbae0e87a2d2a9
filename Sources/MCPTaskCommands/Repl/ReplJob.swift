import MCPClient
import MCPCore
import MCPRender
import Synchronization

/// One call started in the REPL, in the foreground or with `&`: what it is, how far it got, and a stream of
/// its changes for whoever shows it (the live view of `fg`, the lines above the prompt, `jobs`).
final class ReplJob: Sendable {
    /// How a job ended.
    enum End: Sendable {
        /// The task ended (completed, failed, cancelled, or is gone).
        case outcome(TaskOutcome)
        /// The server ran the call without a task (or it was a plain call).
        case inline(CallToolResult)
        /// The server answered tools/call with a JSON-RPC error.
        case refused(ResponseError)
        /// It could not run: a usage or connection error, said in `message`.
        case failed(message: String, status: ExitStatus)
        /// The REPL stopped it (a plain call cancelled, or the REPL quitting).
        case stopped
    }

    enum Update: Sendable {
        case created(TaskInfo)
        case event(TaskEvent)
        case ended(End)
    }

    struct Snapshot: Sendable {
        var taskID: String?
        var task: TaskInfo?
        var progress: TaskProgress?
        var end: End?
        var startedAt: ContinuousClock.Instant
        var endedAt: ContinuousClock.Instant?
    }

    private struct State {
        var snapshot: Snapshot
        var listeners: [Int: AsyncStream<Update>.Continuation] = [:]
        var nextKey = 0
    }

    let number: Int
    let tool: String
    let invocation: CallCommand
    let answers: ScriptedAnswers
    let declined = DeclineFlag()
    /// Fired to stop the job's own work (a plain call is then cancelled on the server).
    let stop = Trigger()
    /// Fired once the call is under way: its task created, or a plain call sent, or the job over. `call … &`
    /// returns to the prompt then, so `%N` names the task at once.
    let started = Trigger()
    private let state: Mutex<State>
    /// Whether a view shows the job now (then nothing is printed above the prompt for it), and whether its
    /// end is still to be announced there.
    private let flags = Mutex((attached: true, announcesEnd: true))

    init(number: Int, invocation: CallCommand, answers: ScriptedAnswers) {
        self.number = number
        self.tool = invocation.tool
        self.invocation = invocation
        self.answers = answers
        state = Mutex(State(snapshot: Snapshot(startedAt: .now)))
    }

    var snapshot: Snapshot { state.withLock { $0.snapshot } }
    var isAttached: Bool { flags.withLock { $0.attached } }
    var announcesEnd: Bool { flags.withLock { $0.announcesEnd } }
    func setAttached(_ value: Bool) { flags.withLock { $0.attached = value } }
    func setAnnouncesEnd(_ value: Bool) { flags.withLock { $0.announcesEnd = value } }
    var isRunning: Bool { snapshot.end == nil }
    var taskID: String? { snapshot.taskID }

    /// The changes from now on, after one `created`, one `event` per known state, and `ended` when it has.
    func updates() -> AsyncStream<Update> {
        let (stream, continuation) = AsyncStream<Update>.makeStream()
        let key = state.withLock { state -> Int? in
            let snapshot = state.snapshot
            if let task = snapshot.task { continuation.yield(.created(task)) }
            if let progress = snapshot.progress { continuation.yield(.event(.progress(progress))) }
            if let end = snapshot.end {
                continuation.yield(.ended(end))
                continuation.finish()
                return nil
            }
            defer { state.nextKey += 1 }
            state.listeners[state.nextKey] = continuation
            return state.nextKey
        }
        if let key {
            continuation.onTermination = { [weak self] _ in
                _ = self?.state.withLock { $0.listeners.removeValue(forKey: key) }
            }
        }
        return stream
    }

    func apply(_ update: Update) {
        let listeners = state.withLock { state -> [AsyncStream<Update>.Continuation] in
            guard state.snapshot.end == nil else { return [] }
            switch update {
            case .created(let task):
                state.snapshot.taskID = task.taskId
                state.snapshot.task = task
            case .event(.status(let task)):
                state.snapshot.task = task
            case .event(.progress(let progress)):
                state.snapshot.progress = progress
            case .ended(let end):
                state.snapshot.end = end
                state.snapshot.endedAt = .now
                if case .outcome(let outcome) = end, let task = outcome.task { state.snapshot.task = task }
            }
            let listeners = Array(state.listeners.values)
            if case .ended = update { state.listeners = [:] }
            return listeners
        }
        switch update {
        case .created, .ended: started.fire()
        case .event: break
        }
        for listener in listeners {
            listener.yield(update)
            if case .ended = update { listener.finish() }
        }
    }

    /// `[2] slow_count  working  3/5 60%  4.2s` for `jobs` and the lines above the prompt.
    func line(style: Style, now: ContinuousClock.Instant = .now) -> String {
        let snapshot = snapshot
        var parts = [style.bold("[\(number)]") + " " + Sanitizer.clean(tool)]
        if let end = snapshot.end {
            parts.append(Self.describe(end, style: style))
        } else if let task = snapshot.task {
            parts.append(style.cyan(Sanitizer.clean(task.status.rawValue)))
        } else {
            parts.append(style.cyan("starting"))
        }
        if snapshot.end == nil, let progress = snapshot.progress {
            var text = FieldParsing.show(progress.progress)
            if let total = progress.total, total > 0 {
                text += "/\(FieldParsing.show(total)) \(Int(min(1, progress.progress / total) * 100))%"
            }
            parts.append(text)
            if let message = progress.message, !message.isEmpty { parts.append(Sanitizer.clean(message)) }
        }
        if let taskID = snapshot.taskID { parts.append(style.dim("task " + Sanitizer.clean(taskID))) }
        let elapsed = (snapshot.endedAt ?? now) - snapshot.startedAt
        parts.append(style.dim(Timestamps.compact(seconds: Double(elapsed.components.seconds))))
        return parts.joined(separator: "  ")
    }

    static func describe(_ end: End, style: Style) -> String {
        switch end {
        case .outcome(.completed(_, let result)):
            return result.isError ? style.red("completed with a tool error") : style.green("completed")
        case .outcome(.failed(let task, _, let error)):
            return style.red("failed")
                + ((error?.message ?? task.statusMessage).map { ": " + Sanitizer.clean($0) } ?? "")
        case .outcome(.cancelled): return style.yellow("cancelled")
        case .outcome(.notFound): return style.red("gone (unknown to the server)")
        case .inline(let result):
            return result.isError ? style.red("done with a tool error") : style.green("done (no task)")
        case .refused(let error): return style.red("refused: " + Sanitizer.clean(error.message))
        case .failed(let message, _): return style.red("could not run: " + Sanitizer.clean(message))
        case .stopped: return style.yellow("stopped")
        }
    }
}

/// The REPL's jobs, numbered from 1 in the order they were started.
final class JobTable: Sendable {
    private let jobs = Mutex<[ReplJob]>([])

    func add(_ invocation: CallCommand, answers: ScriptedAnswers) -> ReplJob {
        jobs.withLock { jobs in
            let job = ReplJob(number: jobs.count + 1, invocation: invocation, answers: answers)
            jobs.append(job)
            return job
        }
    }

    var all: [ReplJob] { jobs.withLock { $0 } }
    var running: [ReplJob] { all.filter(\.isRunning) }

    func job(_ number: Int) -> ReplJob? { all.first { $0.number == number } }

    /// The job an elicitation belongs to: by its task id; without one, the running job whose task waits for
    /// input, else the only running job.
    /// A task id no job has yet may be one whose tools/call has not been answered (the request can come
    /// before the CreateTaskResult): then the only job still waiting for its task is taken.
    func attribute(taskID: String?) -> ReplJob? {
        let jobs = all
        if let taskID, let owner = jobs.last(where: { $0.taskID == taskID }) { return owner }
        let running = jobs.filter(\.isRunning)
        let starting = running.filter { $0.taskID == nil }
        if taskID != nil { return starting.count == 1 ? starting[0] : nil }
        if let waiting = running.first(where: { $0.snapshot.task?.status == .inputRequired }) { return waiting }
        if running.count == 1 { return running[0] }
        return starting.count == 1 ? starting[0] : nil
    }

    /// Waits until no job is running.
    func waitForAll() async {
        for job in running {
            for await _ in job.updates() {}
        }
    }
}
