import MCPClient
import MCPCore
import Synchronization

/// The server's tools, listed once and again when a name is not found (for `call` and for completion).
package final class ToolCache: Sendable {
    private let session: ClientSession
    private let cached = Mutex<[Tool]?>(nil)

    package init(session: ClientSession) { self.session = session }

    package var known: [Tool] { cached.withLock { $0 } ?? [] }

    @discardableResult
    package func refresh() async throws -> [Tool] {
        let tools = try await session.listTools()
        cached.withLock { $0 = tools }
        return tools
    }

    package func tool(named name: String) async throws -> Tool {
        if let tool = known.first(where: { $0.name == name }) { return tool }
        let tools = try await refresh()
        guard let tool = tools.first(where: { $0.name == name }) else {
            let names = tools.prefix(8).map(\.name).joined(separator: ", ")
            throw CommandFailure(
                status: .usage,
                message: "the server has no tool '\(name)'" + (names.isEmpty ? "" : " (it has: \(names))"))
        }
        return tool
    }
}
