import MCPCore
import Synchronization

/// The deadlines of requests sent with a timeout, kept by one watcher for the whole session rather than by a
/// timer racing each request.
///
/// A cancelled `Task.sleep` keeps its timer, and about 700 bytes, until the time it was due: with a timer
/// of the default 60 s per tasks/get, a REPL following 500 tasks (1,000 polls a second) held a minute of
/// them, tens of megabytes. The watcher runs only while a deadline is pending and sleeps, uncancelled, until
/// the earliest one, at most a second at a time: a request whose timeout is shorter than one already
/// pending (only with mixed timeouts: a session's requests share one) is failed at most a second late.
final class RequestDeadlines: Sendable {
    /// What a request whose deadline passed fails with.
    struct Expired: Error {}

    private struct Entry {
        let deadline: ContinuousClock.Instant
        let expire: @Sendable () -> Void
    }

    private struct State {
        var entries: [RequestID: Entry] = [:]
        var watching = false
    }

    private let state = Mutex(State())
    /// The longest the watcher sleeps at once.
    private let longestNap: Duration = .seconds(1)

    /// Calls `expire` once `deadline` passes, unless `remove(id)` comes first.
    func add(_ id: RequestID, at deadline: ContinuousClock.Instant, expire: @escaping @Sendable () -> Void) {
        let startWatcher = state.withLock { state -> Bool in
            state.entries[id] = Entry(deadline: deadline, expire: expire)
            defer { state.watching = true }
            return !state.watching
        }
        if startWatcher { Task { await watch() } }
    }

    func remove(_ id: RequestID) {
        _ = state.withLock { $0.entries.removeValue(forKey: id) }
    }

    /// Expires what is due, then sleeps until the next deadline; ends when none is left.
    private func watch() async {
        while true {
            let now = ContinuousClock.now
            let (due, next) = state.withLock { state -> ([Entry], ContinuousClock.Instant?) in
                let due = state.entries.filter { $0.value.deadline <= now }
                for id in due.keys { state.entries[id] = nil }
                let next = state.entries.values.map(\.deadline).min()
                if next == nil { state.watching = false }
                return (Array(due.values), next)
            }
            for entry in due { entry.expire() }
            guard let next else { return }
            try? await Task.sleep(until: min(next, now + longestNap), clock: .continuous)
        }
    }
}
