import MCPCore

#if canImport(Glibc)
    import Glibc
#endif

/// The local task journal: `$XDG_STATE_HOME/mcptask/tasks.json` (else `~/.local/state/mcptask`), a
/// directory of 0700 and a file of 0600, updated under an exclusive lock and replaced atomically, so two
/// invocations never lose each other's entries. Expired entries are pruned on every update.
package struct TaskJournal: Sendable {
    package let directory: String

    package init(environment: [String: String]) {
        let state =
            environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? "/tmp") + "/.local/state"
        directory = state + "/mcptask"
    }

    package var path: String { directory + "/tasks.json" }

    /// Every live entry, oldest first.
    package func entries(now: Double) -> [JournalEntry] {
        guard let bytes = try? FileSystem.read(path), let json = try? JSONParser.parse(bytes),
            let list = try? JSONValueDecoder.decode([JournalEntry].self, from: json["tasks"] ?? [])
        else { return [] }
        return list.filter { !$0.isExpired(now: now) }
    }

    /// Applies `change` to the entries under the lock and writes the result.
    package func update(now: Double, _ change: (inout [JournalEntry]) -> Void) throws {
        try FileSystem.makePrivateDirectory(directory)
        let lock = open(directory + "/tasks.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard lock >= 0 else { throw failure("cannot open the journal lock") }
        defer { close(lock) }
        guard flock(lock, LOCK_EX) == 0 else { throw failure("cannot lock the journal") }
        var list = entries(now: now)
        change(&list)
        let document: JSONValue = ["version": 1, "tasks": try JSONValueEncoder.encode(list)]
        try FileSystem.writePrivate(path, bytes: Array(JSONWriter.pretty(document).utf8) + [0x0A])
    }

    package func record(_ entry: JournalEntry, now: Double) throws {
        try update(now: now) { list in
            list.removeAll { $0.taskId == entry.taskId && $0.server == entry.server }
            list.append(entry)
        }
    }

    /// Notes a task's latest status.
    package func noteStatus(_ status: String, of taskID: String, now: Double) {
        try? update(now: now) { list in
            for index in list.indices where list[index].taskId == taskID { list[index].status = status }
        }
    }

    private func failure(_ what: String) -> CommandFailure {
        CommandFailure(status: .connection, message: "\(what) at \(directory): \(String(cString: strerror(errno)))")
    }

    /// Finds the task `reference` names: `last` (the newest, for `server` when given), an id, or a unique
    /// prefix of one.
    package func resolve(_ reference: String, server: String?, now: Double) throws -> JournalEntry? {
        let all = entries(now: now)
        let candidates = server.map { name in all.filter { $0.server == name } } ?? all
        if reference == "last" {
            guard let newest = candidates.max(by: { $0.createdAt < $1.createdAt }) else {
                throw CommandFailure(
                    status: .noSuchTask,
                    message: "no task to call 'last'" + (server.map { " for \($0)" } ?? "")
                        + ": the journal at \(path) has none that has not expired")
            }
            return newest
        }
        if let exact = candidates.last(where: { $0.taskId == reference }) { return exact }
        let matches = candidates.filter { $0.taskId.hasPrefix(reference) }
        if matches.count > 1 {
            throw CommandFailure(
                status: .usage,
                message:
                    "'\(reference)' matches \(matches.count) tasks (\(matches.prefix(3).map(\.taskId).joined(separator: ", "))…); give more of the id"
            )
        }
        return matches.first
    }
}
