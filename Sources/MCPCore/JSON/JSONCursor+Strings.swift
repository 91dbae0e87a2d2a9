extension JSONCursor {
    /// Checks a string starting at its opening quote: escapes well formed, no raw control characters, and
    /// bytes past ASCII valid UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF).
    mutating func scanString() throws(JSONParseError) {
        index += 1
        while true {
            index = PlainRun.next(in: bytes, from: index, checking: true)
            guard index < bytes.count else { throw fail("unterminated string") }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return
            case UInt8(ascii: "\\"):
                index += 1
                try scanEscape()
            case 0x80...:
                guard let length = Self.utf8SequenceLength(bytes, at: index) else {
                    throw fail("invalid UTF-8 in string")
                }
                index += length
            default:
                // PlainRun stops only at a quote, a backslash, a byte past ASCII or a control character.
                throw fail("control character in string")
            }
        }
    }

    private mutating func scanEscape() throws(JSONParseError) {
        guard index < bytes.count else { throw fail("unterminated string") }
        switch bytes[index] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            index += 1
        case UInt8(ascii: "u"):
            index += 1
            guard index + 4 <= bytes.count else { throw fail("invalid \\u escape") }
            for _ in 0..<4 {
                guard Self.hexDigit(bytes[index]) != nil else { throw fail("invalid \\u escape") }
                index += 1
            }
        default:
            throw fail("invalid escape")
        }
    }

    static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// The length of the valid UTF-8 sequence whose lead byte (not ASCII) is at `start`, or nil. The second
    /// byte's range depends on the lead (RFC 3629 §4): that is what rules out overlong forms, surrogates and
    /// code points past U+10FFFF.
    static func utf8SequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        let lead = bytes[start]
        let length: Int
        var second: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            second = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            second = 0x80...0x9F
        case 0xF0:
            length = 4
            second = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            second = 0x80...0x8F
        default: return nil
        }
        guard start + length <= bytes.count, second.contains(bytes[start + 1]) else { return nil }
        for offset in 2..<length where bytes[start + offset] & 0xC0 != 0x80 { return nil }
        return length
    }
}
