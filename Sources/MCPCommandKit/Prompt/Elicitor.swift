import MCPClient
import MCPCore
import MCPRender

/// How a command answers the server's elicitations: from --answer/--answers when given; else by asking the
/// person at the terminal; else declined. Each answer is said on stderr and in --events.
package struct Elicitor: Sendable {
    /// Names the server in the question: the name it was reached by, and its own when that differs.
    package let server: String
    package let answers: ScriptedAnswers
    package let prompter: (any Prompter)?
    package let output: CallOutput
    /// Set when an elicitation had to be declined for want of answers (the call then exits 3).
    package let declined: DeclineFlag
    /// Where notes go (stderr; above the prompt in the REPL).
    package var note: @Sendable (String) -> Void

    package init(
        server: String, answers: ScriptedAnswers, prompter: (any Prompter)?, output: CallOutput,
        declined: DeclineFlag = DeclineFlag(), note: (@Sendable (String) -> Void)? = nil
    ) {
        self.server = server
        self.answers = answers
        self.prompter = prompter
        self.output = output
        self.declined = declined
        self.note = note ?? { [output] in output.note($0) }
    }

    /// The server's name for questions (see ServerNaming): `demo (mcptask-demo)`, or a command line's
    /// server by its own name.
    package static func serverName(target: ServerTarget, session: ClientSession) -> String {
        ServerNaming.questionName(target, summary: session.serverSummary)
    }

    package func answer(_ request: ElicitRequest, _ context: ElicitationContext, tool: String?) async -> ElicitResult {
        let taskID = context.relatedTaskID
        let message = Sanitizer.clean(request.message)
        var scripted = answers.answer(request)
        if case .decline(let reason) = scripted, let prompter {
            if !answers.isEmpty { note("the answers given do not fit \"\(message)\" (\(reason)); asking instead") }
            let asker = ElicitationAsker(server: server, taskID: taskID, tool: tool)
            let result = await prompter.ask(request, asker: asker)
            var fields: [String: JSONValue] = [
                "action": .string(result.action.rawValue), "message": .string(request.message),
            ]
            if request.effectiveMode == .url { fields["url"] = request.url.map(JSONValue.string) }
            output.emit("elicitation", taskID: taskID, fields)
            return result
        }
        if request.effectiveMode == .url, case .accept = scripted {
            scripted = .decline(reason: "a URL-mode elicitation needs a person's consent")
        }
        switch scripted {
        case .accept(let content):
            note("answered the server's question \"\(message)\" from --answer/--answers")
            output.emit("elicitation", taskID: taskID, ["action": "accept", "message": .string(request.message)])
            return ElicitResult(action: .accept, content: content)
        case .decline(let reason):
            declined.set()
            if request.effectiveMode == .url {
                // Shown, never opened: someone may go there by hand.
                note(
                    "declined the server's request to open \(Sanitizer.clean(request.url ?? "?")) (\"\(message)\"): \(reason)"
                )
            } else {
                note("declined the server's question \"\(message)\": \(reason)")
            }
            output.emit(
                "elicitation", taskID: taskID,
                ["action": "decline", "message": .string(request.message), "reason": .string(reason)])
            return ElicitResult(action: .decline)
        }
    }
}

extension Elicitor {
    /// The elicitor of a one-shot command (`call`, `watch`, `result`): the answers given, else a person at
    /// the terminal, else decline.
    package init(
        context: CommandContext, session: ClientSession, answers: ScriptedAnswers, output: CallOutput,
        declined: DeclineFlag = DeclineFlag()
    ) {
        self.init(
            server: Self.serverName(target: context.target, session: session), answers: answers,
            prompter: context.console.prompter(context.style, context.environment), output: output,
            declined: declined)
    }

    /// Installs this elicitor as the session's one question handler, naming `tool` in questions, and the
    /// task `task()` gives when a question carries no related-task marker (FastMCP sends none; the command's
    /// own task is the one asking); then, on a background session, offers to answer questions whose task's
    /// owner is gone.
    package func install(
        on session: ClientSession, tool: String?, task: @escaping @Sendable () -> String? = { nil },
        context: CommandContext, takesOwnQuestions: Bool = false
    ) async {
        session.setElicitationHandler { request, elicitation in
            let tied = ElicitationContext(
                requestID: elicitation.requestID, relatedTaskID: elicitation.relatedTaskID ?? task())
            return await answer(request, tied, tool: tool)
        }
        await context.offerAnswers(on: session, always: takesOwnQuestions)
    }
}
