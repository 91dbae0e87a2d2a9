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
            var repeated = false
            for position in members.indices.dropFirst() {
                let key = members[position].key
                if members[..<position].contains(where: { $0.key == key }) {
                    repeated = true
                    break
                }
            }
            if !repeated {
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
}
