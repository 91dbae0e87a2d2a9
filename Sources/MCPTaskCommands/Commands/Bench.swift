import ArgumentParser
import MCPClient
import MCPCommandKit
import MCPCore
import MCPRender
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// `mcptask bench ping|notifications` (hidden): client-side measurements for bench/run.sh. Prints one JSON
/// object on stdout. `notifications` needs the demo server's `flood` tool: `-- mcptask-demo --bench`.
struct BenchCommand: AsyncParsableCommand, RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure the client (for bench/run.sh).", shouldDisplay: false)

    enum Mode: String, ExpressibleByArgument, CaseIterable, Sendable {
        case ping, notifications
    }

    enum View: String, ExpressibleByArgument, CaseIterable, Sendable {
        case lines, terminal, off
    }

    @OptionGroup var server: ServerOptions

    @Argument(help: "What to measure: ping (sequential round trips) or notifications (a flood of progress).")
    var mode: Mode

    @Option(name: .long, help: "How many pings or notifications.")
    var count = 10_000

    @Option(name: .long, help: "How notifications are shown, as `call` would (to /dev/null): lines, terminal, off.")
    var view: View = .lines

    @Option(name: .long, help: "How long to wait for notifications still on their way after the call returned.")
    var drainTimeout: DurationArgument = DurationArgument(seconds: 10)

    func validate() throws {
        if count < 1 { throw ValidationError("--count must be at least 1") }
    }

    package func run(in environment: CommandEnvironment) async -> ExitStatus {
        let invocation = self
        return await runCommand(settings: server.settings, environment: environment) { context in
            let document = try await context.withSession { session in
                switch invocation.mode {
                case .ping: return try await invocation.pings(session)
                case .notifications: return try await invocation.notifications(session)
                }
            }
            context.console.stdout.line(JSONWriter.compactString(document))
            return .success
        }
    }

    /// `count` lock-step pings; the connection and handshake are not timed.
    private func pings(_ session: ClientSession) async throws -> JSONValue {
        try await session.ping()
        let clock = ContinuousClock()
        var samples: [Duration] = []
        samples.reserveCapacity(count)
        let start = clock.now
        for _ in 0..<count {
            let sent = clock.now
            try await session.ping()
            samples.append(clock.now - sent)
        }
        let seconds = Self.seconds(clock.now - start)
        samples.sort()
        func percentile(_ fraction: Double) -> Double {
            Self.seconds(samples[min(samples.count - 1, Int(Double(samples.count) * fraction))]) * 1e6
        }
        return [
            "requests": .int(count),
            "seconds": .double(seconds),
            "perRequestMicroseconds": .double(seconds / Double(count) * 1e6),
            "p50Microseconds": .double(percentile(0.5)),
            "p99Microseconds": .double(percentile(0.99)),
            "maxMicroseconds": .double(Self.seconds(samples[samples.count - 1]) * 1e6),
        ]
    }

    /// Calls `flood` with a progress token and counts the progress that arrives for it, each one applied to a
    /// live view as `call` does. Timed from the request to the last notification handled.
    private func notifications(_ session: ClientSession) async throws -> JSONValue {
        guard try await session.listTools().contains(where: { $0.name == "flood" }) else {
            throw CommandFailure(
                status: .usage, message: "the server has no 'flood' tool; start the demo server with --bench")
        }
        let sink = try Self.nullStream()
        defer { sink.fileDescriptor.map { _ = close($0) } }
        let liveView: LiveView.Mode = view == .terminal ? .terminal : view == .lines ? .lines : .off
        let display = LiveView(label: "flood", stream: sink, style: Style(enabled: view == .terminal), mode: liveView)
        let token = ProgressToken.string("mcptask-bench-\(getpid())")
        let expected = count
        let notifications = session.notifications()
        let clock = ContinuousClock()
        let start = clock.now
        let consumer = Task { () -> Consumed in
            var consumed = Consumed(last: start)
            for await case .progress(let progress, _) in notifications where progress.progressToken == token {
                let now = clock.now
                consumed.maxGap = max(consumed.maxGap, now - consumed.last)
                consumed.last = now
                consumed.received += 1
                display.apply(.progress(TaskProgress(progress: progress.progress, total: progress.total)))
                if progress.progress >= Double(expected) { break }
            }
            consumed.last = clock.now
            return consumed
        }
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(250))
                display.tick()
            }
        }
        defer { ticker.cancel() }
        let response: CallToolResponse
        do {
            response = try await session.callTool(
                name: "flood", arguments: ["count": .int(count)], task: nil, progressToken: token)
        } catch {
            consumer.cancel()
            throw error
        }
        let answered = clock.now
        // Everything the server sent before its answer is queued by now; stop waiting if some never comes.
        let drainLimit = Duration.milliseconds(drainTimeout.milliseconds)
        let watchdog = Task {
            try await Task.sleep(for: drainLimit)
            consumer.cancel()
        }
        let consumed = await consumer.value
        watchdog.cancel()
        display.finish()
        guard case .result(let result) = response, !result.isError else {
            throw CommandFailure(status: .protocolViolation, message: "flood did not answer with a plain result")
        }
        let seconds = Self.seconds(consumed.last - start)
        return [
            "notifications": .int(consumed.received),
            "requested": .int(count),
            "seconds": .double(seconds),
            "perSecond": .double(Double(consumed.received) / seconds),
            "view": .string(view.rawValue),
            "drainAfterAnswerMilliseconds": .double(Self.seconds(max(.zero, consumed.last - answered)) * 1e3),
            "maxGapMilliseconds": .double(Self.seconds(consumed.maxGap) * 1e3),
            "peakRSSKilobytes": .int(Self.peakResidentKilobytes()),
        ]
    }

    private struct Consumed: Sendable {
        var received = 0
        var last: ContinuousClock.Instant
        var maxGap: Duration = .zero
    }

    private static func nullStream() throws -> OutputStream {
        let descriptor = open("/dev/null", O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw CommandFailure(status: .connection, message: "cannot open /dev/null")
        }
        return OutputStream(fileDescriptor: descriptor)
    }

    /// This process's own peak resident set (not the server's), in KiB.
    private static func peakResidentKilobytes() -> Int {
        var usage = rusage()
        guard getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage) == 0 else { return 0 }
        return usage.ru_maxrss
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
