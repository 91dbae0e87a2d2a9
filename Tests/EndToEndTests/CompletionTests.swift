import Foundation
import MCPCore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The committed completion scripts in real shells (bash, zsh and fish, each in a tmux pane), mcptask's
/// dynamic completion on its own, and the man page.
@Suite("Shell completion and the man page")
struct CompletionTests {
    enum Shell: String, CaseIterable, Sendable {
        case bash, zsh, fish
    }

    @Test(
        "each shell completes a subcommand, a flag, and the demo server's tools and their arguments",
        arguments: Shell.allCases)
    func subcommandsFlagsAndTools(_ shell: Shell) async throws {
        let session = try await ShellSession(shell)
        defer { session.close() }
        try await session.expectList("mcptask ca", ["call", "cancel"])
        try await session.expectCompletion("mcptask cal", "mcptask call ")
        try await session.expectCompletion("mcptask call --ti", "mcptask call --timeout ")
        try await session.expectCompletion(
            "mcptask call -s demo --protocol 2025", "mcptask call -s demo --protocol 2025-11-25 ")
        try await session.expectList(
            "mcptask call -s demo ", ["slow_count", "must_be_task", "ask_user", "cancellable_sleep"])
        try await session.expectCompletion("mcptask call -s demo slow_c", "mcptask call -s demo slow_count ")
        // A tool's argument takes its value with no space after the `=`.
        try await session.expectCompletion("mcptask call -s demo slow_count n", "mcptask call -s demo slow_count n=")
    }

    @Test(
        "each shell completes task ids from the journal, described by their tool where it shows descriptions",
        arguments: Shell.allCases)
    func taskIDs(_ shell: Shell) async throws {
        let session = try await ShellSession(shell) { dir in
            let now = Date().timeIntervalSince1970
            let tasks: [JSONValue] = [
                Self.journalEntry(id: "task-aaaa1111", tool: "slow_count", createdAt: now - 60),
                Self.journalEntry(id: "task-bbbb2222", tool: "ask_user", createdAt: now - 30),
            ]
            try Self.write(
                JSONWriter.pretty(["version": 1, "tasks": .array(tasks)]), to: dir.file("state/mcptask/tasks.json"))
        }
        defer { session.close() }
        var expected = ["task-aaaa1111", "task-bbbb2222", "last"]
        if shell != .bash { expected.append("ask_user on demo") }
        try await session.expectList("mcptask status ", expected)
        try await session.expectCompletion("mcptask watch task-b", "mcptask watch task-bbbb2222 ")
        try await session.expectCompletion("mcptask cancel -s demo task-a", "mcptask cancel -s demo task-aaaa1111 ")
    }

    @Test("each shell completes config servers, @sessions, and an argument's allowed values", arguments: Shell.allCases)
    func serversSessionsAndValues(_ shell: Shell) async throws {
        let session = try await ShellSession(shell) { dir in
            let server = dir.file("paint-server")
            try Self.write(FakeServer.script, to: server, mode: 0o755)
            let config: JSONValue = ["mcpServers": ["painter": ["command": .string(server)]]]
            try Self.write(JSONWriter.pretty(config), to: dir.file("config/mcptask/servers.json"))
            try Self.write("", to: dir.file("run/mcptask/work.sock"))
        }
        defer { session.close() }
        try await session.expectList("mcptask tools -s ", ["demo", "painter", "@work"])
        try await session.expectCompletion("mcptask tools -s pai", "mcptask tools -s painter ")
        try await session.expectCompletion("mcptask tools -s @w", "mcptask tools -s @work ")
        try await session.expectCompletion("mcptask call -s painter paint col", "mcptask call -s painter paint colour=")
        // bash replaces only what follows the `=`; the whole word must still come out right.
        try await session.expectCompletion(
            "mcptask call -s painter paint colour=gr", "mcptask call -s painter paint colour=green ")
        try await session.expectCompletion(
            "mcptask call -s painter paint colour=red d", "mcptask call -s painter paint colour=red dry=")
    }

    @Test("a server that does not answer costs at most the time limit, is killed, and is not asked again at once")
    func deadServer() async throws {
        let binary = try Paths.requireMcptask()
        let dir = try TempDir()
        defer { dir.remove() }
        let server = dir.file("silent-server")
        try Self.write("#!/bin/sh\necho $$ > \"$0.pid\"\nexec sleep 3600\n", to: server, mode: 0o755)
        let request = [
            binary, "---completion", "call", "--", "positional@0", "2", "0", "mcptask", "call", "", "--", server,
        ]

        let start = ContinuousClock.now
        let first = try await Spawned(request, in: dir).wait(timeout: .seconds(180))
        let elapsed = ContinuousClock.now - start
        #expect(first.status == 0 && first.stdout.isEmpty && first.stderr.isEmpty, "\(first)")
        // The limit is 2 s from mcptask's start; the server would sleep for an hour. The bound only tells the
        // two apart: a loaded machine (2 cores running the whole suite in parallel) may be slow to start
        // processes, and a test must not race it.
        #expect(elapsed < .seconds(180), "completion took \(elapsed)")
        // On a loaded machine the limit may pass before the script has written its pid; then there is no
        // process left to check.
        let pidText = try? String(contentsOfFile: server + ".pid", encoding: .utf8)
        unlink(server + ".pid")

        // The failure is remembered briefly (10 s): the next Tab answers without starting the server again.
        // Asked at once, before anything else waits, so a slow machine does not outlast the memory.
        let second = try await Spawned(request, in: dir).wait(timeout: .seconds(180))
        #expect(second.status == 0 && second.stdout.isEmpty && second.stderr.isEmpty, "\(second)")
        #expect(!FileManager.default.fileExists(atPath: server + ".pid"), "the server was started again")

        if let pidText {
            let pid = try #require(pid_t(pidText.trimmed), "unreadable pid file: \(pidText)")
            // SIGKILL to its group is sent before mcptask exits, but the server's end (and its reaping, now by
            // init) follows on its own time: wait for it rather than look once.
            try await waitUntil("the silent server (pid \(pid)) to end", timeout: .seconds(60)) {
                SignalTests.isGone(pid)
            }
        }
    }

    @Test("completion writes only its candidates, and caches tool lists privately")
    func quietAndPrivate() async throws {
        let binary = try Paths.requireMcptask()
        let dir = try TempDir()
        defer { dir.remove() }
        // The subject is what is written, not the time limit: a generous one for a loaded machine.
        let tools = try await Spawned(
            [binary, "---completion", "call", "--", "positional@0", "4", "0", "mcptask", "call", "-s", "demo", ""],
            in: dir, environment: ["MCPTASK_COMPLETION_TIMEOUT": "20s"]
        ).wait()
        #expect(tools.status == 0 && tools.stderr.isEmpty, "\(tools)")
        #expect(tools.stdoutLines.contains("slow_count") && tools.stdoutLines.contains("must_be_task"), "\(tools)")

        let cache = dir.file("cache/mcptask")
        #expect(try Self.mode(cache) == 0o700)
        #expect(try Self.mode(cache + "/completion") == 0o700)
        let files = try FileManager.default.contentsOfDirectory(atPath: cache + "/completion")
        #expect(files.count == 1 && files[0].hasPrefix("tools-"), "\(files)")
        for file in files { #expect(try Self.mode(cache + "/completion/" + file) == 0o600) }

        let broken = try await Spawned([binary, "---completion", "nosuch", "--", "positional@0", "0", "0"], in: dir)
            .wait()
        #expect(broken.stderr.isEmpty && broken.stdout.isEmpty, "\(broken)")
    }

    @Test("the tools of a background session are completed for -s @NAME")
    func sessionTools() async throws {
        let binary = try Paths.requireMcptask()
        let dir = try TempDir()
        defer { dir.remove() }
        // What is tested is the route through the session, not the time limit: a generous one, so a loaded
        // machine cannot turn it into an empty answer.
        let environment = ["XDG_RUNTIME_DIR": dir.file("run"), "MCPTASK_COMPLETION_TIMEOUT": "20s"]
        let started = try await Spawned(
            [binary, "session", "start", "c1", "-s", "demo"], in: dir, environment: environment
        )
        .wait()
        try #require(started.status == 0, "\(started)")
        let servers = try await Spawned(
            [binary, "---completion", "tools", "--", "--server", "3", "1", "mcptask", "tools", "-s", "@"], in: dir,
            environment: environment
        ).wait()
        let tools = try await Spawned(
            [binary, "---completion", "call", "--", "positional@0", "4", "0", "mcptask", "call", "-s", "@c1", ""],
            in: dir, environment: environment
        ).wait()
        _ = try await Spawned([binary, "session", "stop", "c1"], in: dir, environment: environment).wait()
        #expect(servers.stdoutLines.contains("@c1"), "\(servers)")
        #expect(tools.stdoutLines.contains("slow_count") && tools.stderr.isEmpty, "\(tools)")
    }

    @Test("the man page lints clean, documents what the issue asks, and leaves the hidden bench command out")
    func manPage() async throws {
        let page = Paths.root + "/man/mcptask.1"
        let groff = try #require(which("groff"), "groff is not installed: make test-deps installs groff-base")
        let dir = try TempDir()
        defer { dir.remove() }
        let lint = try await Spawned([groff, "-ww", "-z", "-man", page], in: dir).wait()
        #expect(lint.status == 0 && lint.stderr.isEmpty, "\(lint)")

        let text = try String(contentsOfFile: page, encoding: .utf8)
        for section in [
            "TASK MODES", "TASK WIRES", "ELICITATION", "BACKGROUND SESSIONS", "OUTPUT", "SHELL COMPLETION",
            "ENVIRONMENT", "FILES", "EXIT STATUS",
        ] {
            #expect(text.contains(".Sh \(section)") || text.contains(".Sh \"\(section)\""), "no \(section) section")
        }
        for word in ["MCPTASK_SERVER", "MCPTASK_DEMO", "NO_COLOR", "XDG_STATE_HOME", "tasks.json", "--events"] {
            #expect(text.contains(word), "the page does not mention \(word)")
        }
        #expect(!text.contains(".It Em bench"), "the hidden bench command is listed")
    }

    // MARK: - Fixtures

    static func journalEntry(id: String, tool: String, createdAt: Double) -> JSONValue {
        [
            "taskId": .string(id), "server": "demo", "transport": "stdio", "tool": .string(tool),
            "createdAt": .double(createdAt), "ttl": 3_600_000, "status": "working",
        ]
    }

    /// Writes a fixture through a descriptor no child process can inherit: a script that a process spawned
    /// meanwhile (by another test) held open for writing could not be executed (ETXTBSY).
    static func write(_ text: String, to path: String, mode: mode_t = 0o644) throws {
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        try #require(descriptor >= 0, "cannot create \(path)")
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        try #require(bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) } == bytes.count)
    }

    static func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }
}

/// A stdio MCP server in a few lines of sh with one tool, `paint`, whose `colour` is an enum and `dry` a
/// boolean.
enum FakeServer {
    static let script = """
        #!/bin/sh
        while IFS= read -r line; do
            case "$line" in
            *'"method":"initialize"'*)
                printf '%s\\n' '{"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"2025-11-25","capabilities":{"tools":{}},"serverInfo":{"name":"painter","version":"1"}}}' ;;
            *'"method":"tools/list"'*)
                printf '%s\\n' '{"jsonrpc":"2.0","id":2,"result":{"tools":[{"name":"paint","description":"Paints","inputSchema":{"type":"object","properties":{"colour":{"type":"string","enum":["red","green"]},"dry":{"type":"boolean"}},"required":["colour"]}}]}}' ;;
            esac
        done

        """
}

/// An interactive shell in a tmux pane, with the committed completion script sourced and Ctrl-T bound to
/// write the command line to a file, so a test can type, press Tab and read back what the line became.
final class ShellSession: Sendable {
    let shell: CompletionTests.Shell
    let dir: TempDir
    let tmux: String
    let socket: String
    let lineFile: String

    init(_ shell: CompletionTests.Shell, setUp: (TempDir) throws -> Void = { _ in }) async throws {
        let program = try #require(which(shell.rawValue), "\(shell) is not installed: make test-deps installs it")
        tmux = try #require(which("tmux"), "tmux is not installed: make test-deps installs it")
        let binary = try Paths.requireMcptask()
        self.shell = shell
        dir = try TempDir()
        socket = dir.file("tmux.sock")
        lineFile = dir.file("line")
        try setUp(dir)
        let bin = dir.file("bin")
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        let target = binary.hasPrefix("/") ? binary : FileManager.default.currentDirectoryPath + "/" + binary
        try FileManager.default.createSymbolicLink(atPath: bin + "/mcptask", withDestinationPath: target)
        let environment = [
            "PATH": bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
            "HOME": dir.path, "XDG_DATA_HOME": dir.file("data"), "XDG_RUNTIME_DIR": dir.file("run"),
            // Generous, so that a loaded machine does not make a test flaky; the limit has its own test.
            "MCPTASK_COMPLETION_TIMEOUT": "20s",
        ]
        let command: String
        switch shell {
        case .bash: command = "\(program) --norc --noprofile -i"
        case .zsh: command = "\(program) -f -i"
        case .fish: command = "\(program) --no-config"
        }
        try await run(["-f", "/dev/null", "new-session", "-d", "-x", "200", "-y", "50", command], environment)
        let script = Paths.root + "/completions/mcptask." + shell.rawValue
        let setup: String
        switch shell {
        case .bash:
            setup = """
                PS1='$ '; bind -x '"\\C-t": printf "%s\\n" "$READLINE_LINE" > \(lineFile)'; source \(script)
                """
        case .zsh:
            setup = """
                PS1='%% '; autoload -U compinit; compinit -u; source \(script); \
                dumpline() { print -r -- "$BUFFER" > \(lineFile) }; zle -N dumpline; bindkey '^T' dumpline
                """
        case .fish:
            setup = """
                set -g fish_autosuggestion_enabled 0; source \(script); bind \\ct 'commandline > \(lineFile)'
                """
        }
        try await type(setup + "; echo READY''-FOR-TESTS")
        try await send("Enter")
        try await waitForScreen("the shell to start") {
            $0.contains("\nREADY-FOR-TESTS") || $0.hasPrefix("READY-FOR-TESTS")
        }
    }

    func close() {
        let tmux = tmux
        let socket = socket
        let dir = dir
        // Synchronously: the test is over and nothing else waits on this.
        if let killer = try? Spawned([tmux, "-S", socket, "kill-server"], in: dir) {
            var status: Int32 = 0
            _ = waitpid(killer.pid, &status, 0)
        }
        dir.remove()
    }

    /// Types `line`, presses Tab, and expects the command line to become `expected`.
    func expectCompletion(_ line: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation)
        async throws
    {
        let completed = try await complete(line, sourceLocation: sourceLocation)
        #expect(completed == expected, "\(shell): '\(line)' and Tab\(cacheReport)", sourceLocation: sourceLocation)
    }

    /// What completion has cached, to explain a failure.
    private var cacheReport: String {
        let directory = dir.file("cache/mcptask/completion")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return files.map { "\n\($0): " + ((try? String(contentsOfFile: directory + "/" + $0, encoding: .utf8)) ?? "") }
            .joined()
    }

    /// Types `line`, presses Tab, and returns what the command line became.
    func complete(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        try await type(line)
        try await send("Tab")
        let result = try await commandLine(sourceLocation: sourceLocation)
        try await emptyLine(sourceLocation: sourceLocation)
        return result
    }

    /// Types `line`, presses Tab (twice for bash, which lists on the second), and waits until the screen
    /// shows every one of `expected`.
    func expectList(_ line: String, _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation)
        async throws
    {
        try await send("C-l")
        try await waitForScreen("the screen to clear", sourceLocation: sourceLocation) { screen in
            !expected.contains { screen.contains($0) }
        }
        try await type(line)
        try await send("Tab")
        if shell == .bash { try await send("Tab") }
        try await waitForScreen("\(expected) after '\(line)' and Tab", sourceLocation: sourceLocation) { screen in
            expected.allSatisfy { screen.contains($0) }
        }
        try await emptyLine(sourceLocation: sourceLocation)
    }

    /// The command line, as the Ctrl-T binding writes it.
    private func commandLine(sourceLocation: SourceLocation) async throws -> String {
        unlink(lineFile)
        try await send("C-t")
        try await waitUntil("the shell to write its command line", sourceLocation: sourceLocation) {
            ((try? String(contentsOfFile: lineFile, encoding: .utf8)) ?? "").hasSuffix("\n")
        }
        return String(try String(contentsOfFile: lineFile, encoding: .utf8).dropLast())
    }

    /// Empties the command line (and closes a list of candidates), until the shell confirms it is empty.
    /// Not with Ctrl-C for bash and zsh, which throw away the keys typed after it.
    private func emptyLine(sourceLocation: SourceLocation) async throws {
        for _ in 0..<5 {
            if shell == .fish {
                try await send("C-c")
            } else {
                try await send("C-e")
                try await send("C-u")
            }
            if try await commandLine(sourceLocation: sourceLocation).isEmpty { return }
        }
        Issue.record("\(shell): the command line does not empty", sourceLocation: sourceLocation)
    }

    private func type(_ text: String) async throws { try await run(["send-keys", "-t", "0", "-l", text]) }
    private func send(_ key: String) async throws { try await run(["send-keys", "-t", "0", key]) }

    private func screen() async throws -> String { try await run(["capture-pane", "-p", "-t", "0"]).stdout }

    private func waitForScreen(
        _ what: String, sourceLocation: SourceLocation = #_sourceLocation, _ condition: (String) -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        var last = ""
        while ContinuousClock.now < deadline {
            last = try await screen()
            if condition(last) { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("\(shell): timed out waiting for \(what); the screen:\n\(last)", sourceLocation: sourceLocation)
        throw ProcessTimeout(arguments: [shell.rawValue, what])
    }

    @discardableResult
    private func run(_ arguments: [String], _ environment: [String: String] = [:]) async throws -> RunResult {
        let result = try await Spawned([tmux, "-S", socket] + arguments, in: dir, environment: environment).wait(
            timeout: .seconds(20))
        try #require(result.status == 0, "tmux \(arguments.joined(separator: " ")) failed: \(result)")
        return result
    }
}

/// The full path of `program` on PATH, if it is there.
func which(_ program: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":") {
        let candidate = "\(directory)/\(program)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}

extension String {
    fileprivate var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
