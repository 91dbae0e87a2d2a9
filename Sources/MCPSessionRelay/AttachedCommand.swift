import MCPClient
import MCPCommandKit
import MCPCore
import Synchronization

/// One command attached to a background session, driven by its connection: `received` for each frame it
/// sends, `closed` once when it goes. Neither waits: a forwarded request's answer comes back to a handler,
/// not to a task waiting for it, so a command costs no task while attached. (At 500 tasks a session has 500
/// `watch` commands attached, each with a tasks/result open for its task's whole life.)
package final class AttachedCommand: Sendable {
    /// A request forwarded for the command and not answered yet: what calling it off takes.
    private struct Forwarded {
        /// The request as the session sent it; nil for the moment before `ClientSession.forward` returns it.
        var upstream: ForwardedRequest?
        /// Tells this request from a later one the command sends under the same id.
        let serial: Int
        /// Whether the server hears of a cancel (a tasks/result is given up without saying so: see `forward`).
        let tellServer: Bool
    }

    private struct State {
        /// By the command's own request id.
        var inFlight: [RequestID: Forwarded] = [:]
        var nextSerial = 0
    }

    private let link: SessionLink
    private let client: Int
    private let state = Mutex(State())

    init(link: SessionLink, client: Int) {
        self.link = link
        self.client = client
    }

    private var session: ClientSession { link.session }
    private var clients: SessionClients { link.clients }

    /// Handles one frame from the command: answers it, forwards it to the server, or notes what it says.
    package func received(_ frame: [UInt8]) {
        guard let message = try? JSONRPCMessage.decode(frame) else {
            return session.logger.warning("a command sent a frame that is not JSON-RPC; ignored")
        }
        switch message {
        case .request(let id, let method, let params, _):
            if let local = link.localAnswer(method) {
                clients.send(link.reply(id, local), to: client)
            } else {
                forward(id, method, params)
            }
        case .notification(let method, let params, _):
            switch method {
            case "notifications/initialized": break
            case CancelledNotification.method:
                if let id = params?["requestId"].flatMap(RequestID.init(json:)) { callOff(id) }
            case SessionMethods.terminalNotice: clients.markTerminal(client)
            default:
                let session = session
                Task { try? await session.sendNotification(method: method, params: params) }
            }
        case .response(let id, let result): _ = clients.answered(id, with: result)
        case .errorResponse(let id?, _): _ = clients.answered(id, with: nil)
        case .errorResponse(nil, _): break
        }
    }

    /// The command went (`failure`: its connection broke). Its requests still open are called off, telling
    /// the server as a cancel would, and a question it had goes to another command.
    package func closed(_ failure: (any Error)?) {
        if let failure { session.logger.info("a command's connection broke: \(failure)") }
        let open = state.withLock { state in
            defer { state.inFlight = [:] }
            return Array(state.inFlight.values)
        }
        // Outside the lock: calling off runs the request's handler at once, which takes it.
        for request in open { callOff(request) }
        clients.detach(client)
    }

    private func forward(_ id: RequestID, _ method: String, _ params: JSONValue?) {
        let isCall = method == CallToolRequest.method
        let token = isCall ? params?["_meta"]?["progressToken"] : nil
        if isCall { clients.callStarted(progressToken: token, by: client) }
        // A command that names a task (tasks/get, tasks/result, …) follows it: its notifications go there.
        if let taskID = params?["taskId"]?.stringValue { clients.follow(taskID, by: client) }
        // A tasks/result a command gives up is not cancelled on the server (and the command does not say
        // so: it forgets the request), since cancelling the wait for a task's result is not cancelling it.
        let tellServer = method != GetTaskPayloadRequest.method
        // Noted before it is sent: its answer may come before `forward` returns its id.
        let serial = state.withLock { state in
            defer { state.nextSerial += 1 }
            state.inFlight[id] = Forwarded(upstream: nil, serial: state.nextSerial, tellServer: tellServer)
            return state.nextSerial
        }
        clients.forwardStarted()
        let upstream = session.forward(method: method, params: params) { [self] outcome in
            // Called once whatever happens (answered, called off, the session ended): the one place that
            // settles the request.
            state.withLock { state in
                if state.inFlight[id]?.serial == serial { state.inFlight[id] = nil }
            }
            clients.forwardEnded()
            let reply = answer(outcome)
            if isCall {
                let created: String? =
                    if case .success(let result)? = reply { SessionLink.createdTask(result) } else { nil }
                clients.callEnded(createdTask: created, by: client, progressToken: token)
            }
            if let reply { clients.send(link.reply(id, reply), to: client) }
        }
        state.withLock { state in
            if state.inFlight[id]?.serial == serial { state.inFlight[id]?.upstream = upstream }
        }
    }

    /// The command cancelled request `id`: it wants no answer, and the server is told (but see `forward`).
    private func callOff(_ id: RequestID) {
        guard let request = state.withLock({ $0.inFlight.removeValue(forKey: id) }) else { return }
        callOff(request)
    }

    private func callOff(_ request: Forwarded) {
        request.upstream?.callOff(tellServer: request.tellServer)
    }

    /// What the command is answered, or nil when the server is gone: the session then ends and closes every
    /// command's connection, which tells them so as a transport failure, not as an answer.
    private func answer(_ outcome: Result<JSONValue, any Error>) -> Result<JSONValue, ResponseError>? {
        switch outcome {
        case .success(let result): return .success(result)
        case .failure(let error as ResponseError): return .failure(error)
        case .failure(is CancellationError): return nil  // called off: the command wants no answer
        case .failure where session.closingError != nil: return nil
        case .failure(let error):
            let reason = (error as? SessionError)?.message ?? "\(error)"
            return .failure(ResponseError(code: .internalError, message: "the session's server: \(reason)"))
        }
    }
}
