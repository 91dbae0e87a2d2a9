import MCPCore
import Testing

@testable import MCPDemoServer

/// Collects what the server writes, as parsed messages, in order.
final class RecordingSink: LineSink {
    let messages: AsyncStream<JSONValue>
    private let continuation: AsyncStream<JSONValue>.Continuation

    init() { (messages, continuation) = AsyncStream.makeStream() }

    func send(_ line: [UInt8]) {
        continuation.yield((try? JSONParser.parse(line)) ?? .string(String(decoding: line, as: UTF8.self)))
    }
}

struct ServerClosedOutput: Error {}

/// A scripted client on an in-memory pipe: sends lines, waits for messages (never sleeps), and answers
/// elicitations with `elicitationAnswer`.
struct TestClient {
    let input: AsyncStream<LineFramer.Frame>.Continuation
    var output: AsyncStream<JSONValue>.Iterator
    /// Every message received so far.
    var received: [JSONValue] = []
    var elicitationAnswer: JSONValue = ["action": "decline"]
    private var lastID = 0

    init(input: AsyncStream<LineFramer.Frame>.Continuation, output: AsyncStream<JSONValue>) {
        self.input = input
        self.output = output.makeAsyncIterator()
    }

    func send(_ message: JSONValue) {
        input.yield(.line(JSONWriter.compact(message)))
    }

    /// Sends a request without waiting; returns its id.
    mutating func start(_ method: String, _ params: JSONValue = [:]) -> JSONValue {
        lastID += 1
        send(["jsonrpc": "2.0", "id": .int(lastID), "method": .string(method), "params": params])
        return .int(lastID)
    }

    /// Sends a request and returns its whole response message.
    mutating func request(_ method: String, _ params: JSONValue = [:]) async throws -> JSONValue {
        let id = start(method, params)
        return try await next { $0["id"] == id && $0["method"] == nil }
    }

    /// The next message matching `predicate`; server requests met on the way are answered.
    @discardableResult
    mutating func next(where predicate: (JSONValue) -> Bool) async throws -> JSONValue {
        while true {
            guard let message = await output.next() else { throw ServerClosedOutput() }
            received.append(message)
            if let id = message["id"], message["method"] == "elicitation/create" {
                send(["jsonrpc": "2.0", "id": id, "result": elicitationAnswer])
            }
            if predicate(message) { return message }
        }
    }

    mutating func initialize(version: String = "2025-11-25") async throws -> JSONValue {
        let response = try await request(
            "initialize",
            [
                "protocolVersion": .string(version), "capabilities": ["elicitation": ["form": [:]]],
                "clientInfo": ["name": "tests", "version": "1"],
            ])
        send(["jsonrpc": "2.0", "method": "notifications/initialized"])
        return response
    }

    func notifications(_ method: String) -> [JSONValue] {
        received.filter { $0["method"] == .string(method) && $0["id"] == nil }
    }
}

/// Runs a demo server on an in-memory pipe for the duration of `body`, then closes its input (EOF).
func withDemoServer(
    _ options: DemoOptions = DemoOptions(), _ body: (inout TestClient) async throws -> Void
) async throws {
    let sink = RecordingSink()
    let (frames, input) = AsyncStream.makeStream(of: LineFramer.Frame.self)
    let server = DemoServer(options: options, sink: sink)
    async let served: Void = server.serve(frames)
    var client = TestClient(input: input, output: sink.messages)
    defer { input.finish() }
    try await body(&client)
    input.finish()
    await served
}
