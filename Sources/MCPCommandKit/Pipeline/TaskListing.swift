import MCPClient
import MCPCore
import MCPRender

/// What `tasks` shows: the server's own list, and the journal's tasks for that server that the list leaves
/// out (FastMCP lists nothing; HTTP servers list only the asking session's tasks), never hidden.
package struct TaskListing: Sendable {
    package let json: Bool
    package let journal: TaskJournal
    package let console: Console

    package init(json: Bool, journal: TaskJournal, console: Console) {
        self.json = json
        self.journal = journal
        self.console = console
    }

    /// No server given: every task the journal holds, for every server.
    package func journalOnly(color: ColorChoice, environment: [String: String]) -> ExitStatus {
        let remembered = journal.entries(now: console.now()).map { RememberedTask(entry: $0, source: .journal) }
        let style = Style.resolve(
            choice: color.rawValue, isTerminal: console.stderr.isTerminal, environment: environment)
        if json {
            print(listed: nil, remembered: remembered, server: nil)
        } else {
            note(
                "no server given: these are the tasks this machine started (journal \(journal.path)); "
                    + "add -s SERVER to ask a server", style: style)
            TaskTable(style: style, console: console).print(listed: [], remembered: remembered, showServer: true)
        }
        return .success
    }

    /// Asks the server, rejoining the newest HTTP session the journal recorded for it, and adds the journal's
    /// other tasks for it.
    package func fromServer(_ context: CommandContext) async throws -> ExitStatus {
        let now = console.now()
        let name = context.target.displayName
        let mine = journal.entries(now: now).filter { $0.server == name }
        var newestSession: String?
        if case .http = context.target {
            newestSession = mine.filter { $0.sessionId != nil }.max { $0.createdAt < $1.createdAt }?.sessionId
        } else if case .stdio = context.target, !mine.isEmpty {
            note(
                "\(mine.count) task(s) started earlier on '\(name)' ended with that server's process; a background "
                    + "session (mcptask session start) or the REPL keeps a stdio server's tasks",
                style: context.style)
        }
        let resumed = newestSession
        // A stdio server's earlier tasks died with its process; an HTTP server's may live on.
        let live: [JournalEntry]
        if case .stdio = context.target { live = [] } else { live = mine }
        do {
            return try await context.withSession(resuming: resumed, keepSession: resumed != nil) { session in
                try await collect(session, journaled: live, session: resumed, context: context)
            }
        } catch let error as SessionError where error.kind == .sessionExpired && resumed != nil {
            note("the recorded session \(resumed ?? "") has expired; asking in a new session", style: context.style)
            return try await context.withSession { session in
                try await collect(session, journaled: live, session: nil, context: context)
            }
        }
    }

    private func collect(
        _ session: ClientSession, journaled: [JournalEntry], session sessionID: String?, context: CommandContext
    ) async throws -> ExitStatus {
        var listed: [TaskInfo]?
        if session.wire.canList {
            listed = try await session.listTasks()
        } else if session.discoverResult != nil {
            note(
                "the server cannot list tasks (the 2026-07-28 tasks extension has no tasks/list); showing the "
                    + "journal's", style: context.style)
        } else {
            note("the server does not list tasks (no tasks.list capability)", style: context.style)
        }
        let listedIDs = Set((listed ?? []).map(\.taskId))
        var remembered: [RememberedTask] = []
        for entry in journaled where !listedIDs.contains(entry.taskId) {
            remembered.append(await refresh(entry, in: session, sessionID: sessionID))
        }
        for item in remembered {
            if let task = item.task { journal.noteStatus(task.status.rawValue, of: task.taskId, now: console.now()) }
        }
        if json {
            print(listed: listed, remembered: remembered, server: context.target.displayName)
        } else {
            let byID = Dictionary(journaled.map { ($0.taskId, $0) }, uniquingKeysWith: { $1 })
            TaskTable(style: context.style, console: console).print(
                listed: (listed ?? []).map { ($0, byID[$0.taskId]) }, remembered: remembered, showServer: false)
            if (listed ?? []).isEmpty && remembered.isEmpty {
                note("no tasks", style: context.style)
            }
        }
        return .success
    }

    /// tasks/get for an entry of the rejoined session; the journal's last word for any other.
    private func refresh(_ entry: JournalEntry, in session: ClientSession, sessionID: String?) async -> RememberedTask {
        guard entry.sessionId == sessionID, session.wire.canGet else {
            return RememberedTask(entry: entry, source: .journal)
        }
        do {
            return RememberedTask(entry: entry, task: try await session.getTask(entry.taskId), source: .refreshed)
        } catch let error as ResponseError where error.code == .invalidParams {
            return RememberedTask(entry: entry, source: .gone)
        } catch {
            return RememberedTask(entry: entry, source: .journal)
        }
    }

    private func print(listed: [TaskInfo]?, remembered: [RememberedTask], server: String?) {
        let journalItems: [JSONValue] = remembered.map { item in
            var fields: [String: JSONValue] = [
                "taskId": .string(item.entry.taskId), "tool": .string(item.entry.tool),
                "server": .string(item.entry.server), "transport": .string(item.entry.transport),
                "lastKnownStatus": .string(item.entry.status), "source": .string(item.source.rawValue),
                "recordedAt": .string(Timestamps.format(item.entry.createdAt)),
                "task": item.task?.json ?? .null,
            ]
            fields["sessionId"] = item.entry.sessionId.map(JSONValue.string)
            fields["ttl"] = item.entry.ttl.map(JSONValue.int)
            return .object(fields)
        }
        var document: [String: JSONValue] = [
            "tasks": .array((listed ?? []).map(\.json)), "listed": .bool(listed != nil),
            "journal": .array(journalItems),
        ]
        document["server"] = server.map(JSONValue.string)
        console.stdout.line(JSONWriter.pretty(.object(document)))
    }

    private func note(_ text: String, style: Style) {
        console.stderr.line(style.dim("mcptask: " + text))
    }
}
