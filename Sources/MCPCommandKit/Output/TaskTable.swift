import MCPClient
import MCPCore
import MCPRender

/// The human table of `tasks`: one line per task, the server's first, then the journal's, marked.
package struct TaskTable {
    package let style: Style
    package let console: Console

    package init(style: Style, console: Console) {
        self.style = style
        self.console = console
    }

    /// `sessionOfListed` names, by task id, the HTTP session whose list held each listed task; given (when
    /// several sessions were asked), every row says which session it comes from.
    package func print(
        listed: [(TaskInfo, JournalEntry?)], remembered: [RememberedTask], showServer: Bool,
        sessionOfListed: [String: String] = [:]
    ) {
        let out = console.stdout
        // Always, terminal or not: a pipe may end in `less -R`; --json keeps the exact text.
        let clean: (String) -> String = { Sanitizer.clean($0) }
        let now = console.now()
        var rows: [[String]] = []
        var marks: [String] = []
        for (task, entry) in listed {
            rows.append(row(task.taskId, task.status.rawValue, entry?.tool, task: task, entry: entry, now: now))
            var mark = task.statusMessage.map(clean) ?? ""
            if let session = sessionOfListed[task.taskId] {
                mark += (mark.isEmpty ? "" : "  ") + "[listed in session \(clean(session))]"
            }
            marks.append(mark)
        }
        for item in remembered {
            let status =
                item.task?.status.rawValue ?? (item.source == .journal ? item.entry.status : "gone")
            rows.append(row(item.entry.taskId, status, item.entry.tool, task: item.task, entry: item.entry, now: now))
            var mark: String
            switch item.source {
            case .refreshed: mark = "[journal; state from tasks/get]"
            case .gone: mark = "[journal; the server no longer knows it]"
            case .sessionGone:
                let session = item.entry.sessionId.map { " \(clean($0))" } ?? ""
                mark = "[journal; its HTTP session\(session) is gone; last seen \(item.entry.status)]"
            case .journal: mark = "[journal: last seen \(item.entry.status)]"
            }
            if !sessionOfListed.isEmpty, item.source != .sessionGone, let session = item.entry.sessionId {
                mark.insert(contentsOf: " in session \(clean(session))", at: mark.index(before: mark.endIndex))
            }
            if showServer { mark += " on " + clean(item.entry.server) }
            if let message = item.task?.statusMessage { mark = clean(message) + "  " + mark }
            marks.append(mark)
        }
        let widths = (0..<4).map { column in rows.map { clean($0[column]).count }.max() ?? 0 }
        for (cells, mark) in zip(rows, marks) {
            let padded = cells.enumerated().map { column, text in
                clean(text) + String(repeating: " ", count: widths[column] - clean(text).count)
            }
            let status = colour(padded[1], status: cells[1])
            let cellsText = [padded[0], status, padded[2], padded[3]].joined(separator: "  ")
            out.line(mark.isEmpty ? cellsText.trimmingSuffixSpaces : cellsText + "  " + style.dim(mark))
        }
    }

    /// id, status, tool, and age with the time left of the ttl.
    private func row(
        _ id: String, _ status: String, _ tool: String?, task: TaskInfo?, entry: JournalEntry?, now: Double
    ) -> [String] {
        let created = task?.createdAt.flatMap(Timestamps.parse) ?? entry?.createdAt
        var age = created.map { Timestamps.compact(seconds: max(0, now - $0)) + " ago" } ?? "-"
        if let ttl = task?.ttl ?? entry?.ttl, let created {
            let left = created + Double(ttl) / 1000 - now
            age += left > 0 ? ", ttl \(Timestamps.compact(seconds: left))" : ", ttl passed"
        }
        return [id, status, tool ?? "-", age]
    }

    private func colour(_ text: String, status: String) -> String {
        switch status {
        case "completed": return style.green(text)
        case "failed", "gone": return style.red(text)
        case "cancelled": return style.yellow(text)
        case "input_required": return style.bold(style.yellow(text))
        default: return style.cyan(text)
        }
    }
}

extension String {
    /// Without trailing spaces (a padded last column).
    package var trimmingSuffixSpaces: String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}

/// A task the journal knows that the server's list did not include.
package struct RememberedTask: Sendable {
    package enum Source: String, Sendable {
        /// Refreshed by tasks/get in the rejoined session.
        case refreshed = "tasks/get"
        /// Only the journal's last known state.
        case journal
        /// tasks/get says the server no longer knows it.
        case gone
        /// The HTTP session it lived in is gone (404), and the task with it.
        case sessionGone = "session-gone"
    }

    package var entry: JournalEntry
    package var task: TaskInfo?
    package var source: Source

    package init(entry: JournalEntry, task: TaskInfo? = nil, source: Source) {
        self.entry = entry
        self.task = task
        self.source = source
    }
}
