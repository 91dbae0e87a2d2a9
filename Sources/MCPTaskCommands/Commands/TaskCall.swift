import MCPClient
import MCPCore
import MCPRender

/// A task-augmented call: create the task, follow it live, print how it ended. Ctrl-C and --timeout
/// cancel it on the server (tasks/cancel) and print its final state.
struct TaskCall: Sendable {
    let flow: CallFlow
    let tool: String
    let progressToken: ProgressToken

    var session: ClientSession { flow.session }
    var output: CallOutput { flow.output }

    func run(
        arguments: [String: JSONValue], metadata: TaskMetadata, notifications: AsyncStream<ServerNotification>
    ) async throws -> ExitStatus {
        // Claim Ctrl-C before the task can exist, so an interrupt from here on cancels it on the server
        // instead of abandoning it.
        guard flow.context.interrupts.claim() else { throw CancellationError() }
        let response: CallToolResponse
        do {
            response = try await session.callTool(
                name: tool, arguments: arguments, task: metadata, progressToken: progressToken)
        } catch let error as ResponseError {
            return flow.refused(error)
        }
        let created: TaskInfo
        switch response {
        case .result(let result):
            // A server may run the call inline and ignore `task` (the spec allows it).
            output.note("the server ran '\(tool)' without creating a task")
            let status = output.printResult(result)
            return flow.context.interrupts.pending.map { $0 == .timeout ? .timedOut : .interrupted } ?? status
        case .task(let result):
            created = result.task
        }
        output.emit("created", taskID: created.taskId, ["task": created.json])
        remember(created)
        if invocationDetached {
            OutputStream.standardOutput.line(created.taskId)
            // Ctrl-C while the task was being created: the user wants it gone, not detached.
            if let reason = flow.context.interrupts.pending { return try await cancel(created.taskId, because: reason) }
            return .success
        }
        if output.mode != .events { output.note("task \(created.taskId) created") }
        let follower = TaskFollower(
            context: flow.context, session: session, output: output, label: tool, progressToken: progressToken)
        switch try await follower.follow(created, notifications: notifications, claimedInterrupts: true) {
        case .finished(let outcome): return output.report(outcome, deliver: .result)
        case .interrupted(let reason): return try await cancel(created.taskId, because: reason)
        }
    }

    private var invocationDetached: Bool { flow.invocation.detach }

    /// Records the task in the journal so later invocations can reach it; a journal that cannot be written
    /// is worth a warning, not a failed call.
    private func remember(_ task: TaskInfo) {
        let target = flow.context.target
        var entry = JournalEntry(
            taskId: task.taskId, server: target.displayName, transport: "stdio", tool: tool,
            createdAt: Timestamps.now(), ttl: task.ttl, status: task.status.rawValue,
            progressToken: progressToken.description)
        switch target {
        case .stdio(let command, _): entry.command = [command.executable] + command.arguments
        case .http(let url, _, _):
            entry.transport = "http"
            entry.url = url
            entry.sessionId = session.transportSessionID
        case .session: entry.transport = "session"
        }
        do {
            try flow.context.journal.record(entry, now: Timestamps.now())
        } catch {
            output.note("could not record task \(task.taskId) in the journal: \(error)")
        }
    }

    /// Cancels the task on the server, when it can, and prints the state it ended in.
    private func cancel(_ taskID: String, because reason: InterruptReason) async throws -> ExitStatus {
        let status: ExitStatus = reason == .timeout ? .timedOut : .interrupted
        output.note(
            reason == .timeout
                ? "--timeout elapsed; cancelling the task" : "cancelling the task (Ctrl-C again to quit now)")
        guard session.wire.canCancel else {
            output.error("the server cannot cancel tasks (no tasks.cancel capability); task \(taskID) goes on")
            return status
        }
        var final: TaskInfo?
        do {
            final = try await session.cancelTask(taskID)
        } catch let error as ResponseError {
            // -32602: it had already ended; tasks/get below shows how.
            if error.code != .invalidParams {
                output.error("tasks/cancel failed: \(error.message) (error \(error.code))")
            }
        }
        // Some servers report success on a finished task; tasks/get has the last word.
        if let confirmed = try? await session.getTask(taskID) { final = confirmed }
        guard let final else {
            output.error("could not learn the final state of task \(taskID)")
            return status
        }
        flow.context.journal.noteStatus(final.status.rawValue, of: taskID, now: Timestamps.now())
        let shown = "\(final.status)" + (final.statusMessage.map { ": \($0)" } ?? "")
        output.emit("status", taskID: taskID, ["task": final.json])
        output.note("task \(taskID) is \(shown)")
        return status
    }
}
