extension JSONCursor {
    /// A string starting at its opening quote. Without escapes the bytes between the quotes are the string,
    /// made in one step (and checked as UTF-8 only when a byte is not ASCII).
    mutating func parseString() throws(JSONParseError) -> String {
        index += 1
        let start = index
        var highBits: UInt8 = 0
        skipPlainWords(highBits: &highBits)
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                if highBits & 0x80 == 0 { return String(decoding: slice, as: UTF8.self) }
                guard let text = String(validating: slice, as: UTF8.self) else {
                    throw JSONParseError(offset: start, reason: "invalid UTF-8 in string")
                }
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw fail("control character in string") }
            highBits |= byte
            index += 1
        }
        return try parseEscapedString(start: start)
    }

    /// The rest of a string that has escapes, from `index`; the bytes from `start` up to it are plain.
    private mutating func parseEscapedString(start: Int) throws(JSONParseError) -> String {
        var scalars = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                guard let text = String(validating: scalars, as: UTF8.self) else {
                    throw JSONParseError(offset: start, reason: "invalid UTF-8 in string")
                }
                return text
            case UInt8(ascii: "\\"):
                index += 1
                try appendEscape(to: &scalars)
            case 0..<0x20:
                throw fail("control character in string")
            default:
                scalars.append(byte)
                index += 1
            }
        }
        throw fail("unterminated string")
    }

    private mutating func appendEscape(to output: inout [UInt8]) throws(JSONParseError) {
        guard index < bytes.count else { throw fail("unterminated string") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(byte)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"):
            var code = try hex4()
            if (0xD800...0xDBFF).contains(code) {
                // A high surrogate must be followed by an escaped low surrogate.
                if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                    index += 2
                    let low = try hex4()
                    if (0xDC00...0xDFFF).contains(low) {
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        // A lone high surrogate like any other; the next escape is read on its own.
                        index -= 6
                        code = 0xFFFD
                    }
                } else {
                    code = 0xFFFD
                }
            } else if (0xDC00...0xDFFF).contains(code) {
                code = 0xFFFD
            }
            output.append(contentsOf: String(Character(UnicodeScalar(code) ?? "\u{FFFD}")).utf8)
        default:
            throw fail("invalid escape")
        }
    }

    private mutating func hex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw fail("invalid \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw fail("invalid \\u escape")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    /// Moves `index` past whole 8-byte words that hold no quote, backslash or control character, testing each
    /// word at once (the classic "has a byte less than n / equal to b" bit tricks, exact as yes/no answers),
    /// so the byte loop only sees the end of the string. Notes in `highBits` whether a skipped byte was not
    /// ASCII.
    private mutating func skipPlainWords(highBits: inout UInt8) {
        guard let base = bytes.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        while index &+ 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            if Self.hasByte(in: word, lessThan: 0x20) || Self.hasByte(in: word, equalTo: 0x22)
                || Self.hasByte(in: word, equalTo: 0x5C)
            {
                return
            }
            if word & Self.highBitsOfEveryByte != 0 { highBits = 0x80 }
            index &+= 8
        }
    }

    private static let oneInEveryByte: UInt64 = 0x0101_0101_0101_0101
    private static let highBitsOfEveryByte: UInt64 = 0x8080_8080_8080_8080

    /// Whether a byte of `word` is below `limit` (at most 0x80).
    @inline(__always)
    private static func hasByte(in word: UInt64, lessThan limit: UInt64) -> Bool {
        (word &- oneInEveryByte &* limit) & ~word & highBitsOfEveryByte != 0
    }

    @inline(__always)
    private static func hasByte(in word: UInt64, equalTo byte: UInt64) -> Bool {
        hasByte(in: word ^ (oneInEveryByte &* byte), lessThan: 1)
    }
}
