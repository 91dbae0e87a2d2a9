import MCPClient
import MCPCore

/// The text of a task's status line, from its latest known state. Pure, so it is easy to test.
public struct StatusLine: Sendable, Equatable {
    public var label: String
    public var task: TaskInfo?
    public var progress: TaskProgress?
    public var elapsed: Double
    /// Wall-clock now, for the time left of the TTL.
    public var now: Double

    public init(label: String, task: TaskInfo?, progress: TaskProgress?, elapsed: Double, now: Double) {
        self.label = label
        self.task = task
        self.progress = progress
        self.elapsed = elapsed
        self.now = now
    }

    /// The line, sanitised; `width` bounds the bar on a terminal.
    public func render(style: Style, bar: Bool) -> String {
        var parts = [style.bold(Sanitizer.clean(label))]
        if let task { parts.append(colour(task.status, style)) }
        if let progress { parts.append(progressText(progress, bar: bar)) }
        let progressMessage = task?.status.isTerminal == true ? nil : progress?.message
        if let message = task?.statusMessage ?? progressMessage, !message.isEmpty {
            parts.append(Sanitizer.clean(message))
        }
        parts.append(style.dim(Timestamps.compact(seconds: elapsed)))
        if let left = ttlLeft { parts.append(style.dim("ttl \(Timestamps.compact(seconds: left))")) }
        return parts.joined(separator: "  ")
    }

    /// Seconds until the task's retention ends, when the server gave a ttl and a creation time.
    public var ttlLeft: Double? {
        guard let task, let ttl = task.ttl, let created = task.createdAt.flatMap(Timestamps.parse) else { return nil }
        return max(0, created + Double(ttl) / 1000 - now)
    }

    private func colour(_ status: TaskStatus, _ style: Style) -> String {
        switch status {
        case .completed: return style.green(status.rawValue)
        case .failed: return style.red(status.rawValue)
        case .cancelled, .inputRequired: return style.yellow(status.rawValue)
        default: return style.cyan(Sanitizer.clean(status.rawValue))
        }
    }

    private func progressText(_ progress: TaskProgress, bar: Bool) -> String {
        let count = number(progress.progress)
        guard let total = progress.total, total > 0 else { return count }
        let fraction = min(1, max(0, progress.progress / total))
        let percent = "\(Int((fraction * 100).rounded(.down)))%"
        guard bar else { return "\(count)/\(number(total)) \(percent)" }
        let width = 20
        let filled = Int((fraction * Double(width)).rounded(.down))
        let meter = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        return "\(meter) \(percent) \(count)/\(number(total))"
    }

    private func number(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
