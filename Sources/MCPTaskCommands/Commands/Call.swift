import MCPCommandKit

extension CallCommand: RunnableCommand {
    package func run(in environment: CommandEnvironment) async -> ExitStatus {
        let request: CallRequest
        do {
            request = try self.request()
        } catch {
            return ErrorReport.report(error, style: nil, to: environment.console.stderr)
        }
        return await runCommand(settings: server.settings, environment: environment) { context in
            // Until the call starts, Ctrl-C abandons the command; from then on it cancels the call's task.
            let raced = try await context.interrupts.race {
                // A detached task must stay reachable: its HTTP session is not closed.
                try await context.withSession(keepSession: request.detach) { session in
                    guard context.interrupts.claim() else { throw CancellationError() }
                    return await TaskPipeline(context: context, session: session)
                        .callInForeground(request, interrupts: .claimed(context.interrupts))
                }
            }
            switch raced {
            case .finished(let status): return status
            case .interrupted(let reason):
                return context.gaveUp(reason, while: "connecting; no task was started, so there is none to cancel")
            }
        }
    }
}
