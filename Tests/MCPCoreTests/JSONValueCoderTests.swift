import MCPCore
import Testing

private struct Sample: Codable, Equatable {
    var name: String
    var count: Int
    var ratio: Double
    var flag: Bool
    var note: String?
    var tags: [String]
    var inner: Inner?
    var extra: JSONValue?
    var big: Int64
    var map: [String: Int]
    var holes: [Int?]
    var action: ElicitAction
}

private struct Inner: Codable, Equatable {
    var id: RequestID
    var grid: [[Int]]
}

/// Writes and reads nested containers by hand.
private struct Manual: Codable, Equatable {
    var one: Int
    var flag: Bool
    var decimal: Double

    func encode(to encoder: any Encoder) throws {
        var top = encoder.container(keyedBy: AnyKey.self)
        var inner = top.nestedContainer(keyedBy: AnyKey.self, forKey: "inner")
        try inner.encode(one, forKey: "one")
        var list = top.nestedUnkeyedContainer(forKey: "list")
        try list.encode("a")
        try list.encodeNil()
        var member = list.nestedContainer(keyedBy: AnyKey.self)
        try member.encode(flag, forKey: "flag")
        var sublist = list.nestedUnkeyedContainer()
        try sublist.encode(decimal)
        try top.encodeNil(forKey: "none")
    }

    init(one: Int, flag: Bool, decimal: Double) {
        self.one = one
        self.flag = flag
        self.decimal = decimal
    }

    init(from decoder: any Decoder) throws {
        let top = try decoder.container(keyedBy: AnyKey.self)
        one = try top.nestedContainer(keyedBy: AnyKey.self, forKey: "inner").decode(Int.self, forKey: "one")
        #expect(try top.decodeNil(forKey: "none"))
        #expect(try top.decodeNil(forKey: "absent"))
        var list = try top.nestedUnkeyedContainer(forKey: "list")
        #expect(list.count == 4)
        #expect(try list.decode(String.self) == "a")
        #expect(try list.decodeNil())
        flag = try list.nestedContainer(keyedBy: AnyKey.self).decode(Bool.self, forKey: "flag")
        var sublist = try list.nestedUnkeyedContainer()
        decimal = try sublist.decode(Double.self)
        #expect(list.isAtEnd && sublist.isAtEnd)
    }
}

private let sample = Sample(
    name: "n", count: 3, ratio: 0.5, flag: true, note: nil, tags: ["a", "b"],
    inner: Inner(id: .string("r-1"), grid: [[1], [2, 3], []]), extra: ["any": [1, "two", nil, ["x": 2.5]]],
    big: 9_000_000_000, map: ["x": 1, "y": 2], holes: [1, nil, 3], action: .decline)

private let sampleJSON: JSONValue = [
    "name": "n", "count": 3, "ratio": 0.5, "flag": true, "tags": ["a", "b"],
    "inner": ["id": "r-1", "grid": [[1], [2, 3], []]], "extra": ["any": [1, "two", nil, ["x": 2.5]]],
    "big": 9_000_000_000, "map": ["x": 1, "y": 2], "holes": [1, nil, 3], "action": "decline",
]

@Suite("JSONValueEncoder and JSONValueDecoder")
struct JSONValueCoderTests {
    @Test("encodes to the expected value, leaving nil optionals out")
    func encodeSample() throws {
        let value = try encoded(sample)
        #expect(value == sampleJSON)
        #expect(value["note"] == nil)
    }

    @Test("decodes back to the same value")
    func roundTrip() throws {
        #expect(try JSONValueDecoder.decode(Sample.self, from: try encoded(sample)) == sample)
        var other = sample
        other.note = "present"
        other.inner = nil
        other.extra = .null
        let value = try encoded(other)
        #expect(value["note"] == "present")
        #expect(value["extra"] == .null)
        #expect(try JSONValueDecoder.decode(Sample.self, from: value).note == "present")
    }

    @Test("a null and an absent optional both decode as nil")
    func nullAndAbsent() throws {
        var members = try #require(sampleJSON.objectValue)
        members["note"] = .null
        members["inner"] = .null
        let withNull = try JSONValueDecoder.decode(Sample.self, from: .object(members))
        members["note"] = nil
        members["inner"] = nil
        let absent = try JSONValueDecoder.decode(Sample.self, from: .object(members))
        #expect(withNull.note == nil && withNull.inner == nil)
        #expect(absent.note == nil && absent.inner == nil)
        #expect(withNull == absent)
    }

    @Test("nested containers written and read by hand")
    func nestedContainers() throws {
        let manual = Manual(one: 1, flag: true, decimal: 2.5)
        let value = try encoded(manual)
        #expect(value == ["inner": ["one": 1], "list": ["a", nil, ["flag": true], [2.5]], "none": nil])
        #expect(try JSONValueDecoder.decode(Manual.self, from: value) == manual)
    }

    @Test("a JSONValue encodes and decodes as itself")
    func jsonValueIdentity() throws {
        let value: JSONValue = ["a": [1, 2.5, "x", nil, true, [:]]]
        #expect(try encoded(value) == value)
        #expect(try JSONValueDecoder.decode(JSONValue.self, from: value) == value)
        #expect(try encoded([value, .null]) == [value, .null])
    }

    @Test("numbers: whole doubles decode as Int, fractions and huge values do not")
    func numbers() throws {
        #expect(try JSONValueDecoder.decode(Int.self, from: .double(4.0)) == 4)
        #expect(try JSONValueDecoder.decode(Double.self, from: .int(4)) == 4.0)
        #expect(try JSONValueDecoder.decode(Float.self, from: .double(0.5)) == 0.5)
        #expect(try JSONValueDecoder.decode(Int64.self, from: .int(-7)) == -7)
        #expect(try JSONValueDecoder.decode(UInt64.self, from: .int(7)) == 7)
        #expect(throws: DecodingError.self) { try JSONValueDecoder.decode(Int.self, from: .double(4.5)) }
        #expect(throws: DecodingError.self) { try JSONValueDecoder.decode(Int.self, from: .double(1e20)) }
        #expect(throws: DecodingError.self) { try JSONValueDecoder.decode(UInt64.self, from: .int(-1)) }
        #expect(throws: DecodingError.self) { try JSONValueDecoder.decode(Int.self, from: "4") }
        #expect(throws: DecodingError.self) { try JSONValueDecoder.decode(Bool.self, from: 1) }
        #expect(throws: DecodingError.self) { try JSONValueDecoder.decode(String.self, from: nil) }
    }

    @Test("a type mismatch names the type found and carries the coding path")
    func typeMismatchPath() throws {
        var members = try #require(sampleJSON.objectValue)
        members["count"] = "three"
        let error = try #require(decodingError { _ = try JSONValueDecoder.decode(Sample.self, from: .object(members)) })
        guard case .typeMismatch(_, let context) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(codingPath(of: error) == ["count"])
        #expect(context.debugDescription == "expected Int, found string")
        #expect(describe(error, method: "sample") == "malformed sample: at count, expected Int, found string")
    }

    @Test("a mismatch deep inside arrays carries every index")
    func nestedPath() throws {
        var members = try #require(sampleJSON.objectValue)
        members["inner"] = ["id": "r", "grid": [[1], [2, "x"]]]
        let error = try #require(decodingError { _ = try JSONValueDecoder.decode(Sample.self, from: .object(members)) })
        #expect(codingPath(of: error) == ["inner", "grid", "1", "1"])
        let sentence = describe(error, method: "sample")
        #expect(sentence.hasPrefix("malformed sample: at inner.grid"))
        #expect(sentence.contains("[1]") && sentence.hasSuffix("expected Int, found string"))
    }

    @Test("a missing member is keyNotFound with the parent path")
    func missingMember() throws {
        var members = try #require(sampleJSON.objectValue)
        members["inner"] = ["grid": []]
        let error = try #require(decodingError { _ = try JSONValueDecoder.decode(Sample.self, from: .object(members)) })
        guard case .keyNotFound(let key, let context) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(key.stringValue == "id")
        #expect(context.codingPath.map(\.stringValue) == ["inner"])
        #expect(describe(error, method: "sample") == "malformed sample: missing 'id' in inner")
    }

    @Test("an object expected at the top level but something else found")
    func topLevelMismatch() throws {
        let error = try #require(decodingError { _ = try JSONValueDecoder.decode(Sample.self, from: [1]) })
        #expect(codingPath(of: error).isEmpty)
        let sentence = describe(error, method: "tools/list")
        #expect(sentence.hasPrefix("malformed tools/list: at top level, "))
        #expect(sentence.hasSuffix("found array"))
    }

    @Test("an invalid enum value is dataCorrupted at its path")
    func invalidEnum() throws {
        var members = try #require(sampleJSON.objectValue)
        members["action"] = "maybe"
        let error = try #require(decodingError { _ = try JSONValueDecoder.decode(Sample.self, from: .object(members)) })
        guard case .dataCorrupted = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(codingPath(of: error) == ["action"])
        #expect(describe(error, method: "elicitation/create").hasPrefix("malformed elicitation/create: at action, "))
    }

    @Test("reading past the end of an array is valueNotFound")
    func pastTheEnd() throws {
        struct Pair: Decodable {
            init(from decoder: any Decoder) throws {
                var list = try decoder.unkeyedContainer()
                _ = try list.decode(Int.self)
                _ = try list.decode(Int.self)
            }
        }
        let error = try #require(decodingError { _ = try JSONValueDecoder.decode(Pair.self, from: [1]) })
        guard case .valueNotFound = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(describe(error, method: "pair") == "malformed pair: at top level, array has no more elements")
    }

    @Test("describe() of an error that is not a DecodingError still names the method")
    func describeOtherError() {
        struct Oops: Error, CustomStringConvertible { var description: String { "boom" } }
        #expect(describe(Oops(), method: "tasks/get") == "malformed tasks/get: boom")
    }
}

/// Integer and floating-point widths other than Int and Double (a pid is an Int32).
private struct Widths: Codable, Equatable {
    var pid: Int32
    var small: UInt8
    var wide: UInt64
    var ratio: Float
}

@Suite("JSONValueEncoder with other number widths")
struct JSONValueNumberWidthTests {
    @Test("Int32, UInt8, UInt64 and Float encode as numbers, and decode back")
    func widths() throws {
        let value = Widths(pid: 4242, small: 7, wide: 1 << 40, ratio: 0.5)
        let json = try JSONValueEncoder.encode(value)
        #expect(json == ["pid": 4242, "small": 7, "wide": .int(1 << 40), "ratio": 0.5])
        #expect(try JSONValueDecoder.decode(Widths.self, from: json) == value)
    }

    @Test("an integer past Int's range is encoded as its exact text")
    func pastIntRange() throws {
        let json = try JSONValueEncoder.encode(["n": UInt64.max])
        #expect(JSONWriter.compactString(json) == #"{"n":18446744073709551615}"#)
        #expect(try JSONValueDecoder.decode([String: UInt64].self, from: json) == ["n": UInt64.max])
    }
}
