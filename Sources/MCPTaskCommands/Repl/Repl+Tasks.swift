import ArgumentParser
import MCPClient
import MCPCore
import MCPRender

/// The verbs on tools and existing tasks: `tools`, `watch`, `result`, `status`, `cancel`, `tasks`.
extension Repl {
    func listTools(_ arguments: [String]) async -> ExitStatus {
        guard let command = await parse(ToolsCommand.self, arguments), sharesConnection(command.server) else {
            return .usage
        }
        return await quick {
            let tools = try await tools.refresh()
            if command.json {
                OutputStream.standardOutput.line(JSONWriter.pretty(.object(["tools": .array(tools.map(\.json))])))
                return .success
            }
            let style = context.style
            let width = min(32, tools.map { Sanitizer.clean($0.name).count }.max() ?? 0)
            for tool in tools {
                let name = Sanitizer.clean(tool.name)
                let mode: String
                switch session.wire.taskMode(of: tool) {
                case .required: mode = style.yellow("required ")
                case .optional: mode = style.cyan("optional ")
                case .decidedByServer: mode = style.cyan("by-server")
                default: mode = "forbidden"
                }
                let about = Sanitizer.clean(
                    tool.title ?? String((tool.description ?? "").split(separator: "\n").first ?? ""))
                OutputStream.standardOutput.line(
                    style.bold(name + String(repeating: " ", count: max(0, width - name.count))) + "  \(mode)  \(about)"
                )
            }
            return .success
        }
    }

    /// `watch TASK` and `result TASK`: the command line's live view on this connection; Ctrl-C stops waiting.
    func follow(_ verb: String, _ arguments: [String]) async -> ExitStatus {
        let reference: String
        let mode: CallOutput.Mode
        let deliver: CallOutput.Deliverable
        let timeout: DurationArgument?
        if verb == "watch" {
            guard let command = await parse(WatchCommand.self, arguments), sharesConnection(command.server) else {
                return .usage
            }
            (reference, timeout) = (command.task, command.server.timeout)
            mode = command.events ? .events : command.json ? .json : .human
            deliver = command.result ? .result : .finalTask
        } else {
            guard let command = await parse(ResultCommand.self, arguments), sharesConnection(command.server) else {
                return .usage
            }
            (reference, timeout) = (command.task, command.server.timeout)
            mode = command.events ? .events : command.json ? .json : .human
            deliver = .result
        }
        guard let handle = handle(for: reference, timeout: timeout) else { return .noSuchTask }
        return await signals.foreground(hardAtOnce: true) { foreground in
            do {
                let followed = try await until(foreground.hard) {
                    try await Elicitor.$sessionHandlerIsShared.withValue(true) {
                        try await handle.context.interrupts.race {
                            try await FollowExisting(handle: handle, mode: mode)
                                .run(deliver: deliver, alwaysShowView: verb == "watch")
                        }
                    }
                }
                switch followed {
                case .finished(let status)?: return status
                case .interrupted?:
                    console.note("--timeout elapsed; stopped waiting, task \(handle.taskID) is left as it is")
                    return .timedOut
                case nil:
                    console.note("stopped waiting; task \(handle.taskID) is left as it is")
                    return .interrupted
                }
            } catch {
                return report(error, taskID: handle.taskID)
            }
        }
    }

    func status(_ arguments: [String]) async -> ExitStatus {
        guard let command = await parse(StatusCommand.self, arguments), sharesConnection(command.server),
            let handle = handle(for: command.task, timeout: nil)
        else { return .usage }
        return await quick(taskID: handle.taskID) {
            let info = try await session.getTask(handle.taskID)
            context.journal.noteStatus(info.status.rawValue, of: info.taskId, now: Timestamps.now())
            TaskPrinter.print(info, json: command.json, style: context.style)
            return .success
        }
    }

    func cancel(_ arguments: [String]) async -> ExitStatus {
        guard let command = await parse(CancelCommand.self, arguments), sharesConnection(command.server),
            let handle = handle(for: command.task, timeout: nil)
        else { return .usage }
        let taskID = handle.taskID
        return await quick(taskID: taskID) {
            var ended = false
            do {
                _ = try await session.cancelTask(taskID)
            } catch let error as ResponseError where error.code == .invalidParams {
                ended = true
            }
            let final = try await session.getTask(taskID)
            context.journal.noteStatus(final.status.rawValue, of: final.taskId, now: Timestamps.now())
            TaskPrinter.print(final, json: command.json, style: context.style)
            if ended || final.status != .cancelled {
                console.note("task \(taskID) had already ended (\(final.status)); nothing to cancel")
            }
            return .success
        }
    }

    /// `tasks`: the server's list when it keeps one, and the tasks started in this REPL that it leaves out.
    func listTasks(_ arguments: [String]) async -> ExitStatus {
        guard let command = await parse(TasksCommand.self, arguments), sharesConnection(command.server) else {
            return .usage
        }
        return await quick {
            var listed: [TaskInfo] = []
            if session.wire.canList {
                listed = try await session.listTasks()
            } else {
                console.note("the server cannot list tasks; showing the ones started here")
            }
            let listedIDs = Set(listed.map(\.taskId))
            let journaled = context.journal.entries(now: Timestamps.now()).filter {
                $0.server == context.target.displayName
            }
            let byID = Dictionary(journaled.map { ($0.taskId, $0) }, uniquingKeysWith: { $1 })
            var remembered: [TaskListing.Remembered] = []
            for job in jobs.all {
                guard let taskID = job.taskID, !listedIDs.contains(taskID), let entry = byID[taskID] else { continue }
                remembered.append(TaskListing.Remembered(entry: entry, task: job.snapshot.task, source: .refreshed))
            }
            if command.json {
                let document: JSONValue = [
                    "tasks": .array(listed.map(\.json)),
                    "startedHere": .array(remembered.compactMap { $0.task?.json }),
                ]
                OutputStream.standardOutput.line(JSONWriter.pretty(document))
            } else {
                TaskTable(style: context.style).print(
                    listed: listed.map { ($0, byID[$0.taskId]) }, remembered: remembered, showServer: false)
                if listed.isEmpty && remembered.isEmpty { console.note("no tasks") }
            }
            return .success
        }
    }

    /// `trace on|off`: every JSON-RPC message in and out, above the prompt.
    func trace(_ arguments: [String]) -> ExitStatus {
        switch arguments.first {
        case "on"?:
            tracer.set(ConsoleTracer(console: console))
            console.note("tracing every message; 'trace off' stops")
        case "off"?:
            tracer.set(nil)
            console.note("tracing off")
        default:
            console.note("trace is \(tracer.isOn ? "on" : "off"); 'trace on' or 'trace off'")
        }
        return .success
    }

    /// The task a reference names, and a context for commands about it: `%N` is job N's task, else an id, a
    /// unique prefix the journal knows, or `last`.
    func handle(for reference: String, timeout: DurationArgument?) -> TaskHandle? {
        let commandContext = CommandContext(
            copying: context, interrupts: Interrupts(timeout: timeout?.duration, listensForSignals: false))
        if reference.hasPrefix("%") {
            guard let number = Int(reference.dropFirst()), let job = jobs.job(number) else {
                error("no job \(Sanitizer.clean(reference)); jobs lists them")
                return nil
            }
            guard let taskID = job.taskID else {
                error("job \(number) has no task (it ran without one, or has not started it yet)")
                return nil
            }
            let entry = try? context.journal.resolve(taskID, server: context.target.displayName, now: Timestamps.now())
            return TaskHandle(context: commandContext, session: session, taskID: taskID, entry: entry ?? nil)
        }
        do {
            let entry = try context.journal.resolve(
                reference, server: context.target.displayName, now: Timestamps.now())
            return TaskHandle(
                context: commandContext, session: session, taskID: entry?.taskId ?? reference, entry: entry)
        } catch {
            _ = ErrorReport.report(error, style: context.style)
            return nil
        }
    }

    /// Runs a short exchange in the foreground: Ctrl-C abandons it.
    func quick(taskID: String? = nil, _ work: @escaping @Sendable () async throws -> ExitStatus) async -> ExitStatus {
        await signals.foreground(hardAtOnce: true) { foreground in
            do {
                guard let status = try await until(foreground.hard, work) else {
                    console.note("interrupted")
                    return .interrupted
                }
                return status
            } catch {
                return report(error, taskID: taskID)
            }
        }
    }

    /// A failure of a command about a task, as the command line reports it.
    func report(_ error: any Error, taskID: String?) -> ExitStatus {
        if let error = error as? ResponseError, error.code == .invalidParams, let taskID {
            return ErrorReport.report(
                CommandFailure(
                    status: .noSuchTask,
                    message: "the server does not know task \(taskID) (expired, or in another session): "
                        + error.message),
                style: context.style)
        }
        return ErrorReport.report(error, style: context.style)
    }
}

extension CommandContext {
    /// A copy for one REPL command: the same target, logging and style, with interrupts of its own (only
    /// its --timeout; the REPL routes Ctrl-C itself) and the REPL's switchable tracer.
    init(copying base: CommandContext, interrupts: Interrupts, tracer: (any MessageTracer)?? = nil) {
        self.options = base.options
        self.target = base.target
        self.logger = base.logger
        self.style = base.style
        self.environment = base.environment
        self.interrupts = interrupts
        self.tracer = tracer ?? base.tracer
    }
}
