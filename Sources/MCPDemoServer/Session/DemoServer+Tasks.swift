import MCPCore

extension DemoServer {
    /// `tasks/get`, `tasks/result`, `tasks/list` and `tasks/cancel` (MCP 2025-11-25).
    func taskMethod(_ method: String, _ params: JSONValue?) async throws(ResponseError) -> Reply {
        let reader = try ParamsReader(params: params, method: method)
        switch method {
        case ListTasksRequest.method:
            if let cursor = try reader.optionalString("cursor") {
                throw .invalidParams("Invalid cursor '\(cursor)' for tasks/list: this server lists everything at once")
            }
            let listed = deviates(.emptyList) ? [] : tasks.list()
            return .result(["tasks": .array(listed.map(\.json))])
        case GetTaskRequest.method:
            do throws(ResponseError) {
                return .result(try tasks.info(reader.string("taskId")).json)
            } catch  where deviates(.unknownIDCode) {
                throw ResponseError(code: .internalError, message: error.message)
            }
        case CancelTaskRequest.method:
            let task = try tasks.cancel(reader.string("taskId"), announce: outbound.notifyStatus)
            return .result(task.json)
        default:
            let taskID = try reader.string("taskId")
            switch await tasks.waitForOutcome(of: taskID) {
            case .result(let result):
                return .result(deviates(.noRelatedTask) ? result : Self.markRelated(result, to: taskID))
            case .error(let error): return .error(error)
            }
        }
    }

    /// Adds the related-task marker to a result's `_meta`, keeping what is there.
    static func markRelated(_ result: JSONValue, to taskID: String) -> JSONValue {
        guard var members = result.objectValue else { return result }
        var meta = members["_meta"]?.objectValue ?? [:]
        meta[MetaKey.relatedTask] = ["taskId": .string(taskID)]
        members["_meta"] = .object(meta)
        return .object(members)
    }
}
