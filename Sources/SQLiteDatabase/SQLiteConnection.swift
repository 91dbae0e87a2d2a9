import CSQLite

/// An error SQLite reported: its result code and its own words.
package struct SQLiteError: Error, CustomStringConvertible {
    package let code: Int32
    package let message: String

    package var description: String { message }

    /// The file is not a database, or not a whole one: it cannot be read, so it must be moved aside rather
    /// than written over.
    package var meansUnreadable: Bool {
        let primary = code & 0xFF
        return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB
    }
}

/// One connection to an SQLite database file, used by one thread at a time (each journal operation opens
/// its own; SQLite's file locks keep processes apart).
package final class SQLiteConnection {
    private var handle: OpaquePointer?

    /// Opens (creating when asked) the database at `path`. A file that is not a database opens fine; the
    /// first statement says so.
    package init(path: String, create: Bool = true, busyTimeoutMilliseconds: Int32 = 10_000) throws {
        let flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX
        let status = sqlite3_open_v2(path, &handle, flags, nil)
        guard status == SQLITE_OK else {
            let error = SQLiteError(code: status, message: handle.map { String(cString: sqlite3_errmsg($0)) } ?? "")
            sqlite3_close_v2(handle)
            handle = nil
            throw error
        }
        sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
    }

    deinit { close() }

    package func close() {
        if let handle { sqlite3_close_v2(handle) }
        handle = nil
    }

    /// Runs one or more statements that take no parameters.
    package func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(handle, sql, nil, nil, &message)
        guard status == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(status))
            sqlite3_free(message)
            throw SQLiteError(code: status, message: text)
        }
    }

    package func prepare(_ sql: String) throws -> SQLiteStatement {
        var statement: OpaquePointer?
        let status = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard status == SQLITE_OK, let statement else { throw failure(status) }
        return SQLiteStatement(statement, connection: self)
    }

    /// Runs `body` in a transaction that takes the write lock at once (`BEGIN IMMEDIATE`), so two writers
    /// queue on the busy timeout instead of one failing halfway; rolled back when `body` throws.
    package func writing<Value>(_ body: () throws -> Value) throws -> Value {
        try execute("BEGIN IMMEDIATE")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Rows changed by the last statement.
    package var changes: Int { Int(sqlite3_changes(handle)) }

    fileprivate func failure(_ status: Int32) -> SQLiteError {
        SQLiteError(code: status, message: handle.map { String(cString: sqlite3_errmsg($0)) } ?? "")
    }
}

/// A prepared statement: bind parameters (1-based), step through rows, read columns (0-based).
package final class SQLiteStatement {
    private let statement: OpaquePointer
    private let connection: SQLiteConnection

    fileprivate init(_ statement: OpaquePointer, connection: SQLiteConnection) {
        self.statement = statement
        self.connection = connection
    }

    deinit { sqlite3_finalize(statement) }

    /// What a column holds, by SQLite's own type codes.
    package enum Kind { case integer, real, text, blob, null }

    package func bind(_ values: [SQLiteValue]) throws {
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let status: Int32
            switch value {
            case .null: status = sqlite3_bind_null(statement, index)
            case .integer(let number): status = sqlite3_bind_int64(statement, index, Int64(number))
            case .real(let number): status = sqlite3_bind_double(statement, index, number)
            case .text(let text): status = mcptask_sqlite_bind_text(statement, index, text)
            }
            guard status == SQLITE_OK else { throw connection.failure(status) }
        }
    }

    /// Moves to the next row; false when there is none.
    package func step() throws -> Bool {
        let status = sqlite3_step(statement)
        switch status {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw connection.failure(status)
        }
    }

    /// Runs a statement that returns no rows.
    package func run(_ values: [SQLiteValue] = []) throws {
        try bind(values)
        while try step() {}
    }

    package func kind(_ column: Int32) -> Kind {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER: .integer
        case SQLITE_FLOAT: .real
        case SQLITE_TEXT: .text
        case SQLITE_BLOB: .blob
        default: .null
        }
    }

    package func text(_ column: Int32) -> String? {
        guard kind(column) == .text, let bytes = sqlite3_column_text(statement, column) else { return nil }
        return String(cString: bytes)
    }

    package func integer(_ column: Int32) -> Int? {
        kind(column) == .integer ? Int(sqlite3_column_int64(statement, column)) : nil
    }

    package func real(_ column: Int32) -> Double? {
        switch kind(column) {
        case .real, .integer: sqlite3_column_double(statement, column)
        default: nil
        }
    }
}

/// A value bound to a statement's parameter.
package enum SQLiteValue {
    case null
    case integer(Int)
    case real(Double)
    case text(String)

    package init(_ text: String?) { self = text.map { .text($0) } ?? .null }
    package init(_ number: Int?) { self = number.map { .integer($0) } ?? .null }
    package init(_ number: Double?) { self = number.map { .real($0) } ?? .null }
}
