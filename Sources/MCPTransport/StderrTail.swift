import Synchronization

/// The last few lines a server wrote to stderr, kept to explain why it died.
final class StderrTail: Sendable {
    private let lines: Mutex<[String]>
    private let limit: Int

    init(limit: Int) {
        self.limit = limit
        self.lines = Mutex([])
    }

    func append(_ line: String) {
        lines.withLock { lines in
            lines.append(line)
            if lines.count > limit { lines.removeFirst(lines.count - limit) }
        }
    }

    var snapshot: [String] { lines.withLock { $0 } }
}
