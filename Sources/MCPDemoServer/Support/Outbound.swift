import MCPCore

/// Everything the server writes to the client: responses, notifications and its own requests.
struct Outbound: Sendable {
    let sink: any LineSink
    /// `--stats FILE`: notes when each task's terminal status notification goes out.
    var stats: DemoStats?
    let clientRequests = ClientRequests()
    /// `--deviate silent-status`: no status notifications at all.
    var silentStatus = false
    /// `--deviate unmarked-elicitation`: a task's elicitation/create carries no related-task `_meta`.
    var unmarkedElicitations = false
    /// `--deviate unmarked-progress`: a task's progress notifications carry no related-task `_meta`.
    var unmarkedProgress = false
    /// `--deviate partial-status`: status notifications carry only taskId and status.
    var partialStatus = false
    /// `--deviate result-only-elicitation`: a task's questions wait for a tasks/result on the task.
    var holdsElicitations = false

    func send(_ message: JSONRPCMessage) {
        sink.send(message.encoded())
    }

    func respond(to id: RequestID, with outcome: Result<JSONValue, ResponseError>) {
        switch outcome {
        case .success(let result): send(.response(id: id, result: result))
        case .failure(let error): send(.errorResponse(id: id, error: error))
        }
    }

    func notify(_ method: String, _ params: JSONValue) {
        send(.notification(method: method, params: params, envelopeMeta: nil))
    }

    /// `notifications/tasks/status` with the full task.
    func notifyStatus(_ task: TaskInfo) {
        if silentStatus { return }
        if partialStatus {
            return notify(
                TaskStatusNotification.method, ["taskId": .string(task.taskId), "status": task.json["status"] ?? .null])
        }
        notify(TaskStatusNotification.method, task.json)
        stats?.statusSent(task)
    }

    /// `--deviate stale-status`: the terminal notification, then a stale `working` one after it.
    func notifyStatusThenStale(_ task: TaskInfo) {
        notifyStatus(task)
        var stale = task
        stale.status = .working
        stale.statusMessage = "still working"
        notifyStatus(stale)
    }

    /// Sends a server-to-client request and waits for its result; throws the client's error or
    /// `CancellationError`.
    func request(_ method: String, _ params: JSONValue) async throws -> JSONValue {
        let id = clientRequests.makeID()
        return try await clientRequests.wait(for: id) {
            send(.request(id: id, method: method, params: params, envelopeMeta: nil))
        }
    }
}

extension TaskInfo {
    /// The task as a flat JSON object (the shape of `tasks/get`, `tasks/cancel` and status notifications).
    var json: JSONValue {
        // Encoding a struct of strings and integers cannot fail.
        (try? JSONValueEncoder.encode(self)) ?? .object([:])
    }
}

extension ResponseError {
    static func invalidParams(_ message: String) -> ResponseError {
        ResponseError(code: .invalidParams, message: message)
    }

    static func methodNotFound(_ message: String) -> ResponseError {
        ResponseError(code: .methodNotFound, message: message)
    }

    static func taskNotFound(_ taskID: String) -> ResponseError {
        .invalidParams("Task \(taskID) not found")
    }
}
