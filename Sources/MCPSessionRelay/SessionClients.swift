import MCPClient
import MCPCommandKit
import MCPCore
import MCPTransport
import Synchronization

/// The commands attached to a background session: each has a way to send it frames that never waits (its
/// connection queues them, so a slow command never holds up the server's messages), may say it takes
/// questions, and owns the tasks it created. The server's
/// elicitations are routed here: to the command that owns the task when it takes questions, else to one that
/// does, else they
/// wait until a command attaches.
package final class SessionClients: Sendable {
    private struct Client {
        /// Queues a frame for the command. Never called with `state` locked: it may close the connection
        /// at once, and its end detaches the command.
        var deliver: @Sendable ([UInt8]) -> Void
        var takesQuestions = false
    }

    private struct State {
        var clients: [Int: Client] = [:]
        var nextClient = 1
        var owners: [String: Int] = [:]
        /// Elicitations sent to a command, by the id the session gave them: who has each (the answers wait in
        /// `answers`).
        var asked: [String: Int] = [:]
        var nextRequest = 1
        /// Elicitations waiting for a command to attach, by key.
        var attachWaiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter = 1
        var lastActivity = ContinuousClock.now
        /// tools/call requests forwarded and not answered yet: a question about a task no one owns may be
        /// about one of theirs.
        var callsInFlight = 0
        /// Which commands get which task's notifications.
        var routes = NotificationRoutes()
        /// Requests forwarded for commands and not yet settled (answered, called off, or failed).
        var forwarded = 0
    }

    private let state = Mutex(State())
    /// The answers to the elicitations sent to commands, by the id the session gave them.
    private let answers = PendingTable<String, JSONValue>()

    package init() {}

    /// Registers a command whose frames go out through `deliver`, in the order they are sent.
    package func attach(deliver: @escaping @Sendable ([UInt8]) -> Void) -> Int {
        let (id, waiters) = state.withLock { state in
            let id = state.nextClient
            state.nextClient += 1
            state.clients[id] = Client(deliver: deliver)
            state.lastActivity = .now
            defer { state.attachWaiters = [:] }
            return (id, Array(state.attachWaiters.values))
        }
        for waiter in waiters { waiter.resume() }
        return id
    }

    /// Forgets a command; an elicitation it had not answered goes to someone else.
    package func detach(_ id: Int) {
        let orphaned = state.withLock { state in
            state.clients[id] = nil
            state.routes.leave(id)
            state.lastActivity = .now
            let mine = state.asked.filter { $0.value == id }.map(\.key)
            for key in mine { state.asked[key] = nil }
            return mine
        }
        for key in orphaned { answers.cancel(key, with: CommandLeft()) }
    }

    /// The command can answer questions now; one waiting for such a command goes to it.
    package func markTerminal(_ id: Int) {
        let waiters = state.withLock { state in
            state.clients[id]?.takesQuestions = true
            defer { state.attachWaiters = [:] }
            return Array(state.attachWaiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// A command's tools/call goes to the server, with `progressToken` (its progress goes to that command).
    package func callStarted(progressToken: JSONValue? = nil, by client: Int? = nil) {
        state.withLock { state in
            state.callsInFlight += 1
            if let client { state.routes.callStarted(token: progressToken, by: client) }
        }
    }

    /// Its answer came back, creating `taskID` (owned by `client` from now on, who gets its notifications)
    /// or not; questions waiting to learn their task's owner are routed again.
    package func callEnded(createdTask taskID: String?, by client: Int, progressToken: JSONValue? = nil) {
        let waiters = state.withLock { state in
            state.callsInFlight -= 1
            state.routes.callEnded(token: progressToken, createdTask: taskID, by: client)
            if let taskID { state.owners[taskID] = client }
            defer { state.attachWaiters = [:] }
            return Array(state.attachWaiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// A command's request was forwarded to the server; `forwardEnded` once it is settled, however.
    package func forwardStarted() { state.withLock { $0.forwarded += 1 } }
    package func forwardEnded() { state.withLock { $0.forwarded -= 1 } }
    /// Forwarded requests not settled yet: none once the commands that sent them have gone.
    package var forwardedInFlight: Int { state.withLock { $0.forwarded } }

    package var ownedTaskCount: Int { state.withLock { $0.owners.count } }
    package var count: Int { state.withLock { $0.clients.count } }

    /// How long no command has been attached; nil while one is.
    package func idleFor(now: ContinuousClock.Instant) -> Duration? {
        state.withLock { $0.clients.isEmpty ? now - $0.lastActivity : nil }
    }

    package func send(_ frame: [UInt8], to client: Int) {
        state.withLock { $0.clients[client]?.deliver }?(frame)
    }

    package func broadcast(_ frame: [UInt8]) {
        let deliveries = state.withLock { $0.clients.values.map(\.deliver) }
        for deliver in deliveries { deliver(frame) }
    }

    /// The command named task `taskID` in a request: it gets the task's notifications from now on.
    package func follow(_ taskID: String, by client: Int) {
        state.withLock { $0.routes.follow(taskID, by: client) }
    }

    /// Sends a server notification to the commands it concerns (see `NotificationRoutes`).
    package func route(_ frame: [UInt8]) {
        guard case .notification(let method, let params, let meta)? = try? JSONRPCMessage.decode(frame) else {
            return broadcast(frame)
        }
        let deliveries = state.withLock { state in
            switch state.routes.audience(method: method, params: params, envelopeMeta: meta) {
            case .everyone: return state.clients.values.map(\.deliver)
            case .only(let clients): return clients.compactMap { state.clients[$0]?.deliver }
            }
        }
        for deliver in deliveries { deliver(frame) }
    }

    /// Delivers a command's answer (nil: it answered with an error) to an elicitation the session sent it;
    /// false if none was waiting.
    package func answered(_ id: RequestID, with result: JSONValue?) -> Bool {
        guard state.withLock({ $0.asked.removeValue(forKey: id.description) }) != nil else { return false }
        return answers.resolve(id.description, with: result.map { .success($0) } ?? .failure(CommandLeft()))
    }

    /// Asks an attached command to answer the server's elicitation, waiting for one to attach if need be;
    /// a command that leaves without answering passes the question on.
    package func elicit(_ request: ElicitRequest, context: ElicitationContext) async -> ElicitResult {
        let params = (try? JSONValueEncoder.encode(request)) ?? [:]
        while !Task.isCancelled {
            guard let (client, id) = choose(for: context.relatedTaskID) else {
                await waitForChange()
                continue
            }
            let frame = JSONRPCMessage.request(
                id: .string(id), method: ElicitRequest.method, params: params, envelopeMeta: nil
            ).encoded()
            let target = state.withLock { state -> (@Sendable ([UInt8]) -> Void)? in
                guard let target = state.clients[client], (try? answers.prepare(id)) != nil else { return nil }
                state.asked[id] = client
                return target.deliver
            }
            // Should the command leave before this reaches it, its detach gives the question up.
            target?(frame)
            let answer = target != nil ? try? await answers.wait(id) : nil
            if Task.isCancelled { state.withLock { _ = $0.asked.removeValue(forKey: id) } }
            if let answer, let result = try? JSONValueDecoder.decode(ElicitResult.self, from: answer) {
                return result
            }
        }
        return ElicitResult(action: .decline)
    }

    /// The task's owner when attached and taking questions, else a command that takes them; with the id the
    /// request gets. A
    /// question about a task nobody owns yet waits while tools/call answers are on their way: the server may
    /// ask before the command that made the task has heard of it.
    private func choose(for taskID: String?) -> (Int, String)? {
        state.withLock { state in
            if let taskID, state.owners[taskID] == nil, state.callsInFlight > 0 { return nil }
            // Only commands that took questions get them: a detached call that created the task has left.
            let owner = taskID.flatMap { state.owners[$0] }.flatMap {
                state.clients[$0]?.takesQuestions == true ? $0 : nil
            }
            let taker = state.clients.filter(\.value.takesQuestions).keys.min()
            guard let client = owner ?? taker else { return nil }
            defer { state.nextRequest += 1 }
            return (client, "session-\(state.nextRequest)")
        }
    }

    /// Returns when a command attaches or offers to answer, or a tools/call is answered; at once when the
    /// caller is cancelled (the session is ending).
    private func waitForChange() async {
        let key = state.withLock { state in
            defer { state.nextWaiter += 1 }
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let now = state.withLock { state -> Bool in
                    if Task.isCancelled { return true }
                    state.attachWaiters[key] = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.attachWaiters.removeValue(forKey: key) }?.resume()
        }
    }
}

/// The command asked a question left (or answered with an error): the question goes to someone else.
private struct CommandLeft: Error {}
