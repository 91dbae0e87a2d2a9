import ArgumentParser
import MCPClient
import MCPCore
import MCPRender
import MCPTransport

#if canImport(Glibc)
    import Glibc
#endif

/// `session list`: every session with its state, live from the session when it answers.
struct ListSessionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List background sessions: name, state, pid, uptime, tasks, server.")

    @Flag(name: .long, help: "Print the sessions as JSON.")
    var json = false

    func run() async throws {
        let environment = FileSystem.environment()
        var rows: [(SessionRecord, state: String, clients: Int?, tasks: Int?)] = []
        for name in SessionPaths.names(environment: environment) {
            guard let paths = try? SessionPaths(name: name, environment: environment),
                let record = SessionRecord.read(paths.record)
            else { continue }
            if !record.isAlive && record.state != .exited {
                // Killed without a word: a stale socket and record, cleaned up here.
                unlink(paths.socket)
                unlink(paths.record)
                rows.append((record, "stale (removed)", nil, nil))
                continue
            }
            if record.state == .exited {
                rows.append((record, "exited: " + (record.message ?? "?"), nil, nil))
                continue
            }
            let status = await SessionProbe.status(paths.socket)
            rows.append((record, status == nil ? "not answering" : record.state.rawValue, status?.0, status?.1))
        }
        let now = Timestamps.now()
        if json {
            let items: [JSONValue] = rows.map { row in
                var item: [String: JSONValue] = [
                    "name": .string(row.0.name), "pid": .int(Int(row.0.pid)), "state": .string(row.state),
                    "server": .string(row.0.target), "transport": .string(row.0.transport),
                    "startedAt": .string(Timestamps.format(row.0.startedAt)),
                ]
                item["clients"] = row.clients.map(JSONValue.int)
                item["tasks"] = row.tasks.map(JSONValue.int)
                return .object(item)
            }
            OutputStream.standardOutput.line(JSONWriter.pretty(["sessions": .array(items)]))
            return
        }
        guard !rows.isEmpty else {
            OutputStream.standardError.line(
                "mcptask: no sessions (start one with mcptask session start NAME -s SERVER)")
            return
        }
        for row in rows {
            let uptime = Timestamps.compact(seconds: max(0, now - row.0.startedAt))
            let tasks = row.tasks.map { "\($0) task(s)" } ?? "-"
            OutputStream.standardOutput.line(
                "\(row.0.name)  \(row.state)  pid \(row.0.pid)  up \(uptime)  \(tasks)  \(row.0.target)")
        }
    }
}

/// `session stop NAME`: closes the connection and the server process cleanly.
struct StopSessionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop", abstract: "Stop a background session (its server process too).")

    @Argument(help: "The session's name.")
    var name: String

    func run() async throws {
        let environment = FileSystem.environment()
        do {
            let paths = try SessionPaths(name: name, environment: environment)
            guard let record = SessionRecord.read(paths.record) else {
                throw CommandFailure(
                    status: .usage, message: "there is no session '\(name)' (see mcptask session list)")
            }
            let wasRunning = record.isAlive
            if wasRunning {
                if await !SessionProbe.stop(paths.socket) { kill(record.pid, SIGTERM) }
                if !(await SessionProbe.waitForExit(record.pid, within: .seconds(15))) {
                    kill(record.pid, SIGKILL)
                }
            }
            unlink(paths.socket)
            unlink(paths.record)
            let how = wasRunning ? "stopped" : "had already ended; its record is removed"
            OutputStream.standardError.line("mcptask: session '\(name)' \(how)")
        } catch {
            throw ErrorReport.report(error, style: nil).exitCode
        }
    }
}

/// `session logs NAME`: what the session process logged (its connection, the server's stderr, errors).
struct SessionLogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs", abstract: "Print a background session's log.")

    @Argument(help: "The session's name.")
    var name: String

    @Option(name: .long, help: "Only the last N lines.")
    var lines: Int?

    func run() async throws {
        do {
            let paths = try SessionPaths(name: name, environment: FileSystem.environment())
            guard FileSystem.exists(paths.log) else {
                throw CommandFailure(status: .usage, message: "session '\(name)' has no log at \(paths.log)")
            }
            let text = Self.tail(of: paths.log, lines: lines ?? Int.max)
            for line in text { OutputStream.standardOutput.line(Sanitizer.clean(line)) }
        } catch {
            throw ErrorReport.report(error, style: nil).exitCode
        }
    }

    static func tail(of path: String, lines: Int) -> [String] {
        guard let bytes = try? FileSystem.read(path) else { return [] }
        let all = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
        return Array(all.suffix(lines))
    }
}

/// Asks a running session over its socket.
enum SessionProbe {
    /// (attached commands, tasks created through it), or nil when it does not answer in time.
    static func status(_ socket: String) async -> (Int, Int)? {
        guard let result = await ask(socket, method: SessionLink.statusMethod) else { return nil }
        return (result["clients"]?.intValue ?? 0, result["tasks"]?.intValue ?? 0)
    }

    static func stop(_ socket: String) async -> Bool { await ask(socket, method: SessionLink.stopMethod) != nil }

    private static func ask(_ socket: String, method: String) async -> JSONValue? {
        try? await withThrowingTaskGroup(of: JSONValue?.self) { group in
            group.addTask {
                try await UnixSocket.withConnection(to: socket, maximumFrameSize: 1 << 20) { connection in
                    try await connection.send(
                        JSONRPCMessage.request(id: .int(1), method: method, params: nil, envelopeMeta: nil).encoded())
                    for try await frame in connection.inbound {
                        if case .response(_, let result) = try JSONRPCMessage.decode(frame) { return result }
                    }
                    return nil
                }
            }
            group.addTask {
                try await Task.sleep(for: .seconds(3))
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
    }

    /// Waits for a process that is not our child to exit.
    static func waitForExit(_ pid: Int32, within limit: Duration) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if kill(pid, 0) != 0 && errno == ESRCH { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }
}
