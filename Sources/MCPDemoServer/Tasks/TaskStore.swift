import MCPCore
import Synchronization

/// What `tasks/result` answers for a finished task: the stored tool result, or the request's JSON-RPC error.
enum TaskOutcome: Sendable, Equatable {
    case result(JSONValue)
    case error(ResponseError)
}

/// The session's task table (MCP 2025-11-25 tasks): state, stored outcome, waiting `tasks/result` calls and
/// the work to stop on cancel. Expired tasks are removed lazily, on the first access after their ttl.
final class TaskStore: Sendable {
    static let defaultTTL = 300_000
    static let maxTTL = 3_600_000

    struct Entry {
        var info: TaskInfo
        var quirks = TaskQuirks.standard
        var expiry: ContinuousClock.Instant
        var outcome: TaskOutcome?
        var waiters: [Int: CheckedContinuation<TaskOutcome, Never>] = [:]
        var work: Task<Void, Never>?
    }

    struct State {
        var entries: [String: Entry] = [:]
        /// Task ids in creation order, for `tasks/list`.
        var order: [String] = []
        var lastWaiter = 0
        /// `tasks/result` waits cancelled before they were registered.
        var abandonedWaiters: Set<Int> = []
    }

    let state = Mutex(State())
    let clock = ContinuousClock()
    /// The `pollInterval` every task reports, in milliseconds (`--poll-interval`).
    let pollInterval: Int
    /// The store keeps a task for its ttl divided by this (1; 4 under `--deviate short-retention`).
    let retentionShare: Int

    init(pollInterval: Int = DemoOptions.defaultPollInterval, retentionShare: Int = 1) {
        self.pollInterval = pollInterval
        self.retentionShare = retentionShare
    }

    /// A new `working` task; ttl is the requested one (default 5 min), clamped to an hour.
    func create(requestedTTL: Int?, quirks: TaskQuirks = .standard) -> TaskInfo {
        let ttl = min(requestedTTL ?? Self.defaultTTL, Self.maxTTL)
        let now = TaskClock.timestamp()
        let info = TaskInfo(
            taskId: TaskClock.makeTaskID(), status: .working, createdAt: now, lastUpdatedAt: now, ttl: ttl,
            pollInterval: pollInterval)
        let expiry = clock.now.advanced(by: .milliseconds(ttl / retentionShare))
        access { state, _ in
            state.entries[info.taskId] = Entry(info: info, quirks: quirks, expiry: expiry)
            state.order.append(info.taskId)
        }
        return info
    }

    /// Hands over the task's work so `cancel` can stop it; cancels it at once if the task already ended.
    func attach(_ work: Task<Void, Never>, to id: String) {
        access { state, effects in
            if let entry = state.entries[id], !entry.info.status.isTerminal {
                state.entries[id]?.work = work
            } else {
                effects.cancels.append(work)
            }
        }
    }

    /// Moves a live task to `status` and `message` (same status: just a new message). Nil when the task is gone
    /// or already terminal, so nothing is announced.
    func update(_ id: String, to status: TaskStatus, message: String?) -> TaskInfo? {
        access { state, _ in
            guard var entry = state.entries[id], !entry.info.status.isTerminal else { return nil }
            entry.info.status = status
            entry.info.statusMessage = message
            entry.info.lastUpdatedAt = TaskClock.timestamp()
            state.entries[id] = entry
            return entry.info
        }
    }

    /// Ends a live task: `announce` sees the final state first, then every waiting `tasks/result` wakes, so a
    /// client gets the terminal status notification before the payload. Nil when the task is gone or already
    /// terminal (a cancelled task stays cancelled even if its work completes). The task's quirks may keep a
    /// failure unannounced or replace its stored outcome with an empty result.
    @discardableResult
    func finish(
        _ id: String, as status: TaskStatus, message: String?, outcome: TaskOutcome,
        announce: (TaskInfo) -> Void = { _ in }
    ) -> TaskInfo? {
        let quirks = access { state, _ in state.entries[id]?.quirks } ?? .standard
        let failed = status == .failed
        let stored = failed && quirks.failurePayload == .metaOnly ? .result([:]) : outcome
        let announce = failed && quirks.silentFailure ? { _ in } : announce
        let finished = settle(id, outcome: stored, announce: announce) { entry -> Result<TaskInfo, ResponseError> in
            guard !entry.info.status.isTerminal else { return .failure(.invalidParams("already terminal")) }
            entry.info.status = status
            entry.info.statusMessage = message
            return .success(entry.info)
        }
        guard case .success(let info)? = finished else { return nil }
        return info
    }

    /// `tasks/cancel`: marks the task cancelled before answering, announces it, wakes waiters with an error and
    /// stops the work. A terminal task is -32602, unless its quirks make the answer a `cancelled` that changes
    /// nothing.
    func cancel(_ id: String, announce: (TaskInfo) -> Void = { _ in }) throws(ResponseError) -> TaskInfo {
        let cancelled = settle(id, outcome: .error(.invalidParams("Task \(id) was cancelled")), announce: announce) {
            entry -> Result<TaskInfo, ResponseError> in
            let status = entry.info.status
            guard !status.isTerminal else {
                return .failure(.invalidParams("Cannot cancel task in terminal status '\(status)'"))
            }
            entry.info.status = .cancelled
            entry.info.statusMessage = "Cancelled by client"
            return .success(entry.info)
        }
        switch cancelled {
        case .success(let info)?: return info
        case .failure(let error)?:
            guard let shown = pretendCancelled(id) else { throw error }
            return shown
        case nil: throw .taskNotFound(id)
        }
    }

    /// FastMCP's answer to cancelling a terminal task: the task as if cancelled, with the stored one untouched.
    private func pretendCancelled(_ id: String) -> TaskInfo? {
        access { state, _ -> TaskInfo? in
            guard let entry = state.entries[id], entry.quirks.lyingCancel, entry.info.status.isTerminal else {
                return nil
            }
            var shown = entry.info
            shown.status = .cancelled
            shown.statusMessage = "Cancelled by client"
            return shown
        }
    }

    func info(_ id: String) throws(ResponseError) -> TaskInfo {
        try access { state, _ -> Result<TaskInfo, ResponseError> in
            guard let entry = state.entries[id] else { return .failure(.taskNotFound(id)) }
            return .success(entry.info)
        }.get()
    }

    /// Whether a tasks/result on the task is waiting for its outcome.
    func hasResultWaiter(_ id: String) -> Bool {
        access { state, _ in !(state.entries[id]?.waiters.isEmpty ?? true) }
    }

    /// Every live task, oldest first.
    func list() -> [TaskInfo] {
        access { state, _ in state.order.compactMap { state.entries[$0]?.info } }
    }

    /// Stops all work, for shutdown. Tasks keep their status; the process is about to exit.
    func cancelAllWork() {
        access { state, effects in
            effects.cancels = state.entries.values.compactMap(\.work)
        }
    }
}
