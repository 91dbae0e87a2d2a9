import ArgumentParser
import MCPClient
import MCPCore
import MCPRender

/// `call` (in the foreground, or with `&`), `jobs` and `fg`.
extension Repl {
    func call(_ arguments: [String], background: Bool, group: inout TaskGroup<Void>) async -> ExitStatus {
        guard let invocation = await parse(CallCommand.self, arguments), sharesConnection(invocation.server) else {
            return .usage
        }
        let answers: ScriptedAnswers
        do {
            answers = try CallArguments.answers(pairs: invocation.answer, file: invocation.answers)
        } catch {
            return ErrorReport.report(error, style: context.style)
        }
        let job = jobs.add(invocation, answers: answers)
        group.addTask { await runner.run(job) }
        group.addTask { await announce(job) }
        if background || invocation.detach {
            job.setAttached(false)
            // Back to the prompt once the task exists (or the plain call is sent); Ctrl-C stops waiting.
            await signals.foreground(hardAtOnce: true) { foreground in
                _ = try? await until(foreground.hard) { await job.started.wait() }
            }
            let task = job.taskID.map { ", task " + Sanitizer.clean($0) } ?? ""
            console.printAbove(
                context.style.bold("[\(job.number)]") + " \(Sanitizer.clean(job.tool)) runs in the background\(task)")
            return .success
        }
        return await attach(job, cancelsOnInterrupt: true, timeout: invocation.server.timeout, fromStart: true)
    }

    func listJobs() -> ExitStatus {
        let all = jobs.all
        if all.isEmpty { console.note("no jobs; 'call TOOL … &' starts one in the background") }
        for job in all { OutputStream.standardOutput.line(job.line(style: context.style)) }
        return .success
    }

    /// `fg [N]`: the live view of a running job until it ends (Ctrl-C stops watching, the job goes on), or
    /// how a finished one ended.
    func foreground(_ arguments: [String]) async -> ExitStatus {
        let job: ReplJob?
        if let given = arguments.first {
            job = Int(given.hasPrefix("%") ? String(given.dropFirst()) : given).flatMap(jobs.job)
        } else {
            job = jobs.running.last ?? jobs.all.last
        }
        guard let job else {
            error(arguments.isEmpty ? "no jobs yet" : "no job \(Sanitizer.clean(arguments[0])); jobs lists them")
            return .usage
        }
        return await attach(job, cancelsOnInterrupt: false, timeout: nil)
    }

    /// Shows a job in the foreground: its live line, then its result. Ctrl-C on a call cancels its task on
    /// the server (a plain call is cancelled), as `mcptask call` does; on `fg`, and a second time on a call,
    /// it stops watching and leaves the job in the background.
    func attach(
        _ job: ReplJob, cancelsOnInterrupt: Bool, timeout: DurationArgument?, fromStart: Bool = false
    ) async -> ExitStatus {
        job.setAttached(true)
        defer { job.setAttached(false) }
        let output = CallOutput(
            mode: job.invocation.events ? .events : job.invocation.json ? .json : .human, style: context.style)
        let elapsed = ContinuousClock.now - job.snapshot.startedAt
        let view =
            job.isRunning
            ? output.liveView(label: job.tool, alreadyRunning: Double(elapsed.components.seconds)) : nil
        defer { view?.finish() }
        // Only a job shown from its start says its task was created (`fg` would say it again).
        let fresh = fromStart
        return await signals.foreground(hardAtOnce: !cancelsOnInterrupt) { foreground in
            enum Input: Sendable {
                case update(ReplJob.Update), interrupt(InterruptReason), stopWatching, tick
            }
            let (inputs, feed) = AsyncStream<Input>.makeStream()
            return await withTaskGroup(of: Void.self, returning: ExitStatus.self) { group in
                group.addTask {
                    for await update in job.updates() { feed.yield(.update(update)) }
                }
                group.addTask {
                    await foreground.soft.wait()
                    if !Task.isCancelled { feed.yield(.interrupt(.signal)) }
                }
                group.addTask {
                    await foreground.hard.wait()
                    if !Task.isCancelled { feed.yield(.stopWatching) }
                }
                if let timeout {
                    group.addTask {
                        try? await Task.sleep(for: timeout.duration)
                        if !Task.isCancelled { feed.yield(.interrupt(.timeout)) }
                    }
                }
                if view != nil {
                    group.addTask {
                        while !Task.isCancelled {
                            try? await Task.sleep(for: .milliseconds(250))
                            feed.yield(.tick)
                        }
                    }
                }
                defer { group.cancelAll() }
                var cancelling: InterruptReason?
                for await input in inputs {
                    switch input {
                    case .tick:
                        view?.tick()
                    case .update(.created(let task)):
                        if fresh {
                            output.emit("created", taskID: task.taskId, ["task": task.json])
                            if output.mode != .events { output.note("task \(task.taskId) created") }
                        }
                        if let reason = cancelling {
                            view?.finish()
                            return await cancelTask(task.taskId, of: job, because: reason, output: output, foreground)
                        }
                    case .update(.event(let event)):
                        view?.apply(event)
                        output.emit(event, taskID: job.taskID)
                    case .update(.ended(let end)):
                        view?.finish()
                        job.setAnnouncesEnd(false)
                        let status = report(end, of: job, output: output)
                        return cancelling.map { $0 == .timeout ? .timedOut : .interrupted } ?? status
                    case .interrupt(let reason):
                        guard cancelsOnInterrupt, cancelling == nil else {
                            view?.finish()
                            return detach(job, reason: reason)
                        }
                        cancelling = reason
                        if let taskID = job.taskID {
                            view?.finish()
                            return await cancelTask(taskID, of: job, because: reason, output: output, foreground)
                        }
                        if jobIsPlain(job) {
                            // A plain call: cancel the request (notifications/cancelled); its end reports it.
                            job.stop.fire()
                        }
                    case .stopWatching:
                        view?.finish()
                        return detach(job, reason: .signal)
                    }
                }
                return .interrupted
            }
        }
    }

    /// Whether the job's call went out without a task (so far as can be known before tools/call answers).
    private func jobIsPlain(_ job: ReplJob) -> Bool {
        guard let tool = tools.known.first(where: { $0.name == job.tool }) else { return false }
        return (try? CallFlow.decideTask(for: tool, invocation: job.invocation, session: session) { _ in }) == false
    }

    private func cancelTask(
        _ taskID: String, of job: ReplJob, because reason: InterruptReason, output: CallOutput,
        _ foreground: ReplSignals.Foreground
    ) async -> ExitStatus {
        output.note(
            reason == .timeout
                ? "--timeout elapsed; cancelling the task" : "cancelling the task (Ctrl-C again to stop waiting)")
        job.setAnnouncesEnd(false)
        let done: Void? = try? await until(foreground.hard) { await runner.cancel(taskID, output: output) }
        if done == nil { return detach(job, reason: reason) }
        return reason == .timeout ? .timedOut : .interrupted
    }

    private func detach(_ job: ReplJob, reason: InterruptReason) -> ExitStatus {
        job.setAnnouncesEnd(true)
        if job.isRunning {
            console.note(
                "stopped watching; [\(job.number)] goes on in the background (fg \(job.number) to watch it, cancel "
                    + "%\(job.number) to cancel it)")
        }
        return reason == .timeout ? .timedOut : .interrupted
    }

    /// Prints how a job ended, as `mcptask call` would, and gives its exit status.
    func report(_ end: ReplJob.End, of job: ReplJob, output: CallOutput) -> ExitStatus {
        let status: ExitStatus
        switch end {
        case .outcome(let outcome): status = output.report(outcome, deliver: .result)
        case .inline(let result): status = output.printResult(result)
        case .refused(let error): status = CallFlow.refused(error, tool: job.tool, output: output)
        case .failed(let message, let failure):
            output.error(message)
            status = failure
        case .stopped:
            output.note("the call was cancelled")
            status = .interrupted
        }
        return status == .success && job.declined.isSet ? .inputRequired : status
    }

    /// Lines above the prompt for a job nobody is watching: its task, status changes, progress now and then,
    /// and how it ended.
    func announce(_ job: ReplJob) async {
        let style = context.style
        var lastStatus: TaskStatus?
        var lastProgress = ContinuousClock.now - .seconds(10)
        for await update in job.updates() {
            let quiet = job.isAttached
            switch update {
            case .created(let task):
                // `call … &` and the foreground view say it was created.
                lastStatus = task.status
            case .event(.status(let task)):
                guard task.status != lastStatus else { continue }
                lastStatus = task.status
                if !quiet && !task.status.isTerminal { console.printAbove(job.line(style: style)) }
            case .event(.progress):
                let now = ContinuousClock.now
                if !quiet && now - lastProgress >= .seconds(2) {
                    lastProgress = now
                    console.printAbove(job.line(style: style))
                }
            case .ended(let end):
                guard !job.isAttached, job.announcesEnd else { return }
                var line = job.line(style: style)
                if let preview = Self.preview(end) { line += "  " + style.dim("→ ") + preview }
                console.printAbove(line + style.dim("  (fg \(job.number) prints the result)"))
            }
        }
    }

    /// The first line of a result, short, for the line announcing a job's end.
    static func preview(_ end: ReplJob.End) -> String? {
        let result: CallToolResult
        switch end {
        case .outcome(.completed(_, let completed)): result = completed
        case .inline(let inline): result = inline
        default: return nil
        }
        let text = ResultRenderer(sanitize: true).render(result)
        guard let first = text.split(separator: "\n").first else { return nil }
        return first.count > 60 ? String(first.prefix(59)) + "…" : String(first)
    }

    /// A command's own arguments, parsed as on the command line; usage errors and --help are printed here.
    func parse<Command: AsyncParsableCommand>(_ type: Command.Type, _ arguments: [String]) async -> Command? {
        do {
            return try await Command.asyncParse(arguments)
        } catch {
            let code = Command.exitCode(for: error)
            let message = Command.fullMessage(for: error)
            if code == .success {
                OutputStream.standardOutput.line(message)
            } else {
                self.error(message)
            }
            return nil
        }
    }

    /// The REPL has one connection: server options of a single command are refused, not silently ignored.
    func sharesConnection(_ options: ServerOptions) -> Bool {
        guard options.server == nil, options.config == nil, options.header.isEmpty, options.trace == nil else {
            error(
                "this REPL is connected to \(context.target.displayName); -s, --config, -H and --trace apply to the "
                    + "whole REPL (start another one for another server; 'trace on' shows the wire)")
            return false
        }
        return true
    }
}
