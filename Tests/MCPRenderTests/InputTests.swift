import MCPCore
import MCPRender
import Testing

@Suite struct SchemaCoercionTests {
    private func coerce(_ text: String, _ type: JSONValue) throws(SchemaCoercion.Failure) -> JSONValue {
        try SchemaCoercion.coerce(text, schema: ["type": type])
    }

    private func failure(_ text: String, _ type: JSONValue) -> String? {
        do {
            _ = try coerce(text, type)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func eachType() throws {
        #expect(try coerce(" 7 ", "string") == " 7 ")
        #expect(try coerce(" 42 ", "integer") == 42)
        #expect(try coerce("4.5", "number") == .double(4.5))
        #expect(try coerce("7", "number") == 7)
        #expect(try coerce("yes", "boolean") == true)
        #expect(try coerce("OFF", "boolean") == false)
        #expect(try coerce("[\"a\",1]", "array") == ["a", 1])
        #expect(try coerce("{\"a\":1}", "object") == ["a": 1])
        #expect(try coerce("anything", "null") == .null)
        #expect(try coerce("5", ["integer", "null"]) == 5)
    }

    @Test func arrayItemsFromCommaList() throws {
        let schema: JSONValue = ["type": "array", "items": ["type": "integer"]]
        #expect(try SchemaCoercion.coerce("1, 2,3", schema: schema) == [1, 2, 3])
        #expect(throws: SchemaCoercion.Failure.self) { try SchemaCoercion.coerce("1,x", schema: schema) }
    }

    @Test func untypedTakesJSONOrText() throws {
        #expect(try SchemaCoercion.coerce("5", schema: nil) == 5)
        #expect(try SchemaCoercion.coerce("[true]", schema: [:]) == [true])
        #expect(try SchemaCoercion.coerce("hello", schema: nil) == "hello")
        #expect(try SchemaCoercion.coerce("5", schema: ["enum": ["5", "6"]]) == "5")
    }

    @Test func errorMessages() {
        #expect(failure("4.5", "integer") == "expected an integer, got '4.5'")
        #expect(failure("abc", "number") == "expected a number, got 'abc'")
        #expect(failure("inf", "number") == "expected a number, got 'inf'")
        #expect(failure("maybe", "boolean") == "expected true or false, got 'maybe'")
        #expect(failure("x", "object") == "expected a JSON object, got 'x'")
        #expect(failure("[1]", "object") == "expected a JSON object, got '[1]'")
    }

    @Test func conformConvertsOnlyText() throws {
        #expect(try SchemaCoercion.conform("36", schema: ["type": "integer"]) == 36)
        #expect(try SchemaCoercion.conform(36, schema: ["type": "integer"]) == 36)
        #expect(try SchemaCoercion.conform("36", schema: ["type": "string"]) == "36")
    }
}

@Suite struct ScriptedAnswersTests {
    let form = ElicitRequest(
        message: "Who?",
        requestedSchema: [
            "type": "object",
            "properties": [
                "name": ["type": "string"], "age": ["type": "integer"],
                "colour": ["type": "string", "default": "blue"],
            ],
            "required": ["name"],
        ])

    @Test func everyPromptAnswersWithDefaults() {
        let answers = ScriptedAnswers(successive: [], everyPrompt: ["name": "Ada", "age": "36", "unused": 1])
        let expected = ScriptedAnswers.Decision.accept(["name": "Ada", "age": 36, "colour": "blue"])
        #expect(answers.answer(form) == expected)
        #expect(answers.answer(form) == expected)
    }

    @Test func successiveAnswersThenRunOut() {
        let answers = ScriptedAnswers(
            successive: [["name": "A"], ["name": "B", "colour": "red"]], everyPrompt: ["age": 1])
        #expect(answers.answer(form) == .accept(["name": "A", "age": 1, "colour": "blue"]))
        #expect(answers.answer(form) == .accept(["name": "B", "age": 1, "colour": "red"]))
        #expect(answers.answer(form) == .decline(reason: "the answers file has only 2 answer(s)"))
    }

    @Test func missingRequiredDeclines() {
        let answers = ScriptedAnswers(successive: [], everyPrompt: ["age": 3])
        #expect(answers.answer(form) == .decline(reason: "no answer for required field 'name'"))
    }

    @Test func badValueDeclines() {
        let answers = ScriptedAnswers(successive: [], everyPrompt: ["name": "A", "age": "old"])
        #expect(answers.answer(form) == .decline(reason: "answer 'age': expected an integer, got 'old'"))
    }

    @Test func noAnswersDeclines() {
        #expect(
            ScriptedAnswers(successive: [], everyPrompt: [:]).answer(form)
                == .decline(reason: "no answers were given (--answer or --answers)"))
    }

    @Test func urlModeDeclines() {
        let answers = ScriptedAnswers(successive: [], everyPrompt: ["name": "A"])
        let request = ElicitRequest(mode: .url, message: "Log in", url: "https://example.com", elicitationId: "e1")
        guard case .decline(let reason) = answers.answer(request) else {
            Issue.record("expected a decline")
            return
        }
        #expect(reason.contains("URL-mode"))
    }

    @Test func parseFile() throws {
        let object = try ScriptedAnswers.parseFile(["a": 1])
        #expect(object.every == ["a": 1] && object.successive.isEmpty)
        let list = try ScriptedAnswers.parseFile([["a": 1], ["a": 2]])
        #expect(list.successive == [["a": 1], ["a": 2]] && list.every.isEmpty)
        #expect(throws: SchemaCoercion.Failure.self) { try ScriptedAnswers.parseFile([1]) }
        #expect(throws: SchemaCoercion.Failure.self) { try ScriptedAnswers.parseFile("x") }
    }
}
