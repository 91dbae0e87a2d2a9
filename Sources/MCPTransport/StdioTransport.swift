import Logging
import MCPCore
import Subprocess

#if canImport(Glibc)
    import Glibc
#endif
#if canImport(System)
    import System
#else
    import SystemPackage
#endif

/// Spawns a stdio MCP server and runs `body` with a connection to it.
///
/// The server gets its own process group, so a Ctrl-C at the terminal reaches mcptask (which cancels the
/// task on the server) and not the server itself. On the way out: stdin is closed, the server gets
/// `shutdownGrace` to exit, then SIGTERM, then SIGKILL.
public enum StdioTransport {
    public static func withConnection<Result: Sendable>(
        to command: StdioServerCommand,
        options: StdioOptions = StdioOptions(),
        logger: Logger,
        _ body: @Sendable (StdioConnection) async throws -> Result
    ) async throws -> Result {
        _ = signal(SIGPIPE, SIG_IGN)
        let inbound = FrameChannel()
        let tail = StderrTail(limit: options.stderrLinesKept)
        var platform = PlatformOptions()
        if options.detachedFromTerminal {
            platform.createSession = true
        } else {
            platform.processGroupID = 0
        }
        platform.teardownSequence = [
            .gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: options.shutdownGrace)
        ]
        logger.debug("starting stdio server: \(command.displayString)")
        do {
            let outcome = try await run(
                executable(for: command.executable),
                arguments: Arguments(command.arguments),
                environment: .inherit.updating(
                    command.environment.reduce(into: [:]) { $0[.init(stringLiteral: $1.key)] = $1.value }),
                workingDirectory: command.workingDirectory.map { FilePath($0) },
                platformOptions: platform,
                input: .inputWriter,
                output: .sequence,
                error: .sequence
            ) { execution in
                try await session(
                    execution, options: options, tail: tail, inbound: inbound,
                    logger: logger, body)
            }
            logger.debug("stdio server ended: \(outcome.terminationStatus)")
            return outcome.closureResult
        } catch let error as SubprocessError {
            inbound.finish(throwing: error)
            throw startFailure(error, command: command)
        }
    }

    private static func executable(for name: String) -> Executable {
        name.contains("/") ? .path(FilePath(name)) : .name(name)
    }

    private static func startFailure(_ error: SubprocessError, command: StdioServerCommand) -> TransportError {
        let text = "\(error)"
        if text.contains("not found") || text.contains("No such file") {
            return TransportError(
                .connectFailed,
                "cannot start server: '\(command.executable)' was not found; check the command or your PATH")
        }
        if let directory = command.workingDirectory, text.lowercased().contains("directory") {
            return TransportError(.connectFailed, "cannot start server: cannot change to directory '\(directory)'")
        }
        return TransportError(.connectFailed, "cannot start server '\(command.displayString)': \(text)")
    }

    private static func session<Result: Sendable>(
        _ execution: Execution<CustomWriteInput, SequenceOutput, SequenceOutput>,
        options: StdioOptions,
        tail: StderrTail,
        inbound: FrameChannel,
        logger: Logger,
        _ body: @Sendable (StdioConnection) async throws -> Result
    ) async throws -> Result {
        let connection = StdioConnection(
            inbound: inbound, processID: execution.processIdentifier.value,
            writer: execution.standardInputWriter, stderrTail: tail)
        options.processObserver?(connection.processID, true)
        let (stdoutDone, stdoutDoneSignal) = AsyncStream<Void>.makeStream()
        return try await withThrowingTaskGroup(of: Void.self, returning: Result.self) { group in
            let (stderrDone, stderrDoneSignal) = AsyncStream<Void>.makeStream()
            group.addTask {
                await StdioReaders.readStderr(execution.standardError, tail: tail, logger: logger)
                stderrDoneSignal.finish()
            }
            group.addTask {
                await StdioReaders.readStdout(
                    execution.standardOutput, maximumFrameSize: options.maximumFrameSize, into: inbound)
                let reason = await StdioReaders.exitReason(
                    processID: execution.processIdentifier.value, stderrDone: stderrDone)
                inbound.finish(throwing: TransportError(.closed, reason, details: tail.report))
                stdoutDoneSignal.finish()
            }
            let outcome: Swift.Result<Result, any Error>
            do {
                outcome = .success(try await body(connection))
            } catch {
                outcome = .failure(error)
            }
            try? await execution.standardInputWriter.finish()
            if await !StdioReaders.wait(for: stdoutDone, upTo: options.shutdownGrace) {
                logger.debug("stdio server still running after stdin closed; terminating it")
            }
            await execution.teardown(using: [
                .gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: options.shutdownGrace)
            ])
            options.processObserver?(connection.processID, false)
            try await group.waitForAll()
            return try outcome.get()
        }
    }
}
