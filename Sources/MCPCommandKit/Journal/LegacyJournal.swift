import MCPCore
import SQLiteDatabase

#if canImport(Glibc)
    import Glibc
#endif

/// The journal before SQLite: `tasks.json`, `{"version": 1, "tasks": [entry…]}`, rewritten whole on every
/// change. On first use its entries move into the database, and the file is renamed, never deleted:
/// `tasks.json.migrated` when every entry came across, `tasks.json.corrupt-TIMESTAMP` (with a warning per
/// entry left behind) when some or all could not be read.
struct LegacyJournal {
    let directory: String
    let warn: (String) -> Void

    var path: String { directory + "/tasks.json" }

    /// Imports the entries (a task the database already has keeps its newer row). All of it happens in one
    /// write transaction, so two invocations starting at once import the file once.
    func migrate(into database: SQLiteConnection, now: Double) throws {
        guard FileSystem.exists(path) else { return }
        try database.writing {
            guard FileSystem.exists(path) else { return }
            let elements: [JSONValue]
            do {
                elements = try read()
            } catch {
                moveAside(now: now, saying: "cannot be read (\(error))")
                return
            }
            let insert = try database.prepare(
                "INSERT OR IGNORE INTO tasks (\(JournalStore.columns), expires_at, terminal_at) "
                    + JournalStore.insertValues)
            var skipped = 0
            for (index, element) in elements.enumerated() {
                do {
                    let entry = try JSONValueDecoder.decode(JournalEntry.self, from: element)
                    try insert.run(entry.rowValues(now: now))
                } catch let error as SQLiteError {
                    throw error
                } catch {
                    skipped += 1
                    let task = element["taskId"]?.stringValue.map { " (task \($0))" } ?? ""
                    warn("skipped entry \(index + 1) of \(path)\(task): \(error)")
                }
            }
            if skipped > 0 {
                moveAside(now: now, saying: "had \(skipped) unreadable entries; the others were kept")
            } else {
                rename(path, path + ".migrated")
            }
        }
    }

    private struct Unreadable: Error, CustomStringConvertible {
        let description: String
    }

    /// The `tasks` list of a version 1 journal.
    private func read() throws -> [JSONValue] {
        let document = try JSONParser.parse(try FileSystem.read(path))
        guard document["version"]?.intValue == 1 else {
            throw Unreadable(description: "it is not a version 1 journal")
        }
        guard let tasks = document["tasks"]?.arrayValue else { throw Unreadable(description: "it has no task list") }
        return tasks
    }

    private func moveAside(now: Double, saying what: String) {
        let aside = FileSystem.asideName(path, label: "corrupt", now: now)
        if rename(path, aside) == 0 {
            warn("the old task journal \(path) \(what); moved it to \(aside)")
        } else {
            warn(
                "the old task journal \(path) \(what), and it cannot be moved aside: "
                    + String(cString: strerror(errno))
            )
        }
    }
}
