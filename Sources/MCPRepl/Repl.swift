import LineEditor
import MCPClient
import MCPCommandKit
import MCPCore
import MCPRender
import Synchronization

/// `mcptask repl`: one connection for the whole session, a prompt that names the server, the command line's
/// verbs with the same arguments, calls in the background (`&`, `jobs`, `fg N`), events above the prompt,
/// and elicitation forms whenever a task asks. With piped input it reads a script, line by line.
package struct Repl: Sendable {
    package let context: CommandContext
    package let session: ClientSession
    package let console: ReplConsole
    package let signals: ReplSignals
    package let tracer: SwitchableTracer
    package let jobs = JobTable()
    package let tools: ToolCache
    package let completion = ReplCompletion()
    package let pipeline: TaskPipeline
    package let elicitors: ElicitorFactory
    /// URL elicitations the person agreed to, by elicitationId, until the server says they are complete.
    package let openedURLs = OpenedURLs()
    package let prompt: String

    package init(
        context: CommandContext, session: ClientSession, console: ReplConsole, signals: ReplSignals,
        tracer: SwitchableTracer
    ) {
        self.context = context
        self.session = session
        self.console = console
        self.signals = signals
        self.tracer = tracer
        tools = ToolCache(session: session)
        let elicitors = ElicitorFactory(
            context: context, session: session, console: console, jobs: jobs)
        pipeline = TaskPipeline(context: context, session: session, tools: tools) { error, tool in
            await URLElicitationRequired(elicitor: elicitors.make(for: nil), session: session)
                .resolve(error, tool: tool)
        }
        self.elicitors = elicitors
        let name = Sanitizer.clean(ServerNaming.shortName(context.target, summary: session.serverSummary))
        prompt = context.style.cyan("mcptask") + " " + context.style.bold(name) + "> "
    }

    /// What a command line led to.
    package enum Step: Sendable {
        case status(ExitStatus)
        case nothing
        case quit
    }

    /// Reads and runs commands until quit, Ctrl-D or the end of the script; the status of the last command.
    package func run() async -> ExitStatus {
        session.setElicitationHandler { request, elicitation in await answer(request, elicitation) }
        await context.offerAnswers(on: session, always: true)
        if console.isInteractive { banner() }
        // Discarding: a REPL runs for hours and starts tasks for every job and line; a plain task group
        // would keep each finished child until the REPL ends.
        return await withDiscardingTaskGroup(returning: ExitStatus.self) { group in
            group.addTask { await refreshKnown(listingTools: true) }
            group.addTask { await watchSession() }
            var last = ExitStatus.success
            var warned = false
            loop: while !signals.quit.isFired {
                let outcome = await console.readCommand(prompt: prompt) { completion.candidates(before: $0) }
                switch outcome {
                case .interrupted:
                    continue
                case .endOfInput, .preempted:
                    let running = jobs.running.count
                    if console.isInteractive, running > 0, !warned, !signals.quit.isFired {
                        console.note(
                            "\(running) job(s) still running (jobs lists them); Ctrl-D again leaves them to the "
                                + "server and quits")
                        warned = true
                        continue
                    }
                    break loop
                case .line(let text):
                    warned = false
                    console.remember(text)
                    switch await execute(text, group: &group) {
                    case .quit: break loop
                    case .status(let status): last = status
                    case .nothing: break
                    }
                    // Completion is for a person typing; a script of hundreds of lines would re-read the
                    // journal after each one.
                    if console.isInteractive { group.addTask { await refreshKnown(listingTools: false) } }
                }
            }
            if let ended = session.closingError, signals.quit.isFired {
                let (status, _, _) = ErrorReport.status(for: ended)
                last = status == .interrupted ? .connection : status
            } else if !console.isInteractive, !jobs.running.isEmpty, !signals.quit.isFired {
                console.note("waiting for \(jobs.running.count) background job(s) to end (Ctrl-C leaves them)")
                _ = try? await until(signals.quit) { await jobs.waitForAll() }
            }
            // A job whose task is being followed has no task of its own to cancel: its run is stopped.
            for job in jobs.running { job.run.stop.fire() }
            group.cancelAll()
            if let signal = signals.terminatedBy { return ExitStatus(.terminated(signal: signal)) }
            return last
        }
    }

    private func banner() {
        let style = context.style
        var line =
            "connected to "
            + style.bold(Sanitizer.clean(ServerNaming.shortName(context.target, summary: session.serverSummary)))
        if let summary = session.serverSummary {
            line +=
                " (\(Sanitizer.clean(summary.name)) \(Sanitizer.clean(summary.version)), protocol "
                + "\(Sanitizer.clean(summary.protocolVersion)), task wire \(summary.taskWire))"
        }
        console.printAbove(line)
        console.printAbove(
            style.dim("help lists the commands; Tab completes; 'call … &' runs in the background; Ctrl-D quits"))
    }

    /// Runs one command line.
    package func execute(_ text: String, group: inout DiscardingTaskGroup) async -> Step {
        let line: ReplLine
        do {
            line = try ReplLine.parse(text)
        } catch {
            return fail("cannot read that line: \(error)", .usage)
        }
        guard let verb = line.words.first else { return .nothing }
        let arguments = Array(line.words.dropFirst())
        if line.background && verb != "call" {
            return fail("only call runs in the background ('call TOOL … &')", .usage)
        }
        switch verb {
        case "quit", "exit":
            return .quit
        case "help", "?":
            return .status(help(arguments))
        case "call":
            return .status(await call(arguments, background: line.background, group: &group))
        case "jobs":
            return .status(listJobs())
        case "fg":
            return .status(await foreground(arguments))
        case "tools":
            return .status(await listTools(arguments))
        case "watch", "result":
            return .status(await follow(verb, arguments))
        case "status":
            return .status(await status(arguments))
        case "cancel":
            return .status(await cancel(arguments))
        case "tasks":
            return .status(await listTasks(arguments))
        case "trace":
            return .status(trace(arguments))
        default:
            return fail("no command '\(Sanitizer.clean(verb))'; help lists them", .usage)
        }
    }

    package func fail(_ message: String, _ status: ExitStatus) -> Step {
        error(message)
        return .status(status)
    }

    package func error(_ message: String) {
        console.printAbove(context.style.red("mcptask: ") + Sanitizer.clean(message))
    }

    /// Keeps completion's view of tools, tasks and jobs current.
    private func refreshKnown(listingTools: Bool) async {
        if listingTools { _ = try? await tools.refresh() }
        let journaled = context.journal.entries(now: context.console.now()).filter {
            $0.server == context.target.displayName
        }
        let jobs = jobs.all
        let tools = tools.known
        completion.update { known in
            known.tools = tools
            known.jobNumbers = jobs.map(\.number)
            var ids = jobs.compactMap(\.taskID)
            var seen = Set(ids)
            for entry in journaled.reversed() where seen.insert(entry.taskId).inserted { ids.append(entry.taskId) }
            known.taskIDs = ids
        }
    }

    /// Notices the end of the connection, and URL elicitations the server reports complete.
    private func watchSession() async {
        for await notification in session.notifications() {
            guard case .elicitationComplete(let id) = notification else { continue }
            // Unknown or already completed ids are ignored, as the spec asks.
            if openedURLs.complete(id) {
                console.note("the server says the browser step \(id) is complete")
            }
        }
        guard !Task.isCancelled else { return }
        let why = session.closingError.map { ErrorReport.status(for: $0).1 } ?? "the session ended"
        error("the connection to the server ended: \(why)")
        signals.quit.fire()
        console.editor?.interrupt()
        console.stopPlainInput()
    }

    /// The session's one elicitation handler: the request is matched to its job (by the task it names,
    /// else the job waiting for input, else the only running job) for the job's --answer values and for
    /// naming the tool; then answered as `call` would, questions queued one at a time.
    private func answer(_ request: ElicitRequest, _ elicitation: ElicitationContext) async -> ElicitResult {
        let job = jobs.attribute(taskID: elicitation.relatedTaskID)
        let taskID = elicitation.relatedTaskID ?? job?.taskID
        var tool = job?.tool
        if tool == nil, let taskID {
            tool =
                (try? context.journal.resolve(taskID, server: context.target.displayName, now: context.console.now()))?
                .tool
        }
        let elicitor = elicitors.make(for: job)
        let result = await elicitor.answer(
            request, ElicitationContext(requestID: elicitation.requestID, relatedTaskID: taskID), tool: tool)
        if request.effectiveMode == .url, result.action == .accept, let id = request.elicitationId {
            openedURLs.insert(id)
        }
        return result
    }
}

/// URL elicitations the person agreed to, until the server reports them complete.
package final class OpenedURLs: Sendable {
    private let ids = Mutex<Set<String>>([])

    package func insert(_ id: String) { ids.withLock { _ = $0.insert(id) } }

    /// Whether `id` was waiting (and is not any more); unknown and repeated ids give false.
    package func complete(_ id: String) -> Bool { ids.withLock { $0.remove(id) != nil } }
}

/// Makes the REPL's Elicitor for a job: its --answer values, its output mode, its declined flag; notes above
/// the prompt; questions on the console.
package struct ElicitorFactory: Sendable {
    package let context: CommandContext
    package let session: ClientSession
    package let console: ReplConsole
    package let jobs: JobTable

    package func make(for job: ReplJob?) -> Elicitor {
        let mode: CallOutput.Mode = job?.request.mode == .events ? .events : .human
        return Elicitor(
            server: Elicitor.serverName(target: context.target, session: session),
            answers: job?.request.answers ?? ScriptedAnswers(successive: [], everyPrompt: [:]),
            prompter: console.prompter, output: CallOutput(mode: mode, style: context.style, console: context.console),
            declined: job?.run.declined ?? DeclineFlag(), note: { [console] in console.note($0) })
    }
}
