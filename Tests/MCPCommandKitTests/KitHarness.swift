import MCPClient
import MCPCommandKit
import MCPCore
import MCPTestSupport

/// One in-process command-layer setup: a recording console, private XDG directories, and a context whose
/// journal lives there. No process is started: the server is the demo server in this process.
struct KitHarness {
    let recording = RecordingConsole()
    let directory = makeTestDirectory("kit")

    var variables: [String: String] { isolatedVariables(directory) }

    var environment: CommandEnvironment {
        CommandEnvironment(console: recording.console, signals: SignalRouter(), variables: variables)
    }

    /// A context as `call` builds one; the target only names the server in the journal.
    func context(timeout: DurationArgument? = nil) throws -> CommandContext {
        try CommandContext(
            settings: ConnectionSettings(server: "http://127.0.0.1:9/mcp", timeout: timeout), environment: environment,
            listensForSignals: false)
    }

    var journal: TaskJournal { TaskJournal(environment: variables) }

    /// The journal's entries now.
    var entries: [JournalEntry] { journal.entries(now: recording.console.now()) }
}

extension CallRequest {
    /// A request as `call TOOL KEY=VALUE…` makes it.
    static func call(_ tool: String, _ assignments: String..., answers: [String] = [], detach: Bool = false) throws
        -> CallRequest
    {
        var request = CallRequest(tool: tool)
        request.assignments = assignments
        request.answers = try CallArguments.answers(pairs: answers, file: nil)
        request.detach = detach
        return request
    }
}
