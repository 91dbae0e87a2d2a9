import MCPCore
import SQLiteDatabase

#if canImport(Glibc)
    import Glibc
#endif

/// The journal's SQLite file: opened private (0600 in a 0700 directory), in WAL mode so readers never wait
/// for a writer, with the schema created on first use. A file SQLite cannot read, or one of another shape,
/// is moved aside (`tasks.db.corrupt-TIMESTAMP`) with a warning, never written over.
struct JournalStore {
    /// The format of the journal's rows; version 1 was the whole-file `tasks.json`.
    static let schemaVersion = 2

    static let schema = """
        CREATE TABLE tasks (
            task_id TEXT NOT NULL, server TEXT NOT NULL, transport TEXT NOT NULL, url TEXT, command TEXT,
            session_id TEXT, tool TEXT NOT NULL, created_at REAL NOT NULL, ttl INTEGER, status TEXT NOT NULL,
            progress_token TEXT, protocol_version TEXT, server_capabilities TEXT, expires_at REAL NOT NULL,
            terminal_at REAL,
            PRIMARY KEY (task_id, server)
        ) STRICT;
        CREATE INDEX tasks_by_creation ON tasks (created_at);
        CREATE INDEX tasks_by_server ON tasks (server, created_at);
        CREATE INDEX tasks_by_expiry ON tasks (expires_at);
        CREATE INDEX tasks_by_terminal ON tasks (terminal_at);
        PRAGMA user_version = 2;
        """

    /// The columns an entry is read from, in `JournalRow.entry`'s order.
    static let columns =
        "task_id, server, transport, url, command, session_id, tool, created_at, ttl, status, progress_token, "
        + "protocol_version, server_capabilities"

    /// `INSERT … (columns, expires_at, terminal_at)`'s values: one placeholder per value of
    /// `JournalEntry.rowValues`.
    static let insertValues = "VALUES (" + (1...15).map { "?\($0)" }.joined(separator: ", ") + ")"

    let directory: String
    let warn: (String) -> Void

    var path: String { directory + "/tasks.db" }

    /// Opens the journal, setting it up or recovering it as needed, and runs `body` on it. A database found
    /// unreadable on the way (even by `body`) is moved aside and `body` runs once more on a fresh one.
    func withDatabase<Value>(now: Double, _ body: (SQLiteConnection) throws -> Value) throws -> Value {
        do {
            return try attempt(now: now, body)
        } catch let error as UnreadableJournal {
            moveAside(error, now: now)
        }
        do {
            return try attempt(now: now, body)
        } catch let error as UnreadableJournal {
            throw FileSystem.Failure(description: "the task journal \(path) cannot be read: \(error.reason)")
        }
    }

    /// Why the file on disk cannot be used, and which file it was (by inode, so a fresh journal another
    /// invocation has put in its place is never the one moved).
    private struct UnreadableJournal: Error {
        let reason: String
        let inode: ino_t
    }

    private func attempt<Value>(now: Double, _ body: (SQLiteConnection) throws -> Value) throws -> Value {
        try FileSystem.makePrivateDirectory(directory)
        try createPrivateFile()
        let inode = Self.inode(of: path)
        do {
            let database = try SQLiteConnection(path: path, create: false)
            try database.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL")
            try prepareSchema(database, inode: inode)
            try LegacyJournal(directory: directory, warn: warn).migrate(into: database, now: now)
            return try body(database)
        } catch let error as SQLiteError where error.meansUnreadable {
            throw UnreadableJournal(reason: error.message, inode: inode)
        }
    }

    /// SQLite would create the file with the umask's mode; it is created private first instead, and SQLite
    /// gives its -wal and -shm files the same mode.
    private func createPrivateFile() throws {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw FileSystem.Failure(description: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        fchmod(descriptor, 0o600)
        close(descriptor)
    }

    private func prepareSchema(_ database: SQLiteConnection, inode: ino_t) throws {
        if try userVersion(database) == Self.schemaVersion { return }
        try database.writing {
            let version = try userVersion(database)
            if version == Self.schemaVersion { return }
            guard version == 0, try isEmpty(database) else {
                throw UnreadableJournal(
                    reason: "it holds no mcptask journal of version \(Self.schemaVersion) (user_version \(version))",
                    inode: inode)
            }
            try database.execute(Self.schema)
        }
    }

    private func userVersion(_ database: SQLiteConnection) throws -> Int {
        let statement = try database.prepare("PRAGMA user_version")
        return try statement.step() ? statement.integer(0) ?? 0 : 0
    }

    private func isEmpty(_ database: SQLiteConnection) throws -> Bool {
        try !database.prepare("SELECT 1 FROM sqlite_schema LIMIT 1").step()
    }

    /// Renames the unreadable file (and its WAL) to `tasks.db.corrupt-TIMESTAMP`, under the lock that
    /// recoveries share, unless another invocation already did.
    private func moveAside(_ problem: UnreadableJournal, now: Double) {
        let lock = open(directory + "/tasks.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        defer { if lock >= 0 { close(lock) } }
        if lock >= 0 { flock(lock, LOCK_EX) }
        guard Self.inode(of: path) == problem.inode else { return }
        let aside = FileSystem.asideName(path, label: "corrupt", now: now)
        guard rename(path, aside) == 0 else {
            warn(
                "the task journal \(path) cannot be read (\(problem.reason)) nor moved aside: "
                    + String(cString: strerror(errno))
            )
            return
        }
        rename(path + "-wal", aside + "-wal")
        unlink(path + "-shm")
        warn("the task journal \(path) cannot be read (\(problem.reason)); moved it to \(aside) and started a new one")
    }

    private static func inode(of path: String) -> ino_t {
        var status = stat()
        return stat(path, &status) == 0 ? status.st_ino : 0
    }
}

extension FileSystem {
    /// `PATH.LABEL-YYYYMMDDTHHMMSSZ` (UTC), with `-N` added while that name is taken.
    static func asideName(_ path: String, label: String, now: Double) -> String {
        var time = time_t(now)
        var parts = tm()
        gmtime_r(&time, &parts)
        func two(_ number: Int32) -> String { number < 10 ? "0\(number)" : "\(number)" }
        let stamp =
            "\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec))Z"
        let base = "\(path).\(label)-\(stamp)"
        var candidate = base
        var number = 1
        while exists(candidate) {
            number += 1
            candidate = "\(base)-\(number)"
        }
        return candidate
    }
}
