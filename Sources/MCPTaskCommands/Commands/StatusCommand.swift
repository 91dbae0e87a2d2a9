import ArgumentParser
import MCPClient
import MCPRender

/// `mcptask status TASK`: one tasks/get.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show a task's current state (one tasks/get).",
        discussion: "TASK is a task id, a unique prefix of one this machine has seen, or 'last'.")

    @OptionGroup var server: ServerOptions

    @Argument(
        help: "The task: an id, a unique prefix, or 'last'.", completion: .custom(DynamicCompletion.tasks))
    var task: String

    @Flag(name: .long, help: "Print the task as JSON.")
    var json = false

    func run() async throws {
        let json = json
        let status = await TaskCommandRunner(options: server, reference: task).run { handle in
            let context = handle.context
            let info = try await handle.session.getTask(handle.taskID)
            context.journal.noteStatus(info.status.rawValue, of: info.taskId, now: Timestamps.now())
            TaskPrinter.print(info, json: json, style: context.style)
            return .success
        }
        if status != .success { throw status.exitCode }
    }
}
