import MCPCore
import Testing

@Suite("JSONWriter")
struct JSONWriterTests {
    @Test(
        "scalars",
        arguments: [
            (JSONValue.null, "null"), (.bool(true), "true"), (.bool(false), "false"), (.int(0), "0"), (.int(-5), "-5"),
            (.int(Int.max), "9223372036854775807"), (.int(Int.min), "-9223372036854775808"), (.double(1.5), "1.5"),
            (.double(1.0), "1.0"), (.double(-0.25), "-0.25"), (.double(1e20), "1e+20"), (.double(0.1), "0.1"),
            (.string(""), #""""#), (.array([]), "[]"), (.object([:]), "{}"),
        ])
    func scalars(value: JSONValue, expected: String) {
        #expect(JSONWriter.compactString(value) == expected)
        #expect(JSONWriter.pretty(value) == expected)
    }

    @Test("NaN and infinities become null", arguments: [Double.nan, .infinity, -.infinity])
    func nonFinite(number: Double) {
        #expect(JSONWriter.compactString(.double(number)) == "null")
    }

    @Test("an integral double keeps a fraction so it reads back as a double")
    func integralDouble() throws {
        #expect(try JSONParser.parse(JSONWriter.compact(.double(4.0))) == .double(4.0))
        #expect(try JSONParser.parse(JSONWriter.compact(.double(1e20))) == .double(1e20))
    }

    @Test("members are written in the object's order; one built from a dictionary is sorted by name")
    func memberOrder() {
        let value: JSONValue = ["b": 1, "a": [], "c": [:], "B": nil, "aa": [true, 2.5]]
        #expect(JSONWriter.compactString(value) == #"{"b":1,"a":[],"c":{},"B":null,"aa":[true,2.5]}"#)
        let dictionary: [String: JSONValue] = ["b": 1, "a": [], "c": [:], "B": nil, "aa": [true, 2.5]]
        #expect(JSONWriter.compactString(.object(dictionary)) == #"{"B":null,"a":[],"aa":[true,2.5],"b":1,"c":{}}"#)
    }

    @Test("pretty output: two spaces a level, a space after colons, empty containers inline")
    func prettyLayout() {
        let value: JSONValue = ["z": [1, ["y": "x"]], "a": [:], "m": [], "n": nil]
        let expected = """
            {
              "z": [
                1,
                {
                  "y": "x"
                }
              ],
              "a": {},
              "m": [],
              "n": null
            }
            """
        #expect(JSONWriter.pretty(value) == expected)
    }

    @Test("output does not depend on how a dictionary was built")
    func deterministic() {
        let keys = (0..<200).map { "key\($0)" }
        var forward: [String: JSONValue] = [:]
        for (index, key) in keys.enumerated() { forward[key] = .int(index) }
        var backward: [String: JSONValue] = [:]
        for (index, key) in keys.enumerated().reversed() { backward[key] = .int(index) }
        for key in keys.prefix(50) { backward[key + "-removed"] = .null }
        for key in keys.prefix(50) { backward[key + "-removed"] = nil }
        let left: JSONValue = ["outer": .object(forward), "list": [.object(forward)]]
        let right: JSONValue = ["outer": .object(backward), "list": [.object(backward)]]
        #expect(JSONWriter.pretty(left) == JSONWriter.pretty(right))
        #expect(JSONWriter.compact(left) == JSONWriter.compact(right))
    }

    static let roundTripValues: [JSONValue] = [
        .null, true, false, 0, -1, .int(Int.max), .int(Int.min), 0.5, -2.5e-10, 1e300, .double(.leastNonzeroMagnitude),
        123_456.789, "",
        "plain", "tab\tquote\"backslash\\slash/", "é 世界 😀 \u{2028} \u{7F} \u{0}", [], [:],
        [1, "two", nil, [3.5, [false]], ["k": "v"]],
        ["jsonrpc": "2.0", "id": 1, "result": ["task": ["taskId": "t", "ttl": nil, "pollInterval": 500]]],
        ["": "", "\n": "\u{1}", "😀": ["😀": []]],
    ]

    @Test("parse(compact(x)) == x", arguments: roundTripValues)
    func compactRoundTrip(value: JSONValue) throws {
        #expect(try JSONParser.parse(JSONWriter.compact(value)) == value)
    }

    @Test("parse(pretty(x)) == x", arguments: roundTripValues)
    func prettyRoundTrip(value: JSONValue) throws {
        #expect(try JSONParser.parse(JSONWriter.pretty(value)) == value)
    }

    @Test("compact(parse(text)) reproduces canonical text")
    func canonicalText() throws {
        let text = #"{"a":[1,2.5,"x\n",null,true],"b":{"c":{}},"d":-3}"#
        #expect(JSONWriter.compactString(try JSONParser.parse(text)) == text)
    }

    @Test("deeply nested values at the parser limit write and read back")
    func deepRoundTrip() throws {
        var value: JSONValue = 1
        for level in 0..<(JSONParser.maximumDepth - 1) {
            value = level.isMultiple(of: 2) ? [value] : ["k": value]
        }
        #expect(try JSONParser.parse(JSONWriter.compact(value)) == value)
    }
}
