import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The process groups of the child processes a command runs (a stdio server leads its own group), so that a
/// forced exit (a second signal) ends them instead of leaving them running without their client. On the
/// ordinary way out each connection ends its own server (stdin closed, SIGTERM, SIGKILL).
package final class ChildProcesses: Sendable {
    private let groups = Mutex<Set<Int32>>([])

    package init() {}

    package func add(_ group: Int32) { _ = groups.withLock { $0.insert(group) } }
    package func remove(_ group: Int32) { _ = groups.withLock { $0.remove(group) } }

    /// The groups still running.
    package var running: Set<Int32> { groups.withLock { $0 } }

    /// Ends every group at once: SIGTERM, a moment's grace, then SIGKILL for any still there. (Safe to call
    /// from any thread; it is the last thing a forced exit does.)
    package func endAll() {
        let all = groups.withLock { $0 }
        for group in all { kill(-group, SIGTERM) }
        guard !all.isEmpty else { return }
        var pause = timespec(tv_sec: 0, tv_nsec: 200_000_000)
        nanosleep(&pause, nil)
        for group in all { kill(-group, SIGKILL) }
    }
}
