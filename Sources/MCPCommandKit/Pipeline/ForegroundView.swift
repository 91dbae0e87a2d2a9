import MCPClient
import MCPCore
import MCPRender

/// How a front end hands interrupts to a run in the foreground.
package struct ForegroundInterrupts: Sendable {
    /// The first Ctrl-C, or --timeout: a call cancels its task, a watch stops watching. Nil when the waiting
    /// task is cancelled.
    package var soft: @Sendable () async -> InterruptReason?
    /// Stop waiting at once (a second Ctrl-C in the REPL; on the command line it ends the process).
    package var hard: @Sendable () async -> Void

    package init(soft: @escaping @Sendable () async -> InterruptReason?, hard: @escaping @Sendable () async -> Void) {
        self.soft = soft
        self.hard = hard
    }

    /// A command line's: the interrupts it has claimed; a second Ctrl-C exits the process.
    package static func claimed(_ interrupts: Interrupts) -> ForegroundInterrupts {
        ForegroundInterrupts(soft: { await interrupts.wait(asOwner: true) }, hard: { await Trigger().wait() })
    }
}

/// A run shown in the foreground, the same for `call`, `watch` and `result` on the command line and for the
/// REPL's foreground calls and `fg`: the live line on stderr, events on stdout with --events, then how it
/// ended. An interrupt cancels the run's task (a plain call or a preparation is stopped) when the view
/// `cancelsOnInterrupt`, and otherwise stops watching.
package struct ForegroundView: Sendable {
    package let pipeline: TaskPipeline
    package let run: TaskRun
    package let output: CallOutput
    package var cancelsOnInterrupt = true
    /// Whether "task … created" is said (a view shown from the run's start).
    package var announcesCreation = true
    /// Whether the live line is drawn (`result` draws it only on a terminal).
    package var showsView = true
    package var deliver: CallOutput.Deliverable = .result
    package var interrupts: ForegroundInterrupts
    /// How a second interrupt during a cancel is described ("Ctrl-C again to quit now").
    package var againHint = "Ctrl-C again to quit now"
    /// Says that the person stopped watching (the run goes on) and gives the exit status.
    package var stoppedWatching: @Sendable (InterruptReason) -> ExitStatus
    /// Reports a run that could not go on (a connection lost, a task unknown) and gives the exit status.
    package var reportFailure: @Sendable (any Error) -> ExitStatus

    package init(
        pipeline: TaskPipeline, run: TaskRun, output: CallOutput, interrupts: ForegroundInterrupts,
        stoppedWatching: @escaping @Sendable (InterruptReason) -> ExitStatus
    ) {
        self.pipeline = pipeline
        self.run = run
        self.output = output
        self.interrupts = interrupts
        self.stoppedWatching = stoppedWatching
        let context = pipeline.context
        reportFailure = { context.report($0) }
    }

    private enum Input: Sendable {
        case update(TaskRun.Update), interrupt(InterruptReason), stopWatching, tick
    }

    /// Shows the run until it ends or the person stops watching; the exit status.
    package func show() async -> ExitStatus {
        // A call's line is drawn from its start; a followed task's once its age is known.
        let drawn = LiveViewSlot()
        if run.request != nil { drawn.open(self) }
        defer { drawn.view?.finish() }
        let (inputs, feed) = AsyncStream<Input>.makeStream()
        return await withTaskGroup(of: Void.self, returning: ExitStatus.self) { group in
            group.addTask {
                for await update in run.updates() { feed.yield(.update(update)) }
            }
            group.addTask {
                if let reason = await interrupts.soft(), !Task.isCancelled { feed.yield(.interrupt(reason)) }
            }
            group.addTask {
                await interrupts.hard()
                if !Task.isCancelled { feed.yield(.stopWatching) }
            }
            if output.mode == .events {
                // Messages the session skipped (a stray line on stdout) are events too, those before this
                // view included.
                let notifications = pipeline.session.notifications()
                let earlier = pipeline.session.skippedMessages
                let emit: @Sendable (String, String) -> Void = { kind, detail in
                    output.emit("error", taskID: nil, ["kind": .string(kind), "message": .string(detail)])
                }
                for (kind, detail) in earlier { emit(kind, detail) }
                group.addTask {
                    for await case .unreadable(let kind, let detail, let number) in notifications
                    where number >= earlier.count {
                        emit(kind, detail)
                    }
                }
            }
            if showsView {
                group.addTask {
                    // Redraws the line a few times a second so elapsed time moves even without events.
                    while !Task.isCancelled {
                        try? await Task.sleep(for: .milliseconds(250))
                        feed.yield(.tick)
                    }
                }
            }
            defer { group.cancelAll() }
            var cancelling: InterruptReason?
            for await input in inputs {
                if case .update(let update) = input, case .ended = update {
                } else if case .update = input {
                    drawn.open(self)
                }
                let view = drawn.view
                switch input {
                case .tick:
                    view?.tick()
                case .update(.created(let task)):
                    if announcesCreation {
                        output.emit("created", taskID: task.taskId, ["task": task.json])
                        let detached = run.request?.detach ?? false
                        if output.mode != .events && !detached { output.note("task \(task.taskId) created") }
                    }
                    if let reason = cancelling, !(run.request?.detach ?? false) {
                        view?.finish()
                        return await cancel(task.taskId, because: reason)
                    }
                case .update(.event(let event)):
                    view?.apply(event)
                    output.emit(event, taskID: run.taskID)
                case .update(.ended(let end)):
                    view?.finish()
                    if case .detached(let task) = end, let reason = cancelling {
                        // Ctrl-C while the task was being created: the person wants it gone, not detached.
                        output.console.stdout.line(task.taskId)
                        return await cancel(task.taskId, because: reason)
                    }
                    let status = report(end, stoppedBy: cancelling)
                    return cancelling.map(Self.status(for:)) ?? status
                case .interrupt(let reason):
                    guard cancelsOnInterrupt, cancelling == nil else {
                        view?.finish()
                        return stoppedWatching(reason)
                    }
                    cancelling = reason
                    let phase = run.snapshot.phase
                    if let taskID = run.taskID, !(run.request?.detach ?? false) {
                        view?.finish()
                        return await cancel(taskID, because: reason)
                    }
                    if phase == .preparing || phase == .calling(asTask: false) {
                        // Nothing to cancel on the server yet, or a plain call: stop it (notifications/cancelled).
                        run.stop.fire()
                    }
                case .stopWatching:
                    view?.finish()
                    return stoppedWatching(.signal)
                }
            }
            return .interrupted
        }
    }

    /// The live line, opened once.
    private final class LiveViewSlot: @unchecked Sendable {
        // Only the view's own loop touches it.
        var view: LiveView?
        var opened = false

        func open(_ owner: ForegroundView) {
            guard !opened else { return }
            opened = true
            guard owner.showsView, owner.run.isRunning else { return }
            view = owner.output.liveView(label: owner.run.label, alreadyRunning: owner.age)
        }
    }

    /// The live view's clock starts at the task's creation when known: a watched task may be old.
    private var age: Double {
        if let created = run.snapshot.task?.createdAt.flatMap(Timestamps.parse) {
            return max(0, pipeline.context.console.now() - created)
        }
        let elapsed = ContinuousClock.now - run.snapshot.startedAt
        return Double(elapsed.components.seconds)
    }

    private func cancel(_ taskID: String, because reason: InterruptReason) async -> ExitStatus {
        switch reason {
        case .signal: output.note("cancelling the task (\(againHint))")
        case .timeout: output.note("--timeout elapsed; cancelling the task")
        case .terminated: output.note("\(reason.said); cancelling the task before exiting")
        }
        let done: Void? = try? await until(interrupts.hard) {
            await pipeline.cancelRunning(taskID, output: output)
        }
        if done == nil { return stoppedWatching(reason) }
        return Self.status(for: reason)
    }

    private static func status(for reason: InterruptReason) -> ExitStatus { ExitStatus(reason) }

    /// Prints how the run ended and gives its exit status.
    package func report(_ end: TaskRun.End, stoppedBy reason: InterruptReason? = nil) -> ExitStatus {
        let status: ExitStatus
        switch end {
        case .outcome(let outcome): status = output.report(outcome, deliver: deliver)
        case .inline(let result, let askedForTask):
            if askedForTask { output.note("the server ran '\(run.label)' without creating a task") }
            status = output.printResult(result)
        case .detached(let task):
            output.console.stdout.line(task.taskId)
            status = .success
        case .refused(let error): status = output.refused(error, tool: run.label)
        case .failed(let error): status = reportFailure(error)
        case .stopped:
            let why = reason.map { " (\($0.said))" } ?? ""
            output.note("the call was cancelled" + why)
            status = .interrupted
        }
        if status != .success, let hint = olderRevisionHint(end) { output.note(hint) }
        return status == .success && run.declined.isSet ? .inputRequired : status
    }

    /// A task that failed for want of something the 2026-07-28 wire does not offer it (FastMCP 4: "Imperative
    /// ctx.elicit() is not supported inside a background task") may work on 2025-11-25: say so, instead of
    /// leaving the person stuck.
    private func olderRevisionHint(_ end: TaskRun.End) -> String? {
        let reason: String?
        switch end {
        case .outcome(.failed(let task, let result, let error)):
            reason =
                error?.message ?? result.map { ResultRenderer(sanitize: true).render($0) } ?? task.statusMessage
        case .outcome(.completed(_, let result)) where result.isError,
            .inline(let result, _) where result.isError:
            reason = ResultRenderer(sanitize: true).render(result)
        case .refused(let error): reason = error.message
        default: reason = nil
        }
        // Dual-era servers list only 2026-07-28 in server/discover, so whether it also speaks 2025-11-25 is not
        // known here: said as a condition, and only where mcptask chose the protocol itself.
        guard let reason, reason.lowercased().contains("not supported") || reason.lowercased().contains("elicit"),
            pipeline.session.discoverResult != nil, pipeline.context.settings.protocol == .auto
        else { return nil }
        return "this ran on protocol 2026-07-28; if the server also speaks 2025-11-25, try --protocol 2025-11-25"
    }
}
