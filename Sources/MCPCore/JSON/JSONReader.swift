/// Makes values from a text `JSONCursor` has already checked, so it looks for no errors: objects inside the
/// one being read become parsed objects that are read when used (skipped here by their recorded end),
/// arrays are read at once (their objects again left for later), strings and numbers are made.
struct JSONReader {
    let document: JSONDocument
    let bytes: UnsafeBufferPointer<UInt8>
    let containers: UnsafeBufferPointer<JSONDocument.Container>
    var index: Int
    /// The container the next opening bracket met is.
    var nextContainer: Int

    mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index &+= 1
            default: return
            }
        }
    }

    mutating func readValue() -> JSONValue {
        skipSpace()
        switch bytes[index] {
        case UInt8(ascii: "\""): return .string(readString())
        case UInt8(ascii: "{"):
            let container = nextContainer
            skip(container)
            return .object(JSONObject(parsed: JSONParsedObject(document: document, container: container)))
        case UInt8(ascii: "["): return .array(readArrayElements())
        case UInt8(ascii: "t"):
            index &+= 4
            return .bool(true)
        case UInt8(ascii: "f"):
            index &+= 5
            return .bool(false)
        case UInt8(ascii: "n"):
            index &+= 4
            return .null
        default: return readNumber()
        }
    }

    /// Moves past container `container` and everything in it.
    private mutating func skip(_ container: Int) {
        index = Int(containers[container].end)
        nextContainer = container &+ Int(containers[container].descendants) &+ 1
    }

    /// The members of the object whose opening bracket is at `index`.
    mutating func readObjectMembers() -> [JSONObject.Member] {
        let count = Int(containers[nextContainer].count)
        nextContainer &+= 1
        index &+= 1
        var members: [JSONObject.Member] = []
        members.reserveCapacity(count)
        for _ in 0..<count {
            skipSpace()
            let key = readString()
            skipSpace()
            index &+= 1
            members.append(JSONObject.Member(key: key, value: readValue()))
            skipSpace()
            index &+= 1
        }
        return members
    }

    mutating func readArrayElements() -> [JSONValue] {
        let container = nextContainer
        let count = Int(containers[container].count)
        nextContainer &+= 1
        index &+= 1
        var elements: [JSONValue] = []
        elements.reserveCapacity(count)
        for _ in 0..<count {
            elements.append(readValue())
            skipSpace()
            index &+= 1
        }
        if count == 0 { index = Int(containers[container].end) }
        return elements
    }

    /// Integers of up to 18 digits are read as they are scanned; anything else keeps its text, so nothing is
    /// rounded or lost on the way through. `-0` keeps its text too (an `Int` has no negative zero).
    mutating func readNumber() -> JSONValue {
        let start = index
        let negative = bytes[index] == UInt8(ascii: "-")
        var cursor = negative ? index &+ 1 : index
        var magnitude = 0
        let digitsStart = cursor
        while cursor < bytes.count, cursor &- digitsStart < 18 {
            let digit = bytes[cursor] &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            magnitude = magnitude &* 10 &+ Int(digit)
            cursor &+= 1
        }
        let followedByMore = cursor < bytes.count && JSONNumber.continues(bytes[cursor])
        if !followedByMore, !(negative && magnitude == 0) {
            index = cursor
            return .int(negative ? -magnitude : magnitude)
        }
        index = start &+ (JSONNumber.scanLength(bytes, from: start) ?? 1)
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        let number = JSONNumber(validated: text)
        if let exact = number.exactIntValue, !(negative && exact == 0) { return .int(exact) }
        return .number(number)
    }
}
