import ArgumentParser
import MCPClient
import MCPCommandKit
import MCPCore
import MCPRender
import MCPSessionRelay

#if canImport(Glibc)
    import Glibc
#endif

/// `session list`: every session with its state, live from the session when it answers.
struct ListSessionsCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List background sessions: name, state, pid, uptime, tasks, server.")

    @Flag(name: .long, help: "Print the sessions as JSON.")
    var json = false

    func run(in environment: CommandEnvironment) async -> ExitStatus {
        let (console, variables) = (environment.console, environment.variables)
        var rows: [(SessionRecord, state: String, clients: Int?, tasks: Int?)] = []
        for name in SessionPaths.names(environment: variables) {
            guard let paths = try? SessionPaths(name: name, environment: variables),
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
        let now = console.now()
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
            console.stdout.line(JSONWriter.pretty(["sessions": .array(items)]))
            return .success
        }
        guard !rows.isEmpty else {
            console.stderr.line("mcptask: no sessions (start one with mcptask session start NAME -s SERVER)")
            return .success
        }
        for row in rows {
            let uptime = Timestamps.compact(seconds: max(0, now - row.0.startedAt))
            let tasks = row.tasks.map { "\($0) task(s)" } ?? "-"
            console.stdout.line(
                "\(row.0.name)  \(row.state)  pid \(row.0.pid)  up \(uptime)  \(tasks)  \(row.0.target)")
        }
        return .success
    }
}

/// `session stop NAME`: closes the connection and the server process cleanly.
struct StopSessionCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop", abstract: "Stop a background session (its server process too).")

    @Argument(help: "The session's name.")
    var name: String

    func run(in environment: CommandEnvironment) async -> ExitStatus {
        do {
            let paths = try SessionPaths(name: name, environment: environment.variables)
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
            environment.console.stderr.line("mcptask: session '\(name)' \(how)")
            return .success
        } catch {
            return ErrorReport.report(error, style: nil, to: environment.console.stderr)
        }
    }
}

/// `session logs NAME`: what the session process logged (its connection, the server's stderr, errors).
struct SessionLogsCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs", abstract: "Print a background session's log.")

    @Argument(help: "The session's name.")
    var name: String

    @Option(name: .long, help: ArgumentHelp("Only the last N lines.", valueName: "N"))
    var lines: Int?

    func run(in environment: CommandEnvironment) async -> ExitStatus {
        do {
            let paths = try SessionPaths(name: name, environment: environment.variables)
            guard FileSystem.exists(paths.log) else {
                throw CommandFailure(status: .usage, message: "session '\(name)' has no log at \(paths.log)")
            }
            let text = logTail(of: paths.log, lines: lines ?? Int.max)
            for line in text { environment.console.stdout.line(Sanitizer.clean(line)) }
            return .success
        } catch {
            return ErrorReport.report(error, style: nil, to: environment.console.stderr)
        }
    }
}
