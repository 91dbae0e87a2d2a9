import MCPCore
import Testing

@Suite("Golden JSON: lifecycle and errors")
struct GoldenLifecycleTests {
    @Test("InitializeRequest with mcptask's capabilities")
    func initializeRequest() throws {
        #expect(InitializeRequest.method == "initialize")
        let request = InitializeRequest(
            protocolVersion: ProtocolVersion.latest, capabilities: .mcptask,
            clientInfo: Implementation(name: "mcptask", version: "0.1.0"))
        let expected = try json(
            #"""
            {"protocolVersion": "2025-11-25",
             "capabilities": {"elicitation": {"form": {}, "url": {}}, "tasks": {}},
             "clientInfo": {"name": "mcptask", "version": "0.1.0"}}
            """#)
        #expect(try encoded(request) == expected)
    }

    @Test("ClientCapabilities round trip, empty capabilities are an empty object")
    func clientCapabilities() throws {
        #expect(try encoded(ClientCapabilities()) == [:])
        let parsed = try decoded(ClientCapabilities.self, #"{"elicitation": {}, "tasks": {"list": {}}, "roots": {}}"#)
        #expect(parsed.elicitation == ElicitationCapability())
        #expect(parsed.tasks == ["list": [:]])
        #expect(
            try JSONValueDecoder.decode(ClientCapabilities.self, from: encoded(ClientCapabilities.mcptask)) == .mcptask)
    }

    static let serverResult = #"""
        {"protocolVersion": "2025-11-25",
         "capabilities": {"experimental": {}, "tools": {"listChanged": false}, "logging": {}, "completions": {},
                          "tasks": {"list": {}, "cancel": {},
                                    "requests": {"tools": {"call": {}}, "sampling": {"createMessage": {}}}}},
         "serverInfo": {"name": "lab-sdk-server", "version": "1.0.0", "title": "Lab"},
         "instructions": "Be nice."}
        """#

    @Test("InitializeResult with a tasks capability")
    func initializeResult() throws {
        let result = try decoded(InitializeResult.self, Self.serverResult)
        #expect(result.protocolVersion == "2025-11-25")
        #expect(result.serverInfo == Implementation(name: "lab-sdk-server", version: "1.0.0", title: "Lab"))
        #expect(result.instructions == "Be nice.")
        #expect(result.capabilities.tools == ["listChanged": false])
        #expect(result.capabilities.logging == [:])
        #expect(result.capabilities.experimental == [:])
        #expect(result.capabilities.prompts == nil && result.capabilities.resources == nil)
        let tasks = try #require(result.capabilities.tasks)
        #expect(tasks.canList && tasks.canCancel && tasks.toolCalls)
        #expect(tasks.summary == ["list", "cancel", "sampling/createMessage", "tools/call"])
    }

    @Test("InitializeResult encodes what it decoded, unknown capabilities dropped")
    func initializeResultEncoding() throws {
        let result = try decoded(InitializeResult.self, Self.serverResult)
        let value = try encoded(result)
        #expect(value["capabilities"]?["completions"] == nil)
        #expect(value["capabilities"]?["tasks"]?["requests"]?["tools"] == ["call": [:]])
        #expect(try JSONValueDecoder.decode(InitializeResult.self, from: value) == result)
        let minimal = InitializeResult(
            protocolVersion: "2025-06-18", capabilities: ServerCapabilities(tools: [:]),
            serverInfo: Implementation(name: "s", version: "1"))
        let expected = try json(
            #"{"protocolVersion": "2025-06-18", "capabilities": {"tools": {}}, "serverInfo": {"name": "s", "version": "1"}}"#
        )
        #expect(try encoded(minimal) == expected)
    }

    @Test("ServerTaskCapabilities: what each declaration allows")
    func serverTaskCapabilities() throws {
        let none = try decoded(ServerTaskCapabilities.self, "{}")
        #expect(!none.canList && !none.canCancel && !none.toolCalls && none.summary.isEmpty)
        let listOnly = try decoded(ServerTaskCapabilities.self, #"{"list": {}, "requests": {"tools": {}}}"#)
        #expect(listOnly.canList && !listOnly.canCancel && !listOnly.toolCalls)
        #expect(listOnly.summary == ["list"])
        let callOnly = try decoded(ServerTaskCapabilities.self, #"{"requests": {"tools": {"call": {}}}}"#)
        #expect(callOnly.toolCalls && callOnly.summary == ["tools/call"])
        #expect(try encoded(callOnly) == ["requests": ["tools": ["call": [:]]]])
        let noTasks = try decoded(ServerCapabilities.self, #"{"tools": {}}"#)
        #expect(noTasks.tasks == nil)
    }

    @Test("ProtocolVersion: only 2025-11-25 has core tasks")
    func protocolVersions() {
        #expect(ProtocolVersion.supported.first == ProtocolVersion.latest)
        #expect(ProtocolVersion.hasCoreTasks("2025-11-25"))
        #expect(!ProtocolVersion.hasCoreTasks("2025-06-18"))
        #expect(!ProtocolVersion.hasCoreTasks("2026-07-28"))
    }

    @Test("PingRequest is an empty object; EmptyResult keeps only _meta")
    func ping() throws {
        #expect(PingRequest.method == "ping")
        #expect(try encoded(PingRequest()) == [:])
        #expect(try encoded(EmptyResult()) == [:])
        #expect(try decoded(EmptyResult.self, "{}") == EmptyResult())
        #expect(try decoded(EmptyResult.self, #"{"_meta": {"k": 1}, "other": 2}"#) == EmptyResult(_meta: ["k": 1]))
        #expect(try encoded(EmptyResult(_meta: ["k": 1])) == ["_meta": ["k": 1]])
        #expect(InitializedNotification.method == "notifications/initialized")
        #expect(try encoded(InitializedNotification()) == [:])
    }

    @Test("ErrorCode: the named codes, unknown codes kept, encoded as a bare integer")
    func errorCodes() throws {
        let named: [(ErrorCode, Int)] = [
            (.parseError, -32700), (.invalidRequest, -32600), (.methodNotFound, -32601), (.invalidParams, -32602),
            (.internalError, -32603), (.urlElicitationRequired, -32042), (.headerMismatch, -32020),
            (.missingRequiredClientCapability, -32021), (.unsupportedProtocolVersion, -32022),
        ]
        for (code, raw) in named {
            #expect(code.rawValue == raw)
            #expect(try encoded(code) == .int(raw))
        }
        #expect(try JSONValueDecoder.decode(ErrorCode.self, from: 12345) == ErrorCode(12345))
        #expect(ErrorCode(rawValue: -32601) == .methodNotFound)
        #expect(ErrorCode.methodNotFound.description == "-32601")
    }

    @Test("ResponseError: data kept verbatim, omitted when nil, readable description")
    func responseError() throws {
        let text = #"""
            {"code": -32042, "message": "This request requires more information.",
             "data": {"elicitations": [{"mode": "url", "elicitationId": "e-1", "url": "https://x.test/a",
                                        "message": "Log in"}]}}
            """#
        let error = try decoded(ResponseError.self, text)
        #expect(error.code == .urlElicitationRequired)
        #expect(error.data?["elicitations"]?.arrayValue?.first?["elicitationId"] == "e-1")
        #expect(try encoded(error) == json(text))
        let plain = ResponseError(code: .invalidParams, message: "Task already finished")
        #expect(try encoded(plain) == ["code": -32602, "message": "Task already finished"])
        #expect(plain.description == "Task already finished (error -32602)")
        let missing = try #require(decodingError { _ = try decoded(ResponseError.self, #"{"code": 1}"#) })
        #expect(describe(missing, method: "tools/call") == "malformed tools/call: missing 'message'")
    }
}
