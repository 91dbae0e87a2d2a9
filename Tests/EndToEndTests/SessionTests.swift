import Foundation
import MCPCore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Background sessions: `session start`, then separate invocations reaching the same tasks through
/// `-s @NAME`, against the demo server and the official Python SDK server over stdio.
@Suite("Background sessions", .serialized)
struct SessionTests {
    /// Private runtime and state directories, and a session started in them; stopped afterwards.
    func withStartedSession(
        _ name: String, _ server: [String], sourceLocation: SourceLocation = #_sourceLocation,
        _ body: ([String: String], TempDir) async throws -> Void
    ) async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let environment = ["XDG_RUNTIME_DIR": dir.file("run"), "XDG_STATE_HOME": dir.file("state")]
        try FileManager.default.createDirectory(atPath: dir.file("run"), withIntermediateDirectories: true)
        let started = try await mcptask(["session", "start", name] + server, environment: environment)
        try #require(started.status == 0, "\(started)", sourceLocation: sourceLocation)
        let outcome: Result<Void, any Error>
        do {
            try await body(environment, dir)
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        _ = try await mcptask(["session", "stop", name], environment: environment)
        try outcome.get()
    }

    @Test("a stdio server's task reached from later invocations: detach, watch, result, cancel, list, stop")
    func demoLifecycle() async throws {
        try await withStartedSession("d1", ["-s", "demo"]) { environment, dir in
            let socket = dir.file("run") + "/mcptask/d1.sock"
            let mode = (try FileManager.default.attributesOfItem(atPath: socket)[.posixPermissions] as? NSNumber)?
                .intValue
            #expect(mode == 0o600, "socket mode \(String(mode ?? -1, radix: 8))")

            let call = try await mcptask(
                ["call", "-s", "@d1", "slow_count", "n=3", "delay=0.2", "--detach"], environment: environment)
            #expect(call.status == 0, "\(call)")
            let id = call.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let watch = try await mcptask(["watch", "last", "--events"], environment: environment)
            #expect(watch.status == 0, "\(watch)")
            #expect(watch.stdoutLines.last?.contains("\"result\"") == true, "\(watch)")
            let result = try await mcptask(["result", String(id.prefix(8))], environment: environment)
            #expect(result.status == 0 && result.stdout.contains("counted to 3"), "\(result)")

            _ = try await mcptask(
                ["call", "-s", "@d1", "cancellable_sleep", "seconds=30", "--detach"], environment: environment)
            let cancel = try await mcptask(["cancel", "last"], environment: environment)
            #expect(cancel.status == 0 && cancel.stdout.contains("cancelled"), "\(cancel)")

            let tasks = try await mcptask(["tasks", "-s", "@d1", "--json"], environment: environment)
            let listed = try JSONParser.parse(tasks.stdout)["tasks"]?.arrayValue ?? []
            #expect(listed.count == 2, "\(tasks)")

            let list = try await mcptask(["session", "list", "--json"], environment: environment)
            let sessions = try JSONParser.parse(list.stdout)["sessions"]?.arrayValue ?? []
            #expect(sessions.first?["name"] == "d1" && sessions.first?["state"] == "ready", "\(list)")
            #expect(sessions.first?["tasks"]?.intValue == 2, "\(list)")
        }
    }

    @Test("two commands attached at once both follow the task to its end")
    func twoAttached() async throws {
        try await withStartedSession("d2", ["-s", "demo"]) { environment, dir in
            let call = try await mcptask(
                ["call", "-s", "@d2", "slow_count", "n=4", "delay=0.3", "--detach"], environment: environment)
            #expect(call.status == 0, "\(call)")
            let binary = try Paths.requireMcptask()
            let first = try Spawned([binary, "watch", "last"], in: dir, environment: environment)
            let second = try Spawned([binary, "result", "last"], in: dir, environment: environment)
            let watched = try await first.wait()
            let result = try await second.wait()
            #expect(watched.status == 0 && watched.stdout.contains("completed"), "\(watched)")
            #expect(result.status == 0 && result.stdout.contains("counted to 4"), "\(result)")
        }
    }

    @Test("a command killed mid-watch does not disturb the session")
    func killedClient() async throws {
        try await withStartedSession("d3", ["-s", "demo"]) { environment, dir in
            _ = try await mcptask(
                ["call", "-s", "@d3", "slow_count", "n=3", "delay=0.5", "--detach"], environment: environment)
            let binary = try Paths.requireMcptask()
            let watcher = try Spawned(
                [binary, "watch", "last", "--events"], in: dir, environment: environment)
            try await waitUntil("the watcher's first event") {
                ((try? String(contentsOfFile: watcher.stdoutPath, encoding: .utf8)) ?? "").contains("\"status\"")
            }
            watcher.send(SIGKILL)
            _ = try await watcher.wait()
            let result = try await mcptask(["result", "last"], environment: environment)
            #expect(result.status == 0 && result.stdout.contains("counted to 3"), "\(result)")
            let list = try await mcptask(["session", "list"], environment: environment)
            #expect(list.stdout.contains("d3  ready"), "\(list)")
        }
    }

    @Test("the owner's --answer answers an elicitation that travels through the session")
    func elicitationThroughSession() async throws {
        try await withStartedSession("d4", ["-s", "demo"]) { environment, _ in
            let run = try await mcptask(
                ["call", "-s", "@d4", "ask_user", "--answer", "name=Ada", "--answer", "age=36"],
                environment: environment)
            #expect(run.status == 0, "\(run)")
            #expect(run.stdout.contains("Ada"), "\(run)")
        }
    }

    @Test("session stop while a task runs: the session and its server end; later commands say so")
    func stopWhileRunning() async throws {
        try await withStartedSession("d5", ["-s", "demo"]) { environment, _ in
            _ = try await mcptask(
                ["call", "-s", "@d5", "cancellable_sleep", "seconds=30", "--detach"], environment: environment)
            let stop = try await mcptask(["session", "stop", "d5"], environment: environment)
            #expect(stop.status == 0 && stop.stderr.contains("stopped"), "\(stop)")
            let status = try await mcptask(["status", "last"], environment: environment)
            #expect(status.status == 4, "\(status)")
            #expect(status.stderr.contains("no session 'd5'"), "\(status)")
        }
    }

    @Test("a server that crashes: the waiting command exits 4, and session list says it exited")
    func serverCrash() async throws {
        _ = try Paths.requireMcptask()
        try await withStartedSession("d6", ["--", Paths.demo, "--fault", "crash-in-task"]) { environment, _ in
            let call = try await mcptask(["call", "-s", "@d6", "slow_count", "n=5"], environment: environment)
            #expect(call.status == 4, "\(call)")
            try await waitUntil("the session to record the crash") {
                let list = try JSONParser.parse(
                    (try? String(contentsOfFile: environment["XDG_RUNTIME_DIR"]! + "/mcptask/d6.json", encoding: .utf8))
                        ?? "{}")
                return list["state"] == "exited"
            }
            let list = try await mcptask(["session", "list"], environment: environment)
            #expect(list.stdout.contains("d6  exited"), "\(list)")
            let again = try await mcptask(["tools", "-s", "@d6"], environment: environment)
            #expect(again.status == 4 && again.stderr.contains("ended"), "\(again)")
        }
    }

    @Test("starting a session on a server that cannot start: exit 4 with the server's own words")
    func failedStart() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let environment = ["XDG_RUNTIME_DIR": dir.file("run"), "XDG_STATE_HOME": dir.file("state")]
        try FileManager.default.createDirectory(atPath: dir.file("run"), withIntermediateDirectories: true)
        _ = try Paths.requireMcptask()
        let run = try await mcptask(
            ["session", "start", "bad", "--", Paths.demo, "--fault", "exit-early"], environment: environment)
        #expect(run.status == 4, "\(run)")
        #expect(run.stderr.contains("could not start"), "\(run)")
        let list = try await mcptask(["session", "list"], environment: environment)
        #expect(!list.stdout.contains("ready"), "\(list)")
    }

    @Test("the official SDK server over stdio in a session: detach, then watch and cancel from other processes")
    func sdkSession() async throws {
        let server = try Paths.requireSDKServer()
        try await withStartedSession("py", ["--"] + server) { environment, _ in
            let call = try await mcptask(
                ["call", "-s", "@py", "slow_count", "n=3", "delay=0.2", "--detach"], environment: environment)
            #expect(call.status == 0, "\(call)")
            let watch = try await mcptask(["watch", "-s", "@py", "last", "--result"], environment: environment)
            #expect(watch.status == 0 && watch.stdout.contains("counted to 3"), "\(watch)")
            _ = try await mcptask(
                ["call", "-s", "@py", "cancellable_sleep", "seconds=30", "--detach"], environment: environment)
            let cancel = try await mcptask(["cancel", "-s", "@py", "last"], environment: environment)
            #expect(cancel.status == 0 && cancel.stdout.contains("cancelled"), "\(cancel)")
        }
    }
}

@Suite("Background sessions: signals")
struct SessionSignalTests {
    @Test("SIGTERM to the session process stops it cleanly: record and socket removed, server gone")
    func sigterm() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let environment = ["XDG_RUNTIME_DIR": dir.file("run"), "XDG_STATE_HOME": dir.file("state")]
        try FileManager.default.createDirectory(atPath: dir.file("run"), withIntermediateDirectories: true)
        let started = try await mcptask(["session", "start", "t1", "-s", "demo"], environment: environment)
        try #require(started.status == 0, "\(started)")
        let recordPath = dir.file("run") + "/mcptask/t1.json"
        let record = try JSONParser.parse(try String(contentsOfFile: recordPath, encoding: .utf8))
        let pid = try #require(record["pid"]?.intValue, "no pid in the record")
        kill(pid_t(pid), SIGTERM)
        try await waitUntil("the session process to exit") { kill(pid_t(pid), 0) != 0 }
        #expect(!FileManager.default.fileExists(atPath: recordPath))
        #expect(!FileManager.default.fileExists(atPath: dir.file("run") + "/mcptask/t1.sock"))
    }
}

@Suite("Background sessions over HTTP", .serialized)
struct HTTPSessionTests {
    @Test("a session on the SDK's HTTP endpoint: detach, then watch and cancel through it")
    func sdkOverHTTP() async throws {
        try await withSDKServer { url in
            let dir = try TempDir()
            defer { dir.remove() }
            let environment = ["XDG_RUNTIME_DIR": dir.file("run"), "XDG_STATE_HOME": dir.file("state")]
            try FileManager.default.createDirectory(atPath: dir.file("run"), withIntermediateDirectories: true)
            let started = try await mcptask(["session", "start", "web", "-s", url], environment: environment)
            try #require(started.status == 0, "\(started)")
            let call = try await mcptask(
                ["call", "-s", "@web", "slow_count", "n=2", "delay=0.2", "--detach"], environment: environment)
            #expect(call.status == 0, "\(call)")
            let watch = try await mcptask(["watch", "last", "--result"], environment: environment)
            #expect(watch.status == 0 && watch.stdout.contains("counted to 2"), "\(watch)")
            _ = try await mcptask(
                ["call", "-s", "@web", "cancellable_sleep", "seconds=30", "--detach"], environment: environment)
            let cancel = try await mcptask(["cancel", "last"], environment: environment)
            #expect(cancel.status == 0 && cancel.stdout.contains("cancelled"), "\(cancel)")
            let stop = try await mcptask(["session", "stop", "web"], environment: environment)
            #expect(stop.status == 0, "\(stop)")
        }
    }
}

@Suite("Background sessions: a later command answers")
struct SessionElicitationTests {
    @Test("an elicitation of a detached task is answered from a later watch -s @NAME on a terminal")
    func laterWatchAnswers() async throws {
        let server = try Paths.requireSDKServer()
        try await SessionTests().withStartedSession("py", ["--"] + server) { environment, dir in
            let call = try await mcptask(["call", "-s", "@py", "ask_user", "--detach"], environment: environment)
            #expect(call.status == 0, "\(call)")
            // The detached call is gone; the SDK hands the question over with the watcher's tasks/result, and
            // the session gives it to the one command on a terminal.
            let pane = try await ReplPane(
                dir: dir, ["watch", "-s", "@py", "last", "--result"],
                environment: ["XDG_RUNTIME_DIR": environment["XDG_RUNTIME_DIR"] ?? ""])
            defer { pane.close(keepingDirectory: true) }
            try await pane.answerAskUserForm()
            // The result's text content (its structured content is shown only with --structured).
            try await pane.waitFor("the result") { $0.contains("'name': 'Ada'") && $0.contains("'age': 36") }
            #expect(try await pane.waitForExit() == 0)
        }
    }
}
