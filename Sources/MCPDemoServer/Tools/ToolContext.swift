import MCPCore

/// What a running tool may do: report progress, status and log lines, and ask the user. Everything it sends
/// carries the related-task marker when the call runs as a task.
struct ToolContext: Sendable {
    /// Where a notification carries the related-task marker: in `params._meta` as the spec says, or in a
    /// `_meta` beside `params` at the message's top level, as pymcp-kit puts it.
    enum MarkerPlacement: Sendable {
        case params
        case message
    }

    let outbound: Outbound
    let tasks: TaskStore
    /// Set when the call runs as a task.
    let taskID: String?
    /// From the call's `params._meta.progressToken`; no progress is sent without one.
    let progressToken: ProgressToken?
    let clientCanElicitForms: Bool
    /// False once the client asked (`logging/setLevel`) for nothing below warnings.
    let logsInfo: Bool
    /// Where questions go on 2026-07-28, which has no server-to-client requests; nil sends them as
    /// `elicitation/create` requests (2025-11-25).
    var questions: (any QuestionChannel)? = nil

    /// `{"io.modelcontextprotocol/related-task": {"taskId": …}}` for a task, nil for a plain call.
    var relatedTaskMeta: JSONValue? {
        taskID.map { [MetaKey.relatedTask: ["taskId": .string($0)]] }
    }

    func progress(_ step: Int, total: Int?, message: String?, marker: MarkerPlacement = .params) {
        guard let progressToken else { return }
        var params: [String: JSONValue] = ["progressToken": progressToken.json, "progress": .int(step)]
        params["total"] = total.map { .int($0) }
        params["message"] = message.map { .string($0) }
        // `--deviate unmarked-progress` leaves the marker out.
        let placement: MarkerPlacement? = outbound.unmarkedProgress ? nil : marker
        switch placement {
        case nil:
            outbound.notify(ProgressNotification.method, .object(params))
        case .params?:
            params["_meta"] = relatedTaskMeta
            outbound.notify(ProgressNotification.method, .object(params))
        case .message?:
            outbound.send(
                .notification(
                    method: ProgressNotification.method, params: .object(params), envelopeMeta: relatedTaskMeta))
        }
    }

    /// A new status message for a working task, announced `copies` times (identical notifications, as
    /// FastMCP sends them); nothing for a plain call.
    func statusMessage(_ message: String, copies: Int = 1) {
        setStatus(.working, message: message, copies: copies)
    }

    func log(_ text: String) {
        guard logsInfo else { return }
        var params: [String: JSONValue] = ["level": "info", "logger": "mcptask-demo", "data": .string(text)]
        params["_meta"] = relatedTaskMeta
        outbound.notify(LoggingMessageNotification.method, .object(params))
    }

    /// Asks the user with a form. A task waits in `input_required` meanwhile; the request goes out at once
    /// (the client need not call `tasks/result` first). Throws the client's error or `CancellationError`.
    func elicit(message: String, schema: JSONValue) async throws -> JSONValue {
        if let questions {
            let request = ElicitRequest(mode: .form, message: message, requestedSchema: schema)
            return try await questions.ask(ElicitRequest.method, try JSONValueEncoder.encode(request))
        }
        let marker = outbound.unmarkedElicitations ? nil : relatedTaskMeta
        let request = ElicitRequest(mode: .form, message: message, requestedSchema: schema, _meta: marker)
        setStatus(.inputRequired, message: "waiting for the user")
        if outbound.holdsElicitations, let taskID {
            // The official SDK queues a task's requests until a tasks/result on the task carries them.
            while !tasks.hasResultWaiter(taskID) { try await Task.sleep(for: .milliseconds(20)) }
        }
        let answer = try await outbound.request(ElicitRequest.method, try JSONValueEncoder.encode(request))
        setStatus(.working, message: "the user answered")
        return answer
    }

    private func setStatus(_ status: TaskStatus, message: String, copies: Int = 1) {
        guard let taskID, let task = tasks.update(taskID, to: status, message: message) else { return }
        for _ in 0..<copies { outbound.notifyStatus(task) }
    }
}
