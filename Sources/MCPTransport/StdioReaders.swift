import Logging
import MCPCore
import Subprocess

#if canImport(Glibc)
    import Glibc
#endif

/// The reading halves of a stdio connection.
enum StdioReaders {
    /// Frames stdout into messages until end of file or a framing error.
    static func readStdout(
        _ output: SubprocessOutputSequence, maximumFrameSize: Int,
        into channel: FrameChannel
    ) async {
        var framer = LineFramer(maximumFrameSize: maximumFrameSize)
        var buffers = output.makeAsyncIterator()
        do {
            while let buffer = try await buffers.next() {
                let frames = try buffer.withUnsafeBytes { raw throws(TransportError) in
                    try framer.feed(raw)
                }
                for frame in frames { await channel.send(frame) }
            }
            for frame in try framer.finish() { await channel.send(frame) }
        } catch let error as TransportError {
            channel.finish(throwing: error)
            // Keep draining (with the same iterator: the sequence is single-pass) so the server never blocks
            // on a full pipe while it is being shut down.
            do { while try await buffers.next() != nil {} } catch {}
        } catch {
            channel.finish(throwing: TransportError(.closed, "reading from the server failed: \(error)"))
        }
    }

    /// Logs each stderr line at info level (shown with --verbose) and keeps the last few.
    static func readStderr(_ output: SubprocessOutputSequence, tail: StderrTail, logger: Logger) async {
        var framer = LineFramer(maximumFrameSize: 64 * 1024)
        func emit(_ line: [UInt8]) {
            let text = String(decoding: line, as: UTF8.self)
            tail.append(text)
            logger.info("server: \(text)")
        }
        do {
            for try await buffer in output {
                // An over-long stderr line is not worth failing for; drop what was buffered and go on.
                let lines = (try? buffer.withUnsafeBytes { raw throws(TransportError) in try framer.feed(raw) }) ?? []
                lines.forEach(emit)
            }
            ((try? framer.finish()) ?? []).forEach(emit)
        } catch {
            logger.debug("reading the server's stderr failed: \(error)")
        }
    }

    /// Why the server's output ended: its exit status when it has exited, peeked without reaping it.
    static func exitReason(processID: Int32, stderrDone: AsyncStream<Void>) async -> String {
        // stderr closes when the process exits; give it a moment so its last words are in the tail.
        _ = await wait(for: stderrDone, upTo: .milliseconds(500))
        for _ in 0..<25 {
            var info = siginfo_t()
            if waitid(P_PID, id_t(processID), &info, WEXITED | WNOHANG | WNOWAIT) != 0 { break }
            let pid = info._sifields._sigchld.si_pid
            if pid == processID {
                let status = info._sifields._sigchld.si_status
                if info.si_code == CLD_EXITED { return "the server exited with status \(status)" }
                return "the server was killed by signal \(status)"
            }
            try? await Task.sleep(for: .milliseconds(2))
        }
        return "the server closed its output and exited"
    }

    /// Waits until `signal` finishes or `limit` passes; true when the signal came first.
    static func wait(for signal: AsyncStream<Void>, upTo limit: Duration) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                for await _ in signal {}
                return !Task.isCancelled
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }
}
