import AsyncHTTPClient
import MCPCore
import NIOCore
import NIOHTTP1

extension HTTPConnection {
    /// A POST answered with one JSON message.
    func readJSONBody(_ body: HTTPClientResponse.Body) async {
        do {
            let buffer = try await body.collect(upTo: options.maximumMessageSize)
            let frame = Array(buffer.readableBytesView)
            // Some servers answer a notification with an empty 200 instead of 202: nothing to deliver.
            guard frame.contains(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) else { return }
            await inbound.send(frame)
        } catch {
            if !isClosing {
                inbound.finish(throwing: HTTPFailure.body(endpoint.url, error, limit: options.maximumMessageSize))
            }
        }
    }

    /// Reads an SSE stream into the inbound channel. A POST stream that drops before answering its request
    /// is resumed with a GET carrying `Last-Event-ID`, when the server gave ids; otherwise the loss is reported.
    func readEventStream(_ body: HTTPClientResponse.Body, answering requestID: RequestID?, attempt: Int = 0) async {
        var parser = SSEParser(maximumEventSize: options.maximumMessageSize)
        var answered = requestID == nil
        do {
            for try await buffer in body {
                for event in try parser.feed(buffer.readableBytesView) {
                    answered = await deliver(event, answering: requestID) || answered
                }
            }
        } catch let error as TransportError {
            inbound.finish(throwing: error)
            return
        } catch {
            logger.debug("an event stream broke: \(error)")
        }
        guard !answered, !isClosing else { return }
        guard let lastEventID = parser.lastEventID, attempt < options.reconnectAttempts else {
            inbound.finish(
                throwing: TransportError(
                    .closed,
                    "the server closed the stream of a request without answering it, and gave no event id to resume from"
                ))
            return
        }
        await pause(retry: parser.retry, attempt: attempt + 1)
        logger.info("resuming an interrupted stream after event \(lastEventID)")
        var request = makeRequest(.GET, accept: "text/event-stream")
        request.headers.add(name: "Last-Event-ID", value: lastEventID)
        do {
            let response = try await execute(request)
            guard response.status == .ok, Self.isEventStream(response) else {
                _ = try? await response.body.collect(upTo: 64 * 1024)
                inbound.finish(
                    throwing: TransportError(
                        .closed, "the server would not resume an interrupted stream (HTTP \(response.status.code))",
                        httpStatus: Int(response.status.code)))
                return
            }
            await readEventStream(response.body, answering: requestID, attempt: attempt + 1)
        } catch {
            inbound.finish(throwing: error)
        }
    }

    /// Hands one event to the session, once (replayed ids are skipped); true when it answers `requestID`.
    private func deliver(_ event: SSEEvent, answering requestID: RequestID?) async -> Bool {
        if let id = event.id, !state.withLock({ $0.recentEventIDs.insert(id) }) { return false }
        let frame = Array(event.data.utf8)
        await inbound.send(frame)
        guard let requestID, let json = try? JSONParser.parse(frame), json["method"] == nil else { return false }
        return json["id"].flatMap(RequestID.init(json:)) == requestID
    }

    /// The standalone GET stream: server notifications and requests not tied to a request (task status,
    /// progress, elicitations on several servers). Reconnected with `Last-Event-ID` and a bounded backoff.
    func runStandaloneStream() async {
        var lastEventID: String?
        var retry: Int?
        var failures = 0
        while !Task.isCancelled && !isClosing {
            var request = makeRequest(.GET, accept: "text/event-stream")
            if let lastEventID { request.headers.add(name: "Last-Event-ID", value: lastEventID) }
            let response: HTTPClientResponse
            do {
                response = try await execute(request)
            } catch {
                failures += 1
                guard failures <= options.reconnectAttempts else {
                    logger.warning("gave up on the server's event stream: \(error.message)")
                    return
                }
                await pause(retry: retry, attempt: failures)
                continue
            }
            switch response.status.code {
            case 405:
                _ = try? await response.body.collect(upTo: 64 * 1024)
                logger.info("the server offers no standalone event stream (HTTP 405)")
                return
            case 404 where state.withLock({ $0.sessionID != nil }):
                _ = try? await response.body.collect(upTo: 64 * 1024)
                // A session that may be renewed is renewed by the next request, which restarts this stream.
                if let expired = request.headers.first(name: "Mcp-Session-Id"), mayRenew(expired) {
                    logger.info("the event stream's session \(expired) has expired (HTTP 404)")
                    return
                }
                inbound.finish(throwing: HTTPFailure.sessionGone(sessionID))
                return
            case 200 where Self.isEventStream(response):
                var parser = SSEParser(maximumEventSize: options.maximumMessageSize)
                do {
                    for try await buffer in response.body {
                        for event in try parser.feed(buffer.readableBytesView) {
                            failures = 0
                            _ = await deliver(event, answering: nil)
                        }
                    }
                } catch let error as TransportError {
                    inbound.finish(throwing: error)
                    return
                } catch {
                    logger.debug("the event stream broke: \(error)")
                }
                lastEventID = parser.lastEventID ?? lastEventID
                retry = parser.retry ?? retry
            default:
                _ = try? await response.body.collect(upTo: 64 * 1024)
                logger.info("the server refused the event stream (HTTP \(response.status.code))")
            }
            failures += 1
            guard failures <= options.reconnectAttempts else { return }
            await pause(retry: retry, attempt: failures)
        }
    }

    /// Waits before reconnecting: the server's `retry:` (1 s when absent) the first time, doubled for each
    /// further attempt in a row, at most 30 s.
    func pause(retry: Int?, attempt: Int) async {
        let base = Double(retry ?? 1000)
        let delay = min(base * Double(1 << min(max(attempt - 1, 0), 5)), 30_000)
        try? await Task.sleep(for: .milliseconds(Int(delay)))
    }

    var isClosing: Bool { state.withLock { $0.closing } }

    /// A POST answered with an error status: a JSON-RPC error body is delivered as the answer it is;
    /// otherwise one clear line says what the status means.
    func refused(_ response: HTTPClientResponse, requestID: RequestID?) async throws(TransportError) {
        let status = Int(response.status.code)
        let body = (try? await response.body.collect(upTo: 64 * 1024)).map { Array($0.readableBytesView) } ?? []
        let hadSession = state.withLock { $0.sessionID != nil }
        if let json = try? JSONParser.parse(body), let error = json["error"], let requestID {
            let sameID = json["id"].flatMap(RequestID.init(json:)) == requestID
            // A 400 (or a sessionless 404: -32601 on 2026-07-28) with a JSON-RPC error answers this POST's
            // request even when the server could not tell its id (null, or the SDK's "server-error").
            if sameID {
                await inbound.send(body)
                return
            }
            if status == 400 || (status == 404 && !hadSession) {
                let answer: JSONValue = ["jsonrpc": "2.0", "id": requestID.json, "error": error]
                await inbound.send(JSONWriter.compact(answer))
                return
            }
        }
        throw HTTPFailure.status(
            status, url: endpoint.url, hadSession: hadSession, sessionID: sessionID,
            excerpt: JSONRPCMessage.excerpt(body), challenge: response.headers["WWW-Authenticate"].first)
    }
}
