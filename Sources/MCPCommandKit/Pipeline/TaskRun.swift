import MCPClient
import MCPCore
import MCPRender
import Synchronization

/// One call or one followed task, from start to end: how far it got, and a stream of its changes with replay
/// for late subscribers, so any number of views (a command's live line, `fg`, the lines above the REPL's
/// prompt, `jobs`) show the same run.
package final class TaskRun: Sendable {
    /// How far the run got.
    package enum Phase: Sendable, Equatable {
        /// Listing tools, building arguments: nothing sent that starts work yet.
        case preparing
        /// tools/call sent, as a task or as a plain call.
        case calling(asTask: Bool)
        /// The task exists (created here, or an existing one followed).
        case running
    }

    /// How a run ended.
    package indirect enum End: Sendable {
        /// The task ended (completed, failed, cancelled, or is gone).
        case outcome(TaskOutcome)
        /// The call ran without a task: a plain call, or a server that ignored the task request.
        case inline(CallToolResult, askedForTask: Bool)
        /// `--detach`: the task exists and is left to run.
        case detached(TaskInfo)
        /// The server answered tools/call with a JSON-RPC error.
        case refused(ResponseError)
        /// It could not run: a usage, connection or protocol error (reported as ErrorReport says).
        case failed(any Error)
        /// Stopped before it ended (a plain call cancelled, a preparation abandoned, the REPL quitting).
        case stopped
    }

    package enum Update: Sendable {
        case created(TaskInfo)
        case event(TaskEvent)
        case ended(End)
    }

    package struct Snapshot: Sendable {
        package var phase = Phase.preparing
        package var taskID: String?
        package var task: TaskInfo?
        package var progress: TaskProgress?
        package var end: End?
        package var startedAt: ContinuousClock.Instant
        package var endedAt: ContinuousClock.Instant?
    }

    private struct State {
        var snapshot: Snapshot
        var listeners: [Int: AsyncStream<Update>.Continuation] = [:]
        var observers: [@Sendable (Update) -> Void] = []
        var nextKey = 0
    }

    /// The REPL's job number (1 on the command line).
    package let number: Int
    /// What the live line is labelled with: the tool, when known.
    package let label: String
    /// The call, when this run makes one (nil when it follows an existing task).
    package let request: CallRequest?
    /// Set when an elicitation had to be declined for want of answers (the command then exits 3).
    package let declined = DeclineFlag()
    /// Fired to stop the run's own work (a plain call is then cancelled on the server).
    package let stop = Trigger()
    /// Fired once the call is under way: its task created, or a plain call sent, or the run over.
    package let started = Trigger()
    private let state: Mutex<State>

    package init(number: Int = 1, label: String, request: CallRequest?) {
        self.number = number
        self.label = label
        self.request = request
        state = Mutex(State(snapshot: Snapshot(startedAt: .now)))
    }

    package var snapshot: Snapshot { state.withLock { $0.snapshot } }
    package var isRunning: Bool { snapshot.end == nil }
    package var taskID: String? { snapshot.taskID }

    /// The changes from now on, after one `created`, one `event` per known state, and `ended` when it has.
    package func updates() -> AsyncStream<Update> {
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

    /// Calls `observer` with every change from now on, in order, on the task that makes it, until the run
    /// ends (`ended` is the last call). Unlike `updates`, no task waits for the changes: a REPL with hundreds
    /// of jobs announces them without a task per job. Register before the run starts; nothing is replayed.
    package func observe(_ observer: @escaping @Sendable (Update) -> Void) {
        state.withLock { state in
            if state.snapshot.end == nil { state.observers.append(observer) }
        }
    }

    /// Moves the run to `phase` (the pipeline says how far it got). A plain call is under way once it is
    /// sent; a task call once its task exists.
    package func enter(_ phase: Phase) {
        state.withLock { $0.snapshot.phase = phase }
        if phase == .calling(asTask: false) { started.fire() }
    }

    package func apply(_ update: Update) {
        let (listeners, observers) = state.withLock {
            state -> ([AsyncStream<Update>.Continuation], [@Sendable (Update) -> Void]) in
            guard state.snapshot.end == nil else { return ([], []) }
            switch update {
            case .created(let task):
                state.snapshot.phase = .running
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
            let observers = state.observers
            if case .ended = update {
                state.listeners = [:]
                state.observers = []
            }
            return (listeners, observers)
        }
        switch update {
        case .created, .ended: started.fire()
        case .event: break
        }
        for listener in listeners {
            listener.yield(update)
            if case .ended = update { listener.finish() }
        }
        for observer in observers { observer(update) }
    }
}
