import ArgumentParser
import MCPClient
import MCPCore
import MCPRender

/// `mcptask watch TASK`: follows a task that is already running until it ends.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch", abstract: "Follow a task until it ends: status, progress, time left of its TTL.",
        discussion: """
            TASK is a task id, a unique prefix of one this machine has seen, or 'last'. The live view merges \
            status notifications, progress and tasks/get polling, and ends the moment the task does. The final \
            state goes to stdout (the result too with --result); the exit status says how the task ended. \
            Ctrl-C stops watching and leaves the task alone.
            """)

    @OptionGroup var server: ServerOptions

    @Argument(
        help: "The task: an id, a unique prefix, or 'last'.", completion: .custom(DynamicCompletion.tasks))
    var task: String

    @Flag(name: .long, help: "Also print the tool result when the task ends.")
    var result = false

    @Flag(name: .long, help: "Print the final task (with --result: the tool result) as JSON.")
    var json = false

    @Flag(name: .long, help: "Print lifecycle events as newline-delimited JSON on stdout.")
    var events = false

    @Option(name: .long, help: "Answer for an elicitation field of the task, KEY=VALUE; repeatable.")
    var answer: [String] = []

    @Option(
        name: .long, help: "Elicitation answers: a JSON object, or an array for successive prompts.",
        completion: .file(extensions: ["json"]))
    var answers: String?

    func validate() throws {
        if json && events { throw ValidationError("--json and --events cannot be used together") }
    }

    func run() async throws {
        let mode: CallOutput.Mode = events ? .events : json ? .json : .human
        let deliver: CallOutput.Deliverable = result ? .result : .finalTask
        let answers: ScriptedAnswers
        do {
            answers = try CallArguments.answers(pairs: answer, file: self.answers)
        } catch {
            throw ErrorReport.report(error, style: nil).exitCode
        }
        let status = await TaskCommandRunner(options: server, reference: task).run { handle in
            try await FollowExisting(handle: handle, mode: mode, answers: answers).run(
                deliver: deliver, alwaysShowView: true)
        }
        if status != .success { throw status.exitCode }
    }
}

/// `watch` and `result`: one tasks/get to start from, then the shared live view until the task ends.
struct FollowExisting: Sendable {
    let handle: TaskHandle
    let mode: CallOutput.Mode
    /// --answer/--answers for the task's elicitations (a person at the terminal is asked otherwise).
    var answers = ScriptedAnswers(successive: [], everyPrompt: [:])

    func run(deliver: CallOutput.Deliverable, alwaysShowView: Bool) async throws -> ExitStatus {
        let output = CallOutput(mode: mode, style: handle.context.style)
        Elicitor.install(for: handle, output: output, answers: answers)
        // Subscribe first: a status notification may come while tasks/get is on its way.
        let notifications = handle.session.notifications()
        let initial: TaskInfo
        do {
            initial = try await handle.session.getTask(handle.taskID)
        } catch let error as ResponseError where error.code == .invalidParams {
            return output.report(.notFound(taskID: handle.taskID, error), deliver: deliver)
        }
        var follower = TaskFollower(
            context: handle.context, session: handle.session, output: output, label: handle.label,
            progressToken: handle.progressToken)
        follower.showsView = alwaysShowView || OutputStream.standardError.isTerminal
        switch try await follower.follow(initial, notifications: notifications, claimedInterrupts: false) {
        case .finished(let outcome): return output.report(outcome, deliver: deliver)
        case .interrupted: throw CancellationError()  // not reached: the runner's race owns interrupts here
        }
    }
}
