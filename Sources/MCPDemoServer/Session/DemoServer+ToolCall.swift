import MCPCore

extension DemoServer {
    /// `tools/call`: checks the tool's task mode and arguments, then either runs it and answers with its result,
    /// or creates a task and answers with `CreateTaskResult` at once (the work starts after that answer).
    func callTool(_ params: JSONValue?, session: Session) async throws(ResponseError) -> Reply {
        let reader = try ParamsReader(params: params, method: CallToolRequest.method)
        let name: String
        do throws(ResponseError) {
            name = try reader.string("name")
        } catch {
            if deviates(.dieAfterMalformed) { stopsReading = true }
            if deviates(.malformedInternal) { throw ResponseError(code: .internalError, message: "Internal error") }
            throw error
        }
        guard let tool = toolList.first(where: { $0.name == name }) else {
            throw .invalidParams("Unknown tool '\(name)'")
        }
        let taskRequest = try reader.optionalObject("task")
        let progressToken = try Self.progressToken(in: reader)
        // Without the tasks capability a stray `task` is ignored, as the spec requires.
        // `--deviate forbidden-runs` ignores `task` for a forbidden tool instead of refusing it.
        let ignored = tool.taskSupport == .forbidden && deviates(.forbiddenRuns)
        let asTask = session.tasksEnabled && taskRequest != nil && !ignored
        if session.tasksEnabled && tool.taskSupport == .required && !asTask {
            if deviates(.requiredAsResult) {
                return .result(ToolResult.text("This tool requires task-augmented invocation", isError: true))
            }
            throw .methodNotFound("Tool '\(name)' requires task augmentation")
        }
        if tool.taskSupport == .forbidden && asTask {
            throw .methodNotFound("Tool '\(name)' does not support task augmentation")
        }
        let run = try tool.prepare(ParamsReader(reader["arguments"], subject: "Invalid arguments for tool '\(name)'"))
        let ttl = try taskRequest.flatMap { task throws(ResponseError) in try Self.requestedTTL(task) }
        let task = asTask ? tasks.create(requestedTTL: ttl, quirks: quirks(of: tool)) : nil
        let context = ToolContext(
            outbound: outbound, tasks: tasks, taskID: task?.taskId, progressToken: progressToken,
            clientCanElicitForms: session.clientCapabilities.canElicitForms, logsInfo: logsInfo)
        if let task {
            return Reply(
                outcome: .success(["task": createdTask(task)]),
                startedTask: StartedTask(taskID: task.taskId, run: run, context: context))
        }
        switch await Self.execute(run, context: context, toolName: name).outcome {
        case .result(let result): return .result(result)
        case .error(let error): return .error(error)
        }
    }

    /// The tool's task quirks with the server-wide `--deviate` ones added.
    private func quirks(of tool: DemoTool) -> TaskQuirks {
        var quirks = tool.quirks
        if deviates(.nonBlockingResult) { quirks.nonBlockingResult = true }
        if deviates(.lyingCancel) { quirks.lyingCancel = true }
        if deviates(.metaOnlyFailure) { quirks.failurePayload = .metaOnly }
        return quirks
    }

    /// The task as the CreateTaskResult shows it, spoilt as `--deviate` asks.
    private func createdTask(_ task: TaskInfo) -> JSONValue {
        guard case .object(var members) = task.json else { return task.json }
        if deviates(.noTTL) { members.removeValue(forKey: "ttl") }
        if deviates(.badTimestamps) { members["lastUpdatedAt"] = "just now" }
        if deviates(.pollIntervalSeconds) { members["pollInterval"] = .double(Double(task.pollInterval ?? 0) / 1000) }
        return .object(members)
    }

    /// Runs a task's work until it ends, is cancelled (tasks/cancel, expiry) or the server shuts down.
    nonisolated func runTask(_ started: StartedTask) async {
        let tasks = self.tasks
        let outbound = self.outbound
        let stale = options.deviations.contains(.staleStatus)
        let work = Task {
            let (outcome, failure) = await Self.execute(started.run, context: started.context, toolName: nil)
            // Cancelled work has nothing to report: whoever cancelled it already settled the task.
            guard !Task.isCancelled else { return }
            let announce = stale ? outbound.notifyStatusThenStale : outbound.notifyStatus
            switch outcome {
            case .result(let result) where result["isError"]?.boolValue == true:
                // 2025-11-25: a tool error fails the task; tasks/result still returns the CallToolResult.
                let message = ToolResult.firstText(of: result)
                tasks.finish(
                    started.taskID, as: .failed, message: message, outcome: outcome, announce: announce)
            case .result:
                tasks.finish(
                    started.taskID, as: .completed, message: nil, outcome: outcome, announce: announce)
            case .error(let error):
                tasks.finish(
                    started.taskID, as: .failed, message: failure?.reason ?? error.message, outcome: outcome,
                    announce: announce)
            }
        }
        tasks.attach(work, to: started.taskID)
        if options.fault == .crashInTask { await Self.crash(in: started.taskID) }
        await withTaskCancellationHandler {
            await work.value
        } onCancel: {
            work.cancel()
        }
    }

    /// Runs a tool, turning whatever it throws into the JSON-RPC error a caller would see, and keeping a
    /// `ToolFailure` for the failed task's status message.
    static func execute(
        _ run: ToolRun, context: ToolContext, toolName: String?
    ) async -> (outcome: TaskOutcome, failure: ToolFailure?) {
        do {
            return (.result(try await run(context)), nil)
        } catch let failure as ToolFailure {
            return (.error(failure.responseError), failure)
        } catch let error as ResponseError {
            return (.error(error), nil)
        } catch is CancellationError {
            return (.error(ResponseError(code: .internalError, message: "cancelled")), nil)  // Never sent.
        } catch {
            let message = "Tool \(toolName ?? "call") failed: \(error)"
            return (.error(ResponseError(code: .internalError, message: message)), nil)
        }
    }

    /// `--fault crash-in-task`: dies about 0.3 s after a task starts, unless shutting down first.
    private static func crash(in taskID: String) async {
        guard (try? await Task.sleep(for: .milliseconds(300))) != nil else { return }
        StandardStreams.printError(
            "mcptask-demo: crashing on purpose while task \(taskID) runs (--fault crash-in-task)")
        StandardStreams.exitProcess(1)
    }

    static func progressToken(in reader: ParamsReader) throws(ResponseError) -> ProgressToken? {
        guard let meta = try reader.optionalObject("_meta"), let token = meta["progressToken"], !token.isNull else {
            return nil
        }
        guard let progressToken = ProgressToken(json: token) else {
            throw reader.fail("_meta.progressToken", "must be a string or an integer, got \(token.typeName)")
        }
        return progressToken
    }

    /// `task.ttl`: absent or null means the default.
    private static func requestedTTL(_ task: JSONObject) throws(ResponseError) -> Int? {
        let reader = try ParamsReader(.object(task), subject: "Invalid params for tools/call: task")
        return reader["ttl"] == nil ? nil : try reader.integer("ttl", minimum: 0)
    }
}

extension ClientCapabilities {
    /// `elicitation: {}` (form only, the old spelling) or any value with `form`.
    var canElicitForms: Bool {
        guard let elicitation else { return false }
        return elicitation.form != nil || elicitation.url == nil
    }
}
