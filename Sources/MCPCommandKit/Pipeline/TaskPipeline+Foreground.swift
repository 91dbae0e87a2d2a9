import MCPClient
import MCPCore
import MCPRender

extension TaskPipeline {
    /// `call` on the command line: the call made and shown in the foreground until it ends (or, detached,
    /// until its task exists), its questions answered by --answer/--answers, else a person at the terminal,
    /// else declined.
    package func callInForeground(_ request: CallRequest, interrupts: ForegroundInterrupts) async -> ExitStatus {
        let output = CallOutput(
            mode: request.mode, style: context.style, console: context.console, structured: request.structured)
        let run = TaskRun(label: request.tool, request: request)
        let elicitor = Elicitor(
            context: context, session: session, answers: request.answers, output: output, declined: run.declined)
        // A detached call leaves at once: its task's questions wait for a command that can answer them.
        await elicitor.install(
            on: session, tool: request.tool, task: { run.taskID }, context: context,
            takesOwnQuestions: !request.detach)
        var pipeline = self
        let session = session
        pipeline.urlsRequired = { error, tool in
            await URLElicitationRequired(elicitor: elicitor, session: session).resolve(error, tool: tool)
        }
        var view = ForegroundView(
            pipeline: pipeline, run: run, output: output, interrupts: interrupts,
            stoppedWatching: { ExitStatus($0) })
        view.showsView = !request.detach
        let started = pipeline
        return await withTaskGroup(of: Void.self, returning: ExitStatus.self) { group in
            group.addTask { await started.start(run) { output.note($0) } }
            let status = await view.show()
            run.stop.fire()
            group.cancelAll()
            return status
        }
    }
}
