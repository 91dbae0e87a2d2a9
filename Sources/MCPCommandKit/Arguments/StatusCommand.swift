import ArgumentParser
import MCPClient
import MCPRender

/// `mcptask status TASK`: one tasks/get.
package struct StatusCommand: CommandDefinition {
    package static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Ask the server once for a task's current state.",
        discussion: "TASK is a task id, a unique prefix of one this machine has seen, or 'last'.")

    @OptionGroup package var server: ServerOptions

    @Argument(
        help: "The task: an id, a unique prefix, or 'last'.", completion: .custom(DynamicCompletion.tasks))
    package var task: String

    @Flag(name: .long, help: "Print the task as JSON.")
    package var json = false
    package init() {}
}
