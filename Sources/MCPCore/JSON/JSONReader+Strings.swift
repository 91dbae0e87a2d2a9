extension JSONReader {
    /// The string whose opening quote is at `index`. Without escapes the bytes between the quotes are the
    /// string (checked UTF-8 already), made in one step.
    mutating func readString() -> String {
        index &+= 1
        let start = index
        index = PlainRun.next(in: bytes, from: index, checking: false)
        if bytes[index] == UInt8(ascii: "\"") {
            defer { index &+= 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        }
        return readEscapedString(start: start)
    }

    /// The rest of a string that has escapes, from `index`; the bytes from `start` up to it are plain.
    private mutating func readEscapedString(start: Int) -> String {
        var text = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while bytes[index] != UInt8(ascii: "\"") {
            let byte = bytes[index]
            index &+= 1
            if byte == UInt8(ascii: "\\") {
                appendEscape(to: &text)
            } else {
                text.append(byte)
            }
        }
        index &+= 1
        return String(decoding: text, as: UTF8.self)
    }

    private mutating func appendEscape(to output: inout [UInt8]) {
        let byte = bytes[index]
        index &+= 1
        switch byte {
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"): appendScalar(readEscapedScalar(), to: &output)
        default: output.append(byte)  // \" \\ \/
        }
    }

    /// The code point of a `\u` escape whose digits start at `index`; a surrogate pair is one code point, a
    /// lone surrogate becomes U+FFFD (the next escape is then read on its own).
    private mutating func readEscapedScalar() -> UInt32 {
        let code = readHex4()
        if (0xDC00...0xDFFF).contains(code) { return 0xFFFD }
        guard (0xD800...0xDBFF).contains(code) else { return code }
        guard index &+ 5 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index &+ 1] == UInt8(ascii: "u")
        else { return 0xFFFD }
        index &+= 2
        let low = readHex4()
        guard (0xDC00...0xDFFF).contains(low) else {
            index &-= 6
            return 0xFFFD
        }
        return 0x10000 &+ ((code &- 0xD800) << 10) &+ (low &- 0xDC00)
    }

    private mutating func readHex4() -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            value = value << 4 | UInt32(JSONCursor.hexDigit(bytes[index]) ?? 0)
            index &+= 1
        }
        return value
    }

    private func appendScalar(_ code: UInt32, to output: inout [UInt8]) {
        output.append(contentsOf: (Unicode.Scalar(code) ?? "\u{FFFD}").utf8)
    }
}

/// Finds the next byte of a string that needs attention, a word (8 bytes) at a time with the classic "has a
/// byte less than n / equal to b" bit tricks: the lowest flagged byte of a word is exact (a false flag can
/// only come above a true one), so one load and one test pass over eight plain bytes. Used by both the
/// checking scan and the reading.
enum PlainRun {
    /// The offset of the first byte from `start` that is a quote or a backslash or, when `checking`, a
    /// control character or not ASCII; `bytes.count` when there is none.
    @inline(__always)
    static func next(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, checking: Bool) -> Int {
        var index = start
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index &+ 8 <= bytes.count {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                var flagged = equal(word, 0x22) | equal(word, 0x5C)
                if checking { flagged |= less(word, 0x20) | word & highBitsOfEveryByte }
                if flagged != 0 { return index &+ flagged.trailingZeroBitCount >> 3 }
                index &+= 8
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x22 || byte == 0x5C || (checking && (byte < 0x20 || byte >= 0x80)) { return index }
            index &+= 1
        }
        return index
    }

    private static let highBitsOfEveryByte: UInt64 = 0x8080_8080_8080_8080
    private static let oneInEveryByte: UInt64 = 0x0101_0101_0101_0101

    /// The high bit of each byte of `word` below `limit` (at most 0x80), exact up to the lowest one.
    @inline(__always)
    private static func less(_ word: UInt64, _ limit: UInt64) -> UInt64 {
        (word &- oneInEveryByte &* limit) & ~word & highBitsOfEveryByte
    }

    @inline(__always)
    private static func equal(_ word: UInt64, _ byte: UInt64) -> UInt64 {
        less(word ^ (oneInEveryByte &* byte), 1)
    }
}
