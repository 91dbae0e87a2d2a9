import MCPCore

/// `subscriptions/listen` for tasks (2026-07-28 tasks extension): the client names task ids; the server
/// acknowledges the ones it knows with `notifications/subscriptions/acknowledged`, then sends
/// `notifications/tasks` with the whole task (what tasks/get would answer) each time one changes, until the
/// client cancels the listen request, which is never answered otherwise. Both notifications carry the listen
/// request's id as `io.modelcontextprotocol/subscriptionId`, since on stdio one channel carries every stream.
enum TaskSubscriptions {
    static let listenMethod = "subscriptions/listen"
    static let acknowledgedMethod = "notifications/subscriptions/acknowledged"
    static let taskMethod = "notifications/tasks"
    static let subscriptionIDKey = "io.modelcontextprotocol/subscriptionId"
    /// How often a listener looks at its tasks: the store has no change feed, and a look costs a lock.
    static let lookInterval = Duration.milliseconds(50)
}

extension DemoServer {
    func listen(_ params: JSONValue?, envelope: Envelope, id: RequestID) async throws(ResponseError) -> Reply {
        let reader = try ParamsReader(params: params, method: TaskSubscriptions.listenMethod)
        let wanted = try reader.optionalObject("notifications") ?? [:]
        let taskIDs = wanted["taskIds"]?.arrayValue?.compactMap(\.stringValue) ?? []
        if !taskIDs.isEmpty && !(offersTasks && envelope.declaresTasks) {
            throw Self.missingTasksExtension("task notifications belong to the tasks extension")
        }
        let accepted = taskIDs.filter { (try? tasks.info($0)) != nil }
        let subscription: JSONValue = [TaskSubscriptions.subscriptionIDKey: id.json]
        outbound.notify(
            TaskSubscriptions.acknowledgedMethod,
            ["_meta": subscription, "notifications": ["taskIds": .array(accepted.map { .string($0) })]])
        var shown: [String: JSONValue] = [:]
        while !Task.isCancelled {
            for taskID in accepted {
                guard case .object(var task)? = try? detailedTask(taskID), shown[taskID] != .object(task) else {
                    continue
                }
                shown[taskID] = .object(task)
                task["_meta"] = subscription
                outbound.notify(TaskSubscriptions.taskMethod, .object(task))
            }
            try? await Task.sleep(for: TaskSubscriptions.lookInterval)
        }
        // Cancelled, so never sent.
        return .result([:])
    }
}
