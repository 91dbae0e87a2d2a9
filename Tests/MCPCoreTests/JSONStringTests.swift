import MCPCore
import Testing

/// Parses a JSON string literal given as its source text (quotes included).
private func parseString(_ text: String) throws -> String? {
    try JSONParser.parse(text).stringValue
}

private func fails(_ bytes: [UInt8]) -> Bool {
    do {
        _ = try JSONParser.parse(bytes)
        return false
    } catch {
        return true
    }
}

@Suite("JSON strings")
struct JSONStringTests {
    /// Plain runs are skipped eight bytes at a time: a quote, a backslash, a control character or a byte that
    /// is not ASCII must be seen wherever it falls in a word, and at a word's edges.
    @Test("a special byte is found at every offset of a long string", arguments: 0..<24)
    func specialByteAtEveryOffset(offset: Int) throws {
        let before = String(repeating: "a", count: offset)
        let after = String(repeating: "b", count: 19)
        #expect(try parseString("\"\(before)\"") == before)
        #expect(try parseString("\"\(before)\\n\(after)\"") == before + "\n" + after)
        #expect(try parseString("\"\(before)é\(after)\"") == before + "é" + after)
        let plain = Array("\"\(before)x\(after)\"".utf8)
        for bad: UInt8 in [0x00, 0x0A, 0x1F, 0xFF] {
            var bytes = plain
            bytes[1 + offset] = bad
            #expect(fails(bytes), "byte \(bad) at \(offset) was accepted")
        }
        var quoted = plain
        quoted[1 + offset] = UInt8(ascii: "\"")
        #expect(fails(quoted), "a quote at \(offset) did not end the string")
    }

    @Test("every simple escape")
    func simpleEscapes() throws {
        #expect(try parseString(#""\"\\\/\b\f\n\r\t""#) == "\"\\/\u{08}\u{0C}\n\r\t")
        #expect(try parseString(#""a\nb""#) == "a\nb")
        #expect(try parseString(#""""#) == "")
    }

    @Test(
        "\\u escapes, upper and lower case hex",
        arguments: [
            (#""\u0041""#, "A"), (#""\u00e9\u00E9""#, "éé"), (#""\u20AC""#, "€"), (#""\u0000""#, "\u{0}"),
            (#""\u001f""#, "\u{1F}"), (#""x\u2028y""#, "x\u{2028}y"), (#""\uFFFF""#, "\u{FFFF}"),
        ])
    func unicodeEscapes(text: String, expected: String) throws {
        #expect(try parseString(text) == expected)
    }

    @Test(
        "surrogate pairs combine",
        arguments: [(#""\ud83d\ude00""#, "😀"), (#""\uD834\uDD1E""#, "𝄞"), (#""a\uDBFF\uDFFFb""#, "a\u{10FFFF}b")])
    func surrogatePairs(text: String, expected: String) throws {
        #expect(try parseString(text) == expected)
    }

    @Test(
        "lone surrogates become U+FFFD",
        arguments: [
            (#""\ud800""#, "\u{FFFD}"), (#""a\ud800b""#, "a\u{FFFD}b"), (#""\udc00""#, "\u{FFFD}"),
            (#""\ud800\n""#, "\u{FFFD}\n"), (#""\ude00\ud83d""#, "\u{FFFD}\u{FFFD}"),
            (#""\ud800\u0041""#, "\u{FFFD}A"), (#""\ud800\ud83d\ude00""#, "\u{FFFD}😀"),
            (#""\udbff\udbff""#, "\u{FFFD}\u{FFFD}"),
        ])
    func loneSurrogates(text: String, expected: String) throws {
        #expect(try parseString(text) == expected)
    }

    @Test(
        "malformed escapes are rejected",
        arguments: [
            #""\x""#, #""\u12""#, #""\u12G4""#, #""\'""#, #""\U0041""#, #""\"#, #""\u""#, #""\ud800\u12""#,
            #""\ud800\uZZZZ""#, #""\ ""#,
        ])
    func badEscapes(text: String) {
        #expect(fails(Array(text.utf8)))
    }

    @Test("raw UTF-8 text is kept as is")
    func rawUnicode() throws {
        let text = "héllo 世界 😀 \u{7F} \u{2028}"
        #expect(try parseString("\"" + text + "\"") == text)
    }

    @Test("every raw control character is rejected, before and after an escape")
    func controlCharacters() {
        var accepted: [UInt8] = []
        for byte: UInt8 in 0..<0x20 {
            let plain: [UInt8] = [0x22, 0x61, byte, 0x62, 0x22]
            let afterEscape: [UInt8] = [0x22, 0x5C, 0x6E, byte, 0x22]
            if !fails(plain) || !fails(afterEscape) { accepted.append(byte) }
        }
        #expect(accepted.isEmpty, "control bytes accepted: \(accepted)")
    }

    @Test(
        "invalid UTF-8 in a string is rejected",
        arguments: [
            [0x22, 0xC3, 0x22], [0x22, 0xFF, 0x22], [0x22, 0xC0, 0x80, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22],
            [0x22, 0x5C, 0x6E, 0xFF, 0x22], [0x22, 0x61, 0x80, 0x22],
        ] as [[UInt8]])
    func invalidUTF8(bytes: [UInt8]) {
        #expect(fails(bytes))
    }

    @Test("unterminated strings are rejected", arguments: [#""abc"#, #""abc\""#, #""\n"#, "\"", #"{"a"#])
    func unterminated(text: String) {
        #expect(fails(Array(text.utf8)))
    }

    @Test("member names use the same string rules")
    func memberNames() throws {
        let value = try JSONParser.parse(#"{"a\u00e9\n":1,"\ud83d\ude00":2}"#)
        #expect(value == ["aé\n": 1, "😀": 2])
    }
}

@Suite("JSONWriter: strings")
struct JSONWriterStringTests {
    @Test("escapes quotes, backslashes and every control character")
    func escapes() {
        let text = "\"\\/\n\r\t\u{08}\u{0C}\u{00}\u{1F}\u{7F}"
        #expect(JSONWriter.compactString(.string(text)) == #""\"\\/\n\r\t\u0008\u000c\u0000\u001f\u007f""#)
    }

    @Test("U+2028 and U+2029 are escaped, other three-byte characters are not")
    func lineSeparators() {
        #expect(JSONWriter.compactString("a\u{2028}b\u{2029}c") == #""a\u2028b\u2029c""#)
        #expect(JSONWriter.compactString("\u{2026}\u{20AC}\u{2027}\u{202A}") == "\"\u{2026}\u{20AC}\u{2027}\u{202A}\"")
        #expect(JSONWriter.compactString(["k\u{2028}": "v"]) == #"{"k\u2028":"v"}"#)
    }

    @Test("non-ASCII text is written as raw UTF-8")
    func rawUnicode() {
        #expect(JSONWriter.compactString("é世😀") == "\"é世😀\"")
        #expect(JSONWriter.compact("é") == [0x22, 0xC3, 0xA9, 0x22])
    }

    @Test("compact output never holds a raw line break")
    func noLineBreaks() throws {
        let value: JSONValue = ["multi\nline\r": ["a\nb", "c\u{2028}d\u{2029}", "\u{85}"], "x": "\r\n"]
        let bytes = JSONWriter.compact(value)
        #expect(!bytes.contains(0x0A))
        #expect(!bytes.contains(0x0D))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!text.contains("\u{2028}") && !text.contains("\u{2029}"))
        #expect(try JSONParser.parse(bytes) == value)
    }

    @Test("every control character and separator survives a round trip")
    func controlRoundTrip() throws {
        let scalars = (0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }
        let text = String(scalars) + "\u{7F}\u{2028}\u{2029}\"\\/"
        #expect(try JSONParser.parse(JSONWriter.compact(.string(text))) == .string(text))
    }
}

@Suite("JSON strings: UTF-8")
struct JSONStringUTF8Tests {
    /// The parser checks UTF-8 itself (RFC 3629's table of second-byte ranges); the standard library's
    /// validating initialiser is the reference. Random sequences weighted to lead and continuation bytes.
    @Test("a string's bytes are accepted exactly when they are valid UTF-8", arguments: 0..<8)
    func agreesWithTheStandardLibrary(seed: Int) {
        var generator = SeededGenerator(state: UInt64(seed))
        let interesting: [UInt8] = [
            0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE,
            0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF,
        ]
        var disagreements: [[UInt8]] = []
        for _ in 0..<5_000 {
            let length = Int.random(in: 1...12, using: &generator)
            let body = (0..<length).map { _ in interesting.randomElement(using: &generator)! }
            let valid = String(validating: body, as: UTF8.self) != nil
            let accepted = (try? JSONParser.parse([0x22] + body + [0x22])) != nil
            if valid != accepted { disagreements.append(body) }
        }
        #expect(disagreements.isEmpty, "first disagreements: \(disagreements.prefix(5))")
    }
}
