import MCPCore

/// Progress of a task or call, from notifications/progress.
public struct TaskProgress: Sendable, Equatable {
    public var progress: Double
    public var total: Double?
    public var message: String?

    public init(progress: Double, total: Double? = nil, message: String? = nil) {
        self.progress = progress
        self.total = total
        self.message = message
    }
}

/// Something worth showing about a running task. Duplicates are already folded away.
public indirect enum TaskEvent: Sendable, Equatable {
    /// The status or its message changed.
    case status(TaskInfo)
    case progress(TaskProgress)
}

/// How a task ended, with everything needed to print it and choose the exit status.
public indirect enum TaskOutcome: Sendable, Equatable {
    /// Completed; the result may still be an `isError` tool result.
    case completed(TaskInfo, CallToolResult)
    /// Failed; the reason is in the result, the JSON-RPC error, or the task's statusMessage.
    case failed(TaskInfo, result: CallToolResult?, error: ResponseError?)
    case cancelled(TaskInfo)
    /// The server no longer knows the task (expired, or never existed).
    case notFound(taskID: String, ResponseError)

    public var task: TaskInfo? {
        switch self {
        case .completed(let task, _), .failed(let task, _, _), .cancelled(let task): return task
        case .notFound: return nil
        }
    }
}
