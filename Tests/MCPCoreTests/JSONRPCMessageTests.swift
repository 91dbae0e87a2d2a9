import MCPCore
import Testing

private func decode(_ text: String) throws(MessageDecodingError) -> JSONRPCMessage {
    try JSONRPCMessage.decode(Array(text.utf8))
}

private func decodeError(_ text: String) -> MessageDecodingError? {
    do {
        _ = try decode(text)
        return nil
    } catch {
        return error
    }
}

@Suite("JSONRPCMessage.decode")
struct JSONRPCMessageTests {
    @Test("a request with an integer id")
    func request() throws {
        let message = try decode(#"{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"cursor":"c"}}"#)
        #expect(message == .request(id: .int(1), method: "tools/list", params: ["cursor": "c"], envelopeMeta: nil))
    }

    @Test("a request with a string id and no params")
    func requestStringID() throws {
        let message = try decode(#"{"jsonrpc":"2.0","id":"abc","method":"ping"}"#)
        #expect(message == .request(id: .string("abc"), method: "ping", params: nil, envelopeMeta: nil))
    }

    @Test("a whole double id counts as an integer")
    func doubleID() throws {
        #expect(try decode(#"{"jsonrpc":"2.0","id":3.0,"result":{}}"#) == .response(id: .int(3), result: [:]))
    }

    @Test("a notification, and the top-level _meta kept as envelopeMeta")
    func notification() throws {
        let text = #"""
            {"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":1,"progress":2},
             "_meta":{"io.modelcontextprotocol/related-task":{"taskId":"t-9"}}}
            """#
        let message = try decode(text)
        let meta: JSONValue = [MetaKey.relatedTask: ["taskId": "t-9"]]
        #expect(
            message
                == .notification(
                    method: "notifications/progress", params: ["progressToken": 1, "progress": 2], envelopeMeta: meta))
        let request = try decode(#"{"jsonrpc":"2.0","id":2,"method":"x","_meta":{"k":1}}"#)
        #expect(request == .request(id: .int(2), method: "x", params: nil, envelopeMeta: ["k": 1]))
    }

    @Test("a response keeps its result verbatim")
    func response() throws {
        let message = try decode(#"{"jsonrpc":"2.0","id":"r","result":{"tools":[],"_meta":{"a":[1]}}}"#)
        #expect(message == .response(id: .string("r"), result: ["tools": [], "_meta": ["a": [1]]]))
    }

    @Test("error responses: with data, without data, with a null id")
    func errorResponses() throws {
        let withData = try decode(
            #"{"jsonrpc":"2.0","id":4,"error":{"code":-32602,"message":"bad","data":{"why":["x"]}}}"#)
        #expect(
            withData
                == .errorResponse(
                    id: .int(4), error: ResponseError(code: .invalidParams, message: "bad", data: ["why": ["x"]])))
        let plain = try decode(#"{"jsonrpc":"2.0","id":"q","error":{"code":-32601,"message":"nope"}}"#)
        #expect(plain == .errorResponse(id: .string("q"), error: ResponseError(code: .methodNotFound, message: "nope")))
        let nullID = try decode(#"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}"#)
        #expect(nullID == .errorResponse(id: nil, error: ResponseError(code: .parseError, message: "Parse error")))
        let noID = try decode(#"{"jsonrpc":"2.0","error":{"code":-1,"message":"odd"}}"#)
        #expect(noID == .errorResponse(id: nil, error: ResponseError(code: ErrorCode(-1), message: "odd")))
    }

    @Test(
        "invalid frames throw a MessageDecodingError",
        arguments: [
            ("not json", "not JSON"), (#"{"jsonrpc":"2.0","id":1"#, "not JSON"), ("", "not JSON"),
            ("[1,2]", "a JSON-RPC message must be an object"), ("42", "a JSON-RPC message must be an object"),
            (#""text""#, "a JSON-RPC message must be an object"), ("null", "a JSON-RPC message must be an object"),
            ("{}", "not a JSON-RPC request, notification or response"),
            (#"{"jsonrpc":"2.0"}"#, "not a JSON-RPC request, notification or response"),
            (#"{"jsonrpc":"2.0","result":{}}"#, "not a JSON-RPC request, notification or response"),
            (#"{"jsonrpc":"2.0","id":true,"method":"x"}"#, "id must be a string or an integer"),
            (#"{"jsonrpc":"2.0","id":1.5,"result":{}}"#, "id must be a string or an integer"),
            (#"{"jsonrpc":"2.0","id":[1],"method":"x"}"#, "id must be a string or an integer"),
            (#"{"jsonrpc":"2.0","id":1,"method":5}"#, "method must be a string"),
            (#"{"jsonrpc":"2.0","method":null}"#, "method must be a string"),
            (#"{"jsonrpc":"1.0","id":1,"method":"x"}"#, "unsupported jsonrpc version"),
            (#"{"jsonrpc":2,"id":1,"method":"x"}"#, "unsupported jsonrpc version"),
            (#"{"jsonrpc":"2.0","id":1,"error":"oops"}"#, "malformed error object"),
            (#"{"jsonrpc":"2.0","id":1,"error":{"code":"x","message":"m"}}"#, "malformed error object"),
            (#"{"jsonrpc":"2.0","id":1,"error":{"code":1}}"#, "malformed error object"),
        ])
    func invalidFrames(text: String, reasonPrefix: String) throws {
        let error = try #require(decodeError(text))
        #expect(error.reason.hasPrefix(reasonPrefix), "reason was: \(error.reason)")
        #expect(error.excerpt == String(text.prefix(80)))
        #expect(error.description == (text.isEmpty ? error.reason : "\(error.reason): \(text)"))
    }

    @Test("the excerpt is cut at 80 bytes and has no control characters")
    func excerpt() throws {
        let long = "{\"method\":5,\"pad\":\"" + String(repeating: "x", count: 200) + "\"}"
        let error = try #require(decodeError(long))
        #expect(error.excerpt == String(long.prefix(80)) + "…")
        let control = try #require(decodeError("bad\n\u{1}\tframe\u{7F}"))
        #expect(control.excerpt == "bad???frame?")
        #expect(control.description.hasPrefix("not JSON (unexpected character 'b' at byte 0): bad???frame?"))
    }

    @Test("classify() without an excerpt reports only the reason")
    func classifyWithoutExcerpt() throws {
        do {
            _ = try JSONRPCMessage.classify([1])
            Issue.record("an array was classified")
        } catch {
            #expect(error.description == "a JSON-RPC message must be an object")
        }
        #expect(
            try JSONRPCMessage.classify(["method": "m"]) == .notification(method: "m", params: nil, envelopeMeta: nil))
    }

    static let messages: [JSONRPCMessage] = [
        .request(id: .int(1), method: "tools/call", params: ["name": "a\nb", "x": "\u{2028}"], envelopeMeta: ["m": 1]),
        .request(id: .string("s"), method: "ping", params: nil, envelopeMeta: nil),
        .notification(method: "notifications/initialized", params: nil, envelopeMeta: nil),
        .notification(method: "notifications/message", params: ["data": "line1\nline2"], envelopeMeta: nil),
        .response(id: .int(7), result: ["content": [["type": "text", "text": "multi\nline"]]]),
        .errorResponse(id: .int(8), error: ResponseError(code: .internalError, message: "x\ny", data: [1, nil])),
        .errorResponse(id: nil, error: ResponseError(code: .parseError, message: "bad")),
    ]

    @Test("encoded() is one line that decodes back to the same message", arguments: messages)
    func encodedRoundTrip(message: JSONRPCMessage) throws {
        let bytes = message.encoded()
        #expect(!bytes.contains(0x0A) && !bytes.contains(0x0D))
        #expect(try JSONRPCMessage.decode(bytes) == message)
        #expect(message.json["jsonrpc"] == "2.0")
    }

    @Test("an error response with no id is written with \"id\": null")
    func nullIDEncoding() {
        let message = JSONRPCMessage.errorResponse(id: nil, error: ResponseError(code: .parseError, message: "bad"))
        #expect(
            JSONWriter.compactString(message.json)
                == #"{"error":{"code":-32700,"message":"bad"},"id":null,"jsonrpc":"2.0"}"#)
        let request = JSONRPCMessage.request(id: .int(1), method: "ping", params: nil, envelopeMeta: nil)
        #expect(JSONWriter.compactString(request.json) == #"{"id":1,"jsonrpc":"2.0","method":"ping"}"#)
    }
}

@Suite("RequestID")
struct RequestIDTests {
    @Test("from JSON: integers, whole doubles and strings; nothing else")
    func fromJSON() {
        #expect(RequestID(json: 5) == .int(5))
        #expect(RequestID(json: -5.0) == .int(-5))
        #expect(RequestID(json: "5") == .string("5"))
        #expect(RequestID(json: 1.5) == nil)
        #expect(RequestID(json: true) == nil)
        #expect(RequestID(json: nil) == nil)
        #expect(RequestID(json: [1]) == nil)
        #expect(RequestID.int(5) != RequestID.string("5"))
    }

    @Test("description and JSON form")
    func description() {
        #expect(RequestID.int(12).description == "12")
        #expect(RequestID.string("a-1").description == "a-1")
        #expect(RequestID.string("a-1").json == "a-1")
        #expect(RequestID.int(12).json == 12)
    }

    @Test("Codable: encodes as the bare value, rejects other types with the path")
    func codable() throws {
        #expect(try encoded(RequestID.string("x")) == "x")
        #expect(try encoded([RequestID.int(3)]) == [3])
        #expect(try JSONValueDecoder.decode([RequestID].self, from: [1, "b"]) == [.int(1), .string("b")])
        let error = try #require(decodingError { _ = try JSONValueDecoder.decode([RequestID].self, from: [1, false]) })
        #expect(codingPath(of: error) == ["1"])
    }

    @Test("an id beyond the Int range is rejected, not a crash")
    func hugeID() async {
        // Run in a child process: today Int(Double) traps on these values and takes the test runner down.
        for text in [
            #"{"jsonrpc":"2.0","id":1e300,"method":"x"}"#,
            #"{"jsonrpc":"2.0","id":9223372036854775808,"result":{}}"#,
            #"{"jsonrpc":"2.0","id":-1e19,"method":"x"}"#,
            #"{"jsonrpc":"2.0","id":1e999,"method":"x"}"#,
        ] {
            #expect(throws: MessageDecodingError.self) { try JSONRPCMessage.decode(Array(text.utf8)) }
        }
    }
}
