import AsyncHTTPClient
import MCPCore
import NIOCore

extension HTTPConnection: HeaderProbing {
    public func probe(_ message: JSONValue, changing changes: [HeaderChange]) async throws(TransportError)
        -> ProbeAnswer
    {
        var request = makeRequest(.POST, accept: "application/json, text/event-stream")
        request.headers.add(name: "Content-Type", value: "application/json")
        for header in EnvelopeHeaders.headers(for: message) {
            request.headers.replaceOrAdd(name: header.name, value: header.value)
        }
        for change in changes {
            if let value = change.value {
                request.headers.replaceOrAdd(name: change.name, value: value)
            } else {
                request.headers.remove(name: change.name)
            }
        }
        request.body = .bytes(ByteBuffer(bytes: JSONWriter.compact(message)))
        let response = try await execute(request)
        let body = (try? await response.body.collect(upTo: options.maximumMessageSize)).map {
            Array($0.readableBytesView)
        }
        return ProbeAnswer(
            status: Int(response.status.code),
            message: body.flatMap { Self.answer(in: $0, eventStream: Self.isEventStream(response)) })
    }

    /// The body as one JSON message, or the last SSE `data:` line that is a response (it has an `id`).
    private static func answer(in body: [UInt8], eventStream: Bool) -> JSONValue? {
        guard eventStream else { return try? JSONParser.parse(body) }
        let lines = String(decoding: body, as: UTF8.self).split(whereSeparator: \.isNewline)
        let messages = lines.filter { $0.hasPrefix("data:") }.compactMap { line in
            try? JSONParser.parse(Array(line.dropFirst("data:".count).utf8))
        }
        return messages.last { $0["id"] != nil && $0["method"] == nil }
    }
}
