import MCPCommandKit
import MCPTestSupport
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A journal in a private test directory whose warnings are kept, with a clock the test moves.
final class JournalHarness: Sendable {
    let directory = makeTestDirectory("journal")
    private let said = Mutex<[String]>([])
    private let clock = Mutex<Double>(1_800_000_000)
    let extraVariables: [String: String]

    init(_ extraVariables: [String: String] = [:]) { self.extraVariables = extraVariables }

    var now: Double { clock.withLock { $0 } }
    func advance(days: Double) { clock.withLock { $0 += days * 86400 } }

    var warnings: [String] { said.withLock { $0 } }

    /// A new journal value (as a new invocation makes one).
    var journal: TaskJournal {
        TaskJournal(environment: isolatedVariables(directory).merging(extraVariables) { $1 }) { text in
            self.said.withLock { $0.append(text) }
        }
    }

    var stateDirectory: String { directory + "/state/mcptask" }

    func entry(_ id: String, server: String = "demo", ttl: Int? = nil, status: String = "working") -> JournalEntry {
        JournalEntry(
            taskId: id, server: server, transport: "http", url: "http://127.0.0.1:9/mcp", sessionId: "session-1",
            tool: "slow_count", createdAt: now, ttl: ttl, status: status, progressToken: "token-\(id)")
    }

    func record(_ entry: JournalEntry) throws { try journal.record(entry, now: now) }

    var ids: [String] { journal.entries(now: now).map(\.taskId) }

    /// The names in the journal's directory.
    var files: [String] {
        guard let stream = opendir(stateDirectory) else { return [] }
        defer { closedir(stream) }
        var names: [String] = []
        while let item = readdir(stream) {
            let name = withUnsafeBytes(of: item.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    func write(_ name: String, _ text: String) {
        let descriptor = open(stateDirectory + "/" + name, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        _ = text.utf8CString.withUnsafeBufferPointer { Glibc.write(descriptor, $0.baseAddress, $0.count - 1) }
        close(descriptor)
    }

    func read(_ name: String) -> String? {
        guard let bytes = try? FileSystem.read(stateDirectory + "/" + name) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    func makeDirectory() { _ = try? FileSystem.makePrivateDirectory(stateDirectory) }

    static func mode(_ path: String) -> mode_t? {
        var status = stat()
        return stat(path, &status) == 0 ? status.st_mode & 0o777 : nil
    }
}

/// A version 1 `tasks.json` entry, as the journal before SQLite wrote it.
func legacyEntry(_ id: String, createdAt: Double, createdAtText: String? = nil) -> String {
    """
    {"taskId": "\(id)", "server": "demo", "transport": "http", "url": "http://127.0.0.1:9/mcp",
     "sessionId": "s", "tool": "slow_count", "createdAt": \(createdAtText ?? String(createdAt)), "ttl": 600000,
     "status": "working"}
    """
}
