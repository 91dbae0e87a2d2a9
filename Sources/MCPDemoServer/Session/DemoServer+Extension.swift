import MCPCore

/// tools/call and the task methods of the 2026-07-28 tasks extension (`io.modelcontextprotocol/tasks`). The
/// server decides: a call whose request declares the extension runs as a task unless its tool is
/// `forbidden`; without it a `required` tool is refused with -32021 and the others run inline, asking their
/// questions through `InputRequiredResult`. A task's progress and status go only into tasks/get and to
/// `subscriptions/listen` (the extension has no progress for tasks and no unasked status pushes).
extension DemoServer {
    func statelessCall(_ params: JSONValue?, envelope: Envelope) async throws(ResponseError) -> Reply {
        let reader = try ParamsReader(params: params, method: CallToolRequest.method)
        let name = try reader.string("name")
        guard let tool = toolList.first(where: { $0.name == name }) else {
            throw .invalidParams("Unknown tool '\(name)'")
        }
        let asTask = offersTasks && envelope.declaresTasks && tool.taskSupport != .forbidden
        if tool.taskSupport == .required && !asTask && offersTasks {
            throw Self.missingTasksExtension("tool '\(name)' runs only as a task")
        }
        let run = try tool.prepare(ParamsReader(reader["arguments"], subject: "Invalid arguments for tool '\(name)'"))
        if asTask {
            let task = tasks.create(requestedTTL: nil)
            var quiet = outbound
            quiet.silentStatus = true
            let context = ToolContext(
                outbound: quiet, tasks: tasks, taskID: task.taskId, progressToken: nil,
                clientCanElicitForms: envelope.canElicitForms, logsInfo: false,
                questions: TaskQuestions(inputs: inputs, taskID: task.taskId))
            var created = ExtensionTaskJSON.task(task)
            created["resultType"] = "task"
            if deviates(.extNoTTL) { created.removeValue(forKey: "ttlMs") }
            return Reply(
                outcome: .success(.object(created)),
                startedTask: StartedTask(taskID: task.taskId, run: run, context: context, onExtensionWire: true))
        }
        let questions = RetryQuestions(answers: try reader.optionalObject("inputResponses") ?? [:])
        let context = ToolContext(
            outbound: outbound, tasks: tasks, taskID: nil, progressToken: try Self.progressToken(in: reader),
            clientCanElicitForms: envelope.canElicitForms, logsInfo: logsInfo, questions: questions)
        let outcome = await Self.execute(run, context: context, toolName: name).outcome
        if let asked = questions.unanswered {
            // The state is only a reminder of which call asked: each retry runs the tool from the start.
            return .result(
                ["resultType": "input_required", "inputRequests": .object(asked), "requestState": .string(name)])
        }
        switch outcome {
        case .result(let result): return .result(result)
        case .error(let error): return .error(error)
        }
    }

    /// `tasks/get`, `tasks/update` and `tasks/cancel` of the extension (the caller checked it was declared).
    func extensionTaskMethod(_ method: String, _ params: JSONValue?) throws(ResponseError) -> JSONValue {
        let reader = try ParamsReader(params: params, method: method)
        let taskID = try reader.string("taskId")
        switch method {
        case GetTaskRequest.method:
            do throws(ResponseError) {
                return try detailedTask(taskID)
            } catch  where deviates(.unknownIDCode) {
                throw ResponseError(code: .internalError, message: error.message)
            }
        case UpdateTaskRequest.method:
            guard let responses = try reader.optionalObject("inputResponses") else {
                throw reader.fail("inputResponses", "is required")
            }
            _ = try tasks.info(taskID)
            if deviates(.extUpdateRefused) {
                throw .invalidParams("Invalid params for tasks/update: this server takes no answers")
            }
            inputs.answer(taskID, responses)
            return [:]
        default:
            let before = try tasks.info(taskID)
            // Cancelling a finished task is acknowledged and changes nothing.
            let after = before.status.isTerminal ? before : (try? tasks.cancel(taskID)) ?? before
            return deviates(.extCancelTask) ? .object(ExtensionTaskJSON.task(after)) : [:]
        }
    }

    /// The task with its outcome when finished, or its open questions when it waits for input.
    func detailedTask(_ taskID: String) throws(ResponseError) -> JSONValue {
        let (info, outcome) = try tasks.snapshot(taskID)
        var task = ExtensionTaskJSON.task(info)
        switch (info.status, outcome) {
        case (.completed, .result(let result)?) where !deviates(.extNoOutcome):
            task["result"] = result
        case (.failed, .error(let error)?) where !deviates(.extNoOutcome):
            task["error"] = (try? JSONValueEncoder.encode(error)) ?? .null
        case (.inputRequired, _):
            task["inputRequests"] = .object(inputs.outstanding(taskID))
        default:
            break
        }
        return .object(task)
    }

    /// Runs a task of the extension wire until it ends: a tool result (`isError` included) completes it, a
    /// JSON-RPC error fails it; nothing is announced.
    nonisolated func runExtensionTask(_ started: StartedTask) async {
        let tasks = self.tasks
        let work = Task {
            let (outcome, failure) = await Self.execute(started.run, context: started.context, toolName: nil)
            guard !Task.isCancelled else { return }
            switch outcome {
            case .result:
                tasks.finish(started.taskID, as: .completed, message: nil, outcome: outcome)
            case .error(let error):
                tasks.finish(started.taskID, as: .failed, message: failure?.reason ?? error.message, outcome: outcome)
            }
        }
        tasks.attach(work, to: started.taskID)
        await withTaskCancellationHandler {
            await work.value
        } onCancel: {
            work.cancel()
        }
    }
}

/// How the extension shows a task: flat, with `ttlMs` and `pollIntervalMs`.
enum ExtensionTaskJSON {
    static func task(_ info: TaskInfo) -> JSONObject {
        var task: JSONObject = [
            "taskId": .string(info.taskId), "status": .string(info.status.rawValue),
            "createdAt": info.createdAt.map(JSONValue.string) ?? .null,
            "lastUpdatedAt": info.lastUpdatedAt.map(JSONValue.string) ?? .null,
            "ttlMs": info.ttl.map(JSONValue.int) ?? .null,
        ]
        task["statusMessage"] = info.statusMessage.map(JSONValue.string)
        task["pollIntervalMs"] = info.pollInterval.map(JSONValue.int)
        return task
    }
}

extension TaskStore {
    /// A task's state and stored outcome, read together.
    func snapshot(_ id: String) throws(ResponseError) -> (TaskInfo, TaskOutcome?) {
        try access { state, _ -> Result<(TaskInfo, TaskOutcome?), ResponseError> in
            guard let entry = state.entries[id] else { return .failure(.taskNotFound(id)) }
            return .success((entry.info, entry.outcome))
        }.get()
    }
}
