import MCPCore
import Testing

private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

private func line(_ text: String) -> LineFramer.Frame { .line(bytes(text)) }

/// How a test cuts its input into the reads the framer is fed.
enum Chunking: Sendable, CustomTestStringConvertible {
    case allAtOnce
    case oneByteAtATime
    /// Random lengths from a seeded generator, empty reads included.
    case random(seed: UInt64)

    static let all: [Chunking] = [.allAtOnce, .oneByteAtATime] + [1, 7, 42, 1234, 99_999].map { .random(seed: $0) }

    var testDescription: String {
        switch self {
        case .allAtOnce: "all at once"
        case .oneByteAtATime: "one byte at a time"
        case .random(let seed): "random splits, seed \(seed)"
        }
    }

    func chunks(_ input: [UInt8]) -> [ArraySlice<UInt8>] {
        switch self {
        case .allAtOnce:
            return [input[...]]
        case .oneByteAtATime:
            return input.indices.map { input[$0...$0] }
        case .random(let seed):
            var generator = SeededGenerator(state: seed)
            var chunks: [ArraySlice<UInt8>] = []
            var start = 0
            while start < input.count {
                let longest = Bool.random(using: &generator) ? 9 : 70
                let end = start + Int.random(in: 0...min(input.count - start, longest), using: &generator)
                chunks.append(input[start..<end])
                start = end
            }
            return chunks
        }
    }
}

/// Every frame of `input` fed in `chunking`'s reads, then `finish()`.
private func frames(_ input: [UInt8], _ chunking: Chunking = .allAtOnce, cap: Int = 1024) -> [LineFramer.Frame] {
    var framer = LineFramer(maximumFrameSize: cap)
    var frames: [LineFramer.Frame] = []
    for chunk in chunking.chunks(input) { frames += framer.feed(chunk) }
    return frames + framer.finish()
}

/// What the framer must produce, the obvious way: split on `\n`, drop one `\r`, skip blank lines, refuse long ones.
private func referenceFrames(_ input: [UInt8], cap: Int) -> [LineFramer.Frame] {
    var lines = input.split(separator: 0x0A, omittingEmptySubsequences: false)
    if lines.last?.isEmpty == true { lines.removeLast() }
    return lines.compactMap { raw in
        let content = raw.last == 0x0D ? raw.dropLast() : raw
        if content.count > cap { return .oversized(byteCount: content.count) }
        if content.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return nil }
        return .line(Array(content))
    }
}

@Suite("LineFramer")
struct LineFramerTests {
    @Test("lines, CRLF, blank lines and a last line without newline", arguments: Chunking.all)
    func mixedInput(chunking: Chunking) {
        let input = bytes("{\"a\":1}\n{\"b\":\"x y\"}\r\n\n   \n\r\n{\"c\":[1,2,3]}\n\t\n\n{\"d\":\"é✓\"}\r\n{\"e\":0}")
        let expected = [line("{\"a\":1}"), line("{\"b\":\"x y\"}"), line("{\"c\":[1,2,3]}"), line("{\"d\":\"é✓\"}")]
        #expect(frames(input, chunking) == expected + [line("{\"e\":0}")])
    }

    @Test("only \\n ends a line: U+2028, U+2029, NEL and a lone \\r do not", arguments: Chunking.all)
    func onlyNewlineEndsALine(chunking: Chunking) {
        let text = "{\"t\":\"a\u{2028}b\u{2029}c\u{85}d\"}"
        #expect(frames(bytes(text + "\n" + "a\rb\r\n"), chunking) == [line(text), line("a\rb")])
    }

    @Test("the last line without a newline is held until finish()")
    func finish() {
        var framer = LineFramer()
        #expect(framer.feed(bytes("{\"last\":true}")).isEmpty)
        #expect(framer.bufferedByteCount == 13)
        #expect(framer.finish() == [line("{\"last\":true}")])
        #expect(framer.bufferedByteCount == 0)
        #expect(framer.finish().isEmpty)
    }

    @Test("bytes from a collection without contiguous storage")
    func nonContiguousCollection() {
        var framer = LineFramer()
        #expect(framer.feed(bytes("one\ntwo\nthr").lazy.map { $0 }) == [line("one"), line("two")])
        #expect(framer.feed(bytes("ee\n").reversed().reversed()) == [line("three")])
    }

    @Test("a line of exactly the cap is a line, one byte more is oversized", arguments: Chunking.all)
    func cap(chunking: Chunking) {
        let a16 = String(repeating: "a", count: 16)
        let input = bytes(a16 + "\n" + a16 + "\r\n" + a16 + "b\n" + a16 + "b\r\n")
        let expected = [line(a16), line(a16), .oversized(byteCount: 17), .oversized(byteCount: 17)]
        #expect(frames(input, chunking, cap: 16) == expected)
    }

    /// Issue defect 1: the `\r` of a CRLF was counted against the cap while the `\n` had not arrived yet.
    @Test("a line of the cap ending in CRLF is accepted wherever the reads split it")
    func capSizedLineEndingInCRLF() {
        let a16 = String(repeating: "a", count: 16)
        let cases: [(String, [LineFramer.Frame])] = [
            (a16 + "\r\n{}\n", [line(a16), line("{}")]),
            (a16 + "a\r\n{}\n", [.oversized(byteCount: 17), line("{}")]),
            // A `\r` not followed by `\n` is part of the line.
            (a16 + "\rx\n{}\n", [.oversized(byteCount: 18), line("{}")]),
            (a16 + "\r", [line(a16)]),
        ]
        for (text, expected) in cases {
            let input = bytes(text)
            for split in 0...input.count {
                var framer = LineFramer(maximumFrameSize: 16)
                let got = framer.feed(input[..<split]) + framer.feed(input[split...]) + framer.finish()
                #expect(got == expected, "\(text.debugDescription) split at \(split)")
            }
            #expect(frames(input, .oneByteAtATime, cap: 16) == expected)
        }
    }

    /// Issue defect 3: after one over-long line, every later line was lost.
    @Test("an oversized line is reported in its place by size, and later lines survive", arguments: Chunking.all)
    func oversizedLineIsSkipped(chunking: Chunking) {
        let input = bytes(
            "first\n" + String(repeating: "x", count: 40) + "\r\n" + "later\n" + String(repeating: "y", count: 50))
        let expected = [line("first"), .oversized(byteCount: 40), line("later"), .oversized(byteCount: 50)]
        #expect(frames(input, chunking, cap: 16) == expected)
    }

    @Test("an oversized line is known as soon as it is over the cap, and its bytes are not kept")
    func skippingIsVisibleEarly() {
        var framer = LineFramer(maximumFrameSize: 16)
        #expect(framer.feed(bytes(String(repeating: "a", count: 16))).isEmpty)
        #expect(!framer.isSkippingOversizedLine)
        // Still within the cap if a `\n` follows.
        #expect(framer.feed(bytes("\r")).isEmpty)
        #expect(!framer.isSkippingOversizedLine)
        #expect(framer.bufferedByteCount == 17)
        #expect(framer.feed(bytes("a")).isEmpty)
        #expect(framer.isSkippingOversizedLine)
        #expect(framer.bufferedByteCount == 0)
        #expect(framer.feed([UInt8](repeating: 0x61, count: 1000)).isEmpty)
        #expect(framer.bufferedByteCount == 0)
        #expect(framer.feed(bytes("\nok\n")) == [.oversized(byteCount: 1018), line("ok")])
        #expect(!framer.isSkippingOversizedLine)
    }

    @Test("random lines agree with a plain split on \\n, however they are fed", arguments: [3, 11, 2024] as [UInt64])
    func matchesReference(seed: UInt64) {
        var generator = SeededGenerator(state: seed)
        let alphabet = bytes("a{} \t\r\r")
        var input: [UInt8] = []
        for _ in 0..<300 {
            let length = Int.random(in: 0...(Bool.random(using: &generator) ? 6 : 90), using: &generator)
            input += (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
            input.append(0x0A)
        }
        input += bytes("tail\r")
        for cap in [0, 1, 7, 8, 33, 64, 1000] {
            let expected = referenceFrames(input, cap: cap)
            for chunking in Chunking.all {
                #expect(frames(input, chunking, cap: cap) == expected, "cap \(cap), \(chunking.testDescription)")
            }
        }
    }

    @Test("a 16 MiB line arriving in 64 KiB reads is framed, and one byte more is skipped without being kept")
    func largeLineInReads() {
        let cap = 16 * 1024 * 1024
        for size in [cap, cap + 1] {
            var input = [UInt8](repeating: 0x61, count: size)
            input[0] = UInt8(ascii: "{")
            input[size - 1] = UInt8(ascii: "}")
            input += bytes("\r\n{}\n")
            var framer = LineFramer(maximumFrameSize: cap)
            var got: [LineFramer.Frame] = []
            var largestBuffer = 0
            for start in stride(from: 0, to: input.count, by: 64 * 1024) {
                got += framer.feed(input[start..<min(start + 64 * 1024, input.count)])
                largestBuffer = max(largestBuffer, framer.bufferedByteCount)
            }
            got += framer.finish()
            #expect(got.count == 2)
            #expect(got.last == line("{}"))
            #expect(largestBuffer <= cap + 1)
            if size == cap {
                guard case .line(let frame) = got.first else {
                    Issue.record("expected a line, got \(String(describing: got.first))")
                    continue
                }
                #expect(frame.count == cap && frame.first == UInt8(ascii: "{") && frame.last == UInt8(ascii: "}"))
            } else {
                #expect(got.first == .oversized(byteCount: cap + 1))
            }
        }
    }
}
