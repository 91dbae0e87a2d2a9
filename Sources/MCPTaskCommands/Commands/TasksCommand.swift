import ArgumentParser
import MCPClient
import MCPCore
import MCPRender

/// `mcptask tasks`: the server's tasks (tasks/list, all pages), with what the journal knows beside them.
struct TasksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tasks", abstract: "List the server's tasks (all pages), and the journal's for it.",
        discussion: """
            Uses tasks/list when the server declares tasks.list. Tasks this machine started on the server that \
            the list leaves out (some servers list nothing, and HTTP servers list only the session's tasks) \
            are shown from the journal, refreshed with tasks/get where the session allows, and marked so. \
            Over HTTP the newest recorded session is rejoined. With no server given, lists the journal's \
            tasks for every server.
            """)

    @OptionGroup var server: ServerOptions

    @Flag(name: .long, help: "Print the lists as JSON.")
    var json = false

    func run() async throws {
        let environment = FileSystem.environment()
        let noServer =
            server.server == nil && ServerCommandLine.trailing.isEmpty
            && (environment["MCPTASK_SERVER"] ?? "").isEmpty
        let listing = TaskListing(json: json, journal: TaskJournal(environment: environment))
        let status: ExitStatus
        if noServer {
            status = listing.journalOnly(color: server.color)
        } else {
            status = await runCommand(options: server, command: ServerCommandLine.trailing) { context in
                let raced = try await context.interrupts.race { try await listing.fromServer(context) }
                switch raced {
                case .finished(let status): return status
                case .interrupted(let reason): return reason == .timeout ? .timedOut : .interrupted
                }
            }
        }
        if status != .success { throw status.exitCode }
    }
}
