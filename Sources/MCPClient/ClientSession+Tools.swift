import MCPCore

extension ClientSession {
    /// Every tool, following `nextCursor` through all pages.
    public func listTools() async throws -> [Tool] {
        try await collectPages(ListToolsRequest.method) { cursor in
            let page = try await send(ListToolsRequest(cursor: cursor))
            return (page.tools, page.nextCursor)
        }
    }

    /// Gathers a paginated list; a cursor the server repeats is a protocol violation, not an endless loop.
    func collectPages<Item>(
        _ method: String, _ fetch: (String?) async throws -> (items: [Item], nextCursor: String?)
    ) async throws -> [Item] {
        var items: [Item] = []
        var cursor: String?
        var seenCursors: Set<String> = []
        repeat {
            let page = try await fetch(cursor)
            items += page.items
            cursor = page.nextCursor
            if let next = cursor, !seenCursors.insert(next).inserted {
                throw SessionError(.protocolViolation, "the server repeats the \(method) cursor '\(next)'")
            }
        } while cursor != nil
        return items
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
