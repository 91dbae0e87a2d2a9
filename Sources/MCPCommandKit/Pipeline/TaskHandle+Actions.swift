import MCPClient
import MCPCore
import MCPRender

/// What `status`, `cancel`, `watch` and `result` do with a task, the same on the command line and in the REPL.
extension TaskHandle {
    package var pipeline: TaskPipeline { TaskPipeline(context: context, session: session) }

    /// `status`: one tasks/get, printed.
    package func showStatus(json: Bool) async throws -> ExitStatus {
        let info = try await session.getTask(taskID)
        context.journal.noteStatus(info.status.rawValue, of: info.taskId, now: context.console.now())
        TaskPrinter.print(info, json: json, style: context.style, to: context.console)
        return .success
    }

    /// `cancel`: tasks/cancel, then the state tasks/get confirms, printed; a task that had already ended is
    /// said to have.
    package func cancel(json: Bool) async throws -> ExitStatus {
        let outcome = await pipeline.cancelAndConfirm(taskID)
        if let error = outcome.cancelError { throw error }
        guard let final = outcome.final else { throw outcome.confirmError ?? CancellationError() }
        if let error = outcome.confirmError { throw error }
        TaskPrinter.print(final, json: json, style: context.style, to: context.console)
        if outcome.alreadyEnded || final.status != .cancelled {
            context.console.note(
                "task \(taskID) had already ended (\(final.status)); nothing to cancel", style: context.style)
        }
        return .success
    }

    /// `watch` and `result`: the task followed in the foreground until it ends. Interrupts are the caller's
    /// (they stop the wait and leave the task alone), unless `interrupts` says otherwise.
    package func follow(
        mode: CallOutput.Mode, deliver: CallOutput.Deliverable, showsView: Bool, structured: Bool = false,
        interrupts: ForegroundInterrupts = .none,
        stoppedWatching: @escaping @Sendable (InterruptReason) -> ExitStatus = { _ in .interrupted }
    ) async -> ExitStatus {
        let output = CallOutput(mode: mode, style: context.style, console: context.console, structured: structured)
        let run = TaskRun(label: label, request: nil)
        var view = ForegroundView(
            pipeline: pipeline, run: run, output: output, interrupts: interrupts, stoppedWatching: stoppedWatching)
        view.cancelsOnInterrupt = false
        view.announcesCreation = false
        view.showsView = showsView
        view.deliver = deliver
        view.reportFailure = { [self] error in context.report(explain(error)) }
        let pipeline = pipeline
        let (taskID, token) = (taskID, progressToken)
        return await withTaskGroup(of: Void.self, returning: ExitStatus.self) { group in
            group.addTask { await pipeline.follow(run, taskID: taskID, progressToken: token) }
            let status = await view.show()
            run.stop.fire()
            group.cancelAll()
            return status
        }
    }
}

extension ForegroundInterrupts {
    /// No interrupts: whoever runs the view stops it by cancelling it.
    package static var none: ForegroundInterrupts {
        ForegroundInterrupts(
            soft: {
                await Trigger().wait(); return nil
            }, hard: { await Trigger().wait() })
    }
}
