import ArgumentParser
import MCPClient
import MCPCore
import MCPRender

/// `mcptask call TOOL [KEY=VALUE ...]`: calls a tool, as a task when its mode allows, and follows it live.
struct CallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "call",
        abstract: "Call a tool; a task-capable tool runs as a task, followed live until it ends.",
        discussion: """
            A 'required' tool always runs as a task, an 'optional' one unless --no-task. Status and progress \
            go to stderr, the result to stdout. Ctrl-C cancels the task on the server and prints its final \
            state.
            """)

    @OptionGroup var server: ServerOptions

    @Argument(help: "The tool to call.", completion: .custom(DynamicCompletion.tools))
    var tool: String

    @Argument(
        help: "Arguments as KEY=VALUE, typed by the tool's input schema.",
        completion: .custom(DynamicCompletion.toolArguments))
    var assignments: [String] = []

    @Option(name: .long, help: "Arguments as a JSON object, @FILE, or - for stdin.")
    var args: String?

    @Flag(name: .long, help: "Run as a task (an error for a 'forbidden' tool).")
    var task = false

    @Flag(name: .long, help: "Call an 'optional' tool without a task.")
    var noTask = false

    @Option(name: .long, help: "Requested time to live of the task, e.g. 90s or 10m.")
    var ttl: DurationArgument?

    @Flag(name: .long, help: "Print the task id and return at once.")
    var detach = false

    @Flag(name: .long, help: "Print the tool result exactly as the server sent it, as JSON.")
    var json = false

    @Flag(name: .long, help: "Print lifecycle events as newline-delimited JSON on stdout.")
    var events = false

    @Option(name: .long, help: "Answer for an elicitation field, KEY=VALUE; repeatable.")
    var answer: [String] = []

    @Option(
        name: .long, help: "Elicitation answers: a JSON object, or an array for successive prompts.",
        completion: .file(extensions: ["json"]))
    var answers: String?

    func validate() throws {
        if task && noTask { throw ValidationError("--task and --no-task cannot be used together") }
        if json && events { throw ValidationError("--json and --events cannot be used together") }
        if detach && noTask { throw ValidationError("--detach needs a task; it cannot be used with --no-task") }
    }

    func run() async throws {
        let invocation = self
        let status = await runCommand(options: server, command: ServerCommandLine.trailing) { context in
            let raced = try await context.interrupts.race {
                // A detached task must stay reachable: its HTTP session is not closed.
                try await context.withSession(keepSession: invocation.detach) { session in
                    try await CallFlow(invocation: invocation, context: context, session: session).run()
                }
            }
            switch raced {
            case .finished(let status): return status
            case .interrupted(let reason): return reason == .timeout ? .timedOut : .interrupted
            }
        }
        if status != .success { throw status.exitCode }
    }
}
