import ArgumentParser
import MCPClient
import MCPCore
import MCPRender

/// `mcptask cancel TASK`: tasks/cancel, then the task's final state as tasks/get reports it.
package struct CancelCommand: CommandDefinition {
    package static let configuration = CommandConfiguration(
        commandName: "cancel", abstract: "Cancel a task and print its final state.",
        discussion: """
            Needs the server's tasks.cancel capability. A task that already ended is shown as it ended; the \
            state printed is always the one tasks/get confirms.
            """)

    @OptionGroup package var server: ServerOptions

    @Argument(
        help: "The task: an id, a unique prefix, or 'last'.", completion: .custom(DynamicCompletion.tasks))
    package var task: String

    @Flag(name: .long, help: "Print the final task as JSON.")
    package var json = false
    package init() {}
}
