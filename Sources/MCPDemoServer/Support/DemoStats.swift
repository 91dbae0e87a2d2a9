import MCPCore
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `--stats FILE`: what a client asked of each task, for benchmarks of clients following many tasks
/// (bench/many_tasks). Per task: when the CreateTaskResult was sent and when the terminal status notification
/// was, the requests naming it by method, the most `tasks/get` requests outstanding at once (read, not yet
/// answered) and the shortest gap between two of them. Times are CLOCK_MONOTONIC nanoseconds, a clock every
/// process on the machine shares, so a benchmark can set them beside its own. Written once, at exit.
final class DemoStats: Sendable {
    struct TaskRecord {
        var createdAt: Int?
        var terminalAt: Int?
        var status: String?
        var requests: [String: Int] = [:]
        var getsOutstanding = 0
        var maxGetsOutstanding = 0
        var lastGetAt: Int?
        var minGetGap: Int?
    }

    private struct State {
        var tasks: [String: TaskRecord] = [:]
        /// Task requests read and not answered yet: their task and method.
        var open: [RequestID: (taskID: String, method: String)] = [:]
    }

    private let state = Mutex(State())
    let path: String
    let pollInterval: Int

    init(path: String, pollInterval: Int) {
        self.path = path
        self.pollInterval = pollInterval
    }

    static func now() -> Int {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Int(time.tv_sec) * 1_000_000_000 + Int(time.tv_nsec)
    }

    /// A request was read; only those naming a task (`params.taskId`) are counted.
    func received(_ id: RequestID, method: String, params: JSONValue?) {
        guard let taskID = params?["taskId"]?.stringValue else { return }
        let now = Self.now()
        state.withLock { state in
            var task = state.tasks[taskID] ?? TaskRecord()
            task.requests[method, default: 0] += 1
            if method == GetTaskRequest.method {
                task.getsOutstanding += 1
                task.maxGetsOutstanding = max(task.maxGetsOutstanding, task.getsOutstanding)
                if let last = task.lastGetAt { task.minGetGap = min(task.minGetGap ?? .max, now - last) }
                task.lastGetAt = now
            }
            state.tasks[taskID] = task
            state.open[id] = (taskID, method)
        }
    }

    /// Request `id` was answered (or dropped when cancelled); `created` is the task its answer created.
    func answered(_ id: RequestID, created: String?) {
        let now = Self.now()
        state.withLock { state in
            if let created { state.tasks[created, default: TaskRecord()].createdAt = now }
            guard let (taskID, method) = state.open.removeValue(forKey: id) else { return }
            if method == GetTaskRequest.method { state.tasks[taskID]?.getsOutstanding -= 1 }
        }
    }

    /// A status notification went out; the first terminal one is the task's end.
    func statusSent(_ task: TaskInfo) {
        guard task.status.isTerminal else { return }
        let now = Self.now()
        state.withLock { state in
            var record = state.tasks[task.taskId] ?? TaskRecord()
            guard record.terminalAt == nil else { return }
            record.terminalAt = now
            record.status = task.status.rawValue
            state.tasks[task.taskId] = record
        }
    }

    /// The whole record as JSON, tasks in creation order.
    var json: JSONValue {
        let tasks = state.withLock { $0.tasks }
        let ordered = tasks.sorted { ($0.value.createdAt ?? .max, $0.key) < ($1.value.createdAt ?? .max, $1.key) }
        let list: [JSONValue] = ordered.map { id, task in
            var object: [String: JSONValue] = [
                "taskId": .string(id), "maxGetsOutstanding": .int(task.maxGetsOutstanding),
                "requests": .object(task.requests.mapValues { .int($0) }),
            ]
            object["createdAt"] = task.createdAt.map { .int($0) }
            object["terminalAt"] = task.terminalAt.map { .int($0) }
            object["status"] = task.status.map { .string($0) }
            object["minGetGap"] = task.minGetGap.map { .int($0) }
            return .object(object)
        }
        // The server's own CPU and peak memory, so a benchmark can take them out of its client's figures
        // (a client's rusage includes the children it reaped).
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        let cpu = [usage.ru_utime, usage.ru_stime].reduce(0) {
            $0 + Int($1.tv_sec) * 1_000_000_000 + Int($1.tv_usec) * 1000
        }
        return .object([
            "clock": "CLOCK_MONOTONIC nanoseconds", "pollInterval": .int(pollInterval), "tasks": .array(list),
            "cpuNanoseconds": .int(cpu), "maxRSSKilobytes": .int(Int(usage.ru_maxrss)),
        ])
    }

    /// Writes the record to `path` (0600); false when it cannot.
    func write() -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return StandardStreams.writeAll(JSONWriter.compact(json) + [0x0A], to: descriptor)
    }
}
