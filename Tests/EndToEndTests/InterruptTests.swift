import Foundation
import MCPCore
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Starts `mcptask call SERVER cancellable_sleep seconds=30 --trace FILE`, waits until the trace shows
/// the CreateTaskResult, sends SIGINT and checks the contract: exit 130, the task cancelled on the
/// server (`tasks/cancel`) and its final state (a later `tasks/get` answering cancelled) reported.
func checkCtrlCCancelsTask(
    server: [String], seconds: Int = 30, poll: Duration = .milliseconds(20), signal: Int32 = SIGINT,
    sourceLocation: SourceLocation = #_sourceLocation
) async throws {
    let binary = try Paths.requireMcptask(sourceLocation: sourceLocation)
    let dir = try TempDir()
    defer { dir.remove() }
    let file = dir.file("trace.ndjson")
    let process = try Spawned(
        [binary, "call"] + server.prefix(while: { $0 != "--" })
            + ["cancellable_sleep", "seconds=\(seconds)", "--trace", file] + server.drop(while: { $0 != "--" }),
        in: dir)
    do {
        try await waitUntil("the CreateTaskResult in the trace", timeout: .seconds(60), every: poll) {
            Trace(path: file).hasCreateTaskResult
        }
    } catch {
        process.send(SIGKILL)
        _ = try? await process.wait()
        throw error
    }
    process.send(signal)
    let run = try await process.wait(timeout: .seconds(60))
    // 130 for Ctrl-C; 128 + the signal for SIGTERM (143) and SIGHUP (129).
    #expect(run.status == (signal == SIGINT ? 130 : 128 + signal), "\(run)", sourceLocation: sourceLocation)
    #expect(run.signal == nil, "mcptask died of a signal instead of exiting: \(run)", sourceLocation: sourceLocation)
    #expect(run.stderr.contains("cancelled"), "stderr should say the task is cancelled: \(run)")

    let trace = Trace(path: file)
    let messages = trace.messages
    let cancel = trace.firstIndex { dir, message in
        dir == "send" && message["method"]?.stringValue == "tasks/cancel"
    }
    let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size]).map { "\($0)" } ?? "missing"
    let lines = trace.entries.map { JSONWriter.compactString($0).prefix(300) }
    let dump = "(\(size) bytes)\n" + lines.joined(separator: "\n")
    let cancelIndex = try #require(
        cancel, "no tasks/cancel request in the trace; \(run)\ntrace:\n\(dump)", sourceLocation: sourceLocation)
    // A tasks/get sent after the cancel, and its response saying cancelled.
    let getIDs = messages[(cancelIndex + 1)...].filter {
        $0.dir == "send" && $0.message["method"]?.stringValue == "tasks/get"
    }.compactMap { $0.message["id"] }
    let answered = messages[(cancelIndex + 1)...].contains { entry in
        guard entry.dir == "recv", let id = entry.message["id"], getIDs.contains(id) else { return false }
        return entry.message["result"]?["status"]?.stringValue == "cancelled"
    }
    #expect(
        answered, "no tasks/get response with status cancelled after tasks/cancel; trace:\n\(dump)",
        sourceLocation: sourceLocation)
}

@Suite("Ctrl-C", .serialized)
struct InterruptTests {
    @Test("Ctrl-C during a task call cancels the task on the demo server and exits 130")
    func ctrlCDemo() async throws {
        try await checkCtrlCCancelsTask(server: ["-s", "demo"])
    }

    /// The window between the CreateTaskResult arriving and mcptask following the task must not lose
    /// the Ctrl-C or the cancellation: the task exists on the server from that moment.
    @Test("Ctrl-C at once after the task is created still cancels it (repeated)")
    func ctrlCRightAfterCreation() async throws {
        for _ in 0..<20 {
            try await checkCtrlCCancelsTask(server: ["-s", "demo"], seconds: 10, poll: .milliseconds(1))
        }
    }
}
