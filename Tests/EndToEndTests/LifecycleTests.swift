import Foundation
import MCPCore
import Testing

/// `watch`, `result` and `tasks` in invocations after the one that started the task, against the official
/// Python SDK over HTTP (its tasks are scoped to the HTTP session the journal recorded).
@Suite("Task lifecycle across invocations", .serialized)
struct LifecycleTests {
    /// A private journal, and the task `call --detach` started in it.
    struct Detached {
        let state: TempDir
        let environment: [String: String]
        let id: String
    }

    func detach(_ url: String, _ tool: [String]) async throws -> Detached {
        let state = try TempDir()
        let environment = ["XDG_STATE_HOME": state.file("state")]
        let started = try await mcptask(["call", "-s", url] + tool + ["--detach"], environment: environment)
        #expect(started.status == 0, "\(started)")
        let id = started.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(!id.isEmpty && !id.contains("\n"), "\(started)")
        return Detached(state: state, environment: environment, id: id)
    }

    @Test("watch last --events: status and progress as they happen, then a result event; exit 0")
    func watchEvents() async throws {
        try await withSDKServer { url in
            // Long enough (4 s) that a watcher started on a loaded machine still sees progress happen.
            let task = try await detach(url, ["slow_count", "n=8", "delay=0.5"])
            defer { task.state.remove() }
            let run = try await mcptask(["watch", "last", "--events"], environment: task.environment)
            #expect(run.status == 0, "\(run)")
            let events = try run.stdoutLines.map { try JSONParser.parse($0) }
            let kinds = events.compactMap { $0["event"]?.stringValue }
            #expect(kinds.first == "status", "\(kinds)")
            #expect(kinds.last == "result", "\(kinds)")
            #expect(kinds.contains("progress"), "\(kinds)")
            #expect(events.allSatisfy { $0["taskId"]?.stringValue == task.id }, "\(run)")
            let progress = events.filter { $0["event"]?.stringValue == "progress" }.compactMap { $0["progress"] }
            #expect(progress == progress.sorted { ($0.doubleValue ?? 0) < ($1.doubleValue ?? 0) }, "\(run)")
            #expect(Set(progress).count == progress.count, "a progress value shown twice: \(run)")
            let statuses = events.filter { $0["event"]?.stringValue == "status" }
            #expect(statuses.last?["task"]?["status"]?.stringValue == "completed", "\(run)")
            let result = try #require(events.last?["result"])
            #expect(result["content"]?.arrayValue?.first?["text"]?.stringValue == "counted to 8", "\(run)")
        }
    }

    @Test("watch shows the final state on stdout; --result adds the result; a finished task ends at once")
    func watchHuman() async throws {
        try await withSDKServer { url in
            let task = try await detach(url, ["must_be_task", "x=later"])
            defer { task.state.remove() }
            let watched = try await mcptask(["watch", String(task.id.prefix(10))], environment: task.environment)
            #expect(watched.status == 0, "\(watched)")
            #expect(watched.stdout.contains(task.id) && watched.stdout.contains("completed"), "\(watched)")
            #expect(!watched.stdout.contains("must_be_task: later"), "\(watched)")
            let withResult = try await mcptask(["watch", "last", "--result"], environment: task.environment)
            #expect(withResult.status == 0, "\(withResult)")
            #expect(withResult.stdout.contains("must_be_task: later"), "\(withResult)")
        }
    }

    @Test("result waits for the task and prints it; --json is the result exactly as sent")
    func resultWaits() async throws {
        try await withSDKServer { url in
            let task = try await detach(url, ["slow_count", "n=2", "delay=0.3"])
            defer { task.state.remove() }
            let run = try await mcptask(["result", "last"], environment: task.environment)
            #expect(run.status == 0, "\(run)")
            #expect(run.stdout.contains("counted to 2"), "\(run)")
            let json = try await mcptask(["result", task.id, "--json"], environment: task.environment)
            #expect(json.status == 0, "\(json)")
            let result = try JSONParser.parse(json.stdout)
            #expect(result["structuredContent"]?["count"]?.intValue == 2, "\(json)")
            let meta = result["_meta"]?["io.modelcontextprotocol/related-task"]?["taskId"]?.stringValue
            #expect(meta == task.id, "\(json)")
        }
    }

    @Test("a failed task (the SDK sends only _meta): result exits 1 with the reason from tasks/get")
    func resultOfFailedTask() async throws {
        try await withSDKServer { url in
            let task = try await detach(url, ["fails"])
            defer { task.state.remove() }
            let run = try await mcptask(["result", "last"], environment: task.environment)
            #expect(run.status == 1, "\(run)")
            #expect(run.stderr.contains("deliberate failure inside task"), "\(run)")
            let watch = try await mcptask(["watch", "last", "--json"], environment: task.environment)
            #expect(watch.status == 1, "\(watch)")
            #expect(try JSONParser.parse(watch.stdout)["status"]?.stringValue == "failed", "\(watch)")
        }
    }

    @Test("cancel, then result and watch report the cancelled state: exit 2")
    func cancelledTask() async throws {
        try await withSDKServer { url in
            let task = try await detach(url, ["cancellable_sleep", "seconds=30"])
            defer { task.state.remove() }
            let cancel = try await mcptask(["cancel", "last"], environment: task.environment)
            #expect(cancel.status == 0, "\(cancel)")
            let result = try await mcptask(["result", "last"], environment: task.environment)
            #expect(result.status == 2, "\(result)")
            #expect(result.stderr.contains("was cancelled"), "\(result)")
            let again = try await mcptask(["cancel", "last"], environment: task.environment)
            #expect(again.status == 0, "\(again)")
            #expect(again.stderr.contains("had already ended"), "\(again)")
        }
    }

    @Test("--timeout stops watching and leaves the task running: exit 124")
    func watchTimeout() async throws {
        try await withSDKServer { url in
            let task = try await detach(url, ["cancellable_sleep", "seconds=30"])
            defer { task.state.remove() }
            let run = try await mcptask(["watch", "last", "--timeout", "1s"], environment: task.environment)
            #expect(run.status == 124, "\(run)")
            #expect(run.stderr.contains("left as it is"), "\(run)")
            let status = try await mcptask(["status", "last", "--json"], environment: task.environment)
            #expect(try JSONParser.parse(status.stdout)["status"]?.stringValue == "working", "\(status)")
            _ = try await mcptask(["cancel", "last"], environment: task.environment)
        }
    }

    /// Each --detach opens its own HTTP session; `tasks` asks every one the journal knows, so no row is stale.
    @Test("tasks: every recorded session's list, each task with the session that listed it")
    func tasksListing() async throws {
        try await withSDKServer { url in
            let first = try await detach(url, ["must_be_task", "x=1"])
            defer { first.state.remove() }
            let second = try await mcptask(
                ["call", "-s", url, "must_be_task", "x=2", "--detach"], environment: first.environment)
            let secondID = second.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let run = try await mcptask(["tasks", "-s", url, "--json"], environment: first.environment)
            #expect(run.status == 0, "\(run)")
            let document = try JSONParser.parse(run.stdout)
            #expect(document["listed"] == true)
            let listed = document["tasks"]?.arrayValue?.compactMap { $0["taskId"]?.stringValue } ?? []
            #expect(Set(listed) == [first.id, secondID], "both sessions' tasks: \(run)")
            #expect(document["journal"]?.arrayValue?.isEmpty == true, "no stale journal rows: \(run)")

            let human = try await mcptask(["tasks", "-s", url], environment: first.environment)
            #expect(human.status == 0, "\(human)")
            #expect(human.stdoutLines.count == 2, "\(human)")
            #expect(human.stdoutLines.allSatisfy { $0.contains("[listed in session ") }, "\(human)")

            let offline = try await mcptask(["tasks"], environment: first.environment)
            #expect(offline.status == 0, "\(offline)")
            #expect(offline.stdoutLines.count == 2, "\(offline)")
            #expect(offline.stderr.contains("no server given"), "\(offline)")
        }
    }

    @Test("a task whose recorded HTTP session the server no longer knows: exit 6")
    func expiredSession() async throws {
        try await withSDKServer { url in
            let task = try await detach(url, ["must_be_task", "x=1"])
            defer { task.state.remove() }
            let listed = try await mcptask(["tasks", "--json"], environment: task.environment)
            let recorded = try JSONParser.parse(listed.stdout)["journal"]?.arrayValue?.first
            #expect(recorded?["sessionId"]?.stringValue != nil, "no session in \(listed)")
            // The journal is a database now: put the task back as a version 1 tasks.json naming a session the
            // server never had, in place of the database, and let the next command migrate it.
            let directory = task.state.file("state") + "/mcptask"
            for suffix in ["", "-wal", "-shm"] {
                try? FileManager.default.removeItem(atPath: directory + "/tasks.db" + suffix)
            }
            let forged: JSONValue = [
                "version": 1,
                "tasks": [
                    [
                        "taskId": .string(task.id), "server": .string(url), "transport": "http", "url": .string(url),
                        "sessionId": "0123456789abcdef0123456789abcdef", "tool": "must_be_task",
                        "createdAt": .double(Date().timeIntervalSince1970), "ttl": 3_600_000, "status": "working",
                    ]
                ],
            ]
            try JSONWriter.pretty(forged).write(toFile: directory + "/tasks.json", atomically: true, encoding: .utf8)
            let run = try await mcptask(["watch", "last"], environment: task.environment)
            #expect(run.status == 6, "\(run)")
            #expect(run.stderr.contains("no longer knows"), "\(run)")
        }
    }

    @Test("watch of a stdio server's task explains that it ended with its process: exit 6")
    func stdioWatch() async throws {
        let state = try TempDir()
        defer { state.remove() }
        let environment = ["XDG_STATE_HOME": state.file("state")]
        let started = try await mcptask(
            ["call", "-s", "demo", "must_be_task", "x=1", "--detach"], environment: environment)
        #expect(started.status == 0, "\(started)")
        for command in ["watch", "result"] {
            let run = try await mcptask([command, "last"], environment: environment)
            #expect(run.status == 6, "\(command): \(run)")
            #expect(run.stderr.contains("background session"), "\(command): \(run)")
        }
    }
}

@Suite("Task journal")
struct JournalTests {
    @Test("eight invocations recording at once lose none of each other's tasks")
    func concurrentProcesses() async throws {
        let state = try TempDir()
        defer { state.remove() }
        let environment = ["XDG_STATE_HOME": state.file("state")]
        let runs = try await withThrowingTaskGroup(of: RunResult.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await mcptask(
                        ["call", "-s", "demo", "must_be_task", "x=1", "--detach"], environment: environment)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(runs.allSatisfy { $0.status == 0 && !$0.stderr.contains("could not record") }, "\(runs)")
        let started = Set(runs.map { $0.stdout.trimmingCharacters(in: .whitespacesAndNewlines) })
        let listed = try await mcptask(["tasks", "--json"], environment: environment)
        let ids = try JSONParser.parse(listed.stdout)["journal"]?.arrayValue?.compactMap { $0["taskId"]?.stringValue }
        #expect(started.count == 8)
        #expect(Set(ids ?? []) == started, "\(listed)")
    }

    @Test("a version 1 tasks.json is migrated on first use; entries past their ttl are not listed nor reached")
    func pruning() async throws {
        let state = try TempDir()
        defer { state.remove() }
        let directory = state.file("state") + "/mcptask"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let now = Date().timeIntervalSince1970
        let journal: JSONValue = [
            "version": 1,
            "tasks": [
                [
                    "taskId": "expired-task", "server": "http://127.0.0.1:9/mcp", "transport": "http", "tool": "t",
                    "createdAt": .double(now - 7200), "ttl": 60_000, "status": "working",
                ],
                [
                    "taskId": "live-task", "server": "http://127.0.0.1:9/mcp", "transport": "http", "tool": "t",
                    "createdAt": .double(now - 10), "ttl": 3_600_000, "status": "working",
                ],
            ],
        ]
        try JSONWriter.pretty(journal).write(toFile: directory + "/tasks.json", atomically: true, encoding: .utf8)
        let environment = ["XDG_STATE_HOME": state.file("state")]
        let listed = try await mcptask(["tasks", "--json"], environment: environment)
        let ids = try JSONParser.parse(listed.stdout)["journal"]?.arrayValue?.compactMap { $0["taskId"]?.stringValue }
        #expect(ids == ["live-task"], "\(listed)")
        let expired = try await mcptask(["status", "expired-task"], environment: environment)
        #expect(expired.status == 6, "\(expired)")
        // The old file was moved into tasks.db and kept as tasks.json.migrated; a recording command adds to
        // what came across (pruning from the database itself is tested in MCPCommandKitTests).
        #expect(!FileManager.default.fileExists(atPath: directory + "/tasks.json"))
        #expect(FileManager.default.fileExists(atPath: directory + "/tasks.json.migrated"))
        let call = try await mcptask(
            ["call", "-s", "demo", "must_be_task", "x=1", "--detach"], environment: environment)
        let started = call.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let after = try await mcptask(["tasks", "--json"], environment: environment)
        let afterIDs = try JSONParser.parse(after.stdout)["journal"]?.arrayValue?.compactMap {
            $0["taskId"]?.stringValue
        }
        #expect(afterIDs == ["live-task", started], "\(after)")
    }
}
