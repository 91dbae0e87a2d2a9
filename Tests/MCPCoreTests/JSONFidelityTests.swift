import MCPCore
import Testing

/// What passes through mcptask comes out as it came in: numbers keep their text, objects their order.
@Suite("JSON fidelity")
struct JSONFidelityTests {
    static let tenThousandDigits = "9" + String(repeating: "0123456789", count: 1_000).dropFirst()

    @Test(
        "numbers that no Int or Double holds exactly keep their text",
        arguments: [
            "9223372036854775808", "-9223372036854775809", "18446744073709551616", "1e-400", "-1e-400", "1e400",
            "-0", "-0.0", "0.0", "1E+2", "1e2", "2.50", "1.5e-7", "0.1", "123456789012345678901234567890.5",
            "4.0", "-1.25E-2",
        ])
    func numberText(text: String) throws {
        let value = try JSONParser.parse(text)
        #expect(JSONWriter.compactString(value) == text)
        #expect(JSONWriter.pretty(value) == text)
        #expect(value.numberText == text)
        #expect(JSONWriter.compactString(try JSONParser.parse("[\(text)]")) == "[\(text)]")
    }

    @Test("a 10,000-digit integer survives parse and write")
    func hugeInteger() throws {
        let text = #"{"n":"# + Self.tenThousandDigits + "}"
        let value = try JSONParser.parse(text)
        #expect(JSONWriter.compactString(value) == text)
        #expect(value["n"]?.intValue == nil)
        #expect(value["n"]?.doubleValue == .infinity)
        #expect(value["n"] != nil && value["n"] != .null)
    }

    @Test("plain integers that fit are Ints; the rest are numbers with views")
    func representation() throws {
        #expect(try JSONParser.parse("42") == .int(42))
        #expect(try JSONParser.parse("-9223372036854775808") == .int(Int.min))
        guard case .number(let big) = try JSONParser.parse("9223372036854775808") else {
            Issue.record("2^63 should be kept as text")
            return
        }
        #expect(big.text == "9223372036854775808")
        #expect(big.exactIntValue == nil)
        #expect(big.doubleValue == 9_223_372_036_854_775_808.0)
        guard case .number(let zero) = try JSONParser.parse("-0") else {
            Issue.record("-0 should be kept as text")
            return
        }
        #expect(zero.doubleValue.sign == .minus)
        #expect(try JSONParser.parse("1e-400").doubleValue == 0)
        #expect(try JSONParser.parse("4.0").intValue == 4)
        #expect(try JSONParser.parse("4.5").intValue == nil)
        #expect(try JSONParser.parse("2.5e-3").doubleValue == 0.0025)
    }

    @Test("numbers compare and hash by value across .int, .double and .number")
    func numericEquality() throws {
        let pairs: [(JSONValue, JSONValue)] = [
            (try JSONParser.parse("1.0"), .double(1)), (try JSONParser.parse("1e0"), .int(1)), (.int(4), .double(4)),
            (try JSONParser.parse("9223372036854775808"), .double(9_223_372_036_854_775_808.0)),
            (try JSONParser.parse(Self.tenThousandDigits), try JSONParser.parse(Self.tenThousandDigits)),
        ]
        for (left, right) in pairs {
            #expect(left == right)
            #expect(left.hashValue == right.hashValue)
        }
        #expect(try JSONParser.parse("1.5") != .double(2.5))
        #expect(JSONValue.int(9_007_199_254_740_993) != .int(9_007_199_254_740_992))
        #expect(try JSONParser.parse("1e400") != JSONParser.parse("2e400"))
        #expect(JSONNumber(text: "01") == nil)
        #expect(JSONNumber(text: "1.") == nil)
        #expect(JSONNumber(text: "-1.5e+3")?.doubleValue == -1500)
    }

    @Test("objects keep their member order through parse and write, and look members up by name")
    func memberOrder() throws {
        let text = #"{"z":1,"a":{"y":true,"b":null,"m":[]},"m":"x","b":2.50}"#
        let value = try JSONParser.parse(text)
        #expect(JSONWriter.compactString(value) == text)
        #expect(value.objectValue?.keys == ["z", "a", "m", "b"])
        #expect(value["a"]?.objectValue?.keys == ["y", "b", "m"])
        #expect(value["m"] == "x")
        #expect(value["absent"] == nil)
        // Equality is JSON's: order does not matter, and the hashes agree.
        let reordered = try JSONParser.parse(#"{"a":{"m":[],"b":null,"y":true},"b":2.5,"m":"x","z":1}"#)
        #expect(value == reordered)
        #expect(value.hashValue == reordered.hashValue)
    }

    @Test("a large object keeps its order and finds every member")
    func largeObject() throws {
        let names = (0..<500).map { "name\(($0 * 7919) % 500)" }
        let text = "{" + names.enumerated().map { #""\#($1)":\#($0)"# }.joined(separator: ",") + "}"
        var object = try #require(try JSONParser.parse(text).objectValue)
        #expect(object.keys == names)
        for (index, name) in names.enumerated() { #expect(object[name] == .int(index)) }
        object["name7"] = nil
        object["new"] = "last"
        #expect(object.count == 500)
        #expect(object.keys.last == "new")
        #expect(object["name7"] == nil)
        #expect(object["name8"] != nil)
    }

    @Test("canonical compact text is written back byte for byte (golden)")
    func goldenCompact() throws {
        let documents = [
            #"{"jsonrpc":"2.0","id":7,"result":{"content":[{"type":"text","text":"Hello \"Ada\"\n"}],"#
                + #""structuredContent":{"total":9223372036854775808,"tiny":1e-400,"zero":-0,"ratio":0.25,"#
                + #""big":-1.5E+300,"count":3,"list":[1,2.0,3e3,null,true,false,"é 😀"]},"isError":false}}"#,
            #"{"method":"notifications/progress","params":{"progressToken":"t","progress":0.5,"total":1}}"#,
            #"[{},[],"",{"":{"":[]}},0,-1,"\u0001\u001f\u2028"]"#,
        ]
        for document in documents {
            #expect(JSONWriter.compactString(try JSONParser.parse(document)) == document)
        }
    }

    @Test("write(parse(write(x))) == write(x) for random documents")
    func randomRoundTrip() throws {
        var generator = SeededGenerator(state: 2026)
        for _ in 0..<200 {
            let value = Self.randomValue(depth: 0, &generator)
            let written = JSONWriter.compactString(value)
            let reparsed = try JSONParser.parse(written)
            #expect(JSONWriter.compactString(reparsed) == written)
            #expect(reparsed == value)
        }
    }

    private static func randomValue(depth: Int, _ generator: inout SeededGenerator) -> JSONValue {
        let numbers = ["0", "-0", "1e-400", "18446744073709551616", "3.25", "-7E+2", "0.1"]
        switch Int.random(in: depth > 3 ? 0..<5 : 0..<7, using: &generator) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2: return .int(Int.random(in: Int.min...Int.max, using: &generator))
        case 3: return try! JSONParser.parse(numbers.randomElement(using: &generator)!)
        case 4:
            return .string(
                String(
                    (0..<Int.random(in: 0..<8, using: &generator)).map { _ in
                        "aZ\"\\é\n\u{1}😀".randomElement(using: &generator)!
                    }))
        case 5:
            return .array(
                (0..<Int.random(in: 0..<5, using: &generator)).map { _ in
                    randomValue(depth: depth + 1, &generator)
                })
        default:
            var object = JSONObject()
            for index in 0..<Int.random(in: 0..<20, using: &generator) {
                object["k\(Int.random(in: 0..<1000, using: &generator))-\(index)"] = randomValue(
                    depth: depth + 1, &generator)
            }
            return .object(object)
        }
    }
}

/// Every width the typed decoder reads, from numbers kept as text as well as from Ints.
private struct AllWidths: Decodable, Equatable {
    var int8: Int8
    var int16: Int16
    var int32: Int32
    var int64: Int64
    var int: Int
    var uint8: UInt8
    var uint16: UInt16
    var uint32: UInt32
    var uint64: UInt64
    var uint: UInt
    var float: Float
    var double: Double
}

@Suite("JSONValueDecoder number widths")
struct JSONDecoderWidthTests {
    @Test("every integer and float width decodes from parsed text, at its limits")
    func limits() throws {
        let text =
            #"{"int8":-128,"int16":32767,"int32":-2147483648,"int64":-9223372036854775808,"#
            + #""int":9223372036854775807,"uint8":255,"uint16":65535,"uint32":4294967295,"#
            + #""uint64":18446744073709551615,"uint":9223372036854775808,"float":0.5,"double":1e-400}"#
        let decoded = try JSONValueDecoder.decode(AllWidths.self, from: JSONParser.parse(text))
        #expect(
            decoded
                == AllWidths(
                    int8: .min, int16: .max, int32: .min, int64: .min, int: .max, uint8: .max, uint16: .max,
                    uint32: .max, uint64: .max, uint: 1 << 63, float: 0.5, double: 0))
    }

    @Test(
        "out of range or fractional integers are type mismatches",
        arguments: [
            #"{"n":128}"#, #"{"n":-129}"#, #"{"n":1.5}"#, #"{"n":9223372036854775808}"#, #"{"n":1e400}"#,
        ])
    func mismatches(text: String) throws {
        let value = try JSONParser.parse(text)
        #expect(throws: DecodingError.self) { try JSONValueDecoder.decode([String: Int8].self, from: value) }
        if text != #"{"n":128}"#, text != #"{"n":-129}"# {
            #expect(throws: DecodingError.self) { try JSONValueDecoder.decode([String: Int].self, from: value) }
        }
    }

    @Test("whole numbers written as fractions or exponents decode as integers; floats from any number")
    func lenientViews() throws {
        let value = try JSONParser.parse(#"{"a":4.0,"b":1e3,"c":-0,"d":123456789012345678901234567890}"#)
        #expect(try JSONValueDecoder.decode([String: Double].self, from: value)["d"] == 1.2345678901234568e29)
        let whole = try JSONParser.parse(#"{"a":4.0,"b":1e3,"c":-0}"#)
        #expect(try JSONValueDecoder.decode([String: Int].self, from: whole) == ["a": 4, "b": 1000, "c": 0])
        #expect(
            try JSONValueDecoder.decode(UInt128.self, from: JSONParser.parse("340282366920938463463374607431768211455"))
                == .max)
    }
}
