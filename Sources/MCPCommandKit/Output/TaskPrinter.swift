import MCPClient
import MCPCore
import MCPRender

/// How `status` and `cancel` show a task.
package enum TaskPrinter {
    package static func print(_ task: TaskInfo, json: Bool, style: Style, to console: Console) {
        let out = console.stdout
        if json {
            out.line(JSONWriter.pretty(task.json))
            return
        }
        // Always, terminal or not: a pipe may end in `less -R`; --json keeps the exact text.
        let clean: (String) -> String = { Sanitizer.clean($0) }
        var line = "\(clean(task.taskId))  \(style.bold(clean(task.status.rawValue)))"
        if let message = task.statusMessage, !message.isEmpty { line += "  \(clean(message))" }
        out.line(line)
        var facts: [String] = []
        if let created = task.createdAt { facts.append("created \(clean(created))") }
        if let ttl = task.ttl, let start = task.createdAt.flatMap(Timestamps.parse) {
            let left = start + Double(ttl) / 1000 - console.now()
            facts.append(left > 0 ? "ttl left \(Timestamps.compact(seconds: left))" : "ttl passed")
        }
        if let poll = task.pollInterval { facts.append("poll every \(poll) ms") }
        if !facts.isEmpty { out.line(style.dim(facts.joined(separator: "  "))) }
    }

    /// The exit status a task's state stands for.
    package static func status(of task: TaskInfo) -> ExitStatus {
        switch task.status {
        case .failed: return .toolError
        case .cancelled: return .cancelled
        default: return .success
        }
    }
}
