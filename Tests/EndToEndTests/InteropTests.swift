import MCPCore
import Testing

/// mcptask against the official Python SDK (`mcp` 1.30.0) over stdio.
@Suite("Interop with the Python SDK server", .serialized)
struct InteropTests {
    private func sdk(_ arguments: [String]) async throws -> RunResult {
        let server = try Paths.requireSDKServer()
        return try await mcptask(arguments + ["--"] + server)
    }

    @Test("tools shows the task modes the SDK server declares")
    func tools() async throws {
        let run = try await sdk(["tools"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdoutLines.first?.contains("protocol") == true, "\(run)")
        let modes = ["slow_count": "optional", "must_be_task": "required", "never_task": "forbidden"]
        for (tool, mode) in modes {
            let row = run.stdoutLines.first { $0.split(separator: " ").first.map(String.init) == tool }
            #expect(row?.split(separator: " ").dropFirst().first.map(String.init) == mode, "\(tool): \(run)")
        }
    }

    @Test("call must_be_task x=hi")
    func mustBeTask() async throws {
        let run = try await sdk(["call", "must_be_task", "x=hi"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("must_be_task: hi"), "\(run)")
    }

    @Test("call fails: exit 1 with the failure message from tasks/get")
    func fails() async throws {
        let run = try await sdk(["call", "fails"])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("deliberate failure inside task"), "\(run)")
    }

    @Test("ask_user answered from --answer: elicitation inside tasks/result")
    func askUser() async throws {
        let run = try await sdk(["call", "ask_user", "--answer", "name=Ada", "--answer", "age=36"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("Ada"), "\(run)")
    }

    @Test("slow_count n=3 delay=0.2 counts to 3")
    func slowCount() async throws {
        let run = try await sdk(["call", "slow_count", "n=3", "delay=0.2"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("counted to 3"), "\(run)")
    }

    @Test("Ctrl-C on cancellable_sleep cancels the task and exits 130")
    func ctrlC() async throws {
        let server = try Paths.requireSDKServer()
        try await checkCtrlCCancelsTask(server: ["--"] + server)
    }
}
