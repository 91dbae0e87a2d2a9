import ArgumentParser
import MCPClient
import MCPCore
import MCPRender

/// `mcptask cancel TASK`: tasks/cancel, then the task's final state as tasks/get reports it.
struct CancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel", abstract: "Cancel a task and print its final state.",
        discussion: """
            Needs the server's tasks.cancel capability. A task that already ended is shown as it ended; the \
            state printed is always the one tasks/get confirms.
            """)

    @OptionGroup var server: ServerOptions

    @Argument(
        help: "The task: an id, a unique prefix, or 'last'.", completion: .custom(DynamicCompletion.tasks))
    var task: String

    @Flag(name: .long, help: "Print the final task as JSON.")
    var json = false

    func run() async throws {
        let json = json
        let status = await TaskCommandRunner(options: server, reference: task).run { handle in
            let (context, session, taskID) = (handle.context, handle.session, handle.taskID)
            var ended = false
            do {
                _ = try await session.cancelTask(taskID)
            } catch let error as ResponseError where error.code == .invalidParams {
                // -32602: already over, or unknown; tasks/get below tells which.
                ended = true
            }
            // Some servers report success on a finished task; tasks/get has the last word.
            let final = try await session.getTask(taskID)
            context.journal.noteStatus(final.status.rawValue, of: final.taskId, now: Timestamps.now())
            TaskPrinter.print(final, json: json, style: context.style)
            if ended || final.status != .cancelled {
                OutputStream.standardError.line(
                    context.style.dim("mcptask: task \(taskID) had already ended (\(final.status)); nothing to cancel"))
            }
            return .success
        }
        if status != .success { throw status.exitCode }
    }
}
