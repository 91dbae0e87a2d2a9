import MCPClient
import MCPCore

/// What cancelling a task came to, as confirmed by tasks/get.
package struct Cancellation: Sendable {
    /// The task's state after the cancel, from tasks/get; nil when it could not be learnt.
    package var final: TaskInfo?
    /// tasks/cancel answered -32602: the task had already ended (or is unknown; `final` tells which).
    package var alreadyEnded = false
    /// tasks/cancel failed otherwise.
    package var cancelError: (any Error)?
    /// tasks/get failed.
    package var confirmError: (any Error)?
}

extension TaskPipeline {
    /// The one cancel-and-confirm: tasks/cancel, then tasks/get, which has the last word (some servers report
    /// success on a finished task); the confirmed state goes to the journal.
    package func cancelAndConfirm(_ taskID: String) async -> Cancellation {
        var outcome = Cancellation()
        do {
            outcome.final = try await session.cancelTask(taskID)
        } catch let error as ResponseError where error.code == .invalidParams {
            outcome.alreadyEnded = true
        } catch {
            outcome.cancelError = error
        }
        do {
            outcome.final = try await session.getTask(taskID)
        } catch {
            outcome.confirmError = error
        }
        if let final = outcome.final {
            context.journal.noteStatus(final.status.rawValue, of: final.taskId, now: context.console.now())
        }
        return outcome
    }

    /// Cancels a running task because the person asked (Ctrl-C) or --timeout elapsed, saying what became of
    /// it on `output`.
    package func cancelRunning(_ taskID: String, output: CallOutput) async {
        guard session.wire.canCancel else {
            output.error("the server cannot cancel tasks (no tasks.cancel capability); task \(taskID) goes on")
            return
        }
        let outcome = await cancelAndConfirm(taskID)
        if let error = outcome.cancelError {
            let words = (error as? ResponseError).map { "\($0.message) (error \($0.code))" } ?? "\(error)"
            output.error("tasks/cancel failed: \(words)")
        }
        guard let final = outcome.final else {
            output.error("could not learn the final state of task \(taskID)")
            return
        }
        output.emit("status", taskID: taskID, ["task": final.json])
        output.note("task \(taskID) is \(final.status)" + (final.statusMessage.map { ": \($0)" } ?? ""))
    }
}
