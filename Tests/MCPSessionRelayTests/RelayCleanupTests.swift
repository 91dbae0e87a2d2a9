import MCPClient
import MCPCommandKit
import MCPCore
import MCPSessionRelay
import MCPTestSupport
import Synchronization
import Testing

/// A forwarded request waits for its answer as a handler, not as a task: what a command calls off, or leaves
/// open when it goes, must still be told to the server and leave nothing waiting in the session.
@Suite(.timeLimit(.minutes(2))) struct RelayCleanupTests {
    @Test("a command's cancel calls its forwarded request off: the server hears of it under the relay's id")
    func cancelTellsServer() async throws {
        let upstream = UpstreamLog()
        try await withRelay(tracer: upstream) { relay in
            try await relay.command { session in
                let call = Task {
                    try await session.callTool(
                        name: "cancellable_sleep", arguments: ["seconds": 30], task: nil, progressToken: nil)
                }
                let forwarded = await upstream.request("tools/call")
                call.cancel()
                #expect(await upstream.cancelled() == forwarded)
                #expect(relay.link.clients.forwardedInFlight == 0)
                await #expect(throws: CancellationError.self) { try await call.value }
            }
        }
    }

    @Test("a command that leaves with requests open leaves none waiting; its call is cancelled, its tasks/result not")
    func leavingCallsOff() async throws {
        let upstream = UpstreamLog()
        try await withRelay(tracer: upstream) { relay in
            try await relay.command(vanishing: true) { session in
                guard
                    case .task(let created) = try await session.callTool(
                        name: "cancellable_sleep", arguments: ["seconds": 30], task: TaskMetadata(ttl: 60_000),
                        progressToken: nil)
                else { throw ScriptError(description: "cancellable_sleep did not run as a task") }
                // Left open as the command goes: neither is ever answered to it.
                Task { _ = try await session.taskPayload(created.task.taskId) }
                Task {
                    try await session.callTool(
                        name: "cancellable_sleep", arguments: ["seconds": 30], task: nil, progressToken: nil)
                }
                _ = await upstream.request("tasks/result")
                _ = await upstream.request("tools/call", skipping: 1)
            }
            // The command's connection has been served to its end: what it left is settled.
            let call = await upstream.request("tools/call", skipping: 1)
            #expect(await upstream.cancelled() == call)
            #expect(upstream.cancelledIDs == [call])
            #expect(relay.link.clients.forwardedInFlight == 0)
            #expect(relay.link.clients.count == 0)
        }
    }
}

/// What the relay's own session sent the server: requests by method, and the ids it cancelled, each awaited
/// as it is sent.
final class UpstreamLog: MessageTracer {
    private struct State {
        var requests: [(method: String, id: String)] = []
        var cancelled: [String] = []
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    func record(_ direction: TraceDirection, _ frame: [UInt8]) {
        guard direction == .outbound, let message = try? JSONRPCMessage.decode(frame) else { return }
        let waiters = state.withLock { state in
            switch message {
            case .request(let id, let method, _, _): state.requests.append((method, id.description))
            case .notification(CancelledNotification.method, let params, _):
                state.cancelled.append(params?["requestId"].flatMap(RequestID.init(json:))?.description ?? "?")
            default: return [CheckedContinuation<Void, Never>]()
            }
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    var cancelledIDs: [String] { state.withLock { $0.cancelled } }

    /// The id of the request for `method` sent after `skipping` others, once sent.
    func request(_ method: String, skipping: Int = 0) async -> String {
        await until { state in
            let ids = state.requests.filter { $0.method == method }.map(\.id)
            return ids.count > skipping ? ids[skipping] : nil
        }
    }

    /// The first id cancelled, once one is.
    func cancelled() async -> String { await until { $0.cancelled.first } }

    private func until(_ found: @escaping @Sendable (State) -> String?) async -> String {
        while true {
            if let result = state.withLock({ found($0) }) { return result }
            await withCheckedContinuation { waiter in
                // Looked at again under the lock that `record` takes, so nothing sent in between is missed.
                let now = state.withLock { state -> Bool in
                    guard found(state) == nil else { return true }
                    state.waiters.append(waiter)
                    return false
                }
                if now { waiter.resume() }
            }
        }
    }
}
