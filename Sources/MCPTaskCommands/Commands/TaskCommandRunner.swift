import MCPClient
import MCPCore
import MCPRender

/// An existing task a command acts on, and the connection to reach it.
struct TaskHandle: Sendable {
    let context: CommandContext
    let session: ClientSession
    /// The task's full id.
    let taskID: String
    /// What this machine recorded when the task was started, if it was started here.
    let entry: JournalEntry?

    var progressToken: ProgressToken? { entry?.progressToken.map(ProgressToken.string) }
    var label: String { entry?.tool ?? "task" }
}

/// Shared by the commands that act on an existing task (`watch`, `status`, `result`, `cancel`): finds the
/// task in the journal, connects to the server it lives on (rejoining its HTTP session), and maps "no such
/// task" to exit 6. Ctrl-C and --timeout just stop waiting: the task is left alone.
struct TaskCommandRunner {
    let options: ServerOptions
    let reference: String

    /// Runs `body` with a session on the task's server.
    func run(_ body: @escaping @Sendable (TaskHandle) async throws -> ExitStatus) async -> ExitStatus {
        let environment = FileSystem.environment()
        let journal = TaskJournal(environment: environment)
        let named = options.server ?? (ServerCommandLine.trailing.first)
        let entry: JournalEntry?
        do {
            entry = try journal.resolve(reference, server: named, now: Timestamps.now())
        } catch {
            return ErrorReport.report(error, style: nil)
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
                style: nil)
        }
        if entry == nil, named == nil, (environment["MCPTASK_SERVER"] ?? "").isEmpty {
            return ErrorReport.report(
                CommandFailure(
                    status: .noSuchTask,
                    message: "no task '\(reference)' in the journal at \(journal.path); to ask a server about a task "
                        + "started elsewhere, name the server with -s"),
                style: nil)
        }
        var options = options
        if options.server == nil && ServerCommandLine.trailing.isEmpty, let entry {
            options.server = entry.server
        }
        let taskID = entry?.taskId ?? reference
        return await runCommand(options: options, command: ServerCommandLine.trailing) { context in
            do {
                let raced = try await context.interrupts.race {
                    try await context.withSession(resuming: entry?.sessionId, keepSession: true) { session in
                        try await body(TaskHandle(context: context, session: session, taskID: taskID, entry: entry))
                    }
                }
                switch raced {
                case .finished(let status): return status
                case .interrupted(let reason):
                    let why = reason == .timeout ? "--timeout elapsed" : "interrupted"
                    OutputStream.standardError.line(
                        context.style.dim("mcptask: \(why); stopped waiting, task \(taskID) is left as it is"))
                    return reason == .timeout ? .timedOut : .interrupted
                }
            } catch let error as SessionError where error.kind == .sessionExpired {
                throw sessionExpired(taskID, entry)
            } catch let error as TransportError where error.kind == .sessionExpired {
                throw sessionExpired(taskID, entry)
            } catch let error as ResponseError where error.code == .invalidParams {
                let stdio =
                    context.target.isHTTP
                    ? "" : "; a stdio server's tasks end with its process (a background session or the REPL keeps them)"
                throw CommandFailure(
                    status: .noSuchTask,
                    message: "the server does not know task \(taskID) (expired, or in another session): "
                        + error.message + stdio)
            }
        }
    }
}

/// The resumed HTTP session is gone, and the task with it: exit 6.
private func sessionExpired(_ taskID: String, _ entry: JournalEntry?) -> CommandFailure {
    CommandFailure(
        status: .noSuchTask,
        message: "task \(taskID) lived in HTTP session \(entry?.sessionId ?? "?"), which the server no longer "
            + "knows (HTTP 404): the task is gone with it")
}

/// How `status` and `cancel` show a task.
enum TaskPrinter {
    static func print(_ task: TaskInfo, json: Bool, style: Style) {
        let out = OutputStream.standardOutput
        if json {
            out.line(JSONWriter.pretty(task.json))
            return
        }
        let clean: (String) -> String = out.isTerminal ? { Sanitizer.clean($0) } : { $0 }
        var line = "\(clean(task.taskId))  \(style.bold(clean(task.status.rawValue)))"
        if let message = task.statusMessage, !message.isEmpty { line += "  \(clean(message))" }
        out.line(line)
        var facts: [String] = []
        if let created = task.createdAt { facts.append("created \(clean(created))") }
        if let ttl = task.ttl, let start = task.createdAt.flatMap(Timestamps.parse) {
            let left = start + Double(ttl) / 1000 - Timestamps.now()
            facts.append(left > 0 ? "ttl left \(Timestamps.compact(seconds: left))" : "ttl passed")
        }
        if let poll = task.pollInterval { facts.append("poll every \(poll) ms") }
        if !facts.isEmpty { out.line(style.dim(facts.joined(separator: "  "))) }
    }

    /// The exit status a task's state stands for.
    static func status(of task: TaskInfo) -> ExitStatus {
        switch task.status {
        case .failed: return .toolError
        case .cancelled: return .cancelled
        default: return .success
        }
    }
}
