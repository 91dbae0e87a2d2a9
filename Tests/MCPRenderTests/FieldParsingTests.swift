import MCPCore
import MCPRender
import Testing

@Suite struct FieldParsingTests {
    private func field(_ property: JSONValue, required: Bool = true) -> FormField {
        FormField.fields(of: ["type": "object", "properties": ["f": property], "required": required ? ["f"] : []])[0]
    }

    private func parse(_ text: String, _ property: JSONValue, required: Bool = true) -> Result<
        JSONValue?, FieldParsing.Invalid
    > {
        Result { () throws(FieldParsing.Invalid) in
            try FieldParsing.parse(text, for: field(property, required: required))
        }
    }

    @Test func kindsFromSchemas() throws {
        #expect(field(["type": "string", "enum": ["a"]]).kind == .choice([.init(value: "a")]))
        #expect(
            field(["type": "string", "enum": ["a"], "enumNames": ["Ay"]]).kind
                == .choice([.init(value: "a", label: "Ay")]))
        #expect(
            field(["type": "string", "oneOf": [["const": "a", "title": "Ay"]]]).kind
                == .choice([.init(value: "a", label: "Ay")]))
        #expect(field(["type": "integer", "minimum": 1]).kind == .number(integer: true, minimum: 1, maximum: nil))
        #expect(field(["type": "boolean"]).kind == .boolean)
        #expect(
            field(["type": "array", "items": ["enum": ["x"]], "maxItems": 1]).kind
                == .multiChoice([.init(value: "x")], minItems: nil, maxItems: 1))
        if case .other = field(["type": "object"]).kind {} else { Issue.record("an object is typed as JSON") }
    }

    @Test func numbers() throws {
        let property: JSONValue = ["type": "number", "minimum": -1, "maximum": 2.5]
        #expect(try parse("2.5", property).get() == .double(2.5))
        #expect(try parse("-1", property).get() == -1)
        #expect(throws: FieldParsing.Invalid("must be at most 2.5")) { try parse("3", property).get() }
        #expect(throws: FieldParsing.Invalid("expected a number")) { try parse("nan", property).get() }
        #expect(try parse("4.0", ["type": "integer"]).get() == 4)
        #expect(throws: FieldParsing.Invalid("expected a whole number")) { try parse("4.5", ["type": "integer"]).get() }
    }

    @Test func booleans() throws {
        for yes in ["y", "YES", "true", "1", "on"] { #expect(try parse(yes, ["type": "boolean"]).get() == true) }
        for no in ["n", "No", "false", "0", "off"] { #expect(try parse(no, ["type": "boolean"]).get() == false) }
        #expect(throws: FieldParsing.Invalid("answer yes or no")) { try parse("maybe", ["type": "boolean"]).get() }
    }

    @Test func choices() throws {
        let property: JSONValue = [
            "type": "string", "oneOf": [["const": "red", "title": "Rouge"], ["const": "green"]],
        ]
        #expect(try parse("1", property).get() == "red")
        #expect(try parse("rouge", property).get() == "red")
        #expect(try parse("gr", property).get() == "green")
        #expect(throws: FieldParsing.Invalid.self) { try parse("3", property).get() }
        #expect(throws: FieldParsing.Invalid.self) { try parse("blue", property).get() }
        // A value that is itself a number is taken as the value, not as a position.
        #expect(try parse("2", ["type": "string", "enum": ["2", "1"]]).get() == "2")
    }

    @Test func multiSelect() throws {
        let property: JSONValue = ["type": "array", "items": ["enum": ["a", "b", "c"]], "minItems": 1, "maxItems": 2]
        #expect(try parse("c, a, c", property).get() == ["c", "a"])
        #expect(throws: FieldParsing.Invalid("choose at most 2 (3 chosen)")) { try parse("a,b,c", property).get() }
        #expect(throws: FieldParsing.Invalid("a value is required")) { try parse("", property).get() }
        let optional: JSONValue = ["type": "array", "items": ["enum": ["a"]]]
        #expect(try parse("", optional, required: false).get() == nil)
        #expect(try parse("", optional).get() == [])
    }

    @Test func textLimitsAndFormats() throws {
        #expect(throws: FieldParsing.Invalid("too short: at least 2 characters")) {
            try parse("é", ["type": "string", "minLength": 2]).get()
        }
        #expect(try parse("éé", ["type": "string", "minLength": 2, "maxLength": 2]).get() == "éé")
        #expect(try parse("ada@example.org", ["type": "string", "format": "email"]).get() == "ada@example.org")
        for bad in ["ada", "ada@", "@example.org", "ada@example", "a b@example.org", "ada@.org"] {
            #expect(throws: FieldParsing.Invalid.self) { try parse(bad, ["type": "string", "format": "email"]).get() }
        }
        #expect(try parse("urn:isbn:0451450523", ["type": "string", "format": "uri"]).get() == "urn:isbn:0451450523")
        #expect(throws: FieldParsing.Invalid.self) {
            try parse("1http://x", ["type": "string", "format": "uri"]).get()
        }
        for bad in ["2025-13-01", "2025-1-01", "2023-02-29", "20250101"] {
            #expect(throws: FieldParsing.Invalid.self) { try parse(bad, ["type": "string", "format": "date"]).get() }
        }
        for good in ["2025-11-25T14:30:00Z", "2025-11-25t14:30:00.123-05:30", "2016-12-31T23:59:60Z"] {
            #expect(try parse(good, ["type": "string", "format": "date-time"]).get() == .string(good))
        }
        for bad in ["2025-11-25T24:00:00Z", "2025-11-25T14:30Z", "2025-11-25T14:30:00", "2025-11-25T14:30:00+0100"] {
            #expect(throws: FieldParsing.Invalid.self) {
                try parse(bad, ["type": "string", "format": "date-time"]).get()
            }
        }
        #expect(throws: FieldParsing.Invalid.self) {
            try parse("abc", ["type": "string", "pattern": "^[0-9]+$"]).get()
        }
        #expect(try parse("123", ["type": "string", "pattern": "^[0-9]+$"]).get() == "123")
    }

    @Test func optionalEmptyIsLeftOut() throws {
        #expect(try parse(" ", ["type": "integer"], required: false).get() == nil)
        #expect(throws: FieldParsing.Invalid("a value is required")) { try parse(" ", ["type": "integer"]).get() }
    }

    @Test func hintsAndPrefill() throws {
        #expect(
            FieldParsing.hint(for: field(["type": "integer", "minimum": 1, "maximum": 120]))
                == "a whole number from 1 to 120")
        #expect(FieldParsing.hint(for: field(["type": "string", "enum": ["a", "b"]])) == "one of: 1) a  2) b")
        #expect(FieldParsing.hint(for: field(["type": "string", "minLength": 1])) == "at least 1 character")
        let tags = field(["type": "array", "items": ["enum": ["a", "b"]]])
        #expect(FieldParsing.text(of: ["a", "b"], for: tags) == "a, b")
        #expect(FieldParsing.text(of: true, for: field(["type": "boolean"])) == "yes")
        #expect(FieldParsing.text(of: .double(3), for: field(["type": "number"])) == "3")
    }
}
