import SQLiteDatabase

/// How much the journal keeps. A task is dropped once it has been seen in a terminal state for longer than
/// `terminalAge` (servers may grant long or unlimited TTLs, so the TTL alone does not bound the journal), or
/// once its TTL is over (a week after creation when the server gave none); and only the newest
/// `maximumTasks` are kept whatever their state.
package struct JournalRetention: Sendable, Equatable {
    package var terminalAge: Double
    package var maximumTasks: Int

    package static let standard = JournalRetention(terminalAge: 7 * 86400, maximumTasks: 10_000)

    package init(terminalAge: Double, maximumTasks: Int) {
        self.terminalAge = terminalAge
        self.maximumTasks = maximumTasks
    }

    /// `MCPTASK_JOURNAL_KEEP_DAYS` (days a finished task is kept, fractions allowed) and
    /// `MCPTASK_JOURNAL_MAX_TASKS` (how many tasks at most); a value that is not a positive number is
    /// reported and the default used.
    package init(environment: [String: String], warn: (String) -> Void) {
        self = .standard
        if let text = environment["MCPTASK_JOURNAL_KEEP_DAYS"], !text.isEmpty {
            if let days = Double(text), days > 0, days.isFinite {
                terminalAge = days * 86400
            } else {
                warn("MCPTASK_JOURNAL_KEEP_DAYS must be a positive number of days, not '\(text)'; keeping 7 days")
            }
        }
        if let text = environment["MCPTASK_JOURNAL_MAX_TASKS"], !text.isEmpty {
            if let count = Int(text), count > 0 {
                maximumTasks = count
            } else {
                warn("MCPTASK_JOURNAL_MAX_TASKS must be a positive whole number, not '\(text)'; keeping 10000")
            }
        }
    }

    /// Deletes what is no longer kept. Each delete walks an index, and the cap is enforced by one probe for
    /// the `maximumTasks`-th newest task, so a prune costs little however long the journal is.
    func prune(_ database: SQLiteConnection, now: Double) throws {
        try database.prepare("DELETE FROM tasks WHERE expires_at <= ?1").run([.real(now)])
        try database.prepare("DELETE FROM tasks WHERE terminal_at <= ?1").run([.real(now - terminalAge)])
        let boundary = try database.prepare(
            "SELECT created_at, rowid FROM tasks ORDER BY created_at DESC, rowid DESC LIMIT 1 OFFSET ?1")
        try boundary.bind([.integer(maximumTasks - 1)])
        guard try boundary.step(), let createdAt = boundary.real(0), let rowid = boundary.integer(1) else { return }
        try database.prepare(
            "DELETE FROM tasks WHERE created_at < ?1 OR (created_at = ?1 AND rowid < ?2)"
        ).run([.real(createdAt), .integer(rowid)])
    }
}
