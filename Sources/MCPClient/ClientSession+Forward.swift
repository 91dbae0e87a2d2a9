import MCPCore

extension ClientSession {
    /// Sends a raw request on someone else's behalf (a background session's command) and hands its outcome
    /// to `answered`, once: the result, the server's error, why it could not be written or the session
    /// ended, or `CancellationError` when called off. Returns its id, or nil when the session has ended
    /// (`answered` has been told). No task waits for the answer (a session with hundreds of commands attached
    /// has a tasks/result of each open for its task's whole life); only the write runs in a task, which ends
    /// once the request is on its way. `answered` may run on the receive loop, so it should only hand the
    /// answer on.
    package func forward(
        method: String, params: JSONValue?, answered: @escaping PendingTable<RequestID, JSONValue>.Handler
    ) -> RequestID? {
        let opened: (RequestID, JSONValue?)
        do {
            opened = try openRequest(params: params, envelope: nil)
        } catch {
            answered(.failure(error))
            return nil
        }
        let (id, stamped) = opened
        pending.whenAnswered(id, answered)
        Task { try? await writeRequest(id, method: method, params: stamped) }
        return id
    }

    /// Gives up a forwarded request: its handler gets `CancellationError`, and when `tellServer` (and it was
    /// still open) the server is told with notifications/cancelled.
    package func callOff(_ id: RequestID, tellServer: Bool) {
        guard pending.cancel(id), tellServer else { return }
        Task { try? await notify(CancelledNotification(requestId: id, reason: "cancelled by the user")) }
    }
}
