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

    /// The line, sanitised. On a terminal (`width` given) the message is shortened so the line never wraps,
    /// which would break redrawing in place.
    public func render(style: Style, bar: Bool, width: Int? = nil) -> String {
        var head = [style.bold(Sanitizer.clean(label))]
        if let task { head.append(colour(task.status, style)) }
        if let progress { head.append(progressText(progress, bar: bar)) }
        var tail = [style.dim(Timestamps.compact(seconds: elapsed))]
        if let left = ttlLeft { tail.append(style.dim("ttl \(Timestamps.compact(seconds: left))")) }
        let progressMessage = task?.status.isTerminal == true ? nil : progress?.message
        var message = Sanitizer.clean(task?.statusMessage ?? progressMessage ?? "")
        if let width {
            let fixed = (head + tail).map { visibleLength($0) + 2 }.reduce(0, +)
            let room = width - 1 - fixed - 2
            if message.count > max(room, 0) { message = room > 1 ? String(message.prefix(room - 1)) + "…" : "" }
        }
        return (head + (message.isEmpty ? [] : [message]) + tail).joined(separator: "  ")
    }

    private func visibleLength(_ text: String) -> Int { Sanitizer.clean(text).count }

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
