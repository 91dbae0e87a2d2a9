import MCPClient
import MCPCommandKit
import MCPCore
import Synchronization

/// One command attached to a background session. The session answers the handshake itself (from the
/// server's answer it keeps), forwards every other request to the server under its own ids, so requests
/// of several commands never collide, and relays answers, notifications and elicitations back.
package struct SessionLink: Sendable {
    package let session: ClientSession
    package let clients: SessionClients
    package let stop: SessionStop

    package init(session: ClientSession, clients: SessionClients, stop: SessionStop) {
        self.session = session
        self.clients = clients
        self.stop = stop
    }

    /// Attaches a command whose frames go out through `send` (in order, never waiting); the command's own
    /// frames and its end go to what this returns.
    package func attach(send: @escaping @Sendable ([UInt8]) -> Void) -> AttachedCommand {
        AttachedCommand(link: self, client: clients.attach(deliver: send))
    }

    /// What the session answers itself: the handshake from the server's kept answer, ping, and its own
    /// status and stop requests.
    func localAnswer(_ method: String) -> Result<JSONValue, ResponseError>? {
        switch method {
        case InitializeRequest.method:
            guard let initialized = session.initializeResult, let json = try? JSONValueEncoder.encode(initialized)
            else {
                return .failure(
                    ResponseError(
                        code: .invalidRequest,
                        message: "this session's server speaks 2026-07-28; connect with --protocol auto or 2026-07-28"))
            }
            return .success(json)
        case DiscoverRequest.method:
            guard let discovered = session.discoverResult else {
                return .failure(
                    ResponseError(
                        code: .methodNotFound, message: "Method not found: this session's server speaks 2025-11-25"))
            }
            return .success(discovered.json)
        case PingRequest.method:
            return .success([:])
        case SessionMethods.status:
            return .success(["clients": .int(clients.count), "tasks": .int(clients.ownedTaskCount)])
        case SessionMethods.stop:
            stop.trigger()
            return .success([:])
        default:
            return nil
        }
    }

    /// The task a tools/call answer created, on either wire.
    package static func createdTask(_ result: JSONValue) -> String? {
        result["task"]?["taskId"]?.stringValue
            ?? (ResultType.of(result) == .task ? result["taskId"]?.stringValue : nil)
    }

    func reply(_ id: RequestID, _ answer: Result<JSONValue, ResponseError>) -> [UInt8] {
        switch answer {
        case .success(let result): return JSONRPCMessage.response(id: id, result: result).encoded()
        case .failure(let error): return JSONRPCMessage.errorResponse(id: id, error: error).encoded()
        }
    }
}

/// Ends a background session from a `session stop` request.
package final class SessionStop: Sendable {
    package init() {}

    private let state = Mutex<(triggered: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    package func trigger() {
        let waiters = state.withLock { state in
            state.triggered = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once triggered; being cancelled counts as a trigger (the session is ending anyway).
    package func wait() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let now = state.withLock { state -> Bool in
                    if state.triggered || Task.isCancelled { return true }
                    state.waiters.append(continuation)
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            trigger()
        }
    }
}
