import Foundation
import MCPCore
import Testing

/// `mcptask call` against the demo tools that behave like real servers (server-behaviours.md): noisy
/// notifications, a tasks/result that does not wait, and the three shapes of a failed task.
@Suite("mcptask call outcomes against real-server behaviours")
struct OutcomeTests {
    /// The demo server command line with extra options, for the trailing `-- COMMAND` form.
    private func demo(_ options: String...) -> [String] { ["--", Paths.demo] + options }

    @Test("chatty_count: exit 0; each tripled status renders once on stderr")
    func chattyCountLines() async throws {
        let run = try await mcptask(["call", "-s", "demo", "chatty_count", "n=3", "delay=0.2"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("counted to 3"), "\(run)")
        let lines = run.stderr.split(separator: "\n").map(String.init)
        for step in 1...3 {
            // A status line for "step i of 3" shows the progress of the step before; a progress line that
            // repeats the message shows i/3 itself. Three identical notifications must make one status line.
            let statusLines = lines.filter { $0.contains("step \(step) of 3") && !$0.contains("\(step)/3") }
            #expect(statusLines.count == 1, "step \(step): \(statusLines)\n\(run)")
        }
    }

    @Test("chatty_count --events: one status event per step and one progress event per progress value")
    func chattyCountEvents() async throws {
        let run = try await mcptask(["call", "-s", "demo", "chatty_count", "n=3", "delay=0.1", "--events"])
        #expect(run.status == 0, "\(run)")
        var statusMessages: [String] = []
        var progressValues: [Double] = []
        var kinds: [String] = []
        for line in run.stdoutLines {
            let event = try JSONParser.parse(line)
            let kind = try #require(event["event"]?.stringValue, "no event in \(line)")
            kinds.append(kind)
            if kind == "status", let message = event["task"]?["statusMessage"]?.stringValue {
                statusMessages.append(message)
            }
            if kind == "progress", let value = event["progress"]?.doubleValue { progressValues.append(value) }
        }
        #expect(statusMessages == ["step 1 of 3", "step 2 of 3", "step 3 of 3"], "\(run)")
        #expect(progressValues == [1, 2, 3], "the repeated last progress is one event: \(run)")
        #expect(kinds.last == "result", "\(run)")
    }

    @Test("lazy_result: a tasks/result that answers -32602 while working still ends in the result, exit 0")
    func lazyResult() async throws {
        let run = try await mcptask(["call", "-s", "demo", "lazy_result"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("counted to 3"), "\(run)")
    }

    @Test("fails_rpc: a task failed without notification, tasks/result a JSON-RPC error: exit 1 with the reason")
    func failsRPC() async throws {
        let run = try await mcptask(["call", "-s", "demo", "fails_rpc"])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("deliberate failure inside tool"), "\(run)")
    }

    @Test("fails: a failed task whose tasks/result is the isError result (FastMCP shape): exit 1 with the reason")
    func failsWithResult() async throws {
        let run = try await mcptask(["call", "-s", "demo", "fails"])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("deliberate failure inside task"), "\(run)")
    }

    @Test("fails_quietly: a failed task whose tasks/result is only _meta (SDK shape): exit 1, reason from tasks/get")
    func failsQuietly() async throws {
        let run = try await mcptask(["call", "-s", "demo", "fails_quietly"])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("deliberate failure inside task"), "\(run)")
    }

    @Test("lazy_result with a 60 s poll interval ends soon after the completed notification, not at a poll")
    func finishesOnNotification() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let file = dir.file("trace.ndjson")
        let started = Date()
        let run = try await mcptask(
            ["call", "lazy_result", "n=2", "delay=0.2", "--events", "--trace", file]
                + demo("--poll-interval", "60000"),
            timeout: .seconds(45))
        #expect(run.status == 0, "\(run)")
        #expect(Date().timeIntervalSince(started) < 30, "a poll, not the notification, ended it: \(run)")

        let trace = Trace(path: file)
        let created = trace.messages.first { $0.dir == "recv" && $0.message["result"]?["task"] != nil }
        #expect(created?.message["result"]?["task"]?["pollInterval"]?.intValue == 60_000, "the option did not apply")
        let completed = trace.entries.first { entry in
            entry["dir"] == "recv" && entry["message"]?["method"] == "notifications/tasks/status"
                && entry["message"]?["params"]?["status"] == "completed"
        }
        let stamp = try #require(completed?["time"]?.stringValue, "no completed status notification in the trace")
        let received = try #require(Self.parseTime(stamp), "unreadable trace time \(stamp)")
        // Both times are mcptask's own clock: the test runner's scheduling under load does not count.
        let result = try run.stdoutLines.map { try JSONParser.parse($0) }.first { $0["event"] == "result" }
        let resultStamp = try #require(result?["time"]?.stringValue, "no result event: \(run)")
        let ended = try #require(Self.parseTime(resultStamp), "unreadable event time \(resultStamp)")
        #expect(result?["result"]?["content"]?.arrayValue?.first?["text"] == "counted to 2", "\(run)")
        let lag = ended.timeIntervalSince(received)
        // The bench (bench/terminal_latency.py) measures the real figure against 100 ms; this margin is generous.
        #expect(lag < 1, "the result came \(lag) s after the completed notification")
        #expect(lag >= 0, "the result is stamped \(-lag) s before the completed notification")
    }

    /// A `--trace` time: RFC 3339 UTC with milliseconds, e.g. `2026-01-05T09:00:00.123Z`.
    private static func parseTime(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
