import Testing

@testable import MCPDemoServer

@Suite("LineFramer")
struct LineFramerTests {
    static let input = Array("{\"a\":1}\n\r\n  \n{\"b\":2}\r\n{\"c\":3}".utf8)
    static let expected: [LineFramer.Frame] = [
        .line(Array("{\"a\":1}".utf8)), .line(Array("{\"b\":2}".utf8)), .line(Array("{\"c\":3}".utf8)),
    ]

    private func frames(_ bytes: [UInt8], splits: [Int], maxLineBytes: Int = 1024) -> [LineFramer.Frame] {
        var framer = LineFramer(maxLineBytes: maxLineBytes)
        var frames: [LineFramer.Frame] = []
        var start = 0
        for end in splits + [bytes.count] where end >= start {
            frames += framer.feed(bytes[start..<end])
            start = end
        }
        return frames + framer.finish()
    }

    @Test("all at once, byte by byte, and at random split points give the same lines")
    func splits() {
        #expect(frames(Self.input, splits: []) == Self.expected)
        #expect(frames(Self.input, splits: Array(1..<Self.input.count)) == Self.expected)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let splits = (0..<4).map { _ in Int.random(in: 0...Self.input.count, using: &generator) }.sorted()
            #expect(frames(Self.input, splits: splits) == Self.expected)
        }
    }

    @Test("an over-long line is reported by size and skipped; the next line survives")
    func oversized() {
        let bytes = Array((String(repeating: "x", count: 40) + "\n{}\n").utf8)
        let expected: [LineFramer.Frame] = [.oversized(byteCount: 40), .line(Array("{}".utf8))]
        #expect(frames(bytes, splits: [], maxLineBytes: 16) == expected)
        #expect(frames(bytes, splits: Array(1..<bytes.count), maxLineBytes: 16) == expected)
    }
}
