import MCPCommandKit
import MCPTestSupport
import SQLiteDatabase
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The task journal's store: lookups, private files, pruning, concurrent writers.
@Suite struct JournalTests {
    @Test("'last', an exact id and a unique prefix find their task; an ambiguous prefix says how many")
    func lookups() throws {
        let harness = JournalHarness()
        try harness.record(harness.entry("alpha-1"))
        harness.advance(days: 0.001)
        try harness.record(harness.entry("alpha-2", server: "other"))
        harness.advance(days: 0.001)
        try harness.record(harness.entry("beta-1"))
        let journal = harness.journal
        #expect(try journal.resolve("last", server: nil, now: harness.now)?.taskId == "beta-1")
        #expect(try journal.resolve("last", server: "other", now: harness.now)?.taskId == "alpha-2")
        #expect(try journal.resolve("alpha-1", server: nil, now: harness.now)?.server == "demo")
        #expect(try journal.resolve("bet", server: nil, now: harness.now)?.taskId == "beta-1")
        #expect(try journal.resolve("gamma", server: nil, now: harness.now) == nil)
        let ambiguous = #expect(throws: CommandFailure.self) {
            try journal.resolve("alpha", server: nil, now: harness.now)
        }
        #expect(ambiguous?.message.contains("matches 2 tasks") == true)
        #expect(try journal.resolve("alpha", server: "other", now: harness.now)?.taskId == "alpha-2")
        #expect(harness.warnings.isEmpty)
    }

    @Test("an entry reads back as it was recorded, and a status note updates it")
    func roundTrip() throws {
        let harness = JournalHarness()
        var entry = harness.entry("task-1", ttl: 60_000)
        entry.transport = "stdio"
        entry.command = ["mcptask-demo", "--flag", "a \"quoted\" word"]
        try harness.record(entry)
        #expect(harness.journal.entries(now: harness.now) == [entry])
        harness.journal.noteStatus("completed", of: "task-1", now: harness.now)
        #expect(harness.journal.entries(now: harness.now).first?.status == "completed")
    }

    @Test("the journal is a 0600 file (and WAL) in a 0700 directory, whatever the umask")
    func privateModes() throws {
        let harness = JournalHarness()
        let previous = umask(0o022)
        defer { umask(previous) }
        try harness.record(harness.entry("task-1"))
        #expect(JournalHarness.mode(harness.stateDirectory) == 0o700)
        #expect(JournalHarness.mode(harness.journal.path) == 0o600)
        // The write-ahead log and its index exist while a connection is open (the last one to close folds
        // them back into the file): hold one open across a write.
        let reader = try SQLiteConnection(path: harness.journal.path, create: false)
        #expect(try reader.prepare("SELECT count(*) FROM tasks").step())
        try harness.record(harness.entry("task-2"))
        #expect(JournalHarness.mode(harness.journal.path + "-wal") == 0o600)
        #expect(JournalHarness.mode(harness.journal.path + "-shm") == 0o600)
        reader.close()
    }

    @Test("a task seen terminal is dropped after the configured age; one still working is kept")
    func pruneByAge() throws {
        let harness = JournalHarness(["MCPTASK_JOURNAL_KEEP_DAYS": "2"])
        let unlimited = 365 * 86_400_000
        try harness.record(harness.entry("finished", ttl: unlimited))
        try harness.record(harness.entry("running", ttl: unlimited))
        harness.journal.noteStatus("completed", of: "finished", now: harness.now)
        harness.advance(days: 1)
        try harness.record(harness.entry("newer", ttl: unlimited))
        #expect(harness.ids == ["finished", "running", "newer"])
        harness.advance(days: 1.5)
        try harness.record(harness.entry("newest", ttl: unlimited))
        #expect(harness.ids == ["running", "newer", "newest"])
        #expect(harness.warnings.isEmpty)
    }

    @Test("the default age is a week, counted from when the task was first seen terminal")
    func defaultAge() throws {
        let harness = JournalHarness()
        try harness.record(harness.entry("task-1", ttl: 30 * 86_400_000))
        harness.advance(days: 5)
        harness.journal.noteStatus("failed", of: "task-1", now: harness.now)
        harness.advance(days: 5)
        harness.journal.noteStatus("failed", of: "task-1", now: harness.now)
        #expect(harness.ids == ["task-1"])
        harness.advance(days: 2.5)
        try harness.record(harness.entry("task-2"))
        #expect(harness.ids == ["task-2"])
    }

    @Test("only the newest tasks up to the cap are kept")
    func pruneByCap() throws {
        let harness = JournalHarness(["MCPTASK_JOURNAL_MAX_TASKS": "3"])
        for number in 1...5 {
            try harness.record(harness.entry("task-\(number)"))
            harness.advance(days: 0.001)
        }
        #expect(harness.ids == ["task-3", "task-4", "task-5"])
    }

    @Test("tasks past their TTL are not listed, and gone from the file after the next write")
    func expiry() throws {
        let harness = JournalHarness()
        try harness.record(harness.entry("short", ttl: 1000))
        try harness.record(harness.entry("long", ttl: 3_600_000))
        harness.advance(days: 0.001)
        #expect(harness.ids == ["long"])
        #expect(try harness.journal.resolve("short", server: nil, now: harness.now) == nil)
        try harness.record(harness.entry("next", ttl: 3_600_000))
        let database = try SQLiteConnection(path: harness.journal.path, create: false)
        let rows = try database.prepare("SELECT task_id FROM tasks ORDER BY task_id")
        var stored: [String] = []
        while try rows.step() { stored.append(rows.text(0) ?? "") }
        #expect(stored == ["long", "next"])
    }

    @Test("a retention setting that is not a positive number is named, and the default kept")
    func badSettings() {
        let harness = JournalHarness(["MCPTASK_JOURNAL_KEEP_DAYS": "soon", "MCPTASK_JOURNAL_MAX_TASKS": "-1"])
        #expect(harness.journal.retention == .standard)
        #expect(harness.warnings.count == 2)
        #expect(harness.warnings.first?.contains("MCPTASK_JOURNAL_KEEP_DAYS") == true)
        #expect(harness.warnings.last?.contains("MCPTASK_JOURNAL_MAX_TASKS") == true)
    }

    @Test("writers on eight threads at once lose none of each other's entries")
    func concurrentWriters() async throws {
        let harness = JournalHarness()
        let now = harness.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    let journal = harness.journal
                    for number in 0..<25 {
                        var entry = harness.entry("w\(writer)-\(number)")
                        entry.createdAt = now + Double(number)
                        try journal.record(entry, now: now)
                        journal.noteStatus("completed", of: entry.taskId, now: now)
                    }
                }
            }
            try await group.waitForAll()
        }
        let entries = harness.journal.entries(now: now)
        #expect(entries.count == 200)
        #expect(entries.allSatisfy { $0.status == "completed" })
        #expect(harness.warnings.isEmpty)
    }
}
