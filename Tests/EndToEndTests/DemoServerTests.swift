import Foundation
import MCPCore
import Testing

@Suite("mcptask against the bundled demo server")
struct DemoServerTests {
    @Test("tools lists six tools with their task modes and a header with the protocol")
    func tools() async throws {
        let run = try await mcptask(["tools", "-s", "demo"])
        #expect(run.status == 0, "\(run)")
        let lines = run.stdoutLines
        #expect(lines.first?.contains("protocol 2025-11-25") == true, "\(run)")
        let expected = [
            "slow_count": "optional", "must_be_task": "required", "never_task": "forbidden",
            "ask_user": "optional", "fails": "optional", "cancellable_sleep": "optional",
        ]
        for (tool, mode) in expected {
            let row = lines.first { $0.split(separator: " ").first.map(String.init) == tool }
            #expect(row?.split(separator: " ").dropFirst().first.map(String.init) == mode, "\(tool): \(run)")
        }
        #expect(!run.stderr.contains("error"), "\(run)")
    }

    @Test("tools --json is one JSON document with the demo's tools array")
    func toolsJSON() async throws {
        let run = try await mcptask(["tools", "-s", "demo", "--json"])
        #expect(run.status == 0, "\(run)")
        let json = try JSONParser.parse(run.stdout)
        let tools = try #require(json["tools"]?.arrayValue, "\(run)")
        let names = tools.compactMap { $0["name"]?.stringValue }
        #expect(
            names == [
                "slow_count", "must_be_task", "never_task", "ask_user", "fails", "cancellable_sleep", "chatty_count",
                "lazy_result", "fails_rpc", "fails_quietly",
            ])
    }

    @Test("call slow_count runs as a task and prints the result")
    func slowCount() async throws {
        let run = try await mcptask(["call", "-s", "demo", "slow_count", "n=3", "delay=0.1"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("counted to 3"), "\(run)")
        #expect(run.stderr.contains("created"), "status goes to stderr: \(run)")
        #expect(!run.stdout.contains("created"), "status must not be on stdout: \(run)")
    }

    @Test("call --json prints the tool result object with its content")
    func callJSON() async throws {
        let run = try await mcptask(["call", "-s", "demo", "slow_count", "n=3", "delay=0.1", "--json"])
        #expect(run.status == 0, "\(run)")
        let json = try JSONParser.parse(run.stdout)
        let content = try #require(json["content"]?.arrayValue, "\(run)")
        #expect(content.first?["text"]?.stringValue == "counted to 3")
        #expect(json["structuredContent"]?["count"]?.intValue == 3)
    }

    @Test("call --events prints NDJSON lifecycle events: created, status, result")
    func callEvents() async throws {
        let run = try await mcptask(["call", "-s", "demo", "slow_count", "n=2", "delay=0.1", "--events"])
        #expect(run.status == 0, "\(run)")
        var kinds: [String] = []
        for line in run.stdoutLines {
            let event = try JSONParser.parse(line)
            let kind = try #require(event["event"]?.stringValue, "no event in \(line)")
            #expect(event["time"]?.stringValue != nil, "no time in \(line)")
            #expect(event["taskId"]?.stringValue != nil, "no taskId in \(line)")
            kinds.append(kind)
        }
        #expect(kinds.first == "created", "\(kinds)")
        #expect(kinds.contains("status"), "\(kinds)")
        #expect(kinds.last == "result", "\(kinds)")
    }

    @Test("must_be_task x=hi runs as a task")
    func mustBeTask() async throws {
        let run = try await mcptask(["call", "-s", "demo", "must_be_task", "x=hi"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("must_be_task: hi"), "\(run)")
    }

    @Test("--no-task on a required tool is a usage error")
    func noTaskOnRequired() async throws {
        let run = try await mcptask(["call", "-s", "demo", "must_be_task", "x=hi", "--no-task"])
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.contains("must_be_task"), "\(run)")
        #expect(run.stdout.isEmpty, "\(run)")
    }

    @Test("--task on a forbidden tool is a usage error with a clear message")
    func taskOnForbidden() async throws {
        let run = try await mcptask(["call", "-s", "demo", "never_task", "x=1", "--task"])
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.contains("never_task") && run.stderr.contains("forbidden"), "\(run)")
        #expect(run.stdout.isEmpty, "\(run)")
    }

    @Test("a forbidden tool called plainly works")
    func plainCall() async throws {
        let run = try await mcptask(["call", "-s", "demo", "never_task", "x=1"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("never_task: 1"), "\(run)")
        #expect(!run.stderr.contains("created"), "no task expected: \(run)")
    }

    @Test("a failing task exits 1 and says why on stderr")
    func fails() async throws {
        let run = try await mcptask(["call", "-s", "demo", "fails"])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("deliberate failure inside task"), "\(run)")
    }

    @Test("ask_user with --answer values completes")
    func askUserAnswered() async throws {
        let run = try await mcptask(["call", "-s", "demo", "ask_user", "--answer", "name=Ada", "--answer", "age=36"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("Hello Ada"), "\(run)")
    }

    @Test("ask_user without answers declines and exits 3")
    func askUserDeclined() async throws {
        let run = try await mcptask(["call", "-s", "demo", "ask_user"])
        #expect(run.status == 3, "\(run)")
        #expect(run.stderr.contains("declined"), "\(run)")
    }

    @Test("ask_user with --answers FILE holding a JSON object")
    func askUserAnswersFile() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let file = dir.file("answers.json")
        try #"{"name": "Grace", "age": 85}"#.write(toFile: file, atomically: true, encoding: .utf8)
        let run = try await mcptask(["call", "-s", "demo", "ask_user", "--answers", file])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("Hello Grace"), "\(run)")
    }

    @Test("an unknown tool is a usage error")
    func unknownTool() async throws {
        let run = try await mcptask(["call", "-s", "demo", "no_such_tool"])
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.contains("no_such_tool"), "\(run)")
    }

    @Test("an argument the schema cannot coerce is a usage error")
    func badArgument() async throws {
        let run = try await mcptask(["call", "-s", "demo", "slow_count", "n=abc"])
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.contains("abc"), "\(run)")
        #expect(!run.stderr.contains("created"), "no task should start: \(run)")
    }

    @Test("--trace writes every message, mode 0600, including tools/call with task")
    func trace() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let file = dir.file("trace.ndjson")
        let run = try await mcptask(["call", "-s", "demo", "must_be_task", "x=hi", "--trace", file])
        #expect(run.status == 0, "\(run)")
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600, "trace mode is \(String(mode ?? -1, radix: 8))")
        let trace = Trace(path: file)
        #expect(trace.entries.allSatisfy { $0["time"]?.stringValue != nil })
        let call = trace.messages.first { $0.dir == "send" && $0.message["method"]?.stringValue == "tools/call" }
        let params = try #require(call?.message["params"], "no tools/call in trace")
        #expect(params["task"]?.objectValue != nil, "tools/call without task: \(params)")
        #expect(params["name"]?.stringValue == "must_be_task")
        #expect(trace.hasCreateTaskResult)
    }

    @Test("--timeout on a long task exits 124")
    func timeout() async throws {
        let started = ContinuousClock.now
        // The task would sleep for an hour: the bound tells "stopped at the limit" from "ran to the end"
        // with room for a loaded machine, without racing it.
        let run = try await mcptask(["call", "-s", "demo", "cancellable_sleep", "seconds=3600", "--timeout", "1s"])
        #expect(run.status == 124, "\(run)")
        #expect(ContinuousClock.now - started < .seconds(60), "--timeout 1s took too long")
        #expect(run.stderr.contains("cancel"), "the task should be cancelled: \(run)")
    }

    @Test("no server given is a usage error")
    func noServer() async throws {
        let run = try await mcptask(["call", "slow_count"])
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.contains("server"), "\(run)")
    }
}
