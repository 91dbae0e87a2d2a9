import Foundation
import MCPCore
import Testing

/// `status`, `cancel` and `call --detach` in separate invocations, through the task journal.
@Suite("Task handles across invocations", .serialized)
struct TaskHandleTests {
    @Test("over HTTP, a detached task is reached by later status and cancel invocations")
    func detachedTaskOverHTTP() async throws {
        try await withSDKServer { url in
            let state = try TempDir()
            defer { state.remove() }
            let environment = ["XDG_STATE_HOME": state.file("state")]
            let started = try await mcptask(
                ["call", "-s", url, "cancellable_sleep", "seconds=30", "--detach"], environment: environment)
            #expect(started.status == 0, "\(started)")
            let id = started.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(id.count > 12, "\(started)")

            let status = try await mcptask(["status", "last"], environment: environment)
            #expect(status.status == 0, "\(status)")
            #expect(status.stdout.contains(id) && status.stdout.contains("working"), "\(status)")

            let cancel = try await mcptask(["cancel", String(id.prefix(12))], environment: environment)
            #expect(cancel.status == 0, "\(cancel)")
            #expect(cancel.stdout.contains("cancelled"), "\(cancel)")

            let final = try await mcptask(["status", id, "--json"], environment: environment)
            #expect(final.status == 0, "\(final)")
            let task = try JSONParser.parse(final.stdout)
            #expect(task["status"]?.stringValue == "cancelled", "\(final)")
            #expect(task["taskId"]?.stringValue == id)

            let journal = state.file("state") + "/mcptask/tasks.db"
            let mode = (try FileManager.default.attributesOfItem(atPath: journal)[.posixPermissions] as? NSNumber)?
                .intValue
            #expect(mode == 0o600, "journal mode \(String(mode ?? -1, radix: 8))")
            let directoryMode =
                (try FileManager.default.attributesOfItem(atPath: state.file("state") + "/mcptask")[
                    .posixPermissions] as? NSNumber)?.intValue
            #expect(directoryMode == 0o700, "journal directory mode \(String(directoryMode ?? -1, radix: 8))")
        }
    }

    @Test("a task of a stdio server is explained as gone with its process: exit 6")
    func stdioTaskEnded() async throws {
        let state = try TempDir()
        defer { state.remove() }
        let environment = ["XDG_STATE_HOME": state.file("state")]
        let started = try await mcptask(
            ["call", "-s", "demo", "must_be_task", "x=1", "--detach"], environment: environment)
        #expect(started.status == 0, "\(started)")
        let status = try await mcptask(["status", "last"], environment: environment)
        #expect(status.status == 6, "\(status)")
        #expect(status.stderr.contains("ended with that process"), "\(status)")
    }

    @Test("'last' with an empty journal, and an id the server does not know: exit 6")
    func unknownTasks() async throws {
        let last = try await mcptask(["status", "last"], environment: [:])
        #expect(last.status == 6, "\(last)")
        let unknown = try await mcptask(["status", "no-such-task", "-s", "demo"], environment: [:])
        #expect(unknown.status == 6, "\(unknown)")
        #expect(unknown.stderr.contains("does not know task no-such-task"), "\(unknown)")
    }
}
