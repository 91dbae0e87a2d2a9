import MCPCore

/// Everything seen of one task a tool call created, from the CreateTaskResult to its end (2025-11-25 core
/// tasks): the checks of creation, tasks/get, transitions, notifications, tasks/result and tasks/list read it.
package struct TaskObservation: Sendable {
    package var tool: String
    /// The task-augmented tools/call.
    package var call: Exchange
    /// tasks/get right after the CreateTaskResult.
    package var firstGet: Exchange?
    /// tasks/list while the task was live (when the server declares tasks.list).
    package var listing: [Exchange] = []
    /// tasks/get polls until a terminal status, in order.
    package var polls: [Exchange] = []
    /// tasks/result asked while the task was not terminal, and the tasks/get sent the moment it answered.
    package var earlyResult: Exchange?
    package var getAfterEarlyResult: Exchange?
    /// tasks/result once the task was terminal.
    package var finalResult: Exchange?
    /// tasks/get a moment after the end: a terminal status must not change.
    package var laterGet: Exchange?
    /// The task's `notifications/tasks/status` messages.
    package var notifications: [JSONValue] = []
    /// The `notifications/progress` carrying the call's progress token.
    package var progress: [JSONValue] = []
    /// The elicitation requests that arrived while the task ran (each declined).
    package var elicitations: [JSONValue] = []
    /// Whether the task was still not terminal when the check stopped waiting.
    package var timedOut = false
    /// Extension wire: the tasks/update calls that declined the task's `inputRequests`.
    package var updates: [Exchange] = []

    package init(tool: String, call: Exchange) {
        self.tool = tool
        self.call = call
    }

    /// The task the call made, if it made one: `result.task` on 2025-11-25, the flat result with
    /// `resultType: "task"` on the 2026-07-28 tasks extension.
    package var createdTask: JSONValue? {
        if let task = call.result?["task"], task["taskId"]?.stringValue != nil { return task }
        guard let flat = call.result, flat["resultType"] == "task", flat["taskId"]?.stringValue != nil else {
            return nil
        }
        return flat
    }

    package var taskID: String? { createdTask?["taskId"]?.stringValue }

    /// The status the polls ended on (terminal unless the check stopped waiting).
    package var finalStatus: String? {
        ([firstGet].compactMap { $0 } + polls).reversed().lazy.compactMap { $0.result?["status"]?.stringValue }
            .first
    }

    /// Every status tasks/get reported, in order, starting with the CreateTaskResult's.
    package var polledStatuses: [String] {
        let gets = [firstGet].compactMap { $0 } + polls + [laterGet].compactMap { $0 }
        return [createdTask?["status"]?.stringValue].compactMap { $0 }
            + gets.compactMap { $0.result?["status"]?.stringValue }
    }

    /// The statuses the notifications carried, in arrival order.
    package var notifiedStatuses: [String] { notifications.compactMap { $0["params"]?["status"]?.stringValue } }
}

/// The end of a task cancelled while it ran (2025-11-25 tasks §4.4).
package struct CancelObservation: Sendable {
    package var tool: String
    package var call: Exchange
    package var cancel: Exchange?
    /// tasks/get right after the cancel answer, and a moment later.
    package var getAfter: Exchange?
    package var laterGet: Exchange?
}

/// The lifecycle's statuses (2025-11-25 tasks §3.4).
package enum TaskStatusRules {
    package static let all: Set<String> = ["working", "input_required", "completed", "failed", "cancelled"]
    package static let terminal: Set<String> = ["completed", "failed", "cancelled"]

    /// The first illegal step in `statuses`, if any: an unknown status, or a change after a terminal one.
    package static func firstIllegalStep(_ statuses: [String]) -> String? {
        var previous: String?
        for status in statuses {
            if !all.contains(status) { return "unknown status '\(status)'" }
            if let previous, terminal.contains(previous), previous != status {
                return "\(previous) → \(status) after a terminal status"
            }
            previous = status
        }
        return nil
    }
}
