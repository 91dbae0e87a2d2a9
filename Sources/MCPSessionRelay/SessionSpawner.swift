import MCPCommandKit

#if canImport(Glibc)
    import Glibc
#endif

/// Starts the background process of a session (this executable, `session serve`), detached from the
/// terminal in a session of its own, its stderr appended to the session log, and waits for the one line
/// it writes back on a pipe: "ready", or "failed: why".
package enum SessionSpawner {
    package enum Outcome: Sendable, Equatable {
        case ready(pid: Int32)
        case failed(String)
        /// The process ended without a word; the log says why.
        case vanished(pid: Int32)
    }

    /// The descriptor number the child finds the pipe at, named in `MCPTASK_READY_FD`.
    package static let readyDescriptor: Int32 = 3

    package static func spawn(
        executable: String?, arguments: [String], log: String, environment: [String: String], wait: Duration
    ) throws -> Outcome {
        guard let executable else {
            throw CommandFailure(
                status: .connection, message: "cannot find mcptask's own executable to start a session")
        }
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else {
            throw CommandFailure(
                status: .connection, message: "cannot make a pipe: \(String(cString: strerror(errno)))")
        }
        // Only the child's copy at fd 3 (made by dup2, which clears the flag) survives exec.
        for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        defer { close(pipeEnds[0]) }
        let logDescriptor = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard logDescriptor >= 0 else {
            close(pipeEnds[1])
            throw CommandFailure(status: .connection, message: "cannot open the session log \(log)")
        }
        fchmod(logDescriptor, 0o600)
        defer { close(logDescriptor) }

        var childEnvironment = environment
        childEnvironment["MCPTASK_READY_FD"] = String(readyDescriptor)
        let pid: pid_t
        do {
            pid = try DetachedProcess.spawn(
                executable, arguments: arguments, environment: childEnvironment, standardError: logDescriptor,
                passing: (pipeEnds[1], readyDescriptor))
        } catch {
            close(pipeEnds[1])
            throw CommandFailure(status: .connection, message: "cannot start the session process: \(error)")
        }
        close(pipeEnds[1])
        let line = readLine(pipeEnds[0], wait: wait)
        reap(pid)
        switch line {
        case "ready"?: return .ready(pid: pid)
        case let line? where line.hasPrefix("failed: "): return .failed(String(line.dropFirst("failed: ".count)))
        default: return .vanished(pid: pid)
        }
    }

    /// Reads until EOF or the time is up; the first line, if any. (The failure text may span lines.)
    private static func readLine(_ descriptor: Int32, wait: Duration) -> String? {
        var bytes: [UInt8] = []
        let deadline = ContinuousClock.now + wait
        var chunk = [UInt8](repeating: 0, count: 4096)
        while ContinuousClock.now < deadline {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let left = deadline - ContinuousClock.now
            let milliseconds = Int32(clamping: left.components.seconds * 1000 + 1)
            let ready = poll(&poller, 1, milliseconds)
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { break }
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += chunk[0..<count]
            if bytes.starts(with: Array("ready\n".utf8)) { break }
        }
        let text = String(decoding: bytes, as: UTF8.self).trimmingSuffixSpaces
        guard !text.isEmpty else { return nil }
        return text.hasPrefix("ready") ? "ready" : text.trimmingCharacters(in: ["\n"])
    }

    /// Collects the child if it has already exited, so a failed start leaves no zombie.
    private static func reap(_ pid: pid_t) {
        var status: Int32 = 0
        _ = waitpid(pid, &status, WNOHANG)
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Set<Character>) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text = text.dropFirst() }
        while let last = text.last, set.contains(last) { text = text.dropLast() }
        return String(text)
    }
}
