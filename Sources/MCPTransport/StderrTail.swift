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

    /// The tail as supporting lines of an error: a heading, then the server's words, indented.
    var report: [String] {
        let lines = snapshot
        return lines.isEmpty ? [] : ["the server's last words on stderr:"] + lines.map { "  " + $0 }
    }
}
