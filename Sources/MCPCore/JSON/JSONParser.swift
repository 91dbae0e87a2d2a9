/// A failure to parse JSON text, with the byte offset where it happened.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var offset: Int
    public var reason: String

    public var description: String { "\(reason) at byte \(offset)" }
}

/// A strict JSON parser (RFC 8259) from UTF-8 bytes to `JSONValue`, with a nesting limit so hostile
/// input cannot exhaust the stack. Pure: no I/O, no Foundation, so it can be fuzzed on its own.
///
/// Parsing checks the whole text in one pass that makes no values (`JSONCursor`), noting where each object
/// and array starts and ends; the values are then read from the checked text as they are used
/// (`JSONReader`): arrays at once, each object when something first looks into it. A large message costs
/// the check and what its reader takes out of it, not a tree of everything in it. The text (one copy) and
/// its table of containers (16 bytes each) are kept while any object read from it is.
public struct JSONParser {
    public static let maximumDepth = 256

    /// Parses one complete JSON text; trailing non-space bytes are an error.
    public static func parse(_ bytes: some Collection<UInt8>) throws(JSONParseError) -> JSONValue {
        try parse(owned: bytes as? [UInt8] ?? Array(bytes))
    }

    /// Parses a JSON text given as a string.
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(owned: Array(text.utf8))
    }

    private static func parse(owned bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        guard bytes.count < Int(UInt32.max) else {
            throw JSONParseError(offset: 0, reason: "JSON text larger than 4 GiB")
        }
        let checked = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONParseError) in
                var cursor = JSONCursor(bytes: buffer)
                try cursor.scanValue(depth: 0)
                cursor.skipSpace()
                guard cursor.index == buffer.count else { throw cursor.fail("unexpected data after the JSON value") }
                return cursor.containers
            }
        }
        // The table lives as long as any object read from the text: without the slack its growth left.
        let containers = try checked.get()
        let table =
            containers.capacity > containers.count + 64 ? containers.withUnsafeBufferPointer { Array($0) } : containers
        return JSONDocument(bytes: bytes, containers: table).rootValue()
    }
}

/// The checking pass over one text: it accepts exactly RFC 8259 JSON (strings in valid UTF-8) and records
/// each container's extent for `JSONReader`. Containers and strings are in JSONCursor+Containers.swift and
/// JSONCursor+Strings.swift.
struct JSONCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    var containers: [JSONDocument.Container] = []

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    func fail(_ reason: String) -> JSONParseError { JSONParseError(offset: index, reason: reason) }

    mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index &+= 1
            default: return
            }
        }
    }

    mutating func scanValue(depth: Int) throws(JSONParseError) {
        skipSpace()
        guard index < bytes.count else { throw fail("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "\""): try scanString()
        case UInt8(ascii: "{"): try scanObject(depth: depth + 1)
        case UInt8(ascii: "["): try scanArray(depth: depth + 1)
        case UInt8(ascii: "t"): try scanLiteral("true")
        case UInt8(ascii: "f"): try scanLiteral("false")
        case UInt8(ascii: "n"): try scanLiteral("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try scanNumber()
        default: throw fail("unexpected character '\(printable(bytes[index]))'")
        }
    }

    private func printable(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) ? String(UnicodeScalar(byte)) : "\\x" + String(byte, radix: 16)
    }

    mutating func scanLiteral(_ word: StaticString) throws(JSONParseError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw fail("unexpected end of input") }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
            throw fail("invalid literal")
        }
        index += count
    }

    mutating func scanNumber() throws(JSONParseError) {
        guard let length = JSONNumber.scanLength(bytes, from: index) else { throw fail("invalid number") }
        index += length
    }
}
