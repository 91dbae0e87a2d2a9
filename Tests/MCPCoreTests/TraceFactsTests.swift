import MCPCore
import Testing

/// The exchanges for `method` in trace `name`.
private func exchanges(_ name: String, _ method: String) throws -> [TraceExchange] {
    try Traces.file(name).exchanges().filter { $0.method == method }
}

@Suite("Facts from real traces")
struct TraceFactsTests {
    @Test("sdk-stdio-task-fail: tasks/result of a failed task is a result holding only _meta")
    func failedTaskResultIsEmpty() throws {
        let answers = try exchanges("sdk-stdio-task-fail.jsonl", GetTaskPayloadRequest.method)
        let answer = try #require(answers.first?.result)
        let result = try JSONValueDecoder.decode(CallToolResult.self, from: answer)
        #expect(result.isEmpty)
        #expect(!result.isError && result.content.isEmpty)
        let taskID = try #require(answers.first?.params?["taskId"]?.stringValue)
        #expect(JSONValue.relatedTaskID(params: answer, envelopeMeta: nil) == taskID)
        let polls = try exchanges("sdk-stdio-task-fail.jsonl", GetTaskRequest.method).compactMap(\.result)
        let statuses = try polls.map { try JSONValueDecoder.decode(TaskInfo.self, from: $0).status }
        #expect(statuses.last == .failed)
    }

    @Test("sdk-stdio-task-fail: tools/call with task answers a CreateTaskResult")
    func taskCreated() throws {
        let call = try #require(try exchanges("sdk-stdio-task-fail.jsonl", CallToolRequest.method).first?.result)
        guard case .task(let created) = try JSONValueDecoder.decode(CallToolResponse.self, from: call) else {
            Issue.record("tools/call with task did not answer a task: \(call)")
            return
        }
        #expect(created.task.status == .working)
        #expect(created.task.ttl == 60000 && created.task.pollInterval == 500)
        #expect(created.task.createdAt == "2026-11-21T16:01:55.132143Z")
    }

    @Test("fastmcp-stdio-init: never_task declares no execution, so it is forbidden")
    func fastMCPNeverTask() throws {
        let listing = try #require(try exchanges("fastmcp-stdio-init.jsonl", ListToolsRequest.method).first?.result)
        let tools = try JSONValueDecoder.decode(ListToolsResult.self, from: listing).tools
        let neverTask = try #require(tools.first { $0.name == "never_task" })
        #expect(neverTask.execution == nil)
        #expect(neverTask.declaredTaskSupport == .forbidden)
        let mustBeTask = try #require(tools.first { $0.name == "must_be_task" })
        #expect(mustBeTask.declaredTaskSupport == .required)
        #expect(mustBeTask.effectiveTaskSupport(serverRunsToolTasks: false) == .forbidden)
    }

    @Test("sdk-stdio-init: never_task declares forbidden explicitly; the server runs tool calls as tasks")
    func sdkInit() throws {
        let initialize = try #require(try exchanges("sdk-stdio-init.jsonl", InitializeRequest.method).first?.result)
        let result = try JSONValueDecoder.decode(InitializeResult.self, from: initialize)
        #expect(result.serverInfo.name == "lab-sdk-server")
        let tasks = try #require(result.capabilities.tasks)
        #expect(tasks.summary == ["list", "cancel", "tools/call"])
        let listing = try #require(try exchanges("sdk-stdio-init.jsonl", ListToolsRequest.method).first?.result)
        let tools = try JSONValueDecoder.decode(ListToolsResult.self, from: listing).tools
        let neverTask = try #require(tools.first { $0.name == "never_task" })
        #expect(neverTask.execution == ToolExecution(taskSupport: .forbidden))
        #expect(
            tools.first { $0.name == "slow_count" }?.effectiveTaskSupport(serverRunsToolTasks: tasks.toolCalls)
                == .optional)
    }

    @Test("fastmcp-stdio-modes: never_task called as a task answers an error result, not a task")
    func fastMCPModes() throws {
        let calls = try exchanges("fastmcp-stdio-modes.jsonl", CallToolRequest.method)
        let augmented = try #require(calls.first { $0.params?["name"] == "never_task" && $0.params?["task"] != nil })
        let response = try JSONValueDecoder.decode(CallToolResponse.self, from: try #require(augmented.result))
        guard case .result(let result) = response else {
            Issue.record("answered a task: \(response)")
            return
        }
        #expect(result.isError)
        guard case .text(let text) = try #require(result.content.first) else {
            Issue.record("not text: \(result.content)")
            return
        }
        #expect(text.contains("does not support task-augmented execution"))
    }

    @Test("pymcpkit-stdio-task-progress: progress names its task in the top-level _meta")
    func pymcpkitProgress() throws {
        let file = try Traces.file("pymcpkit-stdio-task-progress.jsonl")
        var seen = 0
        for message in file.messages where message.json["method"] == "notifications/progress" {
            guard case .notification(let method, let params, let meta) = try JSONRPCMessage.classify(message.json)
            else { continue }
            #expect(params?["_meta"] == nil, "expected the marker outside params")
            let decoded = try ServerNotification.decode(method: method, params: params, envelopeMeta: meta)
            guard case .progress(let progress, let relatedTaskID) = decoded else {
                Issue.record("not progress: \(decoded)")
                continue
            }
            #expect(relatedTaskID == "e523c155-fc73-4c3b-a56a-9d0588efc55e")
            #expect(progress.progressToken == .string("task-progress-1") && progress.total == 4)
            seen += 1
        }
        #expect(seen >= 3)
    }

    @Test("every trace with an elicitation answers it with a valid ElicitResult")
    func elicitationAnswers() throws {
        var actions: Set<String> = []
        for file in try Traces.load() {
            for exchange in try file.exchanges() where exchange.method == ElicitRequest.method {
                let result = try JSONValueDecoder.decode(ElicitResult.self, from: try #require(exchange.result))
                actions.insert(result.action.rawValue)
                if result.action == .accept { #expect(result.content != nil, "\(exchange.response.location)") }
            }
        }
        #expect(actions.isSuperset(of: ["accept", "decline"]), "actions seen: \(actions)")
    }

    @Test("the trace folder is found relative to this file")
    func traceFolder() throws {
        #expect(Traces.directory.path.hasSuffix("/shared/traces"))
        #expect(try Traces.load().contains { $0.name == "sdk-stdio-task-fail.jsonl" })
    }
}
