import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// SIGTERM and SIGHUP (the terminal closed) at every phase: the task cancelled where the wire allows, every
/// child ended, the exit status 128 + the signal. A stdio server here is a script that records its pid and
/// then becomes the demo server, so the test can tell whether it outlived mcptask.
@Suite("Signals", .serialized)
struct SignalTests {
    static let signals: [Int32] = [SIGTERM, SIGHUP]

    @Test("SIGTERM or SIGHUP while a task runs cancels it on the server and exits 128 + the signal", arguments: signals)
    func whileTaskRuns(_ signal: Int32) async throws {
        try await checkCtrlCCancelsTask(server: ["-s", "demo"], signal: signal)
    }

    @Test("a signal while the stdio server runs a task leaves no server behind", arguments: signals)
    func serverEndsWithTask(_ signal: Int32) async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (server, pidFile) = try Self.recordingServer(in: dir)
        let binary = try Paths.requireMcptask()
        let trace = dir.file("trace.ndjson")
        let process = try Spawned(
            [binary, "call", "cancellable_sleep", "seconds=60", "--trace", trace, "--", "/bin/sh", server], in: dir)
        try await waitUntil("the task to exist", timeout: .seconds(90)) { Trace(path: trace).hasCreateTaskResult }
        let serverPID = try Self.pid(in: pidFile)
        process.send(signal)
        let run = try await process.wait()
        #expect(run.status == 128 + signal, "\(run)")
        #expect(Self.isGone(serverPID), "the stdio server (pid \(serverPID)) outlived mcptask: \(run)")
    }

    @Test("a signal while connecting to a slow stdio server leaves no server behind", arguments: signals)
    func whileConnecting(_ signal: Int32) async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        // Records its pid, then takes its time before it serves: mcptask is still connecting.
        let (server, pidFile) = try Self.recordingServer(in: dir, delay: "30")
        let process = try Spawned([try Paths.requireMcptask(), "tools", "--", "/bin/sh", server], in: dir)
        try await waitUntil("the server to start", timeout: .seconds(90)) {
            FileManager.default.fileExists(atPath: pidFile)
        }
        let serverPID = try Self.pid(in: pidFile)
        process.send(signal)
        let run = try await process.wait()
        #expect(run.status == 128 + signal, "\(run)")
        #expect(run.stderr.contains("received while listing the tools"), "\(run)")
        #expect(Self.isGone(serverPID), "the stdio server (pid \(serverPID)) outlived mcptask: \(run)")
    }

    @Test("a signal while a form is open on the terminal leaves no server behind", arguments: signals)
    func whileFormIsOpen(_ signal: Int32) async throws {
        let dir = try TempDir()
        let (server, pidFile) = try Self.recordingServer(in: dir)
        let pane = try await ReplPane(dir: dir, ["call", "ask_user", "--", "/bin/sh", server])
        defer {
            pane.close()
            dir.remove()
        }
        try await pane.waitFor("the form") { $0.hasSuffix("name>") }
        let serverPID = try Self.pid(in: pidFile)
        kill(try await pane.programPID(), signal)
        #expect(try await pane.waitForExit() == 128 + signal)
        #expect(Self.isGone(serverPID), "the stdio server (pid \(serverPID)) outlived mcptask")
    }

    @Test("a signal to an idle REPL ends it and its server", arguments: signals)
    func replIdle(_ signal: Int32) async throws {
        let dir = try TempDir()
        let (server, pidFile) = try Self.recordingServer(in: dir)
        let pane = try await ReplPane(dir: dir, ["repl", "--", "/bin/sh", server])
        defer {
            pane.close()
            dir.remove()
        }
        try await pane.waitFor("the prompt") { $0.hasSuffix(">") && $0.contains("connected to") }
        let serverPID = try Self.pid(in: pidFile)
        kill(try await pane.programPID(), signal)
        #expect(try await pane.waitForExit() == 128 + signal)
        #expect(Self.isGone(serverPID), "the stdio server (pid \(serverPID)) outlived mcptask")
    }

    // MARK: - Helpers

    /// A stdio server script that writes its pid to a file, waits `delay` seconds if given, then becomes the
    /// demo server (same pid).
    static func recordingServer(in dir: TempDir, delay: String? = nil) throws -> (script: String, pidFile: String) {
        let pidFile = dir.file("server.pid")
        let script = dir.file("server.sh")
        let wait = delay.map { "sleep \($0)\n" } ?? ""
        let text = "#!/bin/sh\necho $$ > '\(pidFile)'\n\(wait)exec '\(try Paths.requireMcptask().demoPath)'\n"
        try text.write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        // Run as `sh SCRIPT`, not executed itself: a file just written can be "busy" to exec while
        // another test's child still holds it open.
        return (script, pidFile)
    }

    static func pid(in file: String) throws -> pid_t {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        return try #require(pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)), "bad pid file: \(text)")
    }

    /// Whether `pid` has exited (a zombie waiting for its parent to collect it counts as gone).
    static func isGone(_ pid: pid_t) -> Bool {
        if kill(pid, 0) != 0 { return true }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return true }
        return stat[stat.index(after: close)...].split(separator: " ").first == "Z"
    }
}

extension String {
    /// The demo server beside an mcptask binary.
    fileprivate var demoPath: String { (self as NSString).deletingLastPathComponent + "/mcptask-demo" }
}
