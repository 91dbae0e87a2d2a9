import MCPCore

/// MCP 2025-11-25 core tasks: capabilities from `initialize`, `params.task` on tools/call, a blocking
/// tasks/result, status notifications, tasks/list and tasks/cancel when declared.
struct CoreTasksWire: TaskWire {
    let session: ClientSession
    /// The server's answer to `initialize`; nil before the handshake, when the wire offers nothing.
    let initialized: InitializeResult?

    var name: String { "2025-11-25 core tasks" }

    private var capabilities: ServerTaskCapabilities? {
        guard let initialized, ProtocolVersion.hasCoreTasks(initialized.protocolVersion) else { return nil }
        return initialized.capabilities.tasks
    }

    var runsToolCallsAsTasks: Bool { capabilities?.toolCalls ?? false }
    var canGet: Bool { capabilities?.requests != nil }
    var canCancel: Bool { capabilities?.canCancel ?? false }
    var canList: Bool { capabilities?.canList ?? false }
    var fetchesOutcomeSeparately: Bool { true }
    var pollsOnly: Bool { false }

    func taskMode(of tool: Tool) -> TaskSupport { tool.effectiveTaskSupport(serverRunsToolTasks: runsToolCallsAsTasks) }

    func callTool(
        name: String, arguments: [String: JSONValue]?, task: TaskMetadata?, progressToken: ProgressToken?
    ) async throws -> CallToolResponse {
        if task != nil && !runsToolCallsAsTasks {
            throw SessionError(
                .unsupported, "the server cannot run tool calls as tasks (it declares no tasks.requests.tools.call)")
        }
        let request = CallToolRequest(name: name, arguments: arguments, task: task, progressToken: progressToken)
        // A plain call has no timeout (tools may run long); creating a task should answer promptly.
        return try await session.send(request, timeout: task == nil ? nil : session.configuration.requestTimeout)
    }

    func snapshot(_ taskID: String) async throws -> TaskSnapshot {
        try require("tasks/get", canGet)
        return TaskSnapshot(task: try await session.send(GetTaskRequest(taskId: taskID)))
    }

    /// tasks/result: waits, without a timeout, for the task's final payload (or its JSON-RPC error). Given
    /// up silently: the task is cancelled with tasks/cancel or left alone, and a notifications/cancelled
    /// racing the answer crashes mcp 1.30 servers ("Request already responded to").
    func outcome(_ taskID: String) async throws -> CallToolResult {
        try require("tasks/result", canGet)
        return try await session.send(GetTaskPayloadRequest(taskId: taskID), timeout: nil, tellServerOnCancel: false)
    }

    func openOutcome(_ taskID: String, answer handler: @escaping OutcomeHandler) throws -> OpenRequest {
        try require("tasks/result", canGet)
        let request = try session.send(GetTaskPayloadRequest(taskId: taskID), answer: handler)
        return OpenRequest { request?.callOff(tellServer: false) }
    }

    func cancel(_ taskID: String) async throws -> TaskInfo? {
        try require("tasks/cancel", canCancel, capability: "tasks.cancel")
        return try await session.send(CancelTaskRequest(taskId: taskID))
    }

    func list() async throws -> [TaskInfo] {
        try require("tasks/list", canList, capability: "tasks.list")
        return try await session.collectPages(ListTasksRequest.method) { cursor in
            let page = try await session.send(ListTasksRequest(cursor: cursor))
            return (page.tasks, page.nextCursor)
        }
    }

    func answer(_ taskID: String, responses: [String: JSONValue]) async throws {
        throw SessionError(.unsupported, "tasks/update belongs to the 2026-07-28 tasks extension")
    }

    private func require(_ method: String, _ granted: Bool, capability: String = "tasks") throws {
        guard granted else {
            let reason: String
            if let revision = initialized?.protocolVersion {
                reason =
                    ProtocolVersion.hasCoreTasks(revision)
                    ? "it declares no \(capability) capability" : "it speaks protocol \(revision), which has no tasks"
            } else {
                reason = "the session is not connected yet"
            }
            throw SessionError(.unsupported, "the server does not support \(method): \(reason)")
        }
    }
}
