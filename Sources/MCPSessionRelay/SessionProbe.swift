import MCPCommandKit
import MCPCore
import MCPTransport

#if canImport(Glibc)
    import Glibc
#endif

/// Asks a running session over its socket.
package enum SessionProbe {
    /// (attached commands, tasks created through it), or nil when it does not answer in time.
    package static func status(_ socket: String) async -> (Int, Int)? {
        guard let result = await ask(socket, method: SessionMethods.status) else { return nil }
        return (result["clients"]?.intValue ?? 0, result["tasks"]?.intValue ?? 0)
    }

    package static func stop(_ socket: String) async -> Bool { await ask(socket, method: SessionMethods.stop) != nil }

    private static func ask(_ socket: String, method: String) async -> JSONValue? {
        try? await withThrowingTaskGroup(of: JSONValue?.self) { group in
            group.addTask {
                try await UnixSocket.withConnection(to: socket, maximumFrameSize: 1 << 20) { connection in
                    try await connection.send(
                        JSONRPCMessage.request(id: .int(1), method: method, params: nil, envelopeMeta: nil).encoded())
                    for try await frame in connection.inbound {
                        if case .response(_, let result) = try JSONRPCMessage.decode(frame) { return result }
                    }
                    return nil
                }
            }
            group.addTask {
                try await Task.sleep(for: .seconds(3))
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
    }

    /// Waits for a process that is not our child to exit.
    package static func waitForExit(_ pid: Int32, within limit: Duration) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if kill(pid, 0) != 0 && errno == ESRCH { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }
}

/// The last lines of a session's log.
package func logTail(of path: String, lines: Int) -> [String] {
    guard let bytes = try? FileSystem.read(path) else { return [] }
    let all = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
    return Array(all.suffix(lines))
}
