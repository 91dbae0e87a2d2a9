import MCPClient
import MCPCore
import MCPRender

/// An existing task a command acts on, and the connection to reach it.
package struct TaskHandle: Sendable {
    package let context: CommandContext
    package let session: ClientSession
    /// The task's full id.
    package let taskID: String
    /// What this machine recorded when the task was started, if it was started here.
    package let entry: JournalEntry?

    package init(context: CommandContext, session: ClientSession, taskID: String, entry: JournalEntry?) {
        self.context = context
        self.session = session
        self.taskID = taskID
        self.entry = entry
    }

    package var progressToken: ProgressToken? { entry?.progressToken.map(ProgressToken.string) }
    package var label: String { entry?.tool ?? "task" }
}

/// Shared by the commands that act on an existing task (`watch`, `status`, `result`, `cancel`): finds the
/// task in the journal, connects to the server it lives on (rejoining its HTTP session), and maps "no such
/// task" to exit 6. Ctrl-C and --timeout just stop waiting: the task is left alone.
package struct TaskCommandRunner {
    package let settings: ConnectionSettings
    package let environment: CommandEnvironment
    package let reference: String

    package init(settings: ConnectionSettings, environment: CommandEnvironment, reference: String) {
        self.settings = settings
        self.environment = environment
        self.reference = reference
    }

    /// Runs `body` with a session on the task's server.
    package func run(_ body: @escaping @Sendable (TaskHandle) async throws -> ExitStatus) async -> ExitStatus {
        let variables = environment.variables
        let stderr = environment.console.stderr
        let journal = environment.journal(color: settings.color)
        let named = settings.server ?? environment.serverCommand.first
        let entry: JournalEntry?
        do {
            entry = try journal.resolve(reference, server: named, now: environment.console.now())
        } catch {
            return ErrorReport.report(error, style: nil, to: stderr)
        }
        if let entry, named == nil, entry.transport == "stdio" {
            let command = entry.command.map { " (\($0.joined(separator: " ")))" } ?? ""
            return ErrorReport.report(
                CommandFailure(
                    status: .noSuchTask,
                    message: "task \(entry.taskId) ran on the stdio server '\(entry.server)'\(command), and its tasks "
                        + "ended with that "
                        + "process; to keep a stdio server's tasks across commands, use a background session "
                        + "(mcptask session start) or the REPL"),
                style: nil, to: stderr)
        }
        if entry == nil, named == nil, (variables["MCPTASK_SERVER"] ?? "").isEmpty {
            return ErrorReport.report(
                CommandFailure(
                    status: .noSuchTask,
                    message:
                        "no task '\(reference.clipped())' in the journal at \(journal.path); to ask a server about a task "
                        + "started elsewhere, name the server with -s"),
                style: nil, to: stderr)
        }
        var settings = settings
        if settings.server == nil && environment.serverCommand.isEmpty, let entry {
            settings.server = entry.server
        }
        let taskID = entry?.taskId ?? reference
        return await runCommand(settings: settings, environment: environment) { context in
            do {
                let raced = try await context.interrupts.race {
                    try await context.withSession(resuming: entry.flatMap(RecordedSession.init), keepSession: true) {
                        session in
                        try await body(TaskHandle(context: context, session: session, taskID: taskID, entry: entry))
                    }
                }
                switch raced {
                case .finished(let status): return status
                case .interrupted(let reason):
                    context.console.stderr.line(
                        context.style.dim(
                            "mcptask: \(reason.said); stopped waiting, task \(taskID) is left as it is"))
                    return ExitStatus(reason)
                }
            } catch {
                throw TaskHandle.explain(error, taskID: taskID, entry: entry, overHTTP: context.target.isHTTP)
            }
        }
    }
}

extension TaskHandle {
    /// A failure of a command about a task, in the task's terms: a forgotten HTTP session or a task the
    /// server does not know is "no such task" (exit 6); anything else is left as it is.
    package static func explain(_ error: any Error, taskID: String, entry: JournalEntry?, overHTTP: Bool) -> any Error {
        switch error {
        case let error as SessionError where error.kind == .sessionExpired:
            return sessionExpired(taskID, entry)
        case let error as TransportError where error.kind == .sessionExpired:
            return sessionExpired(taskID, entry)
        case let error as ResponseError where error.code == .invalidParams:
            let stdio =
                overHTTP
                ? "" : "; a stdio server's tasks end with its process (a background session or the REPL keeps them)"
            return CommandFailure(
                status: .noSuchTask,
                message: "the server does not know task \(taskID.clipped()) (expired, or in another session): "
                    + error.message + stdio)
        default:
            return error
        }
    }

    /// This handle's failure explained.
    package func explain(_ error: any Error) -> any Error {
        Self.explain(error, taskID: taskID, entry: entry, overHTTP: context.target.isHTTP)
    }
}

/// The resumed HTTP session is gone, and the task with it: exit 6.
private func sessionExpired(_ taskID: String, _ entry: JournalEntry?) -> CommandFailure {
    CommandFailure(
        status: .noSuchTask,
        message: "task \(taskID) lived in HTTP session \(entry?.sessionId ?? "?"), which the server no longer "
            + "knows (HTTP 404): the task is gone with it")
}
