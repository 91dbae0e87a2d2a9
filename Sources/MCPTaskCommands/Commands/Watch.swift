import MCPCommandKit
import MCPRender

extension WatchCommand: RunnableCommand {
    package func run(in environment: CommandEnvironment) async -> ExitStatus {
        let (mode, deliver) = (mode, result ? CallOutput.Deliverable.result : .finalTask)
        let structured = showing.structured
        return await follow(task, mode: mode, answering: answering, server: server, environment) {
            await $0.follow(mode: mode, deliver: deliver, showsView: true, structured: structured)
        }
    }
}

extension ResultCommand: RunnableCommand {
    package func run(in environment: CommandEnvironment) async -> ExitStatus {
        let (mode, structured) = (mode, showing.structured)
        return await follow(task, mode: mode, answering: answering, server: server, environment) {
            // The live view only where a person looks at it.
            await $0.follow(
                mode: mode, deliver: .result, showsView: $0.context.console.stderr.isTerminal, structured: structured)
        }
    }
}

/// `watch` and `result`: the task's server reached, its questions answered by --answer/--answers, else a
/// person at the terminal, else declined.
private func follow(
    _ reference: String, mode: CallOutput.Mode, answering: AnswerOptions, server: ServerOptions,
    _ environment: CommandEnvironment,
    _ body: @escaping @Sendable (TaskHandle) async -> ExitStatus
) async -> ExitStatus {
    let answers: ScriptedAnswers
    do {
        answers = try answering.scripted()
    } catch {
        return ErrorReport.report(error, style: nil, to: environment.console.stderr)
    }
    return await TaskCommandRunner(settings: server.settings, environment: environment, reference: reference).run {
        handle in
        let context = handle.context
        let output = CallOutput(mode: mode, style: context.style, console: context.console)
        await Elicitor(context: context, session: handle.session, answers: answers, output: output)
            .install(
                on: handle.session, tool: handle.entry?.tool, task: { [taskID = handle.taskID] in taskID },
                context: context)
        return await body(handle)
    }
}
