import MCPCore

extension ClientSession {
    /// The task wire of the connected server: 2025-11-25 core tasks, or the 2026-07-28 tasks extension.
    public var wire: any TaskWire {
        let (initialized, discovered) = state.withLock { ($0.initializeResult, $0.discoverResult) }
        if let discovered { return ExtensionTasksWire(session: self, discovered: discovered) }
        return CoreTasksWire(session: self, initialized: initialized)
    }

    /// tasks/get.
    public func getTask(_ taskID: String) async throws -> TaskInfo { try await wire.snapshot(taskID).task }

    /// The task's outcome: tasks/result (which waits, without a timeout), or tasks/get where it is inline.
    public func taskPayload(_ taskID: String) async throws -> CallToolResult { try await wire.outcome(taskID) }

    /// tasks/cancel, when the server can; the task as it then stands, or nil where cancel only acknowledges.
    public func cancelTask(_ taskID: String) async throws -> TaskInfo? { try await wire.cancel(taskID) }

    /// Every task the server lists, through all pages, when it can list them.
    public func listTasks() async throws -> [TaskInfo] { try await wire.list() }

    /// Answers a set of input requests (2026-07-28), each with the session's elicitation handler; the
    /// answers are keyed as the requests were.
    func answerInputRequests(_ requests: [String: InputRequest], taskID: String?) async throws -> [String: JSONValue] {
        var responses: [String: JSONValue] = [:]
        for key in requests.keys.sorted() {
            guard let request = requests[key], let elicitation = request.elicitation else {
                let method = requests[key]?.method ?? "?"
                throw SessionError(
                    .unsupported,
                    "the server asks for '\(method)' input, which mcptask cannot provide (only elicitation)")
            }
            let result = await elicit(
                elicitation, context: ElicitationContext(requestID: .string(key), relatedTaskID: taskID))
            responses[key] = try JSONValueEncoder.encode(result)
        }
        return responses
    }
}
