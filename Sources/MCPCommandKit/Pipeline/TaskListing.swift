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

    /// Asks the server in every HTTP session the journal knows for it (servers list and serve only the
    /// asking session's tasks), or in a new session when it knows none, and adds the journal's other tasks.
    package func fromServer(_ context: CommandContext) async throws -> ExitStatus {
        let now = console.now()
        let name = context.target.displayName
        let mine = journal.entries(now: now).filter { $0.server == name }
        if case .stdio = context.target, !mine.isEmpty {
            note(
                "\(mine.count) task(s) started earlier on '\(name)' ended with that server's process; a background "
                    + "session (mcptask session start) or the REPL keeps a stdio server's tasks",
                style: context.style)
        }
        // A stdio server's earlier tasks died with its process; an HTTP server's may live on.
        let live: [JournalEntry]
        if case .stdio = context.target { live = [] } else { live = mine }
        var sessions: [RecordedSession] = []
        if case .http = context.target {
            // Newest first, each session once, with the handshake of its newest entry.
            for entry in live.sorted(by: { $0.createdAt > $1.createdAt }) {
                guard let recorded = RecordedSession(entry),
                    !sessions.contains(where: { $0.sessionID == recorded.sessionID })
                else { continue }
                sessions.append(recorded)
            }
        }
        var gathered = Gathered()
        for recorded in sessions {
            let own = live.filter { $0.sessionId == recorded.sessionID }
            do {
                let part = try await context.withSession(resuming: recorded, keepSession: true) { session in
                    try await collect(session, journaled: own, sessionID: recorded.sessionID, context: context)
                }
                gathered.add(part, session: recorded.sessionID)
            } catch  where Self.sessionIsGone(error) {
                context.logger.info("session \(recorded.sessionID) is gone (HTTP 404)")
                gathered.remembered += own.map { RememberedTask(entry: $0, source: .sessionGone) }
            }
        }
        // Tasks of no recorded session (a stateless server), or no session to rejoin: ask in a new one.
        let sessionless = live.filter { $0.sessionId == nil }
        if sessions.isEmpty || !sessionless.isEmpty {
            let part = try await context.withSession { session in
                try await collect(session, journaled: sessionless, sessionID: nil, context: context)
            }
            gathered.add(part, session: nil)
        }
        show(gathered, journaled: live, severalSessions: sessions.count > 1, context: context)
        return .success
    }

    /// A 404 on a rejoined session: the server forgot it, and its tasks with it.
    private static func sessionIsGone(_ error: any Error) -> Bool {
        switch error {
        case let error as SessionError: return error.kind == .sessionExpired
        case let error as TransportError: return error.kind == .sessionExpired
        default: return false
        }
    }

    /// What `tasks` found in one session, or in all of them.
    private struct Gathered: Sendable {
        var listed: [TaskInfo] = []
        var listedAnywhere = false
        var remembered: [RememberedTask] = []
        /// The session whose list held each listed task.
        var sessionOfListed: [String: String] = [:]

        mutating func add(_ part: Gathered, session: String?) {
            for task in part.listed where !listed.contains(where: { $0.taskId == task.taskId }) {
                listed.append(task)
                if let session { sessionOfListed[task.taskId] = session }
            }
            listedAnywhere = listedAnywhere || part.listedAnywhere
            remembered += part.remembered
        }
    }

    private func collect(
        _ session: ClientSession, journaled: [JournalEntry], sessionID: String?, context: CommandContext
    ) async throws -> Gathered {
        var part = Gathered()
        if session.wire.canList {
            part.listed = try await session.listTasks()
            part.listedAnywhere = true
        } else if session.discoverResult != nil {
            note(
                "the server cannot list tasks (the 2026-07-28 tasks extension has no tasks/list); showing the "
                    + "journal's", style: context.style)
        } else {
            note("the server does not list tasks (no tasks.list capability)", style: context.style)
        }
        let listedIDs = Set(part.listed.map(\.taskId))
        for entry in journaled where !listedIDs.contains(entry.taskId) {
            part.remembered.append(await refresh(entry, in: session, sessionID: sessionID))
        }
        for item in part.remembered {
            if let task = item.task { journal.noteStatus(task.status.rawValue, of: task.taskId, now: console.now()) }
        }
        return part
    }

    private func show(_ gathered: Gathered, journaled: [JournalEntry], severalSessions: Bool, context: CommandContext) {
        // A task listed by one session is not also shown as the journal's.
        let listedIDs = Set(gathered.listed.map(\.taskId))
        let remembered = gathered.remembered.filter { !listedIDs.contains($0.entry.taskId) }
        if json {
            print(
                listed: gathered.listedAnywhere ? gathered.listed : nil, remembered: remembered,
                server: context.target.displayName, sessionOfListed: gathered.sessionOfListed)
            return
        }
        let byID = Dictionary(journaled.map { ($0.taskId, $0) }, uniquingKeysWith: { $1 })
        TaskTable(style: context.style, console: console).print(
            listed: gathered.listed.map { ($0, byID[$0.taskId]) }, remembered: remembered, showServer: false,
            sessionOfListed: severalSessions ? gathered.sessionOfListed : [:])
        if gathered.listed.isEmpty && remembered.isEmpty {
            note("no tasks", style: context.style)
        }
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

    private func print(
        listed: [TaskInfo]?, remembered: [RememberedTask], server: String?, sessionOfListed: [String: String] = [:]
    ) {
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
        if !sessionOfListed.isEmpty {
            document["listedInSession"] = .object(sessionOfListed.mapValues(JSONValue.string))
        }
        console.stdout.line(JSONWriter.pretty(.object(document)))
    }

    private func note(_ text: String, style: Style) {
        console.stderr.line(style.dim("mcptask: " + text))
    }
}
