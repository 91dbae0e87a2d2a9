import MCPCore
import Synchronization

/// A request sent on someone else's behalf (a background session's command), whose outcome goes to a
/// handler. It is written by a short task of its own, so a call-off can come before the write: then the
/// request is not written at all, or, when it is already being written, the server is told only after it.
package final class ForwardedRequest: Sendable {
    package let id: RequestID
    private let session: ClientSession

    private struct State {
        var written = false
        var calledOff = false
        /// Whether the server is to hear of the call-off.
        var tellServer = false
    }

    private let state = Mutex(State())

    init(id: RequestID, session: ClientSession) {
        self.id = id
        self.session = session
    }

    /// Gives the request up: its handler gets `CancellationError`, and when `tellServer` (and it was still
    /// open) the server is told with notifications/cancelled, never before the request itself.
    package func callOff(tellServer: Bool) {
        guard session.pending.cancel(id) else { return }
        let tellNow = state.withLock { state -> Bool in
            state.calledOff = true
            state.tellServer = tellServer
            return state.written && tellServer
        }
        if tellNow { tell() }
    }

    /// Writes the request unless it was called off first; tells the server of a call-off that came during
    /// the write once it is done.
    func write(method: String, params: JSONValue?) async {
        guard !state.withLock({ $0.calledOff }) else { return }
        try? await session.writeRequest(id, method: method, params: params)
        let tellNow = state.withLock { state -> Bool in
            state.written = true
            return state.calledOff && state.tellServer
        }
        if tellNow { tell() }
    }

    private func tell() {
        let session = session
        let id = id
        Task { try? await session.notify(CancelledNotification(requestId: id, reason: "cancelled by the user")) }
    }
}

extension ClientSession {
    /// Sends a raw request on someone else's behalf (a background session's command) and hands its outcome
    /// to `answered`, once: the result, the server's error, why it could not be written or the session
    /// ended, or `CancellationError` when called off. Returns the request, or nil when the session has ended
    /// (`answered` has been told). No task waits for the answer (a session with hundreds of commands attached
    /// has a tasks/result of each open for its task's whole life); only the write runs in a task, which ends
    /// once the request is on its way. `answered` may run on the receive loop, so it should only hand the
    /// answer on.
    package func forward(
        method: String, params: JSONValue?, answered: @escaping PendingTable<RequestID, JSONValue>.Handler
    ) -> ForwardedRequest? {
        let opened: (RequestID, JSONValue?)
        do {
            opened = try openRequest(params: params, envelope: nil)
        } catch {
            answered(.failure(error))
            return nil
        }
        let (id, stamped) = opened
        pending.whenAnswered(id, answered)
        let request = ForwardedRequest(id: id, session: self)
        Task { await request.write(method: method, params: stamped) }
        return request
    }
}
