import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `mcptask repl` end to end against the demo server: with a script on standard input, and in a real
/// pseudo-terminal (a tmux pane) for line editing, completion, the elicitation form, events above the
/// prompt, Ctrl-C and Ctrl-D, and the history file.
@Suite(.serialized) struct ReplTests {
    // MARK: - Piped input

    /// Runs `mcptask ARGS < script` in a fresh scratch directory.
    private func piped(_ script: String, _ arguments: [String] = ["repl", "-s", "demo"]) async throws -> RunResult {
        let binary = try Paths.requireMcptask()
        let dir = try TempDir()
        defer { dir.remove() }
        let input = dir.file("script")
        try script.write(toFile: input, atomically: true, encoding: .utf8)
        let command = "exec \"$0\" \"$@\" < \(input)"
        return try await Spawned(["/bin/sh", "-c", command, binary] + arguments, in: dir).wait(timeout: .seconds(90))
    }

    @Test func aScriptRunsTheVerbsOnOneConnection() async throws {
        let result = try await piped(
            """
            tools
            call slow_count n=2 delay=0.01
            call ask_user --answer name=Ada --answer age=36
            call cancellable_sleep seconds=60 &
            # a comment, then a blank line

            jobs
            cancel %3
            status %1
            """)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("slow_count"), "\(result)")
        #expect(result.stdout.contains("counted to 2"), "\(result)")
        #expect(result.stdout.contains("Hello Ada, age 36"), "\(result)")
        #expect(result.stdout.contains("[3] cancellable_sleep  working"), "\(result)")
        #expect(result.stdout.contains("cancelled"), "\(result)")
        #expect(result.stdout.contains("completed"), "\(result)")
        // One connection: the background task was still reachable for cancel and status.
        #expect(!result.stderr.contains("error"), "\(result)")
    }

    @Test func wordsAreSplitAsInAShellAndHelpAndTraceWork() async throws {
        let result = try await piped(
            #"""
            call slow_count 'n=2' "delay=0.01"
            call slow_count --args '{"n": 1, "delay": 0.01}'
            help
            help call
            trace on
            tools
            trace off
            status
            """#)
        #expect(result.status == 64, "status without a task is a usage error: \(result)")
        #expect(result.stdout.contains("counted to 2"), "\(result)")
        #expect(result.stdout.contains("counted to 1"), "\(result)")
        #expect(result.stdout.contains("call TOOL [KEY=VALUE ...] [&]"), "\(result)")
        #expect(result.stdout.contains("--answer"), "help call shows the call's options: \(result)")
        // The trace covers tools/list only: it was switched off before status.
        let traced = result.stderr.split(separator: "\n").filter { $0.hasPrefix("{") && $0.contains("\"dir\"") }
        #expect(traced.contains { $0.contains("tools/list") }, "\(result)")
        #expect(!traced.contains { $0.contains("tools/call") }, "\(result)")
    }

    @Test func theExitStatusIsTheLastCommands() async throws {
        let declined = try await piped("call ask_user\n")
        #expect(declined.status == 3, "\(declined)")
        #expect(declined.stderr.contains("declined the server's question"), "\(declined)")
        let failed = try await piped("call fails\n")
        #expect(failed.status == 1, "\(failed)")
        let unknown = try await piped("tools\nfrobnicate\n")
        #expect(unknown.status == 64, "\(unknown)")
        #expect(unknown.stderr.contains("no command 'frobnicate'"), "\(unknown)")
        let usage = try await piped("call slow_count --ttl\n")
        #expect(usage.status == 64, "\(usage)")
        let elsewhere = try await piped("tools -s http://example.invalid/mcp\n")
        #expect(elsewhere.status == 64, "\(elsewhere)")
        #expect(elsewhere.stderr.contains("apply to the whole REPL"), "\(elsewhere)")
    }

    @Test func aServerWithNoCommandStartsTheRepl() async throws {
        let result = try await piped("tools\nquit\ntools\n", ["-s", "demo"])
        #expect(result.status == 0, "\(result)")
        // quit ends the script: the tools are listed once.
        #expect(result.stdout.components(separatedBy: "cancellable_sleep").count == 2, "\(result)")
    }

    @Test func theEndOfAScriptWaitsForBackgroundJobs() async throws {
        let result = try await piped("call slow_count n=2 delay=0.2 &\n")
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains("waiting for 1 background job"), "\(result)")
        #expect(result.stderr.contains("[1] slow_count  completed"), "\(result)")
        #expect(result.stderr.contains("counted to 2"), "\(result)")
    }

    // MARK: - In a terminal

    @Test func completionBackgroundJobsAndAFormInATerminal() async throws {
        let pane = try await ReplPane()
        defer { pane.close() }
        try await pane.waitFor("the prompt") { $0.hasSuffix("mcptask demo>") }
        // ca<Tab> completes the verb, then the tool, then an argument name.
        try await pane.type("ca")
        try await pane.send("Tab")
        try await pane.waitFor("call completed") { $0.hasSuffix("mcptask demo> call") }
        try await pane.type("slow_")
        try await pane.send("Tab")
        try await pane.waitFor("the tool completed") { $0.hasSuffix("mcptask demo> call slow_count") }
        try await pane.type("n")
        try await pane.send("Tab")
        try await pane.waitFor("the argument completed") { $0.hasSuffix("call slow_count n=") }
        // A task in the background while a call runs in the foreground, whose form is answered mid-task.
        try await pane.type("3 delay=1 &")
        try await pane.send("Enter")
        try await pane.waitFor("the background job") { $0.contains("[1] slow_count runs in the background") }
        try await pane.type("call ask_user")
        try await pane.send("Enter")
        try await pane.waitFor("the form") { $0.contains("asks (task ") && $0.hasSuffix("name>") }
        #expect(try await pane.screen().contains("tool ask_user"))
        // A question has no command history under the arrow keys.
        try await pane.send("Up")
        try await pane.type("Grace")
        try await pane.waitFor("the name typed") { $0.hasSuffix("name> Grace") }
        try await pane.send("Enter")
        try await pane.waitFor("the age question") { $0.hasSuffix("age>") }
        try await pane.type("130")
        try await pane.send("Enter")
        try await pane.waitFor("the age refused") { $0.contains("must be at most 120") && $0.hasSuffix("age>") }
        try await pane.type("85")
        try await pane.send("Enter")
        // The fields come in the order of the server's schema: name, age, subscribe, color, email.
        // The default is a hint Enter takes.
        try await pane.waitFor("the default") { $0.hasSuffix("subscribe [no]>") }
        try await pane.send("Enter")
        try await pane.waitFor("the colour question") { $0.hasSuffix("color>") }
        try await pane.type("gr")
        try await pane.send("Tab")
        try await pane.waitFor("the colour completed") { $0.hasSuffix("color> green") }
        try await pane.send("Enter")
        try await pane.waitFor("the e-mail question") { $0.hasSuffix("email>") }
        try await pane.send("Enter")
        try await pane.waitFor("the review") { $0.contains("Review") && $0.hasSuffix("(a):") }
        #expect(try await pane.screen().contains("4. color      green"))
        try await pane.send("Enter")
        try await pane.waitFor("the greeting") { $0.contains("Hello Grace, age 85") && $0.hasSuffix("mcptask demo>") }
        try await pane.waitFor("the background job's end") { $0.contains("[1] slow_count  completed") }
        try await pane.type("jobs")
        try await pane.send("Enter")
        try await pane.waitFor("the job table") { $0.contains("[2] ask_user  completed") }
        try await pane.send("C-d")
        #expect(try await pane.waitForExit() == 0)
    }

    @Test func eventsArePrintedAboveTheLineBeingTyped() async throws {
        let pane = try await ReplPane()
        defer { pane.close() }
        try await pane.waitFor("the prompt") { $0.hasSuffix("mcptask demo>") }
        try await pane.type("call slow_count n=2 delay=0.5 &")
        try await pane.send("Enter")
        try await pane.waitFor("the job") { $0.contains("[1] slow_count runs in the background") }
        try await pane.type("status partial")
        try await pane.waitFor("the end above the line being typed") { screen in
            screen.contains("[1] slow_count  completed") && screen.hasSuffix("mcptask demo> status partial")
        }
        // The line survived the redraw: Ctrl-C clears it, and nothing of it is run.
        try await pane.send("C-c")
        try await pane.waitFor("a fresh prompt") { $0.hasSuffix("partial^C\nmcptask demo>") }
        try await pane.type("fg 1")
        try await pane.send("Enter")
        try await pane.waitFor("the result") { $0.contains("counted to 2") && $0.hasSuffix("mcptask demo>") }
    }

    @Test func ctrlCCancelsAForegroundCallAndCtrlDWarnsAboutJobs() async throws {
        let pane = try await ReplPane()
        defer { pane.close() }
        try await pane.waitFor("the prompt") { $0.hasSuffix("mcptask demo>") }
        try await pane.type("call cancellable_sleep seconds=60")
        try await pane.send("Enter")
        try await pane.waitFor("the task") { $0.contains("created") }
        try await pane.send("C-c")
        try await pane.waitFor("the task cancelled and the prompt back") { screen in
            screen.contains("is cancelled") && screen.hasSuffix("mcptask demo>")
        }
        try await pane.type("call cancellable_sleep seconds=60 &")
        try await pane.send("Enter")
        try await pane.waitFor("the job") { $0.contains("[2] cancellable_sleep runs in the background, task ") }
        try await pane.send("C-d")
        try await pane.waitFor("the warning") { $0.contains("1 job(s) still running") }
        try await pane.type("cancel %2")
        try await pane.send("Enter")
        try await pane.waitFor("the job cancelled") { $0.contains("[2] cancellable_sleep  cancelled") }
        try await pane.send("C-d")
        #expect(try await pane.waitForExit() == 0)
    }

    @Test func historySurvivesARestartAndHoldsNoAnswers() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let first = try await ReplPane(dir: dir)
        try await first.waitFor("the prompt") { $0.hasSuffix("mcptask demo>") }
        for line in ["tools", "call ask_user --answer name=Secret --answer age=40", " status hidden-by-space", "jobs"] {
            try await first.type(line)
            try await first.send("Enter")
        }
        try await first.waitFor("the answered call") { $0.contains("Hello Secret, age 40") }
        try await first.send("C-d")
        #expect(try await first.waitForExit() == 0)
        first.close(keepingDirectory: true)

        let history = dir.file("state/mcptask/history")
        let text = try String(contentsOfFile: history, encoding: .utf8)
        #expect(text.contains("tools"))
        #expect(text.contains("jobs"))
        #expect(!text.contains("Secret"))
        #expect(!text.contains("hidden-by-space"))
        var info = stat()
        #expect(stat(history, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)

        let second = try await ReplPane(dir: dir)
        defer { second.close() }
        try await second.waitFor("the prompt") { $0.hasSuffix("mcptask demo>") }
        try await second.send("Up")
        try await second.waitFor("the last line back") { $0.hasSuffix("mcptask demo> jobs") }
        try await second.send("Up")
        try await second.waitFor("the line before") { $0.hasSuffix("mcptask demo> tools") }
    }

    // MARK: - The form outside the REPL, and other servers

    @Test func callAsksOnATerminal() async throws {
        let pane = try await ReplPane(["call", "-s", "demo", "ask_user"])
        defer { pane.close() }
        try await pane.waitFor("the form") { $0.contains("demo (mcptask-demo) asks (task ") && $0.hasSuffix("name>") }
        try await pane.type("Lin")
        try await pane.send("Enter")
        try await pane.waitFor("the age question") { $0.hasSuffix("age>") }
        try await pane.type("7")
        try await pane.send("Enter")
        for _ in 0..<3 { try await pane.send("Enter") }
        try await pane.waitFor("the review") { $0.hasSuffix("(a):") }
        try await pane.type("d")
        try await pane.send("Enter")
        try await pane.waitFor("the declined answer") { $0.contains("user declined") }
        #expect(try await pane.waitForExit() == 0)
    }

    /// The official SDK delivers the request inside the tasks/result response; FastMCP as a standalone
    /// request while tasks/get keeps saying working. Both reach the form and receive the typed values.
    @Test(arguments: ["sdk", "fastmcp3"])
    func formAgainstOtherServersOverStdio(_ server: String) async throws {
        let command: [String]
        switch server {
        case "sdk": command = try Paths.requireSDKServer()
        default: command = try Paths.requireFastMCP3Server()
        }
        let pane = try await ReplPane(["repl", "--"] + command)
        defer { pane.close() }
        try await answerAskUser(in: pane, prompt: "mcptask ")
        try await pane.waitFor("the server's answer") {
            $0.contains("action=accept") && $0.contains("'name': 'Ada'") && $0.contains("'age': 36")
        }
    }

    @Test func formAgainstTheSDKServerOverHTTP() async throws {
        try await withSDKServer { url in
            let pane = try await ReplPane(["repl", "-s", url])
            defer { pane.close() }
            try await answerAskUser(in: pane, prompt: "mcptask ")
            try await pane.waitFor("the server's answer") {
                $0.contains("action=accept") && $0.contains("'name': 'Ada'") && $0.contains("'age': 36")
            }
        }
    }

    /// `call ask_user`, then the form answered (see `ReplPane.answerAskUserForm`).
    private func answerAskUser(in pane: ReplPane, prompt: String) async throws {
        try await pane.waitFor("the prompt") { $0.contains(prompt) && $0.hasSuffix(">") }
        try await pane.type("call ask_user")
        try await pane.send("Enter")
        try await pane.answerAskUserForm()
    }
}

extension ReplPane {
    /// Answers ask_user's form once it shows: Ada and 36, Enter for every other field (its default) and for
    /// the review.
    func answerAskUserForm() async throws {
        // FastMCP's request names no task; then the form names the tool alone, or the task it inferred.
        try await waitFor("the form") { $0.contains(" asks (") && $0.hasSuffix("name>") }
        var screen = try await self.screen()
        while !screen.hasSuffix("(a):") {
            let question = screen.split(separator: "\n").last.map(String.init) ?? ""
            if question.hasSuffix("name>") {
                try await type("Ada")
            } else if question.hasSuffix("age>") {
                try await type("36")
            }
            try await send("Enter")
            let before = screen
            try await waitFor("the next question after '\(question)'") { now in
                // A field's prompt (`  name>`, perhaps with its default typed in) or the review's question.
                let last = now.split(separator: "\n").last.map(String.init) ?? ""
                return now != before && (last.hasSuffix("(a):") || (last.hasPrefix("  ") && last.contains(">")))
            }
            screen = try await self.screen()
        }
        try await send("Enter")
        try await waitFor("the answer sent") { $0.contains("accepted: sent to the server") }
    }
}

/// `mcptask repl -s demo` (or other arguments) in a tmux pane, a real pseudo-terminal, that stays on screen
/// when it exits.
final class ReplPane: Sendable {
    let dir: TempDir
    let tmux: String
    let socket: String
    let ownsDirectory: Bool

    init(
        dir given: TempDir? = nil, _ arguments: [String] = ["repl", "-s", "demo"],
        environment extra: [String: String] = [:]
    ) async throws {
        tmux = try #require(which("tmux"), "tmux is not installed: run scripts/repl-test-deps.sh")
        let binary = try Paths.requireMcptask()
        dir = try given ?? TempDir()
        ownsDirectory = given == nil
        socket = dir.file("tmux-\(UUID().uuidString.prefix(8)).sock")
        let target = binary.hasPrefix("/") ? binary : FileManager.default.currentDirectoryPath + "/" + binary
        let environment = [
            "HOME": dir.path, "XDG_STATE_HOME": dir.file("state"), "XDG_CONFIG_HOME": dir.file("config"),
            "XDG_CACHE_HOME": dir.file("cache"), "NO_COLOR": "1", "LANG": "C.UTF-8", "TERM": "xterm-256color",
        ]
        let assignments = environment.merging(extra) { $1 }.sorted { $0.key < $1.key }.map { "\($0.key)='\($0.value)'" }
        let quoted = ([target] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let command = "env " + assignments.joined(separator: " ") + " " + quoted.joined(separator: " ")
        try await run(["-f", "/dev/null", "new-session", "-d", "-x", "150", "-y", "50", "sleep 600"])
        try await run(["set-option", "-t", "0", "remain-on-exit", "on"])
        try await run(["respawn-pane", "-k", "-t", "0", command])
    }

    func close(keepingDirectory: Bool = false) {
        if let killer = try? Spawned([tmux, "-S", socket, "kill-server"], in: dir) {
            var status: Int32 = 0
            _ = waitpid(killer.pid, &status, 0)
        }
        if ownsDirectory && !keepingDirectory { dir.remove() }
    }

    /// Waits until the program in the pane has exited and gives its exit status. tmux sometimes leaves a
    /// quickly exiting child unreaped for a long while, so a zombie's status is read from /proc as well.
    func waitForExit(sourceLocation: SourceLocation = #_sourceLocation) async throws -> Int32 {
        let pid = try await run(["display-message", "-p", "-t", "0", "#{pane_pid}"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            let dead = try await run(["display-message", "-p", "-t", "0", "#{pane_dead} #{pane_dead_status}"]).stdout
                .split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            if dead.first == "1", dead.count > 1, let status = Int32(dead[1]) { return status }
            // /proc/PID/stat: the state is the first field after the command name; the exit code the last.
            if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            {
                let fields = stat[stat.index(after: close)...].split(separator: " ")
                if fields.first == "Z",
                    let code = fields.last.flatMap({ Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
                {
                    return (code >> 8) & 0xff
                }
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record(
            "timed out waiting for the program to exit; the screen:\n\(try await screen())",
            sourceLocation: sourceLocation)
        throw ProcessTimeout(arguments: ["repl", "exit"])
    }

    /// The process id of the program in the pane (mcptask: `env` execs it).
    func programPID() async throws -> pid_t {
        let text = try await run(["display-message", "-p", "-t", "0", "#{pane_pid}"]).stdout
        return try #require(pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)), "no pane pid: \(text)")
    }

    func type(_ text: String) async throws { try await run(["send-keys", "-t", "0", "-l", text]) }
    func send(_ key: String) async throws { try await run(["send-keys", "-t", "0", key]) }

    /// The pane's text, wrapped lines joined, blank lines and trailing blanks dropped.
    func screen() async throws -> String {
        let text = try await run(["capture-pane", "-p", "-J", "-t", "0"]).stdout
        return text.split(separator: "\n", omittingEmptySubsequences: true)
            .map { line in String(line.reversed().drop { $0 == " " }.reversed()) }
            .filter { !$0.isEmpty }
            .joined(separator: "\n")
    }

    /// Waits until the screen satisfies `condition`; fails with the screen after 30 s.
    func waitFor(
        _ what: String, sourceLocation: SourceLocation = #_sourceLocation, _ condition: (String) -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        var last = ""
        while ContinuousClock.now < deadline {
            last = try await screen()
            if condition(last) { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("timed out waiting for \(what); the screen:\n\(last)", sourceLocation: sourceLocation)
        throw ProcessTimeout(arguments: ["repl", what])
    }

    @discardableResult
    private func run(_ arguments: [String]) async throws -> RunResult {
        let result = try await Spawned([tmux, "-S", socket] + arguments, in: dir).wait(timeout: .seconds(20))
        try #require(result.status == 0, "tmux \(arguments.joined(separator: " ")) failed: \(result)")
        return result
    }
}
