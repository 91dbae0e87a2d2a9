import Foundation
import MCPCore
import Testing

/// HTTP sessions reached again in later invocations: rejoined with the recorded session id and protocol
/// version (no second initialize), kept open while the journal holds a task of them, and every one the
/// journal knows asked by `tasks`. Against `sdk_server.py http --strict-session`, which refuses a second
/// initialize on a live session the way some Python servers do.
@Suite("HTTP sessions rejoined across invocations", .serialized)
struct HTTPSessionRejoinTests {
    @Test("strict server: call --detach, then status, watch, result, tasks and cancel all reach the task")
    func detachedOnStrictServer() async throws {
        try await withSDKServer(["--strict-session"]) { url in
            let state = try TempDir()
            defer { state.remove() }
            let environment = ["XDG_STATE_HOME": state.file("state")]
            let started = try await mcptask(
                ["call", "-s", url, "slow_count", "n=2", "delay=0.2", "--detach"], environment: environment)
            #expect(started.status == 0, "\(started)")
            let id = started.stdout.trimmingCharacters(in: .whitespacesAndNewlines)

            let watch = try await mcptask(["watch", "last"], environment: environment)
            #expect(watch.status == 0, "\(watch)")
            let result = try await mcptask(["result", "last"], environment: environment)
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.contains("counted to 2"), "\(result)")
            let status = try await mcptask(["status", "last", "--json"], environment: environment)
            #expect(status.status == 0, "\(status)")
            #expect(try JSONParser.parse(status.stdout)["status"]?.stringValue == "completed", "\(status)")
            let tasks = try await mcptask(["tasks", "-s", url], environment: environment)
            #expect(tasks.status == 0, "\(tasks)")
            #expect(tasks.stdout.contains(id), "\(tasks)")

            let sleeping = try await mcptask(
                ["call", "-s", url, "cancellable_sleep", "seconds=30", "--detach"], environment: environment)
            #expect(sleeping.status == 0, "\(sleeping)")
            let cancel = try await mcptask(["cancel", "last"], environment: environment)
            #expect(cancel.status == 0, "\(cancel)")
            #expect(cancel.stdout.contains("cancelled"), "\(cancel)")
        }
    }

    @Test("after a foreground call has ended, result last and status last still reach its task")
    func resultAfterForegroundCall() async throws {
        try await withSDKServer(["--strict-session"]) { url in
            let state = try TempDir()
            defer { state.remove() }
            let environment = ["XDG_STATE_HOME": state.file("state")]
            let call = try await mcptask(["call", "-s", url, "must_be_task", "x=hi"], environment: environment)
            #expect(call.status == 0, "\(call)")
            let result = try await mcptask(["result", "last"], environment: environment)
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.contains("must_be_task: hi"), "\(result)")
            let status = try await mcptask(["status", "last"], environment: environment)
            #expect(status.status == 0, "\(status)")
            #expect(status.stdout.contains("completed"), "\(status)")
        }
    }

    @Test("tasks asks every recorded session and says which session listed each task")
    func tasksAcrossSessions() async throws {
        try await withSDKServer(["--strict-session"]) { url in
            let state = try TempDir()
            defer { state.remove() }
            let environment = ["XDG_STATE_HOME": state.file("state")]
            var ids: [String] = []
            for _ in 0..<2 {
                let started = try await mcptask(
                    ["call", "-s", url, "must_be_task", "x=1", "--detach"], environment: environment)
                #expect(started.status == 0, "\(started)")
                ids.append(started.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            let tasks = try await mcptask(["tasks", "-s", url, "--json"], environment: environment)
            #expect(tasks.status == 0, "\(tasks)")
            let document = try JSONParser.parse(tasks.stdout)
            let listed = document["tasks"]?.arrayValue?.compactMap { $0["taskId"]?.stringValue } ?? []
            #expect(Set(listed) == Set(ids), "both sessions' tasks listed by the server: \(tasks)")
            let sessions = Set(ids.compactMap { document["listedInSession"]?[$0]?.stringValue })
            #expect(sessions.count == 2, "each task names the session that listed it: \(tasks)")
            #expect(document["journal"]?.arrayValue?.isEmpty == true, "no stale journal rows: \(tasks)")
        }
    }
}
