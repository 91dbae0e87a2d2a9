import MCPCore
import SQLiteDatabase
import Synchronization

/// The local task journal: an SQLite database at `$XDG_STATE_HOME/mcptask/tasks.db` (else
/// `~/.local/state/mcptask`), a file of 0600 in a directory of 0700. Each operation is one indexed query or
/// one short write transaction, so recording a task, `last` and prefix lookups cost the same however many
/// tasks it holds; SQLite's locking keeps concurrent invocations from losing each other's writes, and its
/// write-ahead log keeps the file whole through a crash. Every write prunes by `JournalRetention`.
///
/// Nothing unreadable is written over: an entry that cannot be read is skipped with a warning naming it,
/// and a file that cannot be read is moved aside with a warning before a new one is started. Warnings go to
/// `warn`, each once per journal value.
package struct TaskJournal: Sendable {
    package let directory: String
    package let retention: JournalRetention
    private let warnings: Warnings

    package init(environment: [String: String], warn: @escaping @Sendable (String) -> Void = { _ in }) {
        let state =
            environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? "/tmp") + "/.local/state"
        directory = state + "/mcptask"
        let warnings = Warnings(sink: warn)
        self.warnings = warnings
        retention = JournalRetention(environment: environment, warn: warnings.report)
    }

    package var path: String { store.path }

    private var store: JournalStore { JournalStore(directory: directory, warn: warnings.report) }

    /// Every live entry, oldest first; none when the journal cannot be opened (said once).
    package func entries(now: Double) -> [JournalEntry] {
        reading(now: now) { database in
            let query = try database.prepare(
                "SELECT \(JournalStore.columns) FROM tasks WHERE expires_at >= ?1 ORDER BY created_at, rowid")
            try query.bind([.real(now)])
            return try readEntries(query, limit: .max)
        } ?? []
    }

    /// Records a task started now, replacing any earlier entry for the same id on the same server.
    package func record(_ entry: JournalEntry, now: Double) throws {
        try store.withDatabase(now: now) { database in
            try database.writing {
                try database.prepare(
                    "INSERT OR REPLACE INTO tasks (\(JournalStore.columns), expires_at, terminal_at) "
                        + JournalStore.insertValues
                ).run(entry.rowValues(now: now))
                try retention.prune(database, now: now)
            }
        }
    }

    /// Notes a task's latest status, and when it was first seen terminal.
    package func noteStatus(_ status: String, of taskID: String, now: Double) {
        let terminal = TaskStatus(rawValue: status).isTerminal
        do {
            try store.withDatabase(now: now) { database in
                try database.writing {
                    try database.prepare(
                        "UPDATE tasks SET status = ?1, terminal_at = CASE WHEN ?2 THEN coalesce(terminal_at, ?3) END "
                            + "WHERE task_id = ?4"
                    ).run([.text(status), .integer(terminal ? 1 : 0), .real(now), .text(taskID)])
                    try retention.prune(database, now: now)
                }
            }
        } catch {
            warnings.report("could not note task \(taskID) as \(status) in the journal: \(error)")
        }
    }

    /// Finds the task `reference` names: `last` (the newest, for `server` when given), an id, or a unique
    /// prefix of one.
    package func resolve(_ reference: String, server: String?, now: Double) throws -> JournalEntry? {
        let values: [SQLiteValue] = [.real(now)] + (server.map { [.text($0)] } ?? [])
        let filter = "expires_at >= ?1" + (server == nil ? "" : " AND server = ?2")
        // For a prefix, `+server` keeps SQLite from walking the server's index (all of its tasks) instead of
        // the id range.
        let prefixFilter = "expires_at >= ?1" + (server == nil ? "" : " AND +server = ?2")
        let newestFirst = "ORDER BY created_at DESC, rowid DESC"
        if reference == "last" {
            let newest = reading(now: now) { database in
                let query = try database.prepare(
                    "SELECT \(JournalStore.columns) FROM tasks WHERE \(filter) \(newestFirst)")
                try query.bind(values)
                return try readEntries(query, limit: 1).first
            }
            guard let newest = newest ?? nil else {
                throw CommandFailure(
                    status: .noSuchTask,
                    message: "no task to call 'last'" + (server.map { " for \($0)" } ?? "")
                        + ": the journal at \(path) has none that has not expired")
            }
            return newest
        }
        let found = reading(now: now) { database -> PrefixMatches in
            let exact = try database.prepare(
                "SELECT \(JournalStore.columns) FROM tasks WHERE \(filter) AND task_id = ?\(values.count + 1) "
                    + newestFirst
            )
            try exact.bind(values + [.text(reference)])
            if let entry = try readEntries(exact, limit: 1).first { return PrefixMatches(leading: [entry], count: 1) }
            // The ids with this prefix are one range of the primary key's index.
            let range = try database.prepare(
                "SELECT \(JournalStore.columns) FROM tasks WHERE \(prefixFilter) AND task_id >= ?\(values.count + 1) "
                    + "AND task_id < ?\(values.count + 2) ORDER BY task_id")
            try range.bind(values + [.text(reference), .text(reference + "\u{10FFFF}")])
            return try prefixMatches(range, reference)
        }
        guard let found else { return nil }
        if found.count > 1 {
            throw CommandFailure(
                status: .usage,
                message:
                    "'\(reference)' matches \(found.count) tasks ("
                    + found.leading.map(\.taskId).joined(separator: ", ") + "…); "
                    + "give more of the id"
            )
        }
        return found.leading.first
    }

    /// The first three entries of a prefix range, and how many there are in all.
    private struct PrefixMatches {
        var leading: [JournalEntry] = []
        var count = 0
    }

    private func prefixMatches(_ range: SQLiteStatement, _ prefix: String) throws -> PrefixMatches {
        var matches = PrefixMatches()
        while try range.step() {
            guard range.text(0)?.hasPrefix(prefix) == true else { continue }
            if matches.leading.count < 3 {
                do {
                    matches.leading.append(try JournalEntry(row: range))
                } catch {
                    warnings.report(error.description)
                    continue
                }
            }
            matches.count += 1
        }
        return matches
    }

    /// Up to `limit` entries from the rows of `query`, skipping (and naming) the rows that cannot be read.
    private func readEntries(_ query: SQLiteStatement, limit: Int) throws -> [JournalEntry] {
        var entries: [JournalEntry] = []
        while entries.count < limit, try query.step() {
            do {
                entries.append(try JournalEntry(row: query))
            } catch {
                warnings.report(error.description)
            }
        }
        return entries
    }

    /// Runs a read; a journal that cannot be opened is reported and reads as nothing (nil).
    private func reading<Value>(now: Double, _ body: (SQLiteConnection) throws -> Value) -> Value? {
        do {
            return try store.withDatabase(now: now, body)
        } catch {
            warnings.report("cannot read the task journal at \(path): \(error)")
            return nil
        }
    }

    /// Passes each distinct warning on once.
    private final class Warnings: Sendable {
        private let said = Mutex<Set<String>>([])
        private let sink: @Sendable (String) -> Void

        init(sink: @escaping @Sendable (String) -> Void) { self.sink = sink }

        func report(_ text: String) {
            if said.withLock({ $0.insert(text).inserted }) { sink(text) }
        }
    }
}
