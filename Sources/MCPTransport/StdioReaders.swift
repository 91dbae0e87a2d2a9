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
                for frame in buffer.withUnsafeBytes({ raw in framer.feed(raw) }) {
                    await channel.send(try framer.message(in: frame))
                }
                try framer.refuseOversizedLineInProgress()
            }
            for frame in framer.finish() { await channel.send(try framer.message(in: frame)) }
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
        let limit = 64 * 1024
        var framer = LineFramer(maximumFrameSize: limit)
        func emit(_ frame: LineFramer.Frame) {
            switch frame {
            case .line(let line):
                let text = String(decoding: line, as: UTF8.self)
                tail.append(text)
                logger.info("server: \(text)")
            case .oversized(let byteCount):
                // An over-long stderr line is not worth failing for: skip it and go on with the next one.
                logger.debug("skipped a stderr line of \(ByteSize(byteCount)) from the server: over \(ByteSize(limit))")
            }
        }
        do {
            for try await buffer in output {
                buffer.withUnsafeBytes { raw in framer.feed(raw) }.forEach(emit)
            }
            framer.finish().forEach(emit)
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
        // Still running: it closed its end of the pipe (or handed stdout elsewhere) without exiting.
        return "the server closed its standard output but is still running; mcptask stops it"
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
