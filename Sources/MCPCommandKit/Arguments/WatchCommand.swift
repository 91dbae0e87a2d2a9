import ArgumentParser
import MCPClient
import MCPCore
import MCPRender

/// `mcptask watch TASK`: follows a task that is already running until it ends.
package struct WatchCommand: CommandDefinition {
    package static let configuration = CommandConfiguration(
        commandName: "watch", abstract: "Follow a task until it ends: status, progress, time left of its TTL.",
        discussion: """
            TASK is a task id, a unique prefix of one this machine has seen, or 'last'. The live view merges \
            status notifications, progress and tasks/get polling, and ends the moment the task does. The final \
            state goes to stdout (the result too with --result); the exit status says how the task ended. \
            Ctrl-C stops watching and leaves the task alone.
            """)

    @OptionGroup package var server: ServerOptions

    @Argument(
        help: "The task: an id, a unique prefix, or 'last'.", completion: .custom(DynamicCompletion.tasks))
    package var task: String

    @Flag(name: .long, help: "Also print the tool result when the task ends.")
    package var result = false

    @Flag(name: .long, help: "Print the final task (with --result: the tool result) as JSON.")
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
