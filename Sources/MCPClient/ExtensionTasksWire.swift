import MCPCore

/// MCP 2026-07-28 with the tasks extension (`io.modelcontextprotocol/tasks`): the server decides per call
/// whether a task is made (when the request declares the extension), tasks/get carries the outcome and any
/// input requests, input goes back with tasks/update, tasks/cancel only acknowledges, and there is no
/// tasks/list, no tasks/result and no status push.
struct ExtensionTasksWire: TaskWire {
    let session: ClientSession
    let discovered: DiscoverResult

    /// How many input rounds a plain call may take before mcptask calls it a loop.
    static let maximumInputRounds = 16

    var name: String { discovered.offersTasks ? "2026-07-28 tasks extension" : "2026-07-28 (no tasks extension)" }
    var runsToolCallsAsTasks: Bool { discovered.offersTasks }
    var canGet: Bool { discovered.offersTasks }
    var canCancel: Bool { discovered.offersTasks }
    var canList: Bool { false }
    var fetchesOutcomeSeparately: Bool { false }
    var pollsOnly: Bool { true }

    func taskMode(of tool: Tool) -> TaskSupport {
        guard discovered.offersTasks else { return .forbidden }
        return tool.execution?.taskSupport ?? .decidedByServer
    }

    func callTool(
        name: String, arguments: [String: JSONValue]?, task: TaskMetadata?, progressToken: ProgressToken?
    ) async throws -> CallToolResponse {
        // Declaring the extension is how a call asks for a task; leaving it out asks for none.
        let envelope = session.envelope(declaringTasks: task != nil && discovered.offersTasks)
        var inputResponses: [String: JSONValue]?
        var requestState: JSONValue?
        for _ in 0..<Self.maximumInputRounds {
            var params: [String: JSONValue] = ["name": .string(name)]
            params["arguments"] = arguments.map(JSONValue.object)
            params["_meta"] = progressToken.map { ["progressToken": $0.json] }
            params["inputResponses"] = inputResponses.map(JSONValue.object)
            params["requestState"] = requestState
            // No timeout: the server may run even a task-declared call inline, for as long as it takes.
            let answer = try await session.sendRequest(
                method: CallToolRequest.method, params: .object(params), timeout: nil, envelope: envelope)
            let response: ExtensionCallResponse
            do {
                response = try JSONValueDecoder.decode(ExtensionCallResponse.self, from: answer)
            } catch {
                throw SessionError(
                    .protocolViolation, "the server's answer to \(describe(error, method: CallToolRequest.method))")
            }
            switch response {
            case .result(let result): return .result(result)
            case .task(let created): return .task(CreateTaskResult(task: created.info))
            case .inputRequired(let asked):
                inputResponses = try await session.answerInputRequests(asked.inputRequests, taskID: nil)
                requestState = asked.requestState
            }
        }
        throw SessionError(
            .protocolViolation,
            "the server asked for input \(Self.maximumInputRounds) times in a row for one call of '\(name)'")
    }

    func snapshot(_ taskID: String) async throws -> TaskSnapshot {
        try requireExtension("tasks/get")
        let task = try await session.send(GetDetailedTaskRequest(taskId: taskID))
        var outcome: Result<CallToolResult, ResponseError>?
        switch task.status {
        case .completed:
            // A completed task carries its result; an odd server that leaves it out gets an empty one.
            outcome = .success(task.result ?? CallToolResult(json: ["content": []]))
        case .failed:
            outcome = .failure(
                task.error ?? ResponseError(code: .internalError, message: task.statusMessage ?? "the task failed"))
        default:
            outcome = nil
        }
        return TaskSnapshot(task: task.info, outcome: outcome, inputRequests: task.inputRequests ?? [:])
    }

    /// tasks/get standing in for tasks/result: the outcome once terminal, else the "not completed yet"
    /// error a non-blocking tasks/result gives, which the tracker already knows how to wait out.
    func outcome(_ taskID: String) async throws -> CallToolResult {
        let look = try await snapshot(taskID)
        switch look.outcome {
        case .success(let result)?: return result
        case .failure(let error)?: throw error
        case nil:
            throw ResponseError(
                code: .invalidParams, message: "Task not completed yet (current state: \(look.task.status))")
        }
    }

    /// The outcome comes with tasks/get here, so this is only asked once the task is terminal and answers
    /// at once: a short-lived task makes the request.
    func openOutcome(_ taskID: String, answer handler: @escaping OutcomeHandler) throws -> OpenRequest {
        let asking = Task {
            do {
                handler(.success(try await outcome(taskID)))
            } catch {
                handler(.failure(error))
            }
        }
        return OpenRequest { asking.cancel() }
    }

    func cancel(_ taskID: String) async throws -> TaskInfo? {
        try requireExtension("tasks/cancel")
        _ = try await session.send(AcknowledgedCancelRequest(taskId: taskID))
        return nil
    }

    func list() async throws -> [TaskInfo] {
        throw SessionError(
            .unsupported, "the server does not support tasks/list: the 2026-07-28 tasks extension has none")
    }

    func answer(_ taskID: String, responses: [String: JSONValue]) async throws {
        try requireExtension("tasks/update")
        _ = try await session.send(UpdateTaskRequest(taskId: taskID, inputResponses: responses))
    }

    private func requireExtension(_ method: String) throws {
        guard discovered.offersTasks else {
            throw SessionError(
                .unsupported,
                "the server does not support \(method): it speaks 2026-07-28 without the tasks extension")
        }
    }
}
