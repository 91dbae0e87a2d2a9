import MCPClient
import MCPCommandKit
import MCPCore
import MCPRender
import MCPTransport
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The background process of `mcptask session start`: owns one connection to the server (and a stdio
/// server's process), listens on the session's socket, and serves attached commands until `session stop`,
/// the idle timeout, or the server going away. It never writes to a terminal: its stderr is the log.
package struct SessionHost: Sendable {
    package let paths: SessionPaths
    package let context: CommandContext
    package let idleTimeout: Duration?
    /// Where to say "ready" (or why not) to the `session start` that spawned this process.
    package let ready: ReadySignal

    package init(paths: SessionPaths, context: CommandContext, idleTimeout: Duration?, ready: ReadySignal) {
        self.paths = paths
        self.context = context
        self.idleTimeout = idleTimeout
        self.ready = ready
    }

    package enum Ending: Sendable {
        case stopped, idle
        case serverEnded(String)
    }

    package func run() async -> ExitStatus {
        var record = SessionRecord(
            name: paths.name, pid: getpid(), target: context.target.displayName,
            transport: context.target.isHTTP ? "http" : "stdio", startedAt: Timestamps.now(), state: .starting)
        try? record.write(to: paths.record)
        let clients = SessionClients()
        let starting = record
        do {
            let ending = try await context.withSession { session in
                try await serve(session, clients: clients, record: starting)
            }
            switch ending {
            case .stopped, .idle:
                unlink(paths.record)
                context.logger.info("session \(paths.name) stopped")
                return .success
            case .serverEnded(let why):
                record.state = .exited
                record.message = why
                try? record.write(to: paths.record)
                context.logger.error("session \(paths.name): \(why)")
                return .connection
            }
        } catch {
            let (status, message, details) = ErrorReport.status(for: error)
            record.state = .exited
            record.message = message
            try? record.write(to: paths.record)
            ready.send("failed: " + ([message] + details).joined(separator: "\n"))
            context.logger.error("session \(paths.name) could not start: \(message)")
            return status
        }
    }

    private func serve(_ session: ClientSession, clients: SessionClients, record: SessionRecord) async throws -> Ending
    {
        session.setElicitationHandler { request, elicitation in await clients.elicit(request, context: elicitation) }
        session.setNotificationTap { frame in clients.route(frame) }
        let stop = SessionStop()
        let link = SessionLink(session: session, clients: clients, stop: stop)
        let serverNews = session.notifications()
        var readyRecord = record
        readyRecord.state = .ready
        let announced = readyRecord
        return try await withThrowingTaskGroup(of: Ending.self) { group in
            group.addTask {
                try await UnixSocket.serve(at: paths.socket, maximumFrameSize: context.settings.maxFrameSize) {
                    try? announced.write(to: paths.record)
                    ready.send("ready")
                } accept: { peer in
                    let command = link.attach(send: peer.send)
                    return SocketPeerEvents(received: command.received, closed: command.closed)
                }
                return .stopped
            }
            group.addTask {
                for await _ in serverNews {}
                let why = session.closingError.map { ErrorReport.status(for: $0).1 } ?? "the server went away"
                // Written before the commands' connections close, so they can read why.
                var ended = announced
                ended.state = .exited
                ended.message = why
                try? ended.write(to: paths.record)
                return .serverEnded(why)
            }
            group.addTask {
                await stop.wait()
                return .stopped
            }
            group.addTask {
                // SIGTERM (or SIGINT) ends the session as cleanly as `session stop` does.
                _ = await context.interrupts.wait(asOwner: false)
                return .stopped
            }
            if let idleTimeout {
                group.addTask {
                    while !Task.isCancelled {
                        try await Task.sleep(for: .seconds(1))
                        if let idle = clients.idleFor(now: .now), idle >= idleTimeout {
                            return .idle
                        }
                    }
                    return .stopped
                }
            }
            defer { group.cancelAll() }
            let ending = try await group.next() ?? .stopped
            unlink(paths.socket)
            return ending
        }
    }
}

/// The pipe back to `session start`: one line, "ready" or "failed: why", written once.
package final class ReadySignal: Sendable {
    private let descriptor: Mutex<Int32?>

    package init(descriptor: Int32?) { self.descriptor = Mutex(descriptor) }

    package func send(_ line: String) {
        guard
            let fd = descriptor.withLock({ value -> Int32? in
                defer { value = nil }
                return value
            })
        else { return }
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }
}
