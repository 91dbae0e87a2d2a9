import MCPClient
import MCPCore
import MCPRender

/// The one place that turns how a task ended into output and an exit status, whichever shape the server
/// chose: an `isError` result, a result with only `_meta` (the reason then in statusMessage), a JSON-RPC
/// error from tasks/result, a cancelled task (reported from its final state, never from tasks/result), or a
/// task the server no longer knows.
extension CallOutput {
    /// What a command prints on stdout when the task ends.
    package enum Deliverable: Sendable {
        /// The tool result (`call`, `result`, `watch --result`).
        case result
        /// The task's final state (`watch`).
        case finalTask
    }

    package func report(_ outcome: TaskOutcome, deliver: Deliverable) -> ExitStatus {
        switch outcome {
        case .completed(let task, let result):
            if deliver == .result { return printResult(result, taskID: task.taskId) }
            emit("result", taskID: task.taskId, ["result": result.json, "isError": .bool(result.isError)])
            printFinal(task)
            if result.isError {
                error("task \(task.taskId) completed, but the tool reported an error")
                return .toolError
            }
            return .success
        case .failed(let task, let result, let rpcError):
            if deliver == .result, let result { printResult(result, taskID: task.taskId, reportError: false) }
            if deliver == .finalTask { printFinal(task) }
            // The most specific words first: a status message may be generic ("Task failed", FastMCP)
            // where the isError result says what went wrong.
            let reason =
                rpcError?.message ?? result.flatMap { ResultRenderer(sanitize: true).render($0).nonEmpty }
                ?? task.statusMessage
            emit("error", taskID: task.taskId, ["message": .string(reason ?? "failed"), "task": task.json])
            error("task \(task.taskId) failed" + (reason.map { ": \($0)" } ?? ""))
            return .toolError
        case .cancelled(let task):
            emit("status", taskID: task.taskId, ["task": task.json])
            if deliver == .finalTask { printFinal(task) }
            error("task \(task.taskId) was cancelled" + (task.statusMessage.map { ": \($0)" } ?? ""))
            return .cancelled
        case .notFound(let taskID, let failure):
            emit("error", taskID: taskID, ["message": .string(failure.message)])
            error("task \(taskID) is gone (expired, or unknown to the server): \(failure.message)")
            return .noSuchTask
        }
    }

    /// A JSON-RPC error answering tools/call itself (pymcp-kit reports mode mismatches so): the tool failing.
    package func refused(_ error: ResponseError, tool: String) -> ExitStatus {
        emit("error", taskID: nil, ["message": .string(error.message), "code": .int(error.code.rawValue)])
        if error.code == .missingRequiredClientCapability {
            self.error(
                "'\(tool)' must run as a task, and this call did not declare the tasks extension: "
                    + "\(error.message) (error \(error.code)); call it without --no-task")
            return .toolError
        }
        self.error("the server refused the call: \(error.message) (error \(error.code))")
        // The server needed the person somewhere first, and that could not be done: exit 3.
        return error.code == .urlElicitationRequired ? .inputRequired : .toolError
    }

    /// The final task on stdout, as `status` shows it (nothing extra in events mode).
    private func printFinal(_ task: TaskInfo) {
        switch mode {
        case .events: break
        case .json, .human: TaskPrinter.print(task, json: mode == .json, style: style, to: console)
        }
    }
}

extension String {
    /// Nil for the empty string, so `??` chains skip it.
    package var nonEmpty: String? { isEmpty ? nil : self }
}
