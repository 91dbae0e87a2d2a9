import MCPCore
import SQLiteDatabase

/// An entry as one row of the journal's `tasks` table (`JournalStore.columns`, then `expires_at` and
/// `terminal_at`). The stdio command line is kept as a JSON list of strings.
extension JournalEntry {
    /// The values for `INSERT … (columns, expires_at, terminal_at)`; a task recorded already finished
    /// counts as seen terminal now.
    func rowValues(now: Double) -> [SQLiteValue] {
        let command = command.map { words in JSONWriter.compactString(.array(words.map { .string($0) })) }
        return [
            .text(taskId), .text(server), .text(transport), SQLiteValue(url), SQLiteValue(command),
            SQLiteValue(sessionId), .text(tool), .real(createdAt), SQLiteValue(ttl), .text(status),
            SQLiteValue(progressToken), SQLiteValue(protocolVersion),
            SQLiteValue(serverCapabilities.map { JSONWriter.compactString($0) }), .real(expiresAt),
            isTerminal ? .real(now) : .null,
        ]
    }

    /// Reads the row `statement` is on, selected as `JournalStore.columns`.
    init(row statement: SQLiteStatement) throws(JournalRowProblem) {
        func required(_ column: Int32, _ name: String) throws(JournalRowProblem) -> String {
            guard let value = statement.text(column) else { throw .bad(name, statement) }
            return value
        }
        taskId = try required(0, "task_id")
        server = try required(1, "server")
        transport = try required(2, "transport")
        url = statement.text(3)
        if let text = statement.text(4) {
            guard let list = (try? JSONParser.parse(text))?.arrayValue, list.allSatisfy({ $0.stringValue != nil })
            else { throw .bad("command", statement) }
            command = list.compactMap(\.stringValue)
        }
        sessionId = statement.text(5)
        tool = try required(6, "tool")
        guard let created = statement.real(7) else { throw .bad("created_at", statement) }
        createdAt = created
        ttl = statement.integer(8)
        status = try required(9, "status")
        progressToken = statement.text(10)
        // What an HTTP session was rejoined with, so it need not be initialized again.
        protocolVersion = statement.text(11)
        serverCapabilities = statement.text(12).flatMap { try? JSONParser.parse($0) }
    }
}

/// A row that cannot be read as an entry: which field, and which task as far as the row says.
struct JournalRowProblem: Error, CustomStringConvertible {
    let field: String
    let task: String

    static func bad(_ field: String, _ statement: SQLiteStatement) -> JournalRowProblem {
        JournalRowProblem(field: field, task: statement.text(0) ?? "(no id)")
    }

    var description: String { "skipped the journal's entry for task \(task): its \(field) cannot be read" }
}
