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

    /// Calls a tool, as a task when `task` is given (on the 2026-07-28 wire: asks for one, and the server
    /// decides). A progress token, when given, rides in `_meta`. A plain call has no timeout.
    public func callTool(
        name: String, arguments: [String: JSONValue]?, task: TaskMetadata?, progressToken: ProgressToken?
    ) async throws -> CallToolResponse {
        try await wire.callTool(name: name, arguments: arguments, task: task, progressToken: progressToken)
    }
}
