import MCPCore
import Testing

/// Decodes `elicitation/create` params, as the client does.
func decodeElicitRequest(_ params: JSONValue) throws -> ElicitRequest? {
    try JSONValueDecoder.decode(ElicitRequest.self, from: params)
}

@Suite("Golden JSON: elicitation")
struct GoldenElicitationTests {
    static let formParams = #"""
        {"mode": "form", "message": "Who are you?",
         "requestedSchema": {"type": "object",
                             "properties": {"name": {"type": "string", "minLength": 1},
                                            "age": {"type": "integer", "minimum": 0},
                                            "colour": {"type": "string", "enum": ["red", "blue"]}},
                             "required": ["name"]},
         "_meta": {"io.modelcontextprotocol/related-task": {"taskId": "t-1"}}}
        """#

    static let urlParams = #"""
        {"mode": "url", "message": "Sign in", "url": "https://auth.example.test/login?x=1", "elicitationId": "e-77"}
        """#

    @Test("ElicitRequest, form mode: encoded with a flat schema")
    func formEncoding() throws {
        #expect(ElicitRequest.method == "elicitation/create")
        let schema = try #require(try json(Self.formParams)["requestedSchema"])
        let request = ElicitRequest(
            message: "Who are you?", requestedSchema: schema, _meta: [MetaKey.relatedTask: ["taskId": "t-1"]])
        #expect(request.mode == .form && request.effectiveMode == .form)
        #expect(try encoded(request) == json(Self.formParams))
        #expect(try encoded(ElicitRequest(mode: nil, message: "m")) == ["message": "m"])
    }

    @Test("ElicitRequest, URL mode: encoded with its elicitationId")
    func urlEncoding() throws {
        let request = ElicitRequest(
            mode: .url, message: "Sign in", url: "https://auth.example.test/login?x=1", elicitationId: "e-77")
        #expect(request.effectiveMode == .url)
        #expect(try encoded(request) == json(Self.urlParams))
    }

    @Test("ElicitRequest, form mode: decoded")
    func formDecoding() throws {
        guard let request = try decodeElicitRequest(try json(Self.formParams)) else { return }
        #expect(request.effectiveMode == .form)
        #expect(request.message == "Who are you?")
        #expect(request.requestedSchema?["required"] == ["name"])
        #expect(request.requestedSchema?["properties"]?["colour"]?["enum"] == ["red", "blue"])
        #expect(request.url == nil && request.elicitationId == nil)
        #expect(JSONValue.relatedTaskID(params: try json(Self.formParams), envelopeMeta: nil) == "t-1")
    }

    @Test("ElicitRequest: an absent mode means form")
    func absentMode() throws {
        #expect(ElicitRequest(mode: nil, message: "m").effectiveMode == .form)
        guard let request = try decodeElicitRequest(["message": "m", "requestedSchema": ["type": "object"]]) else {
            return
        }
        #expect(request.mode == nil && request.effectiveMode == .form)
    }

    @Test("ElicitRequest, URL mode: decoded with its elicitationId, unknown modes kept")
    func urlDecoding() throws {
        guard let request = try decodeElicitRequest(try json(Self.urlParams)) else { return }
        #expect(request.effectiveMode == .url)
        #expect(request.url == "https://auth.example.test/login?x=1")
        #expect(request.elicitationId == "e-77")
        #expect(request.requestedSchema == nil)
        let odd = try #require(try decodeElicitRequest(["mode": "telepathy", "message": "m"]))
        #expect(odd.effectiveMode == ElicitationMode(rawValue: "telepathy"))
    }

    @Test("ElicitationMode is an open string")
    func modes() throws {
        #expect(try encoded(ElicitationMode.url) == "url")
        #expect(try JSONValueDecoder.decode(ElicitationMode.self, from: "form") == .form)
        #expect(try JSONValueDecoder.decode(ElicitationMode.self, from: "other").rawValue == "other")
    }

    @Test("ElicitResult: accept with content, decline, cancel")
    func elicitResult() throws {
        let accept = ElicitResult(action: .accept, content: ["name": "octocat", "colors": ["#FF0000"], "age": 30])
        let expected = try json(
            ##"{"action": "accept", "content": {"name": "octocat", "colors": ["#FF0000"], "age": 30}}"##)
        #expect(try encoded(accept) == expected)
        #expect(try JSONValueDecoder.decode(ElicitResult.self, from: expected) == accept)
        #expect(try encoded(ElicitResult(action: .decline)) == ["action": "decline"])
        #expect(try encoded(ElicitResult(action: .cancel)) == ["action": "cancel"])
        #expect(
            try decoded(ElicitResult.self, #"{"action": "cancel", "content": null}"#) == ElicitResult(action: .cancel))
        let error = try #require(decodingError { _ = try decoded(ElicitResult.self, #"{"action": "maybe"}"#) })
        #expect(codingPath(of: error) == ["action"])
    }

    @Test("notifications/elicitation/complete")
    func elicitationComplete() throws {
        #expect(ElicitationCompleteNotification.method == "notifications/elicitation/complete")
        #expect(try encoded(ElicitationCompleteNotification(elicitationId: "e-77")) == ["elicitationId": "e-77"])
        let parsed = try ServerNotification.decode(
            method: "notifications/elicitation/complete", params: ["elicitationId": "e-77"], envelopeMeta: nil)
        #expect(parsed == .elicitationComplete(elicitationId: "e-77"))
        #expect(throws: MessageDecodingError.self) {
            try ServerNotification.decode(method: "notifications/elicitation/complete", params: [:], envelopeMeta: nil)
        }
    }
}
