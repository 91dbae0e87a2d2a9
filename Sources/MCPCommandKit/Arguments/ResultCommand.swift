import ArgumentParser
import MCPClient
import MCPCore
import MCPRender

/// `mcptask result TASK`: the task's result, waiting until the task ends.
package struct ResultCommand: CommandDefinition {
    package static let configuration = CommandConfiguration(
        commandName: "result", abstract: "Print a task's result, waiting until the task ends.",
        discussion: """
            TASK is a task id, a unique prefix of one this machine has seen, or 'last'. The exit status says \
            how the task ended (0 completed, 1 failed or the tool reported an error, 2 cancelled, 6 gone). On a \
            terminal the live view is shown while waiting. Ctrl-C stops waiting and leaves the task alone.
            """)

    @OptionGroup package var server: ServerOptions

    @Argument(
        help: "The task: an id, a unique prefix, or 'last'.", completion: .custom(DynamicCompletion.tasks))
    package var task: String

    @Flag(name: .long, help: "Print the tool result exactly as the server sent it, as JSON.")
    package var json = false

    @Flag(name: .long, help: "Print lifecycle events as newline-delimited JSON on stdout.")
    package var events = false

    @OptionGroup package var answering: AnswerOptions

    @OptionGroup package var showing: ResultOptions

    package func validate() throws {
        if json && events { throw ValidationError("--json and --events cannot be used together") }
    }
    package init() {}

    /// How the outcome is printed.
    package var mode: CallOutput.Mode { events ? .events : json ? .json : .human }
}
