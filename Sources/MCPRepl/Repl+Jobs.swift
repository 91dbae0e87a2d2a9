import ArgumentParser
import MCPClient
import MCPCommandKit
import MCPCore
import MCPRender

/// `call` (in the foreground, or with `&`), `jobs` and `fg`.
extension Repl {
    func call(_ arguments: [String], background: Bool, group: inout DiscardingTaskGroup) async -> ExitStatus {
        guard let invocation = await parse(CallCommand.self, arguments), sharesConnection(invocation.server) else {
            return .usage
        }
        let request: CallRequest
        do {
            request = try invocation.request()
        } catch {
            return context.report(error)
        }
        let job = jobs.add(request)
        // The children capture only what they use: a copy of the whole REPL in each, with hundreds of jobs
        // running, costs more than the job's own state.
        announce(job)
        // The job's task ends once its task exists: following it costs no task (`launch`).
        group.addTask { [pipeline, console] in await pipeline.launch(job.run) { [console] in console.note($0) } }
        if background || request.detach {
            job.setAttached(false)
            // Back to the prompt once the task exists (or the plain call is sent); Ctrl-C stops waiting.
            await signals.foreground(hardAtOnce: true) { foreground in
                _ = try? await until(foreground.hard) { await job.run.started.wait() }
            }
            let task = job.taskID.map { ", task " + Sanitizer.clean($0) } ?? ""
            console.printAbove(
                context.style.bold("[\(job.number)]") + " \(Sanitizer.clean(job.tool)) runs in the background\(task)")
            return .success
        }
        return await attach(job, cancelsOnInterrupt: true, timeout: request.timeout, fromStart: true)
    }

    func listJobs() -> ExitStatus {
        let all = jobs.all
        if all.isEmpty { console.note("no jobs; 'call TOOL … &' starts one in the background") }
        for job in all { context.console.stdout.line(job.line(style: context.style)) }
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

    /// Shows a job in the foreground with the command line's view: its live line, then its result. Ctrl-C on
    /// a call cancels its task on the server (a plain call is cancelled), as `mcptask call` does; on `fg`,
    /// and a second time on a call, it stops watching and leaves the job in the background.
    func attach(
        _ job: ReplJob, cancelsOnInterrupt: Bool, timeout: DurationArgument?, fromStart: Bool = false
    ) async -> ExitStatus {
        job.setAttached(true)
        defer { job.setAttached(false) }
        let output = CallOutput(
            mode: job.request.mode, style: context.style, console: context.console,
            structured: job.request.structured)
        return await signals.foreground(hardAtOnce: !cancelsOnInterrupt) { foreground in
            var view = ForegroundView(
                pipeline: pipeline, run: job.run, output: output,
                interrupts: Self.interrupts(foreground, timeout: timeout)
            ) { [self] reason in
                detach(job, reason: reason)
            }
            view.cancelsOnInterrupt = cancelsOnInterrupt
            // Only a job shown from its start says its task was created (`fg` would say it again).
            view.announcesCreation = fromStart
            view.againHint = "Ctrl-C again to stop waiting"
            // Shown here, its end is not announced above the prompt as well.
            job.setAnnouncesEnd(false)
            return await view.show()
        }
    }

    /// The foreground's Ctrl-C (and --timeout) as a view takes them.
    static func interrupts(_ foreground: ReplSignals.Foreground, timeout: DurationArgument?) -> ForegroundInterrupts {
        ForegroundInterrupts(
            soft: {
                await withTaskGroup(of: InterruptReason?.self) { group in
                    group.addTask {
                        await foreground.soft.wait()
                        return Task.isCancelled ? nil : .signal
                    }
                    if let timeout {
                        group.addTask {
                            try? await Task.sleep(for: timeout.duration)
                            return Task.isCancelled ? nil : .timeout
                        }
                    }
                    defer { group.cancelAll() }
                    return await group.next() ?? nil
                }
            },
            hard: { await foreground.hard.wait() })
    }

    private func detach(_ job: ReplJob, reason: InterruptReason) -> ExitStatus {
        job.setAnnouncesEnd(true)
        if job.isRunning {
            console.note(
                "stopped watching; [\(job.number)] goes on in the background (fg \(job.number) to watch it, cancel "
                    + "%\(job.number) to cancel it)")
        }
        return ExitStatus(reason)
    }

    /// Lines above the prompt for a job nobody is watching: its task, status changes, progress now and then,
    /// and how it ended. Printed as the run changes, by whoever changes it: no task waits per job.
    func announce(_ job: ReplJob) {
        let style = context.style
        let console = console
        let seen = JobNews()
        job.run.observe { update in
            let quiet = job.isAttached
            switch update {
            case .created(let task):
                // `call … &` and the foreground view say it was created.
                seen.status(task.status)
            case .event(.status(let task)):
                guard seen.status(task.status) else { return }
                if !quiet && !task.status.isTerminal { console.printAbove(job.line(style: style)) }
            case .event(.progress):
                if !quiet && seen.progressDue(now: .now) { console.printAbove(job.line(style: style)) }
            case .ended(let end):
                guard !job.isAttached, job.announcesEnd else { return }
                var line = job.line(style: style)
                if let preview = Self.preview(end) { line += "  " + style.dim("→ ") + preview }
                console.printAbove(line + style.dim("  (fg \(job.number) prints the result)"))
            }
        }
    }

    /// The first line of a result, short, for the line announcing a job's end.
    package static func preview(_ end: TaskRun.End) -> String? {
        let result: CallToolResult
        switch end {
        case .outcome(.completed(_, let completed)): result = completed
        case .inline(let inline, _): result = inline
        default: return nil
        }
        let text = ResultRenderer(sanitize: true).render(result)
        guard let first = text.split(separator: "\n").first else { return nil }
        return first.count > 60 ? String(first.prefix(59)) + "…" : String(first)
    }

    /// A command's own arguments, parsed as on the command line; usage errors and --help are printed here.
    package func parse<Command: AsyncParsableCommand>(_ type: Command.Type, _ arguments: [String]) async -> Command? {
        do {
            return try await Command.asyncParse(arguments)
        } catch {
            let code = Command.exitCode(for: error)
            let message = Command.fullMessage(for: error)
            if code == .success {
                context.console.stdout.line(message)
            } else {
                self.error(message)
            }
            return nil
        }
    }

    /// The REPL has one connection: server options of a single command are refused, not silently ignored.
    package func sharesConnection(_ options: ServerOptions) -> Bool {
        guard options.server == nil, options.config == nil, options.header.isEmpty, options.trace == nil else {
            error(
                "this REPL is connected to \(context.target.displayName); -s, --config, -H and --trace apply to the "
                    + "whole REPL (start another one for another server; 'trace on' shows the wire)")
            return false
        }
        return true
    }
}
