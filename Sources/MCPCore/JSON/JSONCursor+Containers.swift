extension JSONCursor {
    /// Members go straight into the object's own array, reserved for a typical object so most need one
    /// allocation and no copy (growing moves the members, it does not copy them).
    mutating func parseObject(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= JSONParser.maximumDepth else { throw fail("nesting deeper than \(JSONParser.maximumDepth)") }
        index += 1
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(JSONObject())
        }
        var members: [JSONObject.Member] = []
        members.reserveCapacity(8)
        while true {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a member name") }
            let key = try parseString()
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':'") }
            index += 1
            members.append(JSONObject.Member(key: key, value: try parseValue(depth: depth)))
            skipSpace()
            guard index < bytes.count else { throw fail("unexpected end of input") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(JSONObject(parsedMembers: members))
            } else {
                throw fail("expected ',' or '}'")
            }
        }
    }

    mutating func parseArray(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= JSONParser.maximumDepth else { throw fail("nesting deeper than \(JSONParser.maximumDepth)") }
        index += 1
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array([])
        }
        var elements: [JSONValue] = []
        elements.reserveCapacity(4)
        while true {
            elements.append(try parseValue(depth: depth))
            skipSpace()
            guard index < bytes.count else { throw fail("unexpected end of input") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            } else {
                throw fail("expected ',' or ']'")
            }
        }
    }
}

extension JSONObject {
    /// Members as parsed: a repeated name keeps its first place and takes the last value, as a dictionary
    /// would have it.
    init(parsedMembers members: [Member]) {
        if members.count <= Self.indexThreshold {
            if !Self.repeatsAName(members) {
                self.init(uniqueMembers: members)
                return
            }
        } else {
            self.init(uniqueMembers: members)
            if indexCoversEveryMember { return }
        }
        self.init()
        for member in members { self[member.key] = member.value }
    }

    /// Whether two members share a name, compared in place (slicing and `contains(where:)` copied members,
    /// a retain and a release each) and by length first, which tells most names apart at no cost.
    private static func repeatsAName(_ members: [Member]) -> Bool {
        members.withUnsafeBufferPointer { buffer in
            for later in buffer.indices.dropFirst() {
                let length = buffer[later].key.utf8.count
                for earlier in 0..<later
                where buffer[earlier].key.utf8.count == length && buffer[earlier].key == buffer[later].key {
                    return true
                }
            }
            return false
        }
    }
}
