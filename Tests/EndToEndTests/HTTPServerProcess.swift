import Foundation
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Starts an HTTP MCP server process (`command(port)`, a free port of 127.0.0.1), waits until it accepts
/// connections, runs `body` with its URL (`http://127.0.0.1:PORT/mcp`), then stops it (SIGTERM) and checks
/// it wrote nothing to stdout. `name` says which server in failures; `startup` bounds its start.
func withHTTPServerProcess(
    _ name: String, startup: Duration = .seconds(60), sourceLocation: SourceLocation = #_sourceLocation,
    command: (Int) -> [String], _ body: (String) async throws -> Void
) async throws {
    _ = try Paths.requireMcptask(sourceLocation: sourceLocation)
    let dir = try TempDir()
    defer { dir.remove() }
    // A port found free can still be taken before the server binds it, by a process outside this test run
    // (another suite on the machine): then the server says so and exits, and another port is tried.
    var attempts = 0
    while true {
        attempts += 1
        let port = try Loopback.freePort(sourceLocation: sourceLocation)
        let server = try Spawned(command(port), in: dir)
        do {
            try await waitUntil(
                "\(name) to listen on 127.0.0.1:\(port)", timeout: startup, every: .milliseconds(50),
                sourceLocation: sourceLocation
            ) { Loopback.hasExited(server.pid) || Loopback.accepts(port: port) }
        } catch {
            server.send(SIGKILL)
            _ = try? await server.wait()
            throw error
        }
        if Loopback.hasExited(server.pid) {
            let run = try await server.wait()
            if run.stderr.lowercased().contains("address already in use"), attempts < 5 { continue }
            Issue.record("\(name) exited at start-up: \(run)", sourceLocation: sourceLocation)
            return
        }
        try await serve(name, server, url: "http://127.0.0.1:\(port)/mcp", sourceLocation: sourceLocation, body)
        return
    }
}

private func serve(
    _ name: String, _ server: Spawned, url: String, sourceLocation: SourceLocation,
    _ body: (String) async throws -> Void
) async throws {
    let outcome: Result<Void, any Error>
    do {
        try await body(url)
        outcome = .success(())
    } catch {
        outcome = .failure(error)
    }
    server.send(SIGTERM)
    let run = try await server.wait(timeout: .seconds(20))
    #expect(run.stdout.isEmpty, "\(name) must not write to stdout: \(run)", sourceLocation: sourceLocation)
    try outcome.get()
}

/// TCP on 127.0.0.1 for the HTTP server: a free port, whether it accepts, whether the child has exited.
enum Loopback {
    /// A port that was free a moment ago and that no other test of this run was given. It is drawn below the
    /// kernel's ephemeral range (32768-60999 by default), which outgoing connections, mcptask's among them,
    /// take their local ports from: a port found free there (bind port 0 gives one) can become some client's
    /// local port before the server binds it, and two tests starting servers at once could be given the
    /// same one.
    static func freePort(sourceLocation: SourceLocation) throws -> Int {
        for _ in 0..<500 {
            let port = Int.random(in: 20_000..<32_000)
            guard handedOut.withLock({ $0.insert(port).inserted }) else { continue }
            if canBind(port: port) { return port }
        }
        let none: Int? = nil
        return try #require(none, "no free port found in 20000-31999 on 127.0.0.1", sourceLocation: sourceLocation)
    }

    private static let handedOut = Mutex<Set<Int>>([])

    /// Whether 127.0.0.1:`port` can be bound now (then it is released at once).
    private static func canBind(port: Int) -> Bool {
        let fd = socket(AF_INET, streamSocket, 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        } == 0
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port`.
    static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, streamSocket, 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopback(port: port)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        return result == 0
    }

    /// Whether process `pid` (a child not yet reaped) has exited, without reaping it.
    static func hasExited(_ pid: pid_t) -> Bool {
        #if os(Linux)
            // A zombie: the state after the command name in /proc/PID/stat is Z.
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let nameEnd = stat.lastIndex(of: ")")
            else { return true }
            return stat[stat.index(after: nameEnd)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
        #else
            return false
        #endif
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    #if canImport(Glibc)
        private static let streamSocket = Int32(SOCK_STREAM.rawValue)
    #else
        private static let streamSocket = SOCK_STREAM
    #endif
}
