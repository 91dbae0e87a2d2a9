import MCPCommandKit
import MCPCore
import MCPTaskCommands
import MCPTestSupport
import Testing

/// Bad arguments, run through the program's own entry in process: one clear line that quotes the flag and
/// the value, and the documented exit status; nothing is started.
@Suite struct ArgumentTests {
    /// Runs mcptask with `arguments`; its exit status and what it wrote.
    func run(_ arguments: [String]) async -> (status: Int32, stdout: String, stderr: String) {
        let recording = RecordingConsole()
        let directory = makeTestDirectory("args")
        let environment = CommandEnvironment(
            console: recording.console, signals: SignalRouter(), variables: isolatedVariables(directory))
        let status = await MCPTaskProgram.run(arguments, in: environment)
        return (status, recording.stdout, recording.stderr)
    }

    @Test(
        "zero and negative durations are refused, quoting the flag and the value",
        arguments: [
            (["call", "-s", "demo", "slow_count", "--ttl", "-5s"], "--ttl must be more than 0", "-5s"),
            (["call", "-s", "demo", "slow_count", "--timeout", "0"], "--timeout must be more than 0", "0s"),
            (["tools", "-s", "demo", "--request-timeout", "0"], "--request-timeout must be more than 0", "0s"),
            (["tools", "-s", "demo", "--timeout=-250ms"], "--timeout must be more than 0", "-250ms"),
        ])
    func durations(arguments: [String], says: String, value: String) async {
        let result = await run(arguments)
        #expect(result.status == 64, "\(result)")
        #expect(result.stderr.contains(says), "\(result)")
        #expect(result.stderr.contains("got \(value)"), "\(result)")
    }

    @Test("a URL of another scheme is named as unsupported, not looked up as a server name")
    func unsupportedScheme() async {
        let result = await run(["tools", "-s", "ftp://example.test/mcp"])
        #expect(result.status == 64, "\(result)")
        #expect(result.stderr.contains("'ftp://' servers are not supported"), "\(result)")
    }

    @Test("an overlong task id is clipped in the error line")
    func overlongTaskID() async {
        let id = String(repeating: "x", count: 5000)
        let result = await run(["status", id])
        #expect(result.status == 6, "\(result)")
        #expect(result.stderr.contains("(5000 characters)"), "\(result)")
        #expect(result.stderr.count < 600, "\(result)")
    }

    @Test("--args that is not JSON says why; one of the wrong type is refused before anything is sent")
    func argsChecked() throws {
        let schema: JSONValue = [
            "type": "object",
            "properties": ["n": ["type": "integer"], "colour": ["type": "string", "enum": ["red", "green"]]],
        ]
        #expect(throws: CommandFailure.self) { try CallArguments.build(assignments: [], args: "{bad", schema: schema) }
        do {
            _ = try CallArguments.build(assignments: [], args: "{bad", schema: schema)
        } catch let failure as CommandFailure {
            #expect(failure.message.hasPrefix("--args is not JSON: "), "\(failure.message)")
        }
        for bad in [#"{"n": true}"#, #"{"n": 1.5}"#, #"{"colour": "blue"}"#, "[1]"] {
            #expect(throws: CommandFailure.self, "\(bad)") {
                try CallArguments.build(assignments: [], args: bad, schema: schema)
            }
        }
        let good = try CallArguments.build(assignments: [], args: #"{"n": "3", "colour": "red"}"#, schema: schema)
        #expect(good["n"] == 3)
        #expect(good["colour"] == "red")
    }

    @Test("mcptask alone prints the help; an unknown flag is a usage error")
    func helpAndUsage() async {
        let alone = await run([])
        #expect(alone.status == 0)
        #expect(alone.stdout.contains("USAGE: mcptask"))
        let unknown = await run(["tools", "--no-such-flag"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("--no-such-flag"))
    }
}
