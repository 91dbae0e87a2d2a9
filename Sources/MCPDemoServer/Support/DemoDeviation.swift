/// Departures from the spec that `mcptask-demo --deviate NAME` makes on purpose, one per check of
/// `mcptask check`, so each check can be shown to fail (or warn) on exactly its deviation. The demo
/// conforms when none is given.
public enum DemoDeviation: String, CaseIterable, Sendable {
    /// A `required` tool called without a task answers an `isError` result, not -32601 (the official SDK).
    case requiredAsResult = "required-as-result"
    /// tasks/get on an unknown id answers -32603 instead of -32602.
    case unknownIDCode = "unknown-id-code"
    /// The CreateTaskResult's task has no `ttl` (the official SDK with `task: {}`).
    case noTTL = "no-ttl"
    /// The CreateTaskResult's lastUpdatedAt is not RFC 3339.
    case badTimestamps = "bad-timestamps"
    /// No `notifications/tasks/status` at all.
    case silentStatus = "silent-status"
    /// tasks/result answers -32602 at once while the task runs (FastMCP 3).
    case nonBlockingResult = "non-blocking-result"
    /// tasks/result leaves out the related-task `_meta`.
    case noRelatedTask = "no-related-task"
    /// tasks/list is always empty (FastMCP 3).
    case emptyList = "empty-list"
    /// tasks/cancel on a finished task answers `cancelled` and changes nothing (FastMCP 3).
    case lyingCancel = "lying-cancel"
    /// A failed task's tasks/result is only `_meta` (the official SDK).
    case metaOnlyFailure = "meta-only-failure"
    /// An unknown method answers -32603 instead of -32601.
    case unknownMethodCode = "unknown-method-code"
    /// A task's elicitation/create has no related-task `_meta` (FastMCP 3).
    case unmarkedElicitation = "unmarked-elicitation"
    /// A task's progress notifications have no related-task `_meta` (the official SDK).
    case unmarkedProgress = "unmarked-progress"
    /// No `tasks` capability (and no tool task modes), yet `task` still makes a task: a server that forgot to
    /// declare what it implements, where the spec says an undeclared receiver must ignore `task`.
    case undeclaredTasks = "undeclared-tasks"
    /// No `tasks` capability and `task` ignored, as it must be, but tools/list still shows `taskSupport`
    /// (FastMCP 4 to a 2025-11-25 client).
    case modesWithoutTasks = "modes-without-tasks"
    /// The CreateTaskResult gives pollInterval in seconds (0.5), as a Python server passing its own
    /// `poll_interval=0.5` would.
    case pollIntervalSeconds = "poll-interval-seconds"
    /// A `forbidden` tool called with `task` runs as a plain call (the TypeScript SDK's McpServer).
    case forbiddenRuns = "forbidden-runs"
    /// tasks/get reports the store's own ttl (60000), not the one the CreateTaskResult granted (FastMCP 3).
    case ttlDrift = "ttl-drift"
    /// tasks/get on a finished task answers the result store's record, without createdAt and lastUpdatedAt.
    case slimFinished = "slim-finished"
    /// A stale `working` status notification follows the terminal one (a server whose notification queue
    /// delivers out of order).
    case staleStatus = "stale-status"
    /// Status notifications carry only taskId and status, not the full Task.
    case partialStatus = "partial-status"
    /// tasks/cancel on an unknown id answers an empty result (a cancel made idempotent).
    case cancelUnknownOK = "cancel-unknown-ok"
    /// tasks/cancel answers the task as it was before cancelling (still working), then cancels it.
    case cancelReplyEarly = "cancel-reply-early"
    /// tools/call with a name that is not a string answers -32603 (the server's own validation crashes).
    case malformedInternal = "malformed-internal"
    /// Answers tools/call with a malformed name, then stops reading: nothing after it is answered (an input
    /// loop that does not survive a handler's exception).
    case dieAfterMalformed = "die-after-malformed"
    /// tasks/list takes a cursor it never issued as the start of the list instead of answering -32602.
    case lenientCursor = "lenient-cursor"
    /// A task is deleted after a quarter of the ttl its CreateTaskResult granted (a store with its own,
    /// shorter retention).
    case shortRetention = "short-retention"
    /// A task's elicitation/create is held until a tasks/result for the task is open (the official SDK).
    case resultOnlyElicitation = "result-only-elicitation"
    /// 2026-07-28 tasks extension: the created task has no `ttlMs`.
    case extNoTTL = "ext-no-ttl"
    /// 2026-07-28 tasks extension: tasks/get on a finished task leaves out its `result` or `error`.
    case extNoOutcome = "ext-no-outcome"
    /// 2026-07-28 tasks extension: tasks/cancel answers the cancelled task (the 2025-11-25 shape), not an
    /// empty acknowledgement.
    case extCancelTask = "ext-cancel-task"
    /// 2026-07-28 tasks extension: tasks/update answers -32602 for the question it asked, which stays open.
    case extUpdateRefused = "ext-update-refused"

    /// What `--help` says of each.
    var summary: String {
        switch self {
        case .requiredAsResult: return "a required tool called plainly answers isError, not -32601"
        case .unknownIDCode: return "tasks/get on an unknown id answers -32603, not -32602"
        case .noTTL: return "the CreateTaskResult has no ttl"
        case .badTimestamps: return "the CreateTaskResult's lastUpdatedAt is not RFC 3339"
        case .silentStatus: return "no notifications/tasks/status"
        case .nonBlockingResult: return "tasks/result answers -32602 at once while the task runs"
        case .noRelatedTask: return "tasks/result has no related-task _meta"
        case .emptyList: return "tasks/list is always empty"
        case .lyingCancel: return "cancelling a finished task answers cancelled, changes nothing"
        case .metaOnlyFailure: return "a failed task's tasks/result is only _meta"
        case .unknownMethodCode: return "an unknown method answers -32603, not -32601"
        case .unmarkedElicitation: return "a task's elicitation/create has no related-task _meta"
        case .unmarkedProgress: return "a task's notifications/progress have no related-task _meta"
        case .undeclaredTasks: return "no tasks capability, yet task-augmented calls make tasks"
        case .modesWithoutTasks: return "no tasks capability, yet tools/list shows taskSupport"
        case .pollIntervalSeconds: return "the CreateTaskResult's pollInterval is in seconds (0.5)"
        case .forbiddenRuns: return "a forbidden tool called with a task runs plainly"
        case .ttlDrift: return "tasks/get reports ttl 60000, not the ttl granted at creation"
        case .slimFinished: return "tasks/get on a finished task has no createdAt, lastUpdatedAt"
        case .staleStatus: return "a stale working notification follows the terminal one"
        case .partialStatus: return "status notifications carry only taskId and status"
        case .cancelUnknownOK: return "tasks/cancel on an unknown id answers an empty result"
        case .cancelReplyEarly: return "tasks/cancel answers the task still working"
        case .malformedInternal: return "a tools/call name that is not a string answers -32603"
        case .dieAfterMalformed: return "after a malformed tools/call the server answers nothing"
        case .lenientCursor: return "tasks/list takes an unknown cursor as the start"
        case .shortRetention: return "a task is deleted after a quarter of its granted ttl"
        case .resultOnlyElicitation: return "a task's elicitation/create waits for tasks/result"
        case .extNoTTL: return "2026-07-28: the created task has no ttlMs"
        case .extNoOutcome: return "2026-07-28: tasks/get on a finished task has no result or error"
        case .extCancelTask: return "2026-07-28: tasks/cancel answers the task, not an empty ack"
        case .extUpdateRefused: return "2026-07-28: tasks/update refuses the answer (-32602)"
        }
    }

    /// The `--help` lines listing every deviation.
    static var helpLines: String {
        allCases.map { "                   \($0.rawValue.padding(20))\($0.summary)" }.joined(separator: "\n")
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
