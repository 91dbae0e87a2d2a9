import MCPCore

extension DemoServer {
    /// `tasks/get`, `tasks/result`, `tasks/list` and `tasks/cancel` (MCP 2025-11-25).
    func taskMethod(_ method: String, _ params: JSONValue?) async throws(ResponseError) -> Reply {
        let reader = try ParamsReader(params: params, method: method)
        switch method {
        case ListTasksRequest.method:
            return .result(try listTasks(after: try reader.optionalString("cursor")))
        case GetTaskRequest.method:
            do throws(ResponseError) {
                return .result(shownByGet(try tasks.info(reader.string("taskId"))))
            } catch  where deviates(.unknownIDCode) {
                throw ResponseError(code: .internalError, message: error.message)
            }
        case CancelTaskRequest.method:
            let taskID = try reader.string("taskId")
            let before = try? tasks.info(taskID)
            if before == nil && deviates(.cancelUnknownOK) { return .result([:]) }
            let task = try tasks.cancel(taskID, announce: outbound.notifyStatus)
            return .result((deviates(.cancelReplyEarly) ? before ?? task : task).json)
        default:
            let taskID = try reader.string("taskId")
            switch await tasks.waitForOutcome(of: taskID) {
            case .result(let result):
                return .result(deviates(.noRelatedTask) ? result : Self.markRelated(result, to: taskID))
            case .error(let error): return .error(error)
            }
        }
    }

    /// One page of tasks/list: everything at once, or `--page-size` tasks per page. A cursor is the index of
    /// the page's first task, as this server wrote it; any other is -32602 (under `--deviate lenient-cursor`,
    /// the start of the list).
    private func listTasks(after cursor: String?) throws(ResponseError) -> JSONValue {
        let listed = deviates(.emptyList) ? [] : tasks.list()
        var start = 0
        if let cursor {
            if let index = Self.pageStart(cursor), index <= listed.count {
                start = index
            } else if !deviates(.lenientCursor) {
                throw .invalidParams("Invalid cursor '\(cursor)' for tasks/list")
            }
        }
        let end = options.listPageSize.map { min(start + $0, listed.count) } ?? listed.count
        var result: [String: JSONValue] = ["tasks": .array(listed[start..<end].map(\.json))]
        if end < listed.count { result["nextCursor"] = .string("\(Self.cursorPrefix)\(end)") }
        return .object(result)
    }

    private static let cursorPrefix = "tasks-from-"

    private static func pageStart(_ cursor: String) -> Int? {
        guard cursor.hasPrefix(cursorPrefix) else { return nil }
        return Int(cursor.dropFirst(cursorPrefix.count))
    }

    /// The task as tasks/get shows it, spoilt as `--deviate` asks.
    private func shownByGet(_ task: TaskInfo) -> JSONValue {
        var shown = task.json
        if deviates(.ttlDrift) { shown = shown.setting("ttl", to: 60_000) }
        if deviates(.slimFinished) && task.status.isTerminal {
            shown = shown.removing("createdAt").removing("lastUpdatedAt")
        }
        return shown
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
