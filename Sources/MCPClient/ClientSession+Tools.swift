import MCPCore

extension ClientSession {
    /// Every tool, following `nextCursor` through all pages.
    public func listTools() async throws -> [Tool] {
        var tools: [Tool] = []
        var cursor: String?
        var seenCursors: Set<String> = []
        repeat {
            let page = try await send(ListToolsRequest(cursor: cursor))
            tools += page.tools
            cursor = page.nextCursor
            if let next = cursor, !seenCursors.insert(next).inserted {
                throw SessionError(.protocolViolation, "the server repeats the tools/list cursor '\(next)'")
            }
        } while cursor != nil
        return tools
    }

    /// Calls a tool, as a task when `task` is given. A progress token, when given, rides in `_meta`.
    /// A plain call has no timeout (tools may run long); cancelling the caller cancels the request.
    public func callTool(
        name: String, arguments: [String: JSONValue]?, task: TaskMetadata?, progressToken: ProgressToken?
    ) async throws -> CallToolResponse {
        if task != nil && !runsToolCallsAsTasks {
            throw SessionError(
                .unsupported, "the server cannot run tool calls as tasks (it declares no tasks.requests.tools.call)")
        }
        let request = CallToolRequest(name: name, arguments: arguments, task: task, progressToken: progressToken)
        return try await send(request, timeout: task == nil ? nil : configuration.requestTimeout)
    }
}
