import MCPRender

/// Runs a command body with a context for `settings`, reporting any failure on the console; the exit status.
package func runCommand(
    settings: ConnectionSettings, environment: CommandEnvironment,
    _ body: @escaping @Sendable (CommandContext) async throws -> ExitStatus
) async -> ExitStatus {
    let context: CommandContext
    do {
        context = try CommandContext(settings: settings, environment: environment)
    } catch {
        return ErrorReport.report(error, style: nil, to: environment.console.stderr)
    }
    do {
        return try await body(context)
    } catch {
        return context.report(error)
    }
}

extension CommandContext {
    /// Says that the command stopped waiting for `reason` while it was doing `what`, and gives the exit
    /// status (124 for --timeout, 130 for Ctrl-C, 128 + the signal for SIGTERM and SIGHUP).
    package func gaveUp(_ reason: InterruptReason, while what: String) -> ExitStatus {
        console.stderr.line(style.dim("mcptask: \(reason.said) while \(what)"))
        return ExitStatus(reason)
    }

    /// Prints the failure on the console's standard error and returns its exit status.
    package func report(_ error: any Error) -> ExitStatus {
        ErrorReport.report(error, style: style, to: console.stderr)
    }
}
