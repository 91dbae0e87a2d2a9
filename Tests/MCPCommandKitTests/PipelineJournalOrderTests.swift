import MCPClient
import MCPCommandKit
import MCPCore
import MCPTestSupport
import SQLiteDatabase
import Testing

/// With hundreds of tasks ending together, writing each final status to the journal can wait for another
/// process's write lock; the task's end must be shown first.
@Suite(.timeLimit(.minutes(2))) struct PipelineJournalOrderTests {
    @Test("a task's end is shown while another process holds the journal's write lock; its status is written after")
    func endBeforeJournal() async throws {
        let kit = KitHarness()
        let context = try kit.context()
        let path = kit.journal.path
        try await withDemoSession { session in
            let pipeline = TaskPipeline(context: context, session: session)
            let request = try CallRequest.call("slow_count", "n=2", "delay=0.05")
            let run = TaskRun(label: request.tool, request: request)
            let updates = run.updates()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await pipeline.start(run) { _ in } }
                var holder: SQLiteConnection?
                for await update in updates {
                    switch update {
                    case .created:
                        // Recorded already; from now on another writer holds the lock until it commits.
                        let other = try SQLiteConnection(path: path, create: false)
                        try other.execute("BEGIN IMMEDIATE")
                        holder = other
                    case .ended(let end):
                        guard case .outcome(.completed) = end else {
                            Issue.record("the run ended as \(end)")
                            break
                        }
                        // Shown while the lock is held: the final status is not written yet.
                        #expect(kit.entries.first?.status == "working")
                        try holder?.execute("COMMIT")
                        holder?.close()
                    default:
                        break
                    }
                }
                try await group.waitForAll()
            }
        }
        // Written once the lock was let go.
        #expect(kit.entries.first?.status == "completed")
    }
}
