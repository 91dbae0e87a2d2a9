import MCPClient
import MCPCore
import MCPRender
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a REPL job: the same call `mcptask call` makes (arguments typed by the tool's schema, task or not
/// by its mode, recorded in the journal), followed by one TaskMonitor whose events go to the job, so any
/// number of views (the foreground's live line, `jobs`, lines above the prompt) can show it.
struct JobRunner: Sendable {
    let context: CommandContext
    let session: ClientSession
    let tools: ToolCache
    /// Asks the person for the URLs of a -32042 answer; true when the call should be made again.
    var urlsRequired: (@Sendable (ResponseError, String) async -> Bool)?

    func run(_ job: ReplJob) async {
        let end: ReplJob.End
        do {
            end = try await until(job.stop) { try await work(job) } ?? .stopped
        } catch is CancellationError {
            end = .stopped
        } catch let error as ResponseError {
            end = .refused(error)
        } catch {
            let (status, message, _) = ErrorReport.status(for: error)
            end = .failed(message: message, status: status)
        }
        job.apply(.ended(end))
    }

    private func work(_ job: ReplJob) async throws -> ReplJob.End {
        let invocation = job.invocation
        let tool = try await tools.tool(named: invocation.tool)
        let arguments = try CallArguments.build(
            assignments: invocation.assignments, args: invocation.args, schema: tool.inputSchema)
        var notes: [String] = []
        let asTask = try CallFlow.decideTask(for: tool, invocation: invocation, session: session) { notes.append($0) }
        let token = ProgressToken.string("mcptask-\(getpid())-\(job.number)")
        let notifications = session.notifications()
        guard asTask else {
            job.started.fire()
            do {
                return try await plainCall(job, tool.name, arguments, token, notifications)
            } catch let error as ResponseError {
                guard let urlsRequired, await urlsRequired(error, tool.name) else { throw error }
                return try await plainCall(job, tool.name, arguments, token, session.notifications())
            }
        }
        let ttl = TaskMetadata(ttl: invocation.ttl?.milliseconds ?? CallFlow.defaultTTLMilliseconds)
        let created: TaskInfo
        switch try await session.callTool(name: tool.name, arguments: arguments, task: ttl, progressToken: token) {
        case .result(let result): return .inline(result)
        case .task(let response): created = response.task
        }
        job.apply(.created(created))
        remember(created, tool: tool.name, token: token)
        let monitor = TaskMonitor(session: session, taskID: created.taskId, progressToken: token)
        let outcome = try await monitor.run(initial: created, notifications: notifications) { event in
            job.apply(.event(event))
        }
        if let task = outcome.task {
            context.journal.noteStatus(task.status.rawValue, of: task.taskId, now: Timestamps.now())
        }
        return .outcome(outcome)
    }

    private func plainCall(
        _ job: ReplJob, _ name: String, _ arguments: [String: JSONValue], _ token: ProgressToken,
        _ notifications: AsyncStream<ServerNotification>
    ) async throws -> ReplJob.End {
        try await withThrowingTaskGroup(of: ReplJob.End?.self) { group in
            group.addTask {
                for await case .progress(let progress, _) in notifications where progress.progressToken == token {
                    let update = TaskProgress(
                        progress: progress.progress, total: progress.total, message: progress.message)
                    job.apply(.event(.progress(update)))
                }
                return nil
            }
            group.addTask {
                switch try await session.callTool(name: name, arguments: arguments, task: nil, progressToken: token) {
                case .result(let result): return .inline(result)
                case .task(let created):
                    throw CommandFailure(
                        status: .protocolViolation,
                        message: "the server created task \(created.task.taskId) for a call that asked for none")
                }
            }
            defer { group.cancelAll() }
            while let next = try await group.next() {
                if let next { return next }
            }
            throw CancellationError()
        }
    }

    /// Records the task in the journal, so later commands (and other shells) can reach it.
    private func remember(_ task: TaskInfo, tool: String, token: ProgressToken) {
        let target = context.target
        var entry = JournalEntry(
            taskId: task.taskId, server: target.displayName, transport: "stdio", tool: tool,
            createdAt: Timestamps.now(), ttl: task.ttl, status: task.status.rawValue,
            progressToken: token.description)
        switch target {
        case .stdio(let command, _): entry.command = [command.executable] + command.arguments
        case .http(let url, _, _):
            entry.transport = "http"
            entry.url = url
            entry.sessionId = session.transportSessionID
        case .session: entry.transport = "session"
        }
        try? context.journal.record(entry, now: Timestamps.now())
    }

    /// Cancels the job's task on the server and prints the state it ended in (Ctrl-C on a foreground call).
    func cancel(_ taskID: String, output: CallOutput) async {
        guard session.wire.canCancel else {
            output.error("the server cannot cancel tasks (no tasks.cancel capability); task \(taskID) goes on")
            return
        }
        var final: TaskInfo?
        do {
            final = try await session.cancelTask(taskID)
        } catch let error as ResponseError {
            // -32602: it had already ended; tasks/get below shows how.
            if error.code != .invalidParams {
                output.error("tasks/cancel failed: \(error.message) (error \(error.code))")
            }
        } catch {
            output.error("tasks/cancel failed: \(error)")
        }
        // Some servers report success on a finished task; tasks/get has the last word.
        if let confirmed = try? await session.getTask(taskID) { final = confirmed }
        guard let final else {
            output.error("could not learn the final state of task \(taskID)")
            return
        }
        context.journal.noteStatus(final.status.rawValue, of: taskID, now: Timestamps.now())
        output.emit("status", taskID: taskID, ["task": final.json])
        output.note("task \(taskID) is \(final.status)" + (final.statusMessage.map { ": \($0)" } ?? ""))
    }
}

/// The server's tools, listed once and again when a name is not found (for `call` and for completion).
final class ToolCache: Sendable {
    private let session: ClientSession
    private let cached = Mutex<[Tool]?>(nil)

    init(session: ClientSession) { self.session = session }

    var known: [Tool] { cached.withLock { $0 } ?? [] }

    @discardableResult
    func refresh() async throws -> [Tool] {
        let tools = try await session.listTools()
        cached.withLock { $0 = tools }
        return tools
    }

    func tool(named name: String) async throws -> Tool {
        if let tool = known.first(where: { $0.name == name }) { return tool }
        let tools = try await refresh()
        guard let tool = tools.first(where: { $0.name == name }) else {
            let names = tools.prefix(8).map(\.name).joined(separator: ", ")
            throw CommandFailure(
                status: .usage,
                message: "the server has no tool '\(name)'" + (names.isEmpty ? "" : " (it has: \(names))"))
        }
        return tool
    }
}
