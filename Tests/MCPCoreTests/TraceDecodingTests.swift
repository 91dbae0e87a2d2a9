import MCPCore
import Testing

/// A typed decoding failure, as the one sentence `describe(_:method:)` makes of it.
private func failure(method: String, _ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch let error as MessageDecodingError {
        return error.description
    } catch {
        return describe(error, method: method)
    }
}

/// Decodes a response's result as the type its request method answers with. Returns nil for methods
/// without a typed result here.
private func decodeResult(_ exchange: TraceExchange) -> String?? {
    guard let result = exchange.result else { return .some(nil) }
    let method = exchange.method
    switch method {
    case InitializeRequest.method:
        return failure(method: method) { _ = try JSONValueDecoder.decode(InitializeResult.self, from: result) }
    case ListToolsRequest.method:
        return failure(method: method) { _ = try JSONValueDecoder.decode(ListToolsResult.self, from: result) }
    case CallToolRequest.method:
        return failure(method: method) { _ = try JSONValueDecoder.decode(CallToolResponse.self, from: result) }
    case GetTaskRequest.method, CancelTaskRequest.method:
        return failure(method: method) { _ = try JSONValueDecoder.decode(TaskInfo.self, from: result) }
    case ListTasksRequest.method:
        return failure(method: method) { _ = try JSONValueDecoder.decode(ListTasksResult.self, from: result) }
    case GetTaskPayloadRequest.method:
        return failure(method: method) { _ = try JSONValueDecoder.decode(CallToolResult.self, from: result) }
    case PingRequest.method:
        return failure(method: method) { _ = try JSONValueDecoder.decode(EmptyResult.self, from: result) }
    case ElicitRequest.method:
        return failure(method: method) { _ = try JSONValueDecoder.decode(ElicitResult.self, from: result) }
    default: return nil
    }
}

/// Decodes a client request's params as its request type and checks legacy params survive a round trip.
private func checkClientRequest(_ method: String, _ params: JSONValue?, file: TraceFile) throws {
    func roundTrip<T: MCPRequest>(_ type: T.Type) throws {
        let request = try JSONValueDecoder.decode(type, from: params ?? [:])
        if !file.isModern {
            #expect(try JSONValueEncoder.encode(request) == params ?? [:], "\(file.name): \(method)")
        }
    }
    switch method {
    case InitializeRequest.method: try roundTrip(InitializeRequest.self)
    case ListToolsRequest.method: try roundTrip(ListToolsRequest.self)
    case CallToolRequest.method: try roundTrip(CallToolRequest.self)
    case GetTaskRequest.method: try roundTrip(GetTaskRequest.self)
    case GetTaskPayloadRequest.method: try roundTrip(GetTaskPayloadRequest.self)
    case CancelTaskRequest.method: try roundTrip(CancelTaskRequest.self)
    case ListTasksRequest.method: try roundTrip(ListTasksRequest.self)
    case PingRequest.method: try roundTrip(PingRequest.self)
    default: break
    }
}

@Suite("Real traces")
struct TraceDecodingTests {
    @Test("every message in every trace is a valid JSON-RPC frame")
    func everyFrameDecodes() throws {
        let files = try Traces.load()
        var decoded = 0
        var kinds: [String: Int] = [:]
        for file in files {
            for message in file.messages {
                let frame = JSONWriter.compact(message.json)
                do {
                    let classified = try JSONRPCMessage.decode(frame)
                    decoded += 1
                    switch classified {
                    case .request: kinds["request", default: 0] += 1
                    case .notification: kinds["notification", default: 0] += 1
                    case .response: kinds["response", default: 0] += 1
                    case .errorResponse: kinds["error", default: 0] += 1
                    }
                    #expect(try JSONRPCMessage.decode(classified.encoded()) == classified, "\(message.location)")
                } catch {
                    Issue.record("\(message.location): \(error)")
                }
            }
        }
        #expect(files.count >= 100, "only \(files.count) trace files")
        #expect(decoded >= 2000, "only \(decoded) messages decoded")
        #expect(kinds.count == 4, "message kinds seen: \(kinds)")
    }

    @Test("notifications, responses and server requests decode to their types")
    func typedDecoding() throws {
        var typed = 0
        var lenientFailures = 0
        var checkedElicitations = 0
        for file in try Traces.load() {
            func check(_ sentence: String??, at message: TraceMessage) {
                guard case .some(let outcome) = sentence else { return }
                typed += 1
                guard let outcome else { return }
                if file.isModern {
                    lenientFailures += 1
                    #expect(outcome.hasPrefix("malformed ") && outcome.count > 12, "\(message.location): \(outcome)")
                } else {
                    Issue.record("\(message.location): \(outcome)")
                }
            }
            for message in file.messages {
                switch try JSONRPCMessage.classify(message.json) {
                case .notification(let method, let params, let meta):
                    check(
                        failure(method: method) {
                            _ = try ServerNotification.decode(method: method, params: params, envelopeMeta: meta)
                            if method == CancelledNotification.method {
                                _ = try JSONValueDecoder.decode(CancelledNotification.self, from: params ?? [:])
                            }
                        }, at: message)
                case .request(_, ElicitRequest.method, let params, _) where message.direction == "s2c":
                    checkedElicitations += 1
                    check(
                        failure(method: ElicitRequest.method) {
                            _ = try decodeElicitRequest(params ?? [:])
                        }, at: message)
                case .request(_, let method, let params, _) where message.direction == "c2s":
                    check(failure(method: method) { try checkClientRequest(method, params, file: file) }, at: message)
                default:
                    break
                }
            }
            for exchange in try file.exchanges() {
                check(decodeResult(exchange), at: exchange.response)
            }
        }
        #expect(typed >= 1100, "only \(typed) messages decoded to a type")
        #expect(checkedElicitations >= 10, "only \(checkedElicitations) elicitation requests seen")
        #expect(lenientFailures < typed)
    }

    @Test("the request/response pairing finds answers for almost every request")
    func pairing() throws {
        var requests = 0
        var answered = 0
        for file in try Traces.load() {
            for message in file.messages where message.json["method"] != nil && message.json["id"] != nil {
                requests += 1
            }
            answered += try file.exchanges().count
        }
        #expect(requests > 800)
        #expect(answered * 10 >= requests * 9, "\(answered) answers for \(requests) requests")
    }
}
