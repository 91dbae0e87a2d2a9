import ArgumentParser
import MCPClient
import MCPCommandKit
import MCPCore
import MCPRender

/// The verbs on tools and existing tasks: `tools`, `watch`, `result`, `status`, `cancel`, `tasks`.
extension Repl {
    package func listTools(_ arguments: [String]) async -> ExitStatus {
        guard let command = await parse(ToolsCommand.self, arguments), sharesConnection(command.server) else {
            return .usage
        }
        return await quick {
            let list = try ToolList(tools: try await tools.refresh(), session: session)
            if command.json {
                context.console.stdout.line(JSONWriter.pretty(list.document))
            } else {
                list.print(style: context.style, to: context.console)
            }
            return .success
        }
    }

    /// `watch TASK` and `result TASK`: the command line's live view on this connection; Ctrl-C stops waiting.
    package func follow(_ verb: String, _ arguments: [String]) async -> ExitStatus {
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
        guard let handle = handle(for: reference, timeout: nil) else { return .noSuchTask }
        return await signals.foreground(hardAtOnce: true) { foreground in
            let taskID = handle.taskID
            // The REPL's own elicitation handler answers for every task of its session.
            return await handle.follow(
                mode: mode, deliver: deliver, showsView: verb == "watch" || context.console.stderr.isTerminal,
                interrupts: Self.interrupts(foreground, timeout: timeout)
            ) { [console] reason in
                let why = reason == .timeout ? "--timeout elapsed; stopped waiting" : "stopped waiting"
                console.note("\(why); task \(taskID) is left as it is")
                return ExitStatus(reason)
            }
        }
    }

    package func status(_ arguments: [String]) async -> ExitStatus {
        guard let command = await parse(StatusCommand.self, arguments), sharesConnection(command.server),
            let handle = handle(for: command.task, timeout: nil)
        else { return .usage }
        return await quick(taskID: handle.taskID) { try await handle.showStatus(json: command.json) }
    }

    package func cancel(_ arguments: [String]) async -> ExitStatus {
        guard let command = await parse(CancelCommand.self, arguments), sharesConnection(command.server),
            let handle = handle(for: command.task, timeout: nil)
        else { return .usage }
        return await quick(taskID: handle.taskID) { try await handle.cancel(json: command.json) }
    }

    /// `tasks`: the server's list when it keeps one, and the tasks started in this REPL that it leaves out.
    package func listTasks(_ arguments: [String]) async -> ExitStatus {
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
            let journaled = context.journal.entries(now: context.console.now()).filter {
                $0.server == context.target.displayName
            }
            let byID = Dictionary(journaled.map { ($0.taskId, $0) }, uniquingKeysWith: { $1 })
            var remembered: [RememberedTask] = []
            for job in jobs.all {
                guard let taskID = job.taskID, !listedIDs.contains(taskID), let entry = byID[taskID] else { continue }
                remembered.append(RememberedTask(entry: entry, task: job.snapshot.task, source: .refreshed))
            }
            if command.json {
                let document: JSONValue = [
                    "tasks": .array(listed.map(\.json)),
                    "startedHere": .array(remembered.compactMap { $0.task?.json }),
                ]
                context.console.stdout.line(JSONWriter.pretty(document))
            } else {
                TaskTable(style: context.style, console: context.console).print(
                    listed: listed.map { ($0, byID[$0.taskId]) }, remembered: remembered, showServer: false)
                if listed.isEmpty && remembered.isEmpty { console.note("no tasks") }
            }
            return .success
        }
    }

    /// `trace on|off`: every JSON-RPC message in and out, above the prompt.
    package func trace(_ arguments: [String]) -> ExitStatus {
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
    package func handle(for reference: String, timeout: DurationArgument?) -> TaskHandle? {
        let commandContext = CommandContext(
            copying: context, interrupts: Interrupts(timeout: timeout?.duration, signals: nil))
        if reference.hasPrefix("%") {
            guard let number = Int(reference.dropFirst()), let job = jobs.job(number) else {
                error("no job \(Sanitizer.clean(reference)); jobs lists them")
                return nil
            }
            guard let taskID = job.taskID else {
                error("job \(number) has no task (it ran without one, or has not started it yet)")
                return nil
            }
            let entry = try? context.journal.resolve(
                taskID, server: context.target.displayName, now: context.console.now())
            return TaskHandle(context: commandContext, session: session, taskID: taskID, entry: entry ?? nil)
        }
        do {
            let entry = try context.journal.resolve(
                reference, server: context.target.displayName, now: context.console.now())
            return TaskHandle(
                context: commandContext, session: session, taskID: entry?.taskId ?? reference, entry: entry)
        } catch {
            _ = context.report(error)
            return nil
        }
    }

    /// Runs a short exchange in the foreground: Ctrl-C abandons it.
    package func quick(taskID: String? = nil, _ work: @escaping @Sendable () async throws -> ExitStatus) async
        -> ExitStatus
    {
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
    package func report(_ error: any Error, taskID: String?) -> ExitStatus {
        guard let taskID else { return context.report(error) }
        // This connection stays: a task it does not know is not one a stdio server lost with its process.
        return context.report(TaskHandle.explain(error, taskID: taskID, entry: nil, overHTTP: true))
    }
}
