import MCPClient
import MCPCommandKit
import MCPCore
import MCPRender
import Synchronization

/// A call started in the REPL, in the foreground or with `&`: its run, and whether a view shows it now
/// (then nothing is printed above the prompt for it) and whether its end is still to be announced there.
package final class ReplJob: Sendable {
    package let run: TaskRun
    private let flags = Mutex((attached: true, announcesEnd: true))

    init(run: TaskRun) { self.run = run }

    package var number: Int { run.number }
    package var tool: String { run.label }
    package var request: CallRequest { run.request ?? CallRequest(tool: run.label) }
    package var snapshot: TaskRun.Snapshot { run.snapshot }
    package var isRunning: Bool { run.isRunning }
    package var taskID: String? { run.taskID }
    package func updates() -> AsyncStream<TaskRun.Update> { run.updates() }

    package var isAttached: Bool { flags.withLock { $0.attached } }
    package var announcesEnd: Bool { flags.withLock { $0.announcesEnd } }
    package func setAttached(_ value: Bool) { flags.withLock { $0.attached = value } }
    package func setAnnouncesEnd(_ value: Bool) { flags.withLock { $0.announcesEnd = value } }

    /// `[2] slow_count  working  3/5 60%  4.2s` for `jobs` and the lines above the prompt.
    package func line(style: Style, now: ContinuousClock.Instant = .now) -> String {
        let snapshot = snapshot
        var parts = [style.bold("[\(number)]") + " " + Sanitizer.clean(tool)]
        if let end = snapshot.end {
            parts.append(Self.describe(end, style: style))
        } else if let task = snapshot.task {
            parts.append(style.cyan(Sanitizer.clean(task.status.rawValue)))
        } else {
            parts.append(style.cyan("starting"))
        }
        if snapshot.end == nil, let progress = snapshot.progress {
            var text = FieldParsing.show(progress.progress)
            if let total = progress.total, total > 0 {
                text += "/\(FieldParsing.show(total)) \(Int(min(1, progress.progress / total) * 100))%"
            }
            parts.append(text)
            if let message = progress.message, !message.isEmpty { parts.append(Sanitizer.clean(message)) }
        }
        if let taskID = snapshot.taskID { parts.append(style.dim("task " + Sanitizer.clean(taskID))) }
        let elapsed = (snapshot.endedAt ?? now) - snapshot.startedAt
        parts.append(style.dim(Timestamps.compact(seconds: Double(elapsed.components.seconds))))
        return parts.joined(separator: "  ")
    }

    package static func describe(_ end: TaskRun.End, style: Style) -> String {
        switch end {
        case .outcome(.completed(_, let result)):
            return result.isError ? style.red("completed with a tool error") : style.green("completed")
        case .outcome(.failed(let task, _, let error)):
            return style.red("failed")
                + ((error?.message ?? task.statusMessage).map { ": " + Sanitizer.clean($0) } ?? "")
        case .outcome(.cancelled): return style.yellow("cancelled")
        case .outcome(.notFound): return style.red("gone (unknown to the server)")
        case .inline(let result, _):
            return result.isError ? style.red("done with a tool error") : style.green("done (no task)")
        case .refused(let error): return style.red("refused: " + Sanitizer.clean(error.message))
        case .failed(let error):
            return style.red("could not run: " + Sanitizer.clean(ErrorReport.status(for: error).1))
        case .detached: return style.green("detached")
        case .stopped: return style.yellow("stopped")
        }
    }
}

/// What a job's announcements last showed: its status, and when its progress (shown every 2 s at most).
final class JobNews: Sendable {
    private let state = Mutex((status: TaskStatus?.none, progressShown: ContinuousClock.now - .seconds(10)))

    /// Notes `status`; true when it differs from the last one.
    @discardableResult
    func status(_ status: TaskStatus) -> Bool {
        state.withLock { state in
            defer { state.status = status }
            return state.status != status
        }
    }

    /// True (and noted) when the last progress shown is 2 s old.
    func progressDue(now: ContinuousClock.Instant) -> Bool {
        state.withLock { state in
            guard now - state.progressShown >= .seconds(2) else { return false }
            state.progressShown = now
            return true
        }
    }
}

/// The REPL's jobs, numbered from 1 in the order they were started.
package final class JobTable: Sendable {
    private let jobs = Mutex<[ReplJob]>([])

    package func add(_ request: CallRequest) -> ReplJob {
        jobs.withLock { jobs in
            let job = ReplJob(run: TaskRun(number: jobs.count + 1, label: request.tool, request: request))
            jobs.append(job)
            return job
        }
    }

    package var all: [ReplJob] { jobs.withLock { $0 } }
    package var running: [ReplJob] { all.filter(\.isRunning) }

    package func job(_ number: Int) -> ReplJob? { all.first { $0.number == number } }

    /// The job an elicitation belongs to: by its task id; without one, the running job whose task waits for
    /// input, else the only running job.
    /// A task id no job has yet may be one whose tools/call has not been answered (the request can come
    /// before the CreateTaskResult): then the only job still waiting for its task is taken.
    package func attribute(taskID: String?) -> ReplJob? {
        let jobs = all
        if let taskID, let owner = jobs.last(where: { $0.taskID == taskID }) { return owner }
        let running = jobs.filter(\.isRunning)
        let starting = running.filter { $0.taskID == nil }
        if taskID != nil { return starting.count == 1 ? starting[0] : nil }
        if let waiting = running.first(where: { $0.snapshot.task?.status == .inputRequired }) { return waiting }
        if running.count == 1 { return running[0] }
        return starting.count == 1 ? starting[0] : nil
    }

    /// Waits until no job is running.
    package func waitForAll() async {
        for job in running {
            for await _ in job.updates() {}
        }
    }
}
