import MCPCore
import Testing

/// The error `JSONParser` throws for `text`, or nil when it parses.
private func parseError(_ text: String) -> JSONParseError? {
    do {
        _ = try JSONParser.parse(text)
        return nil
    } catch {
        return error
    }
}

private func parseError(bytes: [UInt8]) -> JSONParseError? {
    do {
        _ = try JSONParser.parse(bytes)
        return nil
    } catch {
        return error
    }
}

@Suite("JSONParser: values")
struct JSONParserValueTests {
    @Test(
        "literals and surrounding white space",
        arguments: [
            ("true", JSONValue.bool(true)), ("false", .bool(false)), ("null", .null),
            (" \t\r\n true \n", .bool(true)), ("\n\nnull\r\n", .null),
        ])
    func literals(text: String, expected: JSONValue) throws {
        #expect(try JSONParser.parse(text) == expected)
    }

    @Test("malformed literals are rejected", arguments: ["tru", "nul", "t", "True", "nulL", "fals", "truex", "none"])
    func badLiterals(text: String) {
        #expect(parseError(text) != nil)
    }

    @Test(
        "integers stay integers",
        arguments: [
            ("0", 0), ("-0", 0), ("42", 42), ("-17", -17), ("9223372036854775807", Int.max),
            ("-9223372036854775808", Int.min),
        ])
    func integers(text: String, expected: Int) throws {
        #expect(try JSONParser.parse(text) == .int(expected))
    }

    @Test(
        "fractions, exponents and huge integers have their double value",
        arguments: [
            ("1.5", 1.5), ("-0.25", -0.25), ("10.0", 10.0), ("1e3", 1000.0), ("1E+3", 1000.0), ("2.5e-3", 0.0025),
            ("-1.25E2", -125.0), ("9223372036854775808", 9_223_372_036_854_775_808.0),
            ("123456789012345678901234567890", 1.2345678901234568e29),
        ])
    func doubles(text: String, expected: Double) throws {
        #expect(try JSONParser.parse(text) == .double(expected))
    }

    @Test("an exponent past the Double range reads as infinity and is written back as sent")
    func overflowingExponent() throws {
        let value = try JSONParser.parse("1e999")
        #expect(value.doubleValue == .infinity)
        #expect(JSONWriter.compactString(value) == "1e999")
    }

    @Test(
        "malformed numbers are rejected",
        arguments: [
            "01", "1.", ".5", "-", "1e", "1e+", "+1", "--1", "0x10", "1.e3", "-a", "NaN", "Infinity", "-Infinity",
            "1.5.2", "1e5e5", "- 1",
        ])
    func badNumbers(text: String) {
        #expect(parseError(text) != nil)
    }

    @Test("arrays and objects, nested")
    func containers() throws {
        #expect(try JSONParser.parse("[]") == .array([]))
        #expect(try JSONParser.parse("[ \n ]") == .array([]))
        #expect(try JSONParser.parse("{}") == .object([:]))
        #expect(try JSONParser.parse("{ \t }") == .object([:]))
        #expect(try JSONParser.parse("[1, [2, [3, []]]]") == [1, [2, [3, []]]])
        let nested: JSONValue = ["a": ["b": [true, nil, "x"]], "c": [:]]
        #expect(try JSONParser.parse(#" { "a" : { "b" : [ true , null , "x" ] } , "c" : { } } "#) == nested)
    }

    @Test("a duplicate member name keeps its first place and the last value")
    func duplicateKeys() throws {
        let small = try JSONParser.parse(#"{"a":1,"b":2,"a":3}"#)
        #expect(small == ["a": 3, "b": 2])
        #expect(JSONWriter.compactString(small) == #"{"a":3,"b":2}"#)
        // Past the size where objects keep an index, the same rule.
        let names = (0..<20).map { "k\($0)" }
        let text = "{" + (names + ["k3"]).enumerated().map { #""\#($1)":\#($0)"# }.joined(separator: ",") + "}"
        let large = try #require(try JSONParser.parse(text).objectValue)
        #expect(large.keys == names)
        #expect(large["k3"] == 20)
        #expect(large["k19"] == 19)
    }

    @Test(
        "malformed containers are rejected",
        arguments: [
            "[1,]", "[,1]", "[1 2]", #"{"a":1,}"#, #"{"a" 1}"#, "{a:1}", #"{"a":1 "b":2}"#, "{1:2}", "[", "{", "]",
            "}", #"{"a"}"#, #"{"a":}"#, "[1}", #"{"a":1]"#, "{,}", "[[]", "{'a':1}",
        ])
    func badContainers(text: String) {
        #expect(parseError(text) != nil)
    }

    @Test(
        "trailing data after the value is rejected",
        arguments: ["{} {}", "[1]]", "1 2", "null x", #""a" "b""#, "true,", "{}}", "0 0", "[] /"])
    func trailingGarbage(text: String) throws {
        let error = try #require(parseError(text))
        #expect(error.reason == "unexpected data after the JSON value")
    }

    @Test("empty or blank input is rejected", arguments: ["", " ", "\n\t\r "])
    func emptyInput(text: String) throws {
        let error = try #require(parseError(text))
        #expect(error.reason == "unexpected end of input")
    }

    @Test("errors carry the byte offset and a readable description")
    func errorOffsets() throws {
        let comma = try #require(parseError("[1,]"))
        #expect(comma.offset == 3)
        #expect(comma.description == "unexpected character ']' at byte 3")
        #expect(try #require(parseError("  x")).offset == 2)
        #expect(try #require(parseError("1 x")).offset == 2)
        let member = try #require(parseError(#"{"a":1,}"#))
        #expect(member.offset == 7 && member.reason == "expected a member name")
        let control = try #require(parseError(bytes: [0x01]))
        #expect(control.description == #"unexpected character '\x1' at byte 0"#)
    }

    @Test("parses any collection of bytes, such as a slice")
    func parsesSlices() throws {
        let bytes = Array("xx[1,2]".utf8)
        #expect(try JSONParser.parse(bytes[2...]) == [1, 2])
    }
}

@Suite("JSONParser: nesting and truncation")
struct JSONParserLimitTests {
    @Test("nesting up to maximumDepth is accepted")
    func depthLimitAccepted() throws {
        let depth = JSONParser.maximumDepth
        let arrays = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        var value = try JSONParser.parse(arrays)
        var levels = 0
        while case .array(let elements) = value, let first = elements.first {
            value = first
            levels += 1
        }
        #expect(levels == depth - 1)
        let objects = String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)
        #expect(parseError(objects) == nil)
    }

    @Test("nesting beyond maximumDepth is a JSONParseError, not a crash", arguments: [1, 2, 1000, 200_000])
    func depthLimitRejected(extra: Int) throws {
        let depth = JSONParser.maximumDepth + extra
        for text in [
            String(repeating: "[", count: depth) + String(repeating: "]", count: depth),
            String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth),
            String(repeating: #"[{"a":"#, count: depth / 2 + 1),
        ] {
            let error = try #require(parseError(text))
            #expect(error.reason == "nesting deeper than \(JSONParser.maximumDepth)")
        }
    }

    static let sample = #"""
        {"jsonrpc":"2.0","id":7,"result":{"task":{"taskId":"t-1","status":"working","ttl":null,"pollInterval":500},
        "values":[1,-2.5e3,0.125,true,false,null,[],{}],"text":"é \"q\" \\ \n 😀 \ud83d\ude00 \u00e9 \/"}}
        """#

    @Test("the sample document parses")
    func sampleParses() throws {
        let value = try JSONParser.parse(Self.sample)
        #expect(value["result"]?["task"]?["ttl"] == .null)
        #expect(value["result"]?["text"] == "é \"q\" \\ \n 😀 😀 é /")
        #expect(value["result"]?["values"]?.arrayValue?.count == 8)
    }

    @Test("every proper prefix of the sample throws")
    func everyPrefixThrows() {
        let bytes = Array(Self.sample.utf8)
        var accepted: [Int] = []
        for length in 0..<bytes.count where parseError(bytes: Array(bytes[..<length])) == nil {
            accepted.append(length)
        }
        #expect(accepted.isEmpty, "prefixes that parsed: \(accepted)")
    }

    @Test("every byte of the sample replaced by a bad byte throws, never crashes")
    func everyCorruptionThrows() {
        let bytes = Array(Self.sample.utf8)
        var accepted: [String] = []
        for position in bytes.indices {
            // NUL and 0xFF are valid nowhere in JSON text: not in strings, not between tokens.
            for replacement: UInt8 in [0x00, 0xFF] {
                var corrupt = bytes
                corrupt[position] = replacement
                if parseError(bytes: corrupt) == nil { accepted.append("\(replacement)@\(position)") }
            }
            // Other replacements may or may not make valid JSON; they must only not crash.
            for replacement: UInt8 in [0x22, 0x5C, 0x7B, 0x5D, 0x30] {
                var corrupt = bytes
                corrupt[position] = replacement
                _ = parseError(bytes: corrupt)
            }
        }
        #expect(accepted.isEmpty, "corruptions that parsed: \(accepted)")
    }
}
