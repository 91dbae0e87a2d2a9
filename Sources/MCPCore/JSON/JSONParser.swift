/// A failure to parse JSON text, with the byte offset where it happened.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var offset: Int
    public var reason: String

    public var description: String { "\(reason) at byte \(offset)" }
}

/// A strict JSON parser (RFC 8259) from UTF-8 bytes to `JSONValue`, with a nesting limit so hostile
/// input cannot exhaust the stack. Pure: no I/O, no Foundation, so it can be fuzzed on its own.
///
/// It scans the bytes in place (no copy when they are contiguous), makes a `String` straight from the bytes
/// of a string without escapes, reads integers without making text, keeps other numbers as their text and
/// object members in their order.
public struct JSONParser {
    public static let maximumDepth = 256

    /// Parses one complete JSON text; trailing non-space bytes are an error.
    public static func parse(_ bytes: some Collection<UInt8>) throws(JSONParseError) -> JSONValue {
        let result = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(JSONParseError) in
                try parse(buffer: buffer)
            }
        }
        if let result { return try result.get() }
        return try Array(bytes).withUnsafeBufferPointer { buffer throws(JSONParseError) in try parse(buffer: buffer) }
    }

    /// Parses a JSON text given as a string.
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        var text = text
        let result = text.withUTF8 { buffer in Result { () throws(JSONParseError) in try parse(buffer: buffer) } }
        return try result.get()
    }

    private static func parse(buffer: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> JSONValue {
        var parser = JSONCursor(bytes: buffer)
        let value = try parser.parseValue(depth: 0)
        parser.skipSpace()
        guard parser.index == buffer.count else { throw parser.fail("unexpected data after the JSON value") }
        return value
    }
}

/// The scanning state over one text. Containers and strings are in JSONCursor+Containers.swift and
/// JSONCursor+Strings.swift.
struct JSONCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    func fail(_ reason: String) -> JSONParseError { JSONParseError(offset: index, reason: reason) }

    mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
        skipSpace()
        guard index < bytes.count else { throw fail("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "t"): return try parseLiteral("true", .bool(true))
        case UInt8(ascii: "f"): return try parseLiteral("false", .bool(false))
        case UInt8(ascii: "n"): return try parseLiteral("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw fail("unexpected character '\(printable(bytes[index]))'")
        }
    }

    private func printable(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) ? String(UnicodeScalar(byte)) : "\\x" + String(byte, radix: 16)
    }

    mutating func parseLiteral(_ word: StaticString, _ value: JSONValue) throws(JSONParseError) -> JSONValue {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw fail("unexpected end of input") }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
            throw fail("invalid literal")
        }
        index += count
        return value
    }

    /// Integers of up to 18 digits are read as they are scanned; anything else keeps its text, so nothing is
    /// rounded or lost on the way through. `-0` keeps its text too (an `Int` has no negative zero).
    mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = index
        let negative = bytes[index] == UInt8(ascii: "-")
        var cursor = negative ? index + 1 : index
        var magnitude = 0
        let digitsStart = cursor
        while cursor < bytes.count, cursor - digitsStart < 18 {
            let digit = bytes[cursor] &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            magnitude = magnitude &* 10 &+ Int(digit)
            cursor += 1
        }
        let digitCount = cursor - digitsStart
        let followedByMore = cursor < bytes.count && Self.continuesNumber(bytes[cursor])
        let leadingZero = digitCount > 1 && bytes[digitsStart] == UInt8(ascii: "0")
        if digitCount > 0, !followedByMore, !leadingZero, !(negative && magnitude == 0) {
            index = cursor
            return .int(negative ? -magnitude : magnitude)
        }
        guard let length = JSONNumber.scanLength(bytes, from: start) else {
            index = start
            throw fail("invalid number")
        }
        index = start + length
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        let number = JSONNumber(validated: text)
        if let exact = number.exactIntValue, !(negative && exact == 0) { return .int(exact) }
        return .number(number)
    }

    private static func continuesNumber(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10 || byte == UInt8(ascii: ".") || byte | 0x20 == UInt8(ascii: "e")
    }
}
