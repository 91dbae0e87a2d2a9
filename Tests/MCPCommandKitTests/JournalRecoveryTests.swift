import MCPCommandKit
import MCPTestSupport
import SQLiteDatabase
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// What the journal does with what it cannot read: skip the bad entry, or move the file aside, with a
/// warning naming it, and never write over it; and how the version 1 `tasks.json` is brought in.
@Suite struct JournalRecoveryTests {
    @Test("a version 1 tasks.json is migrated on first use, every entry kept, and renamed .migrated")
    func migration() throws {
        let harness = JournalHarness()
        harness.makeDirectory()
        let document = """
            {"version": 1, "tasks": [\(legacyEntry("old-1", createdAt: harness.now - 60)),
            \(legacyEntry("old-2", createdAt: harness.now - 30))]}
            """
        harness.write("tasks.json", document)
        #expect(harness.ids == ["old-1", "old-2"])
        #expect(harness.files.contains("tasks.json.migrated"))
        #expect(!harness.files.contains("tasks.json"))
        #expect(harness.read("tasks.json.migrated") == document)
        try harness.record(harness.entry("new-1"))
        #expect(harness.ids == ["old-1", "old-2", "new-1"])
        #expect(try harness.journal.resolve("last", server: nil, now: harness.now)?.taskId == "new-1")
        #expect(harness.warnings.isEmpty)
    }

    @Test("one entry with one bad field is skipped and named; the others are migrated and the file kept aside")
    func migrationSkipsBadEntry() throws {
        let harness = JournalHarness()
        harness.makeDirectory()
        let document = """
            {"version": 1, "tasks": [\(legacyEntry("good-1", createdAt: harness.now)),
            \(legacyEntry("bad-1", createdAt: 0, createdAtText: "\"yesterday\"")),
            \(legacyEntry("good-2", createdAt: harness.now))]}
            """
        harness.write("tasks.json", document)
        try harness.record(harness.entry("new-1"))
        #expect(harness.ids == ["good-1", "good-2", "new-1"])
        #expect(harness.warnings.contains { $0.contains("entry 2") && $0.contains("bad-1") })
        let aside = harness.files.filter { $0.hasPrefix("tasks.json.corrupt-") }
        #expect(aside.count == 1)
        #expect(aside.first.flatMap(harness.read) == document)
    }

    @Test(
        "a truncated, garbage or wrong-shaped tasks.json is moved aside with a warning, never overwritten",
        arguments: [
            "{\"version\": 1, \"tasks\": [{\"taskId\": \"abc\", \"server\":",
            "\u{1}\u{2}not json at all",
            "[{\"taskId\": \"abc\"}]",
            "{\"version\": 1, \"tasks\": {\"taskId\": \"abc\"}}",
            "{\"version\": 7, \"tasks\": []}",
        ])
    func unreadableLegacyFile(text: String) throws {
        let harness = JournalHarness()
        harness.makeDirectory()
        harness.write("tasks.json", text)
        try harness.record(harness.entry("new-1"))
        #expect(harness.ids == ["new-1"])
        let aside = harness.files.filter { $0.hasPrefix("tasks.json.corrupt-") }
        #expect(aside.count == 1)
        #expect(aside.first.flatMap(harness.read) == text)
        #expect(harness.warnings.count == 1)
        #expect(harness.warnings.first?.contains("moved it to") == true)
    }

    @Test("a tasks.db that is not a database is moved aside with a warning, and a new one started")
    func garbageDatabase() throws {
        let harness = JournalHarness()
        harness.makeDirectory()
        let garbage = String(repeating: "this is not an SQLite file\n", count: 400)
        harness.write("tasks.db", garbage)
        #expect(harness.ids.isEmpty)
        try harness.record(harness.entry("new-1"))
        #expect(harness.ids == ["new-1"])
        let aside = harness.files.filter { $0.hasPrefix("tasks.db.corrupt-") }
        #expect(aside.count == 1)
        #expect(aside.first.flatMap(harness.read) == garbage)
        #expect(harness.warnings.count == 1)
        #expect(harness.warnings.first?.contains("cannot be read") == true)
    }

    @Test("a truncated tasks.db is moved aside, not written over")
    func truncatedDatabase() throws {
        let harness = JournalHarness()
        for number in 0..<300 {
            try harness.record(harness.entry("task-\(number)-" + String(repeating: "x", count: 100)))
        }
        let database = try SQLiteConnection(path: harness.journal.path)
        try database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        database.close()
        #expect(truncate(harness.journal.path, 8192) == 0)
        try harness.record(harness.entry("new-1"))
        #expect(harness.ids == ["new-1"])
        #expect(harness.files.contains { $0.hasPrefix("tasks.db.corrupt-") })
        #expect(harness.warnings.contains { $0.contains("moved it to") })
    }

    @Test("an SQLite file holding something else is moved aside, not taken over")
    func foreignDatabase() throws {
        let harness = JournalHarness()
        harness.makeDirectory()
        let foreign = try SQLiteConnection(path: harness.journal.path)
        try foreign.execute("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('keep me')")
        foreign.close()
        try harness.record(harness.entry("new-1"))
        #expect(harness.ids == ["new-1"])
        let aside = try #require(harness.files.first { $0.hasPrefix("tasks.db.corrupt-") && !$0.hasSuffix("-wal") })
        let kept = try SQLiteConnection(path: harness.stateDirectory + "/" + aside, create: false)
        let note = try kept.prepare("SELECT text FROM notes")
        #expect(try note.step())
        #expect(note.text(0) == "keep me")
    }

    @Test("a row with one bad field is skipped with a warning naming its task, and left in place")
    func badRow() throws {
        let harness = JournalHarness()
        try harness.record(harness.entry("good-1"))
        try harness.record(harness.entry("bad-1"))
        let database = try SQLiteConnection(path: harness.journal.path)
        try database.execute("UPDATE tasks SET command = '[1, 2' WHERE task_id = 'bad-1'")
        #expect(harness.ids == ["good-1"])
        #expect(try harness.journal.resolve("last", server: nil, now: harness.now)?.taskId == "good-1")
        #expect(harness.warnings.contains { $0.contains("bad-1") && $0.contains("command") })
        try harness.record(harness.entry("new-1"))
        let count = try database.prepare("SELECT count(*) FROM tasks")
        #expect(try count.step())
        #expect(count.integer(0) == 3)
    }

    @Test("a command's journal warnings reach its console's standard error, once")
    func warningsReachTheConsole() throws {
        let kit = KitHarness()
        let context = try kit.context()
        try FileSystem.makePrivateDirectory(context.journal.directory)
        let descriptor = open(context.journal.directory + "/tasks.json", O_WRONLY | O_CREAT, 0o600)
        _ = "garbage".withCString { write(descriptor, $0, 7) }
        close(descriptor)
        #expect(context.journal.entries(now: kit.recording.console.now()).isEmpty)
        #expect(context.journal.entries(now: kit.recording.console.now()).isEmpty)
        let lines = kit.recording.stderr.split(separator: "\n").filter { $0.contains("tasks.json") }
        #expect(lines.count == 1)
        #expect(lines.first?.contains("moved it to") == true)
    }
}
