import MCPClient
import MCPCore
import MCPRender

/// The live view of one task, shared by `call`, `watch` and `result`: a TaskMonitor merging status
/// notifications, progress and polling, drawn on stderr (and as events on stdout with --events), raced
/// against Ctrl-C and --timeout.
struct TaskFollower: Sendable {
    let context: CommandContext
    let session: ClientSession
    let output: CallOutput
    /// What the live line is labelled with: the tool, when known.
    let label: String
    let progressToken: ProgressToken?
    /// Whether a live view is drawn; `result` draws one only on a terminal.
    var showsView = true

    /// Follows the task from `initial` until it ends, or until an interrupt comes when the caller has
    /// claimed interrupts (a `call` cancels its task on Ctrl-C). Otherwise an interrupt cancels the caller's
    /// own race, and with it this wait.
    func follow(
        _ initial: TaskInfo, notifications: AsyncStream<ServerNotification>, claimedInterrupts: Bool
    ) async throws -> Raced<TaskOutcome> {
        // Elapsed time is the task's: a watched task may have started long before this view.
        let age = initial.createdAt.flatMap(Timestamps.parse).map { Timestamps.now() - $0 } ?? 0
        let view = showsView ? output.liveView(label: label, alreadyRunning: age) : nil
        defer { view?.finish() }
        let monitor = TaskMonitor(session: session, taskID: initial.taskId, progressToken: progressToken)
        let output = output
        let raced = try await withTicker(view) { [context] in
            let watch: @Sendable () async throws -> TaskOutcome = {
                try await monitor.run(initial: initial, notifications: notifications) { event in
                    view?.apply(event)
                    output.emit(event, taskID: initial.taskId)
                }
            }
            guard claimedInterrupts else { return Raced.finished(try await watch()) }
            return try await context.interrupts.race(asOwner: true, watch)
        }
        if case .finished(let outcome) = raced, let task = outcome.task {
            context.journal.noteStatus(task.status.rawValue, of: task.taskId, now: Timestamps.now())
        }
        return raced
    }

    /// Redraws the terminal line a few times a second so elapsed time moves even without events.
    private func withTicker<Value: Sendable>(
        _ view: LiveView?, _ work: @Sendable @escaping () async throws -> Value
    ) async throws -> Value {
        guard let view else { return try await work() }
        return try await withThrowingTaskGroup(of: Value?.self) { group in
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(250))
                    view.tick()
                }
                return nil
            }
            group.addTask { try await work() }
            defer { group.cancelAll() }
            while let next = try await group.next() {
                if let next { return next }
            }
            throw CancellationError()
        }
    }
}
