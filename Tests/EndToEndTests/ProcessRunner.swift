import Foundation
import MCPCore
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where the binaries and the interop server live.
enum Paths {
    /// The package root: this file is `<root>/Tests/EndToEndTests/ProcessRunner.swift`.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// `mcptask`: `MCPTASK_BIN` when set, else `<root>/.build/debug/mcptask`.
    static let mcptask: String = {
        if let path = ProcessInfo.processInfo.environment["MCPTASK_BIN"], !path.isEmpty { return path }
        return root + "/.build/debug/mcptask"
    }()

    /// The demo server, next to `mcptask`.
    static var demo: String { (mcptask as NSString).deletingLastPathComponent + "/mcptask-demo" }

    static var python: String { root + "/.venv-interop/bin/python" }
    static var sdkServer: String { root + "/Tests/Interop/servers/sdk_server.py" }

    /// The mcptask binary, or a test failure telling how to build it.
    static func requireMcptask(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try #require(
            FileManager.default.isExecutableFile(atPath: mcptask),
            "no mcptask binary at \(mcptask): run swift build first (or set MCPTASK_BIN)",
            sourceLocation: sourceLocation)
        return mcptask
    }

    /// The stdio command line of the Python SDK server, or a test failure telling how to set it up.
    static func requireSDKServer(sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        try #require(
            FileManager.default.isExecutableFile(atPath: python),
            "no interop Python at \(python): run bash scripts/setup-interop.sh (make test does it)",
            sourceLocation: sourceLocation)
        return [python, sdkServer, "stdio"]
    }
}

/// How a finished process ended and what it wrote.
struct RunResult: CustomStringConvertible {
    /// The exit code, or 128 + signal number when a signal ended it.
    var status: Int32
    var signal: Int32?
    var stdout: String
    var stderr: String

    var stdoutLines: [String] { stdout.split(separator: "\n").map(String.init) }

    var description: String { "exit \(status)\nstdout:\n\(stdout)\nstderr:\n\(stderr)" }
}

struct ProcessTimeout: Error, CustomStringConvertible {
    var arguments: [String]
    var description: String { "process did not exit in time (killed): \(arguments.joined(separator: " "))" }
}

/// A unique scratch directory, removed by `remove()`.
struct TempDir {
    let path: String

    init() throws {
        var template = Array((NSTemporaryDirectory() + "/mcptask-e2e-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        try #require(made != nil, "mkdtemp failed")
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// A child process spawned with `posix_spawn`: a clean signal mask and default dispositions (a child
/// started from a concurrency thread could otherwise inherit a blocked SIGINT), stdin from /dev/null,
/// stdout and stderr into files.
final class Spawned: Sendable {
    let pid: pid_t
    let arguments: [String]
    let stdoutPath: String
    let stderrPath: String

    init(_ arguments: [String], in dir: TempDir, environment extra: [String: String] = [:]) throws {
        self.arguments = arguments
        let tag = UUID().uuidString
        stdoutPath = dir.file("stdout-\(tag)")
        stderrPath = dir.file("stderr-\(tag)")

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGPIPE, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["XDG_CONFIG_HOME"] = dir.file("config")
        environment["XDG_STATE_HOME"] = dir.file("state")
        environment["XDG_CACHE_HOME"] = dir.file("cache")
        environment["MCPTASK_SERVER"] = nil
        environment.merge(extra) { $1 }

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let error = posix_spawn(&child, arguments[0], &actions, &attributes, argv, envp)
        try #require(error == 0, "posix_spawn \(arguments[0]) failed: \(String(cString: strerror(error)))")
        pid = child
    }

    func send(_ signal: Int32) { kill(pid, signal) }

    /// Waits for the process to exit; kills it and fails after `timeout`.
    func wait(timeout: Duration = .seconds(60)) async throws -> RunResult {
        let deadline = ContinuousClock.now + timeout
        var status: Int32 = 0
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { break }
            try #require(reaped == 0, "waitpid failed: \(String(cString: strerror(errno)))")
            if ContinuousClock.now >= deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                throw ProcessTimeout(arguments: arguments)
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        let termSignal = status & 0x7f
        let signal: Int32? = termSignal == 0 ? nil : termSignal
        let code = signal.map { 128 + $0 } ?? (status >> 8) & 0xff
        return RunResult(status: code, signal: signal, stdout: read(stdoutPath), stderr: read(stderrPath))
    }

    private func read(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }
}

/// Runs `mcptask ARGS` to completion in a fresh scratch directory.
func mcptask(_ arguments: [String], timeout: Duration = .seconds(60)) async throws -> RunResult {
    let binary = try Paths.requireMcptask()
    let dir = try TempDir()
    defer { dir.remove() }
    return try await Spawned([binary] + arguments, in: dir).wait(timeout: timeout)
}

/// Runs `mcptask ARGS` against the demo server started with `--fault FAULT`.
func mcptask(_ arguments: [String], fault: String) async throws -> RunResult {
    _ = try Paths.requireMcptask()
    return try await mcptask(arguments + ["--", Paths.demo, "--fault", fault])
}

/// Polls `condition` until it holds; fails after `timeout`.
func waitUntil(
    _ what: String, timeout: Duration = .seconds(30), every interval: Duration = .milliseconds(20),
    sourceLocation: SourceLocation = #_sourceLocation, _ condition: () throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while try !condition() {
        try #require(ContinuousClock.now < deadline, "timed out waiting for \(what)", sourceLocation: sourceLocation)
        try await Task.sleep(for: interval)
    }
}

/// A trace file written by `--trace`: one JSON object per line.
struct Trace {
    var entries: [JSONValue]

    init(path: String) {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        // The last line may be incomplete while the writer is still running.
        entries = text.split(separator: "\n").compactMap { try? JSONParser.parse(String($0)) }
    }

    var messages: [(dir: String, message: JSONValue)] {
        entries.compactMap { entry in
            guard let dir = entry["dir"]?.stringValue, let message = entry["message"] else { return nil }
            return (dir, message)
        }
    }

    /// Index of the first message matching `predicate`, after `start`.
    func firstIndex(after start: Int = -1, where predicate: (String, JSONValue) -> Bool) -> Int? {
        let all = messages
        return all.indices.first { $0 > start && predicate(all[$0].dir, all[$0].message) }
    }

    /// The id of the first sent request with `method`.
    func requestID(method: String) -> JSONValue? {
        messages.first { $0.dir == "send" && $0.message["method"]?.stringValue == method }?.message["id"]
    }

    /// Whether a CreateTaskResult (a response with `result.task.taskId`) has arrived.
    var hasCreateTaskResult: Bool {
        messages.contains { $0.dir == "recv" && $0.message["result"]?["task"]?["taskId"] != nil }
    }
}

/// Writes an executable script through a descriptor no child process inherits (O_CLOEXEC): a script written
/// while other tests spawn processes could otherwise be "busy" (ETXTBSY) when it is executed.
func writeExecutable(_ path: String, _ text: String) throws {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
    try #require(descriptor >= 0, "cannot create \(path)")
    defer { close(descriptor) }
    let bytes = Array(text.utf8)
    let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    try #require(written == bytes.count, "cannot write \(path)")
}
