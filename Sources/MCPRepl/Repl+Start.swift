import MCPCommandKit
import MCPRender

extension Repl {
    /// Connects once and runs the REPL on that connection. Ctrl-C while connecting gives up.
    package static func start(settings: ConnectionSettings, environment: CommandEnvironment) async -> ExitStatus {
        let context: CommandContext
        let tracer: SwitchableTracer
        do {
            (context, tracer) = try replContext(settings: settings, environment: environment)
        } catch {
            return ErrorReport.report(error, style: nil, to: environment.console.stderr)
        }
        let console = ReplConsole(
            base: context.console, style: context.style, environment: context.environment,
            historyPath: ReplHistory.path(environment: context.environment))
        let signals = ReplSignals(router: environment.signals, editor: console.editor) { [console] in
            console.stopPlainInput()
        }
        return await signals.foreground(hardAtOnce: true) { connecting in
            do {
                // Tasks started here stay reachable afterwards (`mcptask result`): the HTTP session is kept.
                let ran = try await until(connecting.hard) {
                    try await context.withSession(keepSession: true) { session in
                        // Connected: from now on Ctrl-C is the prompt's and its commands'.
                        signals.endForeground()
                        return await Repl(
                            context: context, session: session, console: console, signals: signals, tracer: tracer
                        ).run()
                    }
                }
                guard let ran else {
                    context.console.stderr.line(context.style.dim("mcptask: interrupted"))
                    return signals.terminatedBy.map { ExitStatus(.terminated(signal: $0)) } ?? .interrupted
                }
                return ran
            } catch {
                return context.report(error)
            }
        }
    }

    /// The REPL's context: the command line's, with interrupts that do not listen to Ctrl-C (the REPL
    /// routes it) and a tracer `trace on|off` can switch.
    private static func replContext(settings: ConnectionSettings, environment: CommandEnvironment) throws -> (
        CommandContext, SwitchableTracer
    ) {
        var settings = settings
        settings.timeout = nil
        let base = try CommandContext(settings: settings, environment: environment, listensForSignals: false)
        let tracer = SwitchableTracer(initial: base.tracer)
        return (CommandContext(copying: base, interrupts: base.interrupts, tracer: .some(tracer)), tracer)
    }
}
