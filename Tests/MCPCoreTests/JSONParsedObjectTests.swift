import MCPCore
import Testing

/// Parsed objects are read from the checked text when first used (JSONParser's doc comment): whatever order
/// they are read in, by however many tasks, they must be the values an eager parser would have made, and
/// they must behave as values when changed.
@Suite("JSON: objects read when used")
struct JSONParsedObjectTests {
    private static let text = #"""
        {"a": [ {"b": {"c": [1, {"d": "e"}]}}, [[{"f": null}], {}], "g\u00e9" ], "h": {"i": {"j": {}}},
         "k": [], "l": {"m": -0, "n": 1.50, "o": 12345678901234567890}, "p": "tail"}
        """#

    private static let expected: JSONValue = [
        "a": [["b": ["c": [1, ["d": "e"]]]], [[["f": nil]], [:]], "gé"], "h": ["i": ["j": [:]]], "k": [],
        "l": [
            "m": .number(JSONNumber(text: "-0")!), "n": .number(JSONNumber(text: "1.50")!),
            "o": .number(JSONNumber(text: "12345678901234567890")!),
        ],
        "p": "tail",
    ]

    @Test("members read last-first, inner-first or all at once give the eagerly built value")
    func anyReadingOrder() throws {
        let lastFirst = try JSONParser.parse(Self.text)
        #expect(lastFirst["p"] == "tail")
        #expect(lastFirst["l"]?["o"]?.numberText == "12345678901234567890")
        #expect(lastFirst["h"]?["i"]?["j"] == [:])
        #expect(lastFirst == Self.expected)

        let innerFirst = try JSONParser.parse(Self.text)
        let array = try #require(innerFirst["a"]?.arrayValue)
        #expect(array[1].arrayValue?[0].arrayValue?[0]["f"] == .null)
        #expect(array[0]["b"]?["c"]?.arrayValue?[1]["d"] == "e")
        #expect(array[2] == "gé")
        #expect(innerFirst == Self.expected)

        #expect(JSONWriter.compactString(try JSONParser.parse(Self.text)) == JSONWriter.compactString(Self.expected))
    }

    @Test("changing a copy of a parsed object leaves the original and other copies as they were")
    func valueSemantics() throws {
        let original = try JSONParser.parse(#"{"x": {"y": 1}, "z": [2]}"#)
        guard case .object(var changed) = original, case .object(let untouched) = original else {
            Issue.record("not an object")
            return
        }
        changed["x"] = "replaced"
        changed["new"] = true
        changed.removeValue(forKey: "z")
        #expect(Array(changed.keys) == ["x", "new"])
        #expect(original == ["x": ["y": 1], "z": [2]])
        #expect(untouched == ["x": ["y": 1], "z": [2]])
        #expect(untouched.mapValues { _ in .null } == ["x": nil, "z": nil])
        #expect(untouched["x"] == ["y": 1])
    }

    @Test("a repeated name read late keeps its first place and its last value")
    func repeatedNames() throws {
        let value = try JSONParser.parse(#"{"outer": {"a": 1, "b": 2, "a": 3}}"#)
        let inner = try #require(value["outer"]?.objectValue)
        #expect(inner.count == 2)
        #expect(Array(inner.keys) == ["a", "b"])
        #expect(inner["a"] == 3)
    }

    @Test("many tasks reading one parsed document at once all read the same values")
    func concurrentReaders() async throws {
        let members = (0..<200).map { #""m\#($0)": {"v": \#($0), "s": "\#(String(repeating: "x", count: $0))"}"# }
        let document = try JSONParser.parse("{" + members.joined(separator: ",") + "}")
        let results = await withTaskGroup(of: Bool.self, returning: [Bool].self) { group in
            for reader in 0..<16 {
                group.addTask {
                    // Each reader starts at a different member, so first reads race each other.
                    (0..<200).allSatisfy { step in
                        let index = (step + reader * 13) % 200
                        return document["m\(index)"]?["v"] == .int(index)
                            && document["m\(index)"]?["s"]?.stringValue?.count == index
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results == Array(repeating: true, count: 16))
    }
}
