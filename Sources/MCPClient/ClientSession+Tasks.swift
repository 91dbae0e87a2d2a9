import MCPCore

extension ClientSession {
    /// tasks/get.
    public func getTask(_ taskID: String) async throws -> TaskInfo {
        try requireTasks("tasks/get", granted: taskCapabilities?.requests != nil)
        return try await send(GetTaskRequest(taskId: taskID))
    }

    /// tasks/result: waits, without a timeout, for the task's final payload (or its JSON-RPC error).
    public func taskPayload(_ taskID: String) async throws -> CallToolResult {
        try requireTasks("tasks/result", granted: taskCapabilities?.requests != nil)
        return try await send(GetTaskPayloadRequest(taskId: taskID), timeout: nil)
    }

    /// tasks/cancel; only when the server declares `tasks.cancel`.
    public func cancelTask(_ taskID: String) async throws -> TaskInfo {
        try requireTasks("tasks/cancel", granted: taskCapabilities?.canCancel ?? false, capability: "tasks.cancel")
        return try await send(CancelTaskRequest(taskId: taskID))
    }

    /// Every task the server lists, through all pages; only when the server declares `tasks.list`.
    public func listTasks() async throws -> [TaskInfo] {
        try requireTasks("tasks/list", granted: taskCapabilities?.canList ?? false, capability: "tasks.list")
        return try await collectPages(ListTasksRequest.method) { cursor in
            let page = try await send(ListTasksRequest(cursor: cursor))
            return (page.tasks, page.nextCursor)
        }
    }

    private func requireTasks(_ method: String, granted: Bool, capability: String = "tasks") throws {
        guard granted else {
            let revision = initializeResult?.protocolVersion ?? "unknown"
            let reason =
                ProtocolVersion.hasCoreTasks(revision)
                ? "it declares no \(capability) capability" : "it speaks protocol \(revision), which has no tasks"
            throw SessionError(.unsupported, "the server does not support \(method): \(reason)")
        }
    }
}
