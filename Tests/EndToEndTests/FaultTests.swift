import Foundation
import MCPCore
import Testing

@Suite("mcptask against misbehaving servers")
struct FaultTests {
    /// Diagnostic lines on stderr (mcptask's own, not the server's quoted words).
    private func errorLines(_ run: RunResult) -> [String] {
        run.stderr.split(separator: "\n").map(String.init).filter { $0.hasPrefix("mcptask: error") }
    }

    @Test("a server that writes a stray line of garbage: one warning, the line skipped, the command works")
    func garbage() async throws {
        let run = try await mcptask(["tools"], fault: "garbage")
        #expect(run.status == 0, "\(run)")
        let warnings = run.stderr.split(separator: "\n").filter { $0.contains("warning") }
        #expect(warnings.count == 1, "\(run)")
        #expect(warnings.first?.contains("not JSON") == true, "\(run)")
        #expect(run.stdout.contains("slow_count"), "\(run)")
    }

    @Test("--strict makes a stray line fatal: exit 5, one clear line about an invalid message")
    func garbageStrict() async throws {
        let run = try await mcptask(["tools", "--strict"], fault: "garbage")
        #expect(run.status == 5, "\(run)")
        let errors = errorLines(run)
        #expect(errors.count == 1, "\(run)")
        #expect(errors.first?.contains("invalid message") == true, "\(run)")
        #expect(run.stdout.isEmpty, "\(run)")
    }

    @Test("--events reports a skipped line as an error event and carries on")
    func garbageEvent() async throws {
        let run = try await mcptask(["call", "slow_count", "n=1", "delay=0.01", "--events"], fault: "garbage")
        #expect(run.status == 0, "\(run)")
        let events = run.stdout.split(separator: "\n").compactMap { try? JSONParser.parse(String($0)) }
        #expect(events.contains { $0["event"] == "error" && $0["kind"] == "not-json" }, "\(run)")
        #expect(events.last?["event"] == "result", "\(run)")
    }

    @Test("a server that closes its stdout but keeps running is said to be still running, and is stopped")
    func closesOutputOnly() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let script = dir.file("quiet.sh")
        let pidFile = dir.file("quiet.pid")
        try "#!/bin/sh\necho $$ > '\(pidFile)'\nexec 1>&-\nexec sleep 60\n".write(
            toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        // Run by sh, not executed itself: a file just written can be "busy" to exec while another test's
        // child still holds it open.
        let run = try await mcptask(["tools", "--", "/bin/sh", script])
        #expect(run.status == 4, "\(run)")
        #expect(run.stderr.contains("closed its standard output but is still running"), "\(run)")
        let text = try String(contentsOfFile: pidFile, encoding: .utf8)
        let pid = try #require(pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(pid, 0) != 0, "the server (pid \(pid)) is still running")
    }

    @Test("a server that exits early: exit 4 with its last words")
    func exitEarly() async throws {
        let run = try await mcptask(["tools"], fault: "exit-early")
        #expect(run.status == 4, "\(run)")
        #expect(run.stderr.contains("failing on purpose"), "\(run)")
    }

    @Test("a server that sends an oversized message: exit 5 (default frame limit)")
    func oversizedDefault() async throws {
        let run = try await mcptask(["tools"], fault: "oversized")
        #expect(run.status == 5, "\(run)")
        #expect(run.stderr.contains("larger than"), "\(run)")
    }

    @Test("a server that sends a message over --max-frame-size: exit 5")
    func oversizedExplicitLimit() async throws {
        let run = try await mcptask(["tools", "--max-frame-size", "1048576"], fault: "oversized")
        #expect(run.status == 5, "\(run)")
        #expect(run.stderr.contains("larger than"), "\(run)")
        #expect(!run.stderr.contains("Fatal error"), "\(run)")
    }

    @Test("a server that crashes while a task runs: exit 4")
    func crashInTask() async throws {
        let run = try await mcptask(["call", "slow_count", "n=50"], fault: "crash-in-task")
        #expect(run.status == 4, "\(run)")
        #expect(run.stderr.contains("exited"), "\(run)")
    }

    @Test("a silent server with --request-timeout 1s: exit 4, did not answer")
    func silent() async throws {
        let started = ContinuousClock.now
        let run = try await mcptask(["tools", "--request-timeout", "1s"], fault: "silent")
        #expect(run.status == 4, "\(run)")
        #expect(run.stderr.contains("did not answer"), "\(run)")
        // The server never answers: any bound tells the limit working from a hang; a wide one does not race a
        // loaded machine.
        #expect(ContinuousClock.now - started < .seconds(60), "--request-timeout 1s took too long")
    }

    @Test("a server command that does not exist: exit 4, not found")
    func notFound() async throws {
        let run = try await mcptask(["tools", "--", "/nonexistent/mcptask-e2e-no-such-server"])
        #expect(run.status == 4, "\(run)")
        #expect(run.stderr.contains("not found"), "\(run)")
    }

    @Test("a server without task support: every tool forbidden")
    func noTasksTools() async throws {
        let run = try await mcptask(["tools"], fault: "no-tasks")
        #expect(run.status == 0, "\(run)")
        let rows = run.stdoutLines.dropFirst()
        #expect(rows.count == 10, "\(run)")
        for row in rows {
            #expect(row.split(separator: " ").dropFirst().first == "forbidden", "\(row)")
        }
    }

    @Test("a server without task support: a required tool is called plainly, with a note")
    func noTasksRequired() async throws {
        // Asked plainly, with a note; the server's own answer decides (this one runs it inline).
        let run = try await mcptask(["call", "must_be_task", "x=hi"], fault: "no-tasks")
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr.contains("declares no task support for tools; calling it plainly"), "\(run)")
        #expect(run.stdout.contains("must_be_task: hi"), "\(run)")
    }
}

@Suite("mcptask against a server that answers calls with JSON-RPC errors")
struct RPCErrorTests {
    @Test("a JSON-RPC error to tools/call is the tool failing: exit 1 with the server's message")
    func rejectedCall() async throws {
        let server = Paths.root + "/Tests/Interop/servers/rpc_error_server.py"
        let run = try await mcptask(["call", "strict", "--", "python3", server])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("requires task augmentation"), "\(run)")
        #expect(run.stderr.contains("-32601"), "\(run)")
    }
}

@Suite("mcptask under --timeout before any task exists")
struct ConnectTimeoutTests {
    @Test("tools --timeout against a silent server: exit 124")
    func toolsTimeout() async throws {
        let run = try await mcptask(["tools", "--timeout", "1s"], fault: "silent")
        #expect(run.status == 124, "\(run)")
    }
}

@Suite("--trace with a misbehaving server")
struct TraceFaultTests {
    @Test("a frame that is not JSON is traced as a string, and every trace line stays valid JSON")
    func invalidFrameTraced() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let file = dir.file("trace.ndjson")
        let run = try await mcptask(["tools", "--strict", "--trace", file], fault: "garbage")
        #expect(run.status == 5, "\(run)")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count >= 3)
        #expect(lines.allSatisfy { (try? JSONParser.parse(String($0))) != nil }, "\(text)")
        #expect(Trace(path: file).entries.contains { $0["invalid"]?.stringValue == "this is not json" })
    }
}
