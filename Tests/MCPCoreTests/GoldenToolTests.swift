import MCPCore
import Testing

@Suite("Golden JSON: tools")
struct GoldenToolTests {
    @Test("Tool without execution: forbidden, default input schema")
    func toolWithoutExecution() throws {
        let tool = try decoded(Tool.self, #"{"name": "never_task"}"#)
        #expect(tool.name == "never_task")
        #expect(tool.title == nil && tool.description == nil && tool.execution == nil)
        #expect(tool.inputSchema == ["type": "object"])
        #expect(tool.declaredTaskSupport == .forbidden)
        #expect(tool.effectiveTaskSupport(serverRunsToolTasks: true) == .forbidden)
        #expect(try decoded(Tool.self, #"{"name": "t", "execution": {}}"#).declaredTaskSupport == .forbidden)
        #expect(try decoded(Tool.self, #"{"name": "t", "execution": null}"#).execution == nil)
    }

    @Test(
        "Tool taskSupport: declared and effective",
        arguments: [("optional", TaskSupport.optional), ("required", .required), ("forbidden", .forbidden)])
    func taskSupport(raw: String, expected: TaskSupport) throws {
        let tool = try decoded(Tool.self, #"{"name": "t", "inputSchema": {}, "execution": {"taskSupport": "\#(raw)"}}"#)
        #expect(tool.execution == ToolExecution(taskSupport: expected))
        #expect(tool.declaredTaskSupport == expected)
        #expect(tool.effectiveTaskSupport(serverRunsToolTasks: true) == expected)
        #expect(tool.effectiveTaskSupport(serverRunsToolTasks: false) == .forbidden)
        #expect(expected.description == raw)
    }

    @Test("Tool keeps an unknown taskSupport and every unknown member")
    func toolUnknowns() throws {
        let text = #"""
            {"name": "slow_count", "title": "Slow", "description": "Counts slowly",
             "inputSchema": {"type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"]},
             "execution": {"taskSupport": "sometimes", "runner": "async"},
             "annotations": {"readOnlyHint": true}, "_meta": {"x": 1}}
            """#
        let tool = try decoded(Tool.self, text)
        #expect(tool.title == "Slow" && tool.description == "Counts slowly")
        #expect(tool.declaredTaskSupport == TaskSupport(rawValue: "sometimes"))
        #expect(tool.declaredTaskSupport.rawValue == "sometimes")
        #expect(tool.inputSchema["required"] == ["n"])
        #expect(tool.json == (try json(text)))
        #expect(try encoded(ToolExecution(taskSupport: .required)) == ["taskSupport": "required"])
    }

    @Test("Tool without a name is rejected with a readable sentence")
    func toolWithoutName() throws {
        let error = try #require(
            decodingError { _ = try decoded(ListToolsResult.self, #"{"tools": [{"title": "x"}]}"#) })
        #expect(codingPath(of: error) == ["tools", "0"])
        #expect(describe(error, method: "tools/list").hasPrefix("malformed tools/list: missing 'name' in tools"))
    }

    @Test("ListToolsRequest and ListToolsResult")
    func listTools() throws {
        #expect(ListToolsRequest.method == "tools/list")
        #expect(try encoded(ListToolsRequest()) == [:])
        #expect(try encoded(ListToolsRequest(cursor: "p2")) == ["cursor": "p2"])
        let page = try decoded(
            ListToolsResult.self, #"{"tools": [{"name": "a"}, {"name": "b", "inputSchema": {}}], "nextCursor": "p2"}"#)
        #expect(page.tools.map(\.name) == ["a", "b"])
        #expect(page.nextCursor == "p2")
        #expect(try decoded(ListToolsResult.self, #"{"tools": [], "nextCursor": null}"#).nextCursor == nil)
        #expect(try decoded(ListToolsResult.self, #"{"tools": []}"#).tools.isEmpty)
    }

    @Test("CallToolRequest: task augmentation and progress token in _meta")
    func callToolRequest() throws {
        #expect(CallToolRequest.method == "tools/call")
        let request = CallToolRequest(
            name: "slow_count", arguments: ["n": 3, "label": "x"], task: TaskMetadata(ttl: 60000),
            progressToken: .string("cli-12"))
        let expected = try json(
            #"""
            {"name": "slow_count", "arguments": {"n": 3, "label": "x"}, "task": {"ttl": 60000},
             "_meta": {"progressToken": "cli-12"}}
            """#)
        #expect(try encoded(request) == expected)
        let plain = CallToolRequest(name: "never_task", arguments: nil)
        #expect(try encoded(plain) == ["name": "never_task"])
        let noTTL = CallToolRequest(name: "t", arguments: [:], task: TaskMetadata(), progressToken: .int(7))
        #expect(try encoded(noTTL) == ["name": "t", "arguments": [:], "task": [:], "_meta": ["progressToken": 7]])
    }

    @Test("CallToolResponse: a task when result.task.taskId is a string")
    func callToolResponseTask() throws {
        let text = #"""
            {"task": {"taskId": "t-1", "status": "working", "createdAt": "2026-01-05T09:00:00.000Z",
                      "lastUpdatedAt": "2026-01-05T09:00:00.000Z", "ttl": 60000, "pollInterval": 500},
             "_meta": {"io.modelcontextprotocol/model-immediate-response": "Started."}}
            """#
        guard case .task(let created) = try decoded(CallToolResponse.self, text) else {
            Issue.record("not decoded as a task")
            return
        }
        #expect(created.task.taskId == "t-1" && created.task.status == .working)
        #expect(created.modelImmediateResponse == "Started.")
    }

    @Test(
        "CallToolResponse: anything else is a tool result",
        arguments: [
            #"{"content": [{"type": "text", "text": "hi"}]}"#, #"{"task": "not an object", "content": []}"#,
            #"{"task": {"status": "working"}}"#, #"{"task": {"taskId": 5}}"#, "{}",
            #"{"resultType": "task", "taskId": "flat"}"#,
        ])
    func callToolResponseResult(text: String) throws {
        let response = try decoded(CallToolResponse.self, text)
        #expect(response == .result(CallToolResult(json: try json(text))))
    }

    @Test("CallToolResponse: a task with a bad member reports its path")
    func callToolResponseBadTask() throws {
        let error = try #require(
            decodingError { _ = try decoded(CallToolResponse.self, #"{"task": {"taskId": "t", "status": 5}}"#) })
        #expect(codingPath(of: error) == ["task", "status"])
        #expect(
            describe(error, method: "tools/call")
                == "malformed tools/call: at task.status, expected String, found number")
    }

    @Test("CallToolResult: isError, structuredContent, isEmpty")
    func callToolResult() throws {
        let failed = try decoded(
            CallToolResult.self, #"{"content": [], "isError": true, "structuredContent": {"a": 1}}"#)
        #expect(failed.isError && !failed.isEmpty)
        #expect(failed.structuredContent == ["a": 1])
        #expect(!(try decoded(CallToolResult.self, #"{"content": [], "isError": false}"#)).isError)
        #expect(!(try decoded(CallToolResult.self, #"{"content": []}"#)).isError)
        #expect(try decoded(CallToolResult.self, "{}").isEmpty)
        #expect(try decoded(CallToolResult.self, #"{"_meta": {"io.modelcontextprotocol/related-task": {}}}"#).isEmpty)
        #expect(!(try decoded(CallToolResult.self, #"{"_meta": {}, "content": []}"#)).isEmpty)
        #expect(try decoded(CallToolResult.self, "{}").content.isEmpty)
        #expect(throws: DecodingError.self) { try decoded(CallToolResult.self, "[]") }
        #expect(throws: DecodingError.self) { try decoded(CallToolResult.self, "null") }
    }

    @Test("ContentBlock: every kind")
    func contentBlocks() throws {
        let text = #"""
            {"content": [
              {"type": "text", "text": "hello"},
              {"type": "image", "data": "AAAABBBB", "mimeType": "image/png"},
              {"type": "audio", "data": "AAAA"},
              {"type": "resource_link", "uri": "file:///a.txt", "name": "a.txt"},
              {"type": "resource_link", "uri": "file:///b"},
              {"type": "resource", "resource": {"uri": "mem://x", "text": "body"}},
              {"type": "resource", "resource": {"uri": "mem://y", "blob": "AAAA"}},
              {"type": "widget", "size": 3},
              {"text": "no type"},
              {"type": "text"}
            ]}
            """#
        let blocks = try decoded(CallToolResult.self, text).content
        let expected: [ContentBlock] = [
            .text("hello"), .image(mimeType: "image/png", byteCount: 6),
            .audio(mimeType: "application/octet-stream", byteCount: 3),
            .resourceLink(uri: "file:///a.txt", name: "a.txt"),
            .resourceLink(uri: "file:///b", name: nil), .resource(uri: "mem://x", text: "body"),
            .resource(uri: "mem://y", text: nil), .other(type: "widget", json: ["type": "widget", "size": 3]),
            .other(type: "unknown", json: ["text": "no type"]), .text(""),
        ]
        #expect(blocks == expected)
    }
}
