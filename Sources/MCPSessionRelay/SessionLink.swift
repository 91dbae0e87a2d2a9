import MCPClient
import MCPCommandKit
import MCPCore
import MCPTransport
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

    package func serve(_ connection: any MessageTransport) async {
        let (client, outbox) = clients.attach()
        defer { clients.detach(client) }
        let cancels = ForwardedRequests()
        await withDiscardingTaskGroup { group in
            group.addTask {
                for await frame in outbox {
                    do { try await connection.send(frame) } catch { return }
                }
            }
            do {
                for try await frame in connection.inbound {
                    guard let message = try? JSONRPCMessage.decode(frame) else {
                        session.logger.warning("a command sent a frame that is not JSON-RPC; ignored")
                        continue
                    }
                    handle(message, from: client, cancels: cancels, group: &group)
                }
            } catch {
                session.logger.info("a command's connection broke: \(error)")
            }
            group.cancelAll()
        }
    }

    private func handle(
        _ message: JSONRPCMessage, from client: Int, cancels: ForwardedRequests, group: inout DiscardingTaskGroup
    ) {
        switch message {
        case .request(let id, let method, let params, _):
            if let local = localAnswer(method) {
                clients.send(reply(id, local), to: client)
            } else {
                group.addTask { await forward(id, method, params, from: client, cancels: cancels) }
            }
        case .notification(let method, let params, _):
            switch method {
            case "notifications/initialized": break
            case CancelledNotification.method:
                if let id = params?["requestId"].flatMap(RequestID.init(json:)) { cancels.cancel(id) }
            case SessionMethods.terminalNotice: clients.markTerminal(client)
            default:
                group.addTask { try? await session.sendNotification(method: method, params: params) }
            }
        case .response(let id, let result): _ = clients.answered(id, with: result)
        case .errorResponse(let id?, _): _ = clients.answered(id, with: nil)
        case .errorResponse(nil, _): break
        }
    }

    /// What the session answers itself: the handshake from the server's kept answer, ping, and its own
    /// status and stop requests.
    private func localAnswer(_ method: String) -> Result<JSONValue, ResponseError>? {
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

    private func forward(
        _ id: RequestID, _ method: String, _ params: JSONValue?, from client: Int, cancels: ForwardedRequests
    ) async {
        let isCall = method == CallToolRequest.method
        let token = isCall ? params?["_meta"]?["progressToken"] : nil
        if isCall { clients.callStarted(progressToken: token, by: client) }
        // A command that names a task (tasks/get, tasks/result, …) follows it: its notifications go there.
        if let taskID = params?["taskId"]?.stringValue { clients.follow(taskID, by: client) }
        // A tasks/result a command gives up is not cancelled on the server, and the command does not say so
        // (it forgets the request): nothing races it. Such a request is open for each followed task's whole
        // life, and a second task beside each of hundreds of them would cost more than the request itself.
        let payload = method == GetTaskPayloadRequest.method
        let work: @Sendable () async -> Result<JSONValue, ResponseError>? = {
            do {
                return .success(
                    try await session.sendRequest(
                        method: method, params: params, timeout: nil, tellServerOnCancel: !payload))
            } catch let error as ResponseError {
                return .failure(error)
            } catch is CancellationError {
                return nil
            } catch  where session.closingError != nil {
                // The server is gone: the session ends and closes every command's connection, which tells
                // them so as a transport failure, not as an answer.
                return nil
            } catch {
                let reason = (error as? SessionError)?.message ?? "\(error)"
                return .failure(ResponseError(code: .internalError, message: "the session's server: \(reason)"))
            }
        }
        let answer = payload ? await work() : await cancels.race(id, work)
        if isCall {
            let created: String? = if case .success(let result)? = answer { Self.createdTask(result) } else { nil }
            clients.callEnded(createdTask: created, by: client, progressToken: token)
        }
        guard let answer else { return }  // cancelled by the command: it wants no answer
        clients.send(reply(id, answer), to: client)
    }

    /// The task a tools/call answer created, on either wire.
    package static func createdTask(_ result: JSONValue) -> String? {
        result["task"]?["taskId"]?.stringValue
            ?? (ResultType.of(result) == .task ? result["taskId"]?.stringValue : nil)
    }

    private func reply(_ id: RequestID, _ answer: Result<JSONValue, ResponseError>) -> [UInt8] {
        switch answer {
        case .success(let result): return JSONRPCMessage.response(id: id, result: result).encoded()
        case .failure(let error): return JSONRPCMessage.errorResponse(id: id, error: error).encoded()
        }
    }
}

/// A command's forwarded requests that notifications/cancelled may still call off.
package final class ForwardedRequests: Sendable {
    /// A trigger per request in flight, fired only by a cancel.
    private let cancels = Mutex<[RequestID: Trigger]>([:])

    package init() {}

    /// Runs `work`, or returns nil as soon as the command cancels request `id` (cancelling `work`, which
    /// tells the server). The cancel is awaited with a continuation, not a second task beside the work: a
    /// session with hundreds of commands attached has a tasks/result of each open all the time.
    package func race<Value: Sendable>(_ id: RequestID, _ work: @escaping @Sendable () async -> Value?) async -> Value?
    {
        let trigger = Trigger()
        let added = cancels.withLock { cancels -> Bool in
            guard cancels[id] == nil else { return false }
            cancels[id] = trigger
            return true
        }
        guard added else { return await work() }
        defer { _ = cancels.withLock { $0.removeValue(forKey: id) } }
        return (try? await until(trigger) { await work() }) ?? nil
    }

    package func cancel(_ id: RequestID) { cancels.withLock { $0[id] }?.fire() }
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
