import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The hard time limit of a dynamic completion. Completion runs on every Tab, so whatever a server does, the
/// shell gets its prompt back: when the limit passes, the server being asked (its whole process group) is
/// killed and mcptask exits at once, offering nothing. Asking the server stops earlier on its own, at four
/// fifths of the limit, to leave time to answer from the cache. The limit is 2 s, or
/// `MCPTASK_COMPLETION_TIMEOUT` (a duration such as `5s`) for servers that are slow to start.
package enum CompletionDeadline {
    package static let defaultLimit = 2000

    private static let serverGroup = Atomic<Int32>(0)
    private static let armed = Atomic<Bool>(false)
    nonisolated(unsafe) private static var timer: (any DispatchSourceTimer)?
    nonisolated(unsafe) private static var askServerUntil = ContinuousClock.now

    /// Starts the clock (once per process) and keeps anything from reaching the terminal: stderr goes to
    /// /dev/null, for mcptask (argument-parser's own complaints included) and for every server it starts.
    package static func begin() {
        guard armed.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged else { return }
        // A server that exits early must not take mcptask with it: writing to it then fails with EPIPE.
        signal(SIGPIPE, SIG_IGN)
        let null = open("/dev/null", O_WRONLY | O_CLOEXEC)
        if null >= 0 {
            dup2(null, 2)
            close(null)
        }
        let milliseconds = limitMilliseconds(FileSystem.environment()["MCPTASK_COMPLETION_TIMEOUT"])
        askServerUntil = ContinuousClock.now + .milliseconds(milliseconds * 4 / 5)
        let source = DispatchSource.makeTimerSource(queue: .global())
        source.schedule(deadline: .now() + .milliseconds(milliseconds))
        source.setEventHandler {
            let group = serverGroup.load(ordering: .relaxed)
            if group > 0 { kill(-group, SIGKILL) }
            // A server spawned a moment ago may not be registered yet (the limit can pass between its spawn and
            // the registration on a loaded machine): every child of this process leads a group of its own, so
            // end them all.
            for child in childProcesses() { kill(-child, SIGKILL) }
            _exit(0)
        }
        source.resume()
        timer = source
    }

    /// The processes whose parent is this one, read from /proc.
    private static func childProcesses() -> [pid_t] {
        let me = getpid()
        guard let directory = opendir("/proc") else { return [] }
        defer { closedir(directory) }
        var children: [pid_t] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard let pid = pid_t(name), let stat = try? FileSystem.read("/proc/\(name)/stat", limit: 4096) else {
                continue
            }
            // "pid (comm) state ppid …": the fields after the last ')'.
            guard let close = stat.lastIndex(of: UInt8(ascii: ")")) else { continue }
            let fields = stat[(close + 1)...].split(separator: UInt8(ascii: " "))
            if fields.count > 1, pid_t(String(decoding: fields[1], as: UTF8.self)) == me { children.append(pid) }
        }
        return children
    }

    /// The limit in milliseconds: the setting when it is a duration from 100 ms to a minute, else 2 s.
    package static func limitMilliseconds(_ setting: String?) -> Int {
        guard let setting, let duration = DurationArgument(argument: setting),
            (100...60_000).contains(duration.milliseconds)
        else { return defaultLimit }
        return duration.milliseconds
    }

    /// Until when a server may be asked.
    package static var serverDeadline: ContinuousClock.Instant { askServerUntil }

    /// Names the process group to kill if the limit passes (0: none).
    package static func watch(serverGroup group: pid_t) {
        serverGroup.store(group, ordering: .relaxed)
    }
}
