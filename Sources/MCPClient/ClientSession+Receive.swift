import Logging
import MCPCore

/// Runs `body` with a session over `transport`, receiving messages for as long as the body runs.
public func withClientSession<Result: Sendable>(
    transport: any MessageTransport,
    configuration: ClientSession.Configuration,
    logger: Logger,
    tracer: (any MessageTracer)? = nil,
    _ body: @Sendable (ClientSession) async throws -> Result
) async throws -> Result {
    let session = ClientSession(transport: transport, configuration: configuration, logger: logger, tracer: tracer)
    return try await withThrowingTaskGroup(of: Void.self, returning: Result.self) { group in
        group.addTask { await session.receiveLoop() }
        defer { group.cancelAll() }
        return try await body(session)
    }
}

extension ClientSession {
    /// Reads and dispatches every inbound frame until the transport ends, then fails what is pending.
    func receiveLoop() async {
        // However the loop ends, the transport's reader must not wait for a consumer that is gone.
        defer { transport.inbound.abandon() }
        let ending: SessionError = await withTaskGroup(of: Void.self) { serverRequests in
            defer { serverRequests.cancelAll() }
            do {
                for try await frame in transport.inbound {
                    tracer?.record(.inbound, frame)
                    let message: JSONRPCMessage
                    switch read(frame) {
                    case .message(let read): message = read
                    case .skipped: continue
                    case .fatal(let error): return error
                    }
                    if case .notification = message, let tap = state.withLock({ $0.notificationTap }) { tap(frame) }
                    dispatch(message, serverRequests: &serverRequests)
                }
                return SessionError(TransportError(.closed, "the server closed the connection"))
            } catch let error as TransportError {
                return SessionError(error)
            } catch is CancellationError {
                return SessionError(TransportError(.closed, "the session was closed"))
            } catch {
                return SessionError(TransportError(.closed, "the connection failed: \(error)"))
            }
        }
        logger.debug("session ended: \(ending.message)")
        pending.closeAll(with: ending)
        hub.finish()
    }

    private enum Reading {
        case message(JSONRPCMessage)
        /// Warned about (once per kind) and skipped.
        case skipped
        /// `strict`: the session ends.
        case fatal(SessionError)
    }

    /// Decodes one frame. What the official SDKs skip is skipped here too, with one warning per kind of
    /// problem: a line that is not JSON (a `print()` left in a stdio server), JSON that is not JSON-RPC.
    /// Invalid UTF-8 inside a message is replaced with U+FFFD and the message kept. With `strict`, any of
    /// these ends the session as a protocol violation.
    private func read(_ frame: [UInt8]) -> Reading {
        do {
            return .message(try JSONRPCMessage.decode(frame))
        } catch {
            if configuration.strict {
                return .fatal(SessionError(.protocolViolation, "the server sent an invalid message: \(error)"))
            }
            if String(validating: frame, as: UTF8.self) == nil,
                let repaired = try? JSONRPCMessage.decode(Array(String(decoding: frame, as: UTF8.self).utf8))
            {
                problem(
                    "invalid-utf8",
                    "the server sent a message with invalid UTF-8; it was replaced with U+FFFD (this is said once)")
                return .message(repaired)
            }
            let excerpt = Self.excerpt(frame)
            let kind = (try? JSONParser.parse(frame)) == nil ? "not-json" : "not-jsonrpc"
            let what = kind == "not-json" ? "a line that is not JSON" : "JSON that is not a JSON-RPC message"
            problem(
                kind,
                "the server sent \(what), skipped (\"\(excerpt)\"); later ones are skipped silently "
                    + "(--strict makes this an error)")
            return .skipped
        }
    }

    /// Warns about a kind of problem once, and tells the subscribers every time.
    private func problem(_ kind: String, _ message: String) {
        let (first, number) = state.withLock { state in
            state.skipped.append((kind, message))
            return (state.warnedAbout.insert(kind).inserted, state.skipped.count - 1)
        }
        if first { logger.warning("\(message)") }
        hub.publish(.unreadable(kind: kind, detail: message, number: number))
    }

    /// The start of a frame, as text, for a message.
    private static func excerpt(_ frame: [UInt8]) -> String {
        let text = String(decoding: frame.prefix(80), as: UTF8.self)
        return frame.count > 80 ? text + "…" : text
    }

    private func dispatch(_ message: JSONRPCMessage, serverRequests: inout TaskGroup<Void>) {
        switch message {
        case .response(let id, let result):
            if !pending.resolve(id, with: .success(result)) { logger.debug("ignored a response to unknown id \(id)") }
        case .errorResponse(let id?, let error):
            if !pending.resolve(id, with: .failure(error)) { logger.debug("ignored an error for unknown id \(id)") }
        case .errorResponse(nil, let error):
            logger.warning("the server reported an error not tied to a request: \(error.message) (\(error.code))")
        case .notification(let method, let params, let envelopeMeta):
            do {
                hub.publish(try ServerNotification.decode(method: method, params: params, envelopeMeta: envelopeMeta))
            } catch {
                logger.warning("ignored a notification: \(error.reason)")
            }
        case .request(let id, let method, let params, let envelopeMeta):
            serverRequests.addTask {
                await self.answer(id: id, method: method, params: params, envelopeMeta: envelopeMeta)
            }
        }
    }

    /// Answers a server-to-client request: ping, elicitation, or -32601 for anything else.
    private func answer(id: RequestID, method: String, params: JSONValue?, envelopeMeta: JSONValue?) async {
        let reply: JSONRPCMessage
        switch method {
        case PingRequest.method:
            reply = .response(id: id, result: .object([:]))
        case ElicitRequest.method:
            reply = await answerElicitation(id: id, params: params, envelopeMeta: envelopeMeta)
        default:
            reply = .errorResponse(
                id: id, error: ResponseError(code: .methodNotFound, message: "mcptask does not handle \(method)"))
        }
        do {
            try await write(reply)
        } catch {
            logger.debug("could not answer \(method): \(error)")
        }
    }

    private func answerElicitation(id: RequestID, params: JSONValue?, envelopeMeta: JSONValue?) async -> JSONRPCMessage
    {
        let request: ElicitRequest
        do {
            request = try JSONValueDecoder.decode(ElicitRequest.self, from: params ?? .object([:]))
        } catch {
            let message = describe(error, method: ElicitRequest.method)
            return .errorResponse(id: id, error: ResponseError(code: .invalidParams, message: message))
        }
        let mode = request.effectiveMode
        guard mode == .form || mode == .url else {
            let message = "unsupported elicitation mode '\(mode.rawValue)'"
            return .errorResponse(id: id, error: ResponseError(code: .invalidParams, message: message))
        }
        let taskID = JSONValue.relatedTaskID(params: params, envelopeMeta: envelopeMeta)
        var result = await elicit(request, context: ElicitationContext(requestID: id, relatedTaskID: taskID))
        if let taskID {
            // The spec asks task-related responses to carry the marker; servers ignore it otherwise.
            result._meta = [MetaKey.relatedTask: ["taskId": .string(taskID)]]
        }
        return .response(id: id, result: (try? JSONValueEncoder.encode(result)) ?? ["action": "decline"])
    }

    /// Asks the elicitation handler; with none installed, the answer is decline.
    func elicit(_ request: ElicitRequest, context: ElicitationContext) async -> ElicitResult {
        let handler = state.withLock { $0.elicitationHandler }
        return await handler?(request, context) ?? ElicitResult(action: .decline)
    }
}
