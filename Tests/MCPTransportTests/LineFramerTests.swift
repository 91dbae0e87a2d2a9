import MCPCore
import MCPTransport
import Testing

/// A small deterministic generator (SplitMix64) so random split points are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

private func frames(_ chunks: [[UInt8]], maximumFrameSize: Int = 1024) throws -> [String] {
    var framer = LineFramer(maximumFrameSize: maximumFrameSize)
    var out: [[UInt8]] = []
    for chunk in chunks { out += try framer.feed(chunk) }
    out += try framer.finish()
    return out.map { String(decoding: $0, as: UTF8.self) }
}

@Suite struct LineFramerTests {
    let input = bytes("{\"a\":1}\n{\"b\":\"x y\"}\r\n\n   \n{\"c\":[1,2,3]}\n\t\n{\"d\":\"é✓\"}")
    let expected = ["{\"a\":1}", "{\"b\":\"x y\"}", "{\"c\":[1,2,3]}", "{\"d\":\"é✓\"}"]

    @Test func allAtOnce() throws {
        #expect(try frames([input]) == expected)
    }

    @Test func oneByteAtATime() throws {
        #expect(try frames(input.map { [$0] }) == expected)
    }

    @Test(arguments: [1, 7, 42, 1234, 99_999] as [UInt64])
    func randomSplits(seed: UInt64) throws {
        var generator = SeededGenerator(state: seed)
        var chunks: [[UInt8]] = []
        var rest = input[...]
        while !rest.isEmpty {
            let length = Int.random(in: 0...min(rest.count, 9), using: &generator)
            chunks.append(Array(rest.prefix(length)))
            rest = rest.dropFirst(length)
        }
        #expect(try frames(chunks) == expected)
    }

    @Test func crlfIsStripped() throws {
        #expect(try frames([bytes("one\r\ntwo\r\n")]) == ["one", "two"])
    }

    @Test func crlfSplitAcrossChunks() throws {
        #expect(try frames([bytes("one\r"), bytes("\ntwo")]) == ["one", "two"])
    }

    @Test func blankLinesAreSkipped() throws {
        #expect(try frames([bytes("\n\n \r\n\t\nx\n\n")]) == ["x"])
    }

    @Test func finalFrameWithoutNewlineNeedsFinish() throws {
        var framer = LineFramer()
        #expect(try framer.feed(bytes("{\"last\":true}")).isEmpty)
        #expect(framer.bufferedByteCount == 13)
        let last = try framer.finish()
        #expect(last.map { String(decoding: $0, as: UTF8.self) } == ["{\"last\":true}"])
        #expect(framer.bufferedByteCount == 0)
        #expect(try framer.finish().isEmpty)
    }

    @Test func lineSeparatorsDoNotSplit() throws {
        let text = "{\"t\":\"a\u{2028}b\u{2029}c\u{85}d\"}\n"
        #expect(try frames([bytes(text)]) == ["{\"t\":\"a\u{2028}b\u{2029}c\u{85}d\"}"])
        #expect(try frames(bytes(text).map { [$0] }).count == 1)
    }

    @Test func frameAtTheLimitIsAccepted() throws {
        let frame = [UInt8](repeating: 0x61, count: 16)
        #expect(try frames([frame + [0x0A]], maximumFrameSize: 16).count == 1)
    }

    @Test func oversizedFrameInOneChunkThrows() {
        var framer = LineFramer(maximumFrameSize: 16)
        let error = #expect(throws: TransportError.self) {
            _ = try framer.feed([UInt8](repeating: 0x61, count: 17) + [0x0A])
        }
        #expect(error?.kind == .protocolViolation)
        #expect(error?.message.contains("larger than") == true)
    }

    @Test func oversizedFrameWithoutNewlineThrows() {
        var framer = LineFramer(maximumFrameSize: 16)
        let error = #expect(throws: TransportError.self) {
            _ = try framer.feed([UInt8](repeating: 0x61, count: 17))
        }
        #expect(error?.kind == .protocolViolation)
    }

    @Test func oversizedFrameAccumulatedAcrossChunksThrows() throws {
        var framer = LineFramer(maximumFrameSize: 16)
        for _ in 0..<4 { #expect(try framer.feed(bytes("aaaa")).isEmpty) }
        let error = #expect(throws: TransportError.self) { _ = try framer.feed(bytes("a")) }
        #expect(error?.kind == .protocolViolation)
    }

    @Test func oversizedFrameCompletedByNewlineChunkThrows() throws {
        var framer = LineFramer(maximumFrameSize: 16)
        #expect(try framer.feed(bytes("aaaaaaaaaaaaaaaa")).isEmpty)
        let error = #expect(throws: TransportError.self) { _ = try framer.feed(bytes("b\n")) }
        #expect(error?.kind == .protocolViolation)
    }
}
