extension JSONCursor {
    mutating func scanObject(depth: Int) throws(JSONParseError) {
        guard depth <= JSONParser.maximumDepth else { throw fail("nesting deeper than \(JSONParser.maximumDepth)") }
        let container = open()
        index += 1
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            close(container, count: 0)
            return
        }
        var count: UInt32 = 0
        while true {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a member name") }
            try scanString()
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':'") }
            index += 1
            try scanValue(depth: depth)
            count &+= 1
            skipSpace()
            guard index < bytes.count else { throw fail("unexpected end of input") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "}") {
                index += 1
                close(container, count: count)
                return
            } else {
                throw fail("expected ',' or '}'")
            }
        }
    }

    mutating func scanArray(depth: Int) throws(JSONParseError) {
        guard depth <= JSONParser.maximumDepth else { throw fail("nesting deeper than \(JSONParser.maximumDepth)") }
        let container = open()
        index += 1
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            close(container, count: 0)
            return
        }
        var count: UInt32 = 0
        while true {
            try scanValue(depth: depth)
            count &+= 1
            skipSpace()
            guard index < bytes.count else { throw fail("unexpected end of input") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "]") {
                index += 1
                close(container, count: count)
                return
            } else {
                throw fail("expected ',' or ']'")
            }
        }
    }

    /// Notes a container opening at `index`; `close` fills in the rest.
    private mutating func open() -> Int {
        containers.append(
            JSONDocument.Container(start: UInt32(truncatingIfNeeded: index), end: 0, count: 0, descendants: 0))
        return containers.count - 1
    }

    private mutating func close(_ container: Int, count: UInt32) {
        containers[container].end = UInt32(truncatingIfNeeded: index)
        containers[container].count = count
        containers[container].descendants = UInt32(truncatingIfNeeded: containers.count - container - 1)
    }
}
