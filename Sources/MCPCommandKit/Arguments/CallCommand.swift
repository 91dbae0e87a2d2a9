import ArgumentParser
import MCPClient
import MCPCore
import MCPRender

/// `mcptask call TOOL [KEY=VALUE ...]`: calls a tool, as a task when its mode allows, and follows it live.
package struct CallCommand: CommandDefinition {
    package static let configuration = CommandConfiguration(
        commandName: "call",
        abstract: "Call a tool; a task-capable tool runs as a task, followed live until it ends.",
        discussion: """
            A 'required' tool always runs as a task, an 'optional' one unless --no-task. Status and progress \
            go to stderr, the result to stdout. Ctrl-C cancels the task on the server and prints its final \
            state.
            """)

    @OptionGroup package var server: ServerOptions

    @Argument(help: "The tool to call.", completion: .custom(DynamicCompletion.tools))
    package var tool: String

    @Argument(
        help: ArgumentHelp("Arguments as KEY=VALUE, typed by the tool's input schema.", valueName: "key=value"),
        completion: .custom(DynamicCompletion.toolArguments))
    package var assignments: [String] = []

    @Option(name: .long, help: ArgumentHelp("Arguments as a JSON object, @FILE, or - for stdin.", valueName: "json"))
    package var args: String?

    @Flag(name: .long, help: "Run as a task (an error for a 'forbidden' tool).")
    package var task = false

    @Flag(name: .long, help: "Call an 'optional' tool without a task.")
    package var noTask = false

    // Unconditional: `--ttl -5s` is a value to refuse with a reason, not a missing one.
    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp("Requested time to live of the task, e.g. 90s or 10m.", valueName: "duration"))
    package var ttl: DurationArgument?

    @Flag(name: .long, help: "Print the task id and return at once.")
    package var detach = false

    @Flag(name: .long, help: "Print the tool result exactly as the server sent it, as JSON.")
    package var json = false

    @Flag(name: .long, help: "Print lifecycle events as newline-delimited JSON on stdout.")
    package var events = false

    @OptionGroup package var answering: AnswerOptions

    @OptionGroup package var showing: ResultOptions

    package func validate() throws {
        if task && noTask { throw ValidationError("--task and --no-task cannot be used together") }
        if json && events { throw ValidationError("--json and --events cannot be used together") }
        try ttl?.requirePositive("--ttl")
        if detach && noTask { throw ValidationError("--detach needs a task; it cannot be used with --no-task") }
    }
    package init() {}

    /// The call asked for, as a value (the answers read and checked).
    package func request() throws -> CallRequest {
        var request = CallRequest(tool: tool)
        request.assignments = assignments
        request.args = args
        request.requiresTask = task
        request.noTask = noTask
        request.ttl = ttl
        request.detach = detach
        request.mode = events ? .events : json ? .json : .human
        request.answers = try answering.scripted()
        request.structured = showing.structured
        request.timeout = server.timeout
        return request
    }
}
