import MCPCore

/// libFuzzer entry for the JSON parser, the JSON-RPC envelope decoder and typed decoding. Input: the bytes of one
/// frame. Whatever they are, nothing may crash; when they parse, the value must respect the depth cap, survive a
/// round trip through the writer (compact and pretty), and classify the same from bytes as from the value; a
/// classified message must survive its own encoding; and the MCP types must decode from it and, those that also
/// encode, read back equal to themselves.
@_cdecl("LLVMFuzzerTestOneInput")
public func jsonFuzz(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    let value: JSONValue
    do {
        value = try JSONParser.parse(bytes)
    } catch {
        fuzzCheck((try? JSONRPCMessage.decode(bytes)) == nil, "decode accepted what the parser refused: \(error)")
        return 0
    }
    fuzzCheck(depth(of: value) <= JSONParser.maximumDepth, "nesting over the cap was accepted")
    checkWriterRoundTrip(value)
    let message = checkEnvelope(value, bytes: bytes)
    checkTypedDecoding(value, message: message)
    return 0
}

/// Compact output is one line that parses back to the same value and is written the same again; pretty output
/// parses back to the same value too.
private func checkWriterRoundTrip(_ value: JSONValue) {
    let expected = writable(value)
    let compact = JSONWriter.compact(value)
    fuzzCheck(!compact.contains(0x0A) && !compact.contains(0x0D), "compact output holds a line break")
    let reparsed: JSONValue
    do {
        reparsed = try JSONParser.parse(compact)
    } catch {
        fatalError(
            "property violated: the writer's output does not parse (\(error)): \(String(decoding: compact, as: UTF8.self))"
        )
    }
    fuzzCheck(reparsed == expected, "round trip gave \(reparsed), expected \(expected)")
    fuzzCheck(JSONWriter.compact(reparsed) == compact, "writing the re-parsed value gave other bytes")
    let pretty = try? JSONParser.parse(JSONWriter.pretty(value))
    fuzzCheck(pretty == expected, "pretty output read back as \(String(describing: pretty))")
}

/// The value classified from bytes and from the parsed value alike; a message re-encoded reads back equal.
private func checkEnvelope(_ value: JSONValue, bytes: [UInt8]) -> JSONRPCMessage? {
    let fromBytes = try? JSONRPCMessage.decode(bytes)
    let fromValue = try? JSONRPCMessage.classify(value)
    fuzzCheck(
        fromBytes == fromValue,
        "decode gave \(String(describing: fromBytes)), classify \(String(describing: fromValue))")
    guard let message = fromValue else { return nil }
    let again = try? JSONRPCMessage.decode(message.encoded())
    fuzzCheck(again == writable(message), "\(message) re-encoded read back as \(String(describing: again))")
    return message
}

/// Decodes the message's payload (or the value itself) as each MCP type. None may crash; the Codable ones must
/// encode to something that decodes to an equal value.
private func checkTypedDecoding(_ value: JSONValue, message: JSONRPCMessage?) {
    var payloads = [value]
    switch message {
    case .request(_, _, let params?, _): payloads.append(params)
    case .notification(let method, let params, let meta):
        _ = try? ServerNotification.decode(method: method, params: params, envelopeMeta: meta)
        if let params { payloads.append(params) }
    case .response(_, let result): payloads.append(result)
    case .errorResponse, .request, nil: break
    }
    for payload in payloads {
        roundTrip(InitializeResult.self, payload)
        roundTrip(ServerCapabilities.self, payload)
        roundTrip(ClientCapabilities.self, payload)
        roundTrip(Implementation.self, payload)
        roundTrip(TaskInfo.self, payload)
        roundTrip(CreateTaskResult.self, payload)
        roundTrip(ListTasksResult.self, payload)
        roundTrip(TaskMetadata.self, payload)
        roundTrip(ElicitResult.self, payload)
        roundTrip(ResponseError.self, payload)
        roundTrip(ToolExecution.self, payload)
        roundTrip(EmptyResult.self, payload)
        decodeOnly(ListToolsResult.self, payload)
        decodeOnly(Tool.self, payload)
        decodeOnly(CallToolResult.self, payload)
        decodeOnly(CallToolResponse.self, payload)
        decodeOnly(DiscoverResult.self, payload)
        decodeOnly(InputRequiredResult.self, payload)
        decodeOnly(InputRequest.self, payload)
        decodeOnly(DetailedTask.self, payload)
        decodeOnly(ExtensionCallResponse.self, payload)
        let generic = try? JSONValueDecoder.decode(JSONValue.self, from: payload)
        fuzzCheck(generic == payload, "JSONValue decoded from itself as \(String(describing: generic))")
    }
}

private func roundTrip<T: Codable & Equatable>(_ type: T.Type, _ payload: JSONValue) {
    guard let decoded = try? JSONValueDecoder.decode(T.self, from: payload) else { return }
    let encoded: JSONValue
    do {
        encoded = try JSONValueEncoder.encode(decoded)
    } catch {
        fatalError("property violated: \(T.self) decoded but does not encode: \(error)")
    }
    let again = try? JSONValueDecoder.decode(T.self, from: encoded)
    fuzzCheck(again == decoded, "\(T.self) \(decoded) encoded as \(encoded) read back as \(String(describing: again))")
}

private func decodeOnly<T: Decodable>(_ type: T.Type, _ payload: JSONValue) {
    _ = try? JSONValueDecoder.decode(T.self, from: payload)
}

private func depth(of value: JSONValue) -> Int {
    switch value {
    case .array(let elements): return 1 + (elements.map(depth(of:)).max() ?? 0)
    case .object(let members): return 1 + (members.values.map(depth(of:)).max() ?? 0)
    default: return 0
    }
}

/// The value as the writer can express it: JSON has no NaN or infinity, so the writer puts null for them.
private func writable(_ value: JSONValue) -> JSONValue {
    switch value {
    case .double(let number) where !number.isFinite: return .null
    case .array(let elements): return .array(elements.map(writable))
    case .object(let members): return .object(members.mapValues(writable))
    default: return value
    }
}

/// A message with the same substitution applied to every value it carries.
private func writable(_ message: JSONRPCMessage) -> JSONRPCMessage? {
    try? JSONRPCMessage.classify(writable(message.json))
}
