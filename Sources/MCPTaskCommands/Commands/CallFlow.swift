import MCPClient
import MCPCore
import MCPRender
import Synchronization

/// One `mcptask call`, from choosing the mode to printing the outcome.
struct CallFlow: Sendable {
    let invocation: CallCommand
    let context: CommandContext
    let session: ClientSession

    var output: CallOutput {
        CallOutput(mode: invocation.events ? .events : invocation.json ? .json : .human, style: context.style)
    }

    func run() async throws -> ExitStatus {
        let tools = try await session.listTools()
        guard let tool = tools.first(where: { $0.name == invocation.tool }) else {
            let known = tools.prefix(8).map(\.name).joined(separator: ", ")
            throw CommandFailure(
                status: .usage,
                message: "the server has no tool '\(invocation.tool)'" + (known.isEmpty ? "" : " (it has: \(known))"))
        }
        let arguments = try CallArguments.build(
            assignments: invocation.assignments, args: invocation.args, schema: tool.inputSchema)
        let asTask = try decideTask(for: tool)
        let answers = try CallArguments.answers(pairs: invocation.answer, file: invocation.answers)
        let declined = DeclineFlag()
        // --answer/--answers first; else a person at the terminal fills in a form; else decline.
        let elicitor = Elicitor(
            server: Elicitor.serverName(target: context.target.displayName, session: session), answers: answers,
            prompter: TerminalPrompter.forCommand(style: context.style, environment: context.environment),
            output: output, declined: declined)
        let toolName = tool.name
        session.setElicitationHandler { request, elicitation in
            await elicitor.answer(request, elicitation, tool: toolName)
        }
        let token = ProgressToken.string("mcptask-\(getProcessIdentifier())-1")
        let notifications = session.notifications()
        let status: ExitStatus
        if asTask {
            // Always a ttl: some servers (pymcp-kit) do not count `task: {}` as a task at all.
            let ttl = TaskMetadata(ttl: invocation.ttl?.milliseconds ?? CallFlow.defaultTTLMilliseconds)
            status = try await TaskCall(flow: self, tool: tool.name, progressToken: token)
                .run(arguments: arguments, metadata: ttl, notifications: notifications)
        } else {
            let urls = URLElicitationRequired(elicitor: elicitor, session: session)
            status = try await plainCall(tool.name, arguments, token: token, notifications: notifications, urls: urls)
        }
        return status == .success && declined.isSet ? .inputRequired : status
    }

    /// The retention asked for when --ttl is not given: an hour, so a long job's result is not purged early.
    static let defaultTTLMilliseconds = 3_600_000

    /// A JSON-RPC error answering tools/call itself (pymcp-kit reports mode mismatches so): the tool failing.
    func refused(_ error: ResponseError) -> ExitStatus {
        Self.refused(error, tool: invocation.tool, output: output)
    }

    static func refused(_ error: ResponseError, tool: String, output: CallOutput) -> ExitStatus {
        output.emit("error", taskID: nil, ["message": .string(error.message), "code": .int(error.code.rawValue)])
        if error.code == .missingRequiredClientCapability {
            output.error(
                "'\(tool)' must run as a task, and this call did not declare the tasks extension: "
                    + "\(error.message) (error \(error.code)); call it without --no-task")
            return .toolError
        }
        output.error("the server refused the call: \(error.message) (error \(error.code))")
        return .toolError
    }

    private func decideTask(for tool: Tool) throws -> Bool {
        try Self.decideTask(for: tool, invocation: invocation, session: session) { output.note($0) }
    }

    /// Whether to augment: required always, optional unless --no-task, forbidden never (--task is an error).
    static func decideTask(
        for tool: Tool, invocation: CallCommand, session: ClientSession, note: (String) -> Void
    ) throws -> Bool {
        let mode = session.wire.taskMode(of: tool)
        switch mode {
        case .required:
            if invocation.noTask {
                throw CommandFailure(status: .usage, message: "'\(tool.name)' must run as a task; drop --no-task")
            }
            return true
        case .optional, .decidedByServer:
            // Where the server decides (2026-07-28), asking for a task declares the extension; the server may
            // still answer inline.
            return !invocation.noTask
        default:
            if invocation.task || invocation.detach {
                let why =
                    session.runsToolCallsAsTasks
                    ? "its task mode is forbidden" : "the server cannot run tool calls as tasks"
                throw CommandFailure(
                    status: .usage, message: "'\(tool.name)' cannot run as a task: \(why); call it without --task")
            }
            if tool.declaredTaskSupport == .required {
                // The server's own answer (e.g. -32021: the tasks extension was not declared) says it best.
                note(
                    "'\(tool.name)' is listed as requiring a task, but the server declares no task support for "
                        + "tools; calling it plainly")
            }
            return false
        }
    }

    /// A call without a task. When the server first needs the person at some URLs (-32042), they are asked
    /// and the call is made once more.
    private func plainCall(
        _ name: String, _ arguments: [String: JSONValue], token: ProgressToken,
        notifications: AsyncStream<ServerNotification>, urls: URLElicitationRequired?
    ) async throws -> ExitStatus {
        let view = output.liveView(label: name)
        let raced: Raced<CallToolResponse>
        do {
            raced = try await raceCall(name, arguments, token: token, notifications: notifications, view: view)
        } catch let error as ResponseError {
            view?.finish()
            if let urls, await urls.resolve(error, tool: name) {
                output.note("calling '\(name)' again")
                return try await plainCall(
                    name, arguments, token: token, notifications: session.notifications(), urls: nil)
            }
            let status = refused(error)
            // The server needed the person somewhere first, and that could not be done: exit 3.
            return error.code == .urlElicitationRequired ? .inputRequired : status
        }
        view?.finish()
        switch raced {
        case .interrupted(let reason):
            output.note("the call was cancelled (\(reason == .timeout ? "--timeout elapsed" : "interrupted"))")
            return reason == .timeout ? .timedOut : .interrupted
        case .finished(.result(let result)):
            return output.printResult(result)
        case .finished(.task(let created)):
            throw CommandFailure(
                status: .protocolViolation,
                message: "the server created task \(created.task.taskId) for a call that asked for none")
        }
    }

    /// The plain call raced against Ctrl-C, with its progress shown meanwhile.
    private func raceCall(
        _ name: String, _ arguments: [String: JSONValue], token: ProgressToken,
        notifications: AsyncStream<ServerNotification>, view: LiveView?
    ) async throws -> Raced<CallToolResponse> {
        try await withThrowingTaskGroup(of: Raced<CallToolResponse>?.self) { group in
            group.addTask {
                for await case .progress(let progress, _) in notifications where progress.progressToken == token {
                    let update = TaskProgress(
                        progress: progress.progress, total: progress.total, message: progress.message)
                    if let view { view.apply(.progress(update)) } else { output.emit(.progress(update), taskID: nil) }
                }
                return nil
            }
            group.addTask {
                try await context.interrupts.race {
                    try await session.callTool(name: name, arguments: arguments, task: nil, progressToken: token)
                }
            }
            defer { group.cancelAll() }
            while let next = try await group.next() {
                if let next { return next }
            }
            throw CancellationError()
        }
    }
}

#if canImport(Glibc)
    import Glibc
    func getProcessIdentifier() -> Int32 { getpid() }
#endif

/// A flag set from any task.
final class DeclineFlag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}
