import MCPCore
import MCPTransport
import Testing

private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// Feeds `chunks` to one parser, then finishes it; returns the events and the parser.
private func parse(_ chunks: [[UInt8]], maximumEventSize: Int = 1024) throws -> ([SSEEvent], SSEParser) {
    var parser = SSEParser(maximumEventSize: maximumEventSize)
    var events: [SSEEvent] = []
    for chunk in chunks { events += try parser.feed(chunk) }
    events += parser.finish()
    return (events, parser)
}

private func events(_ text: String, maximumEventSize: Int = 1024) throws -> [SSEEvent] {
    try parse([bytes(text)], maximumEventSize: maximumEventSize).0
}

private func randomChunks(_ input: [UInt8], seed: UInt64, maximumLength: Int = 9) -> [[UInt8]] {
    var generator = SeededGenerator(state: seed)
    var chunks: [[UInt8]] = []
    var rest = input[...]
    while !rest.isEmpty {
        let length = Int.random(in: 0...min(rest.count, maximumLength), using: &generator)
        chunks.append(Array(rest.prefix(length)))
        rest = rest.dropFirst(length)
    }
    return chunks
}

private func expectTooLarge(_ chunks: [[UInt8]], maximumEventSize: Int) {
    var parser = SSEParser(maximumEventSize: maximumEventSize)
    let error = #expect(throws: TransportError.self) {
        for chunk in chunks { _ = try parser.feed(chunk) }
    }
    #expect(error?.kind == .protocolViolation)
    #expect(error?.message.hasPrefix("the server sent an event larger than") == true)
}

@Suite struct SSEParserTests {
    static let progress =
        #"{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":"cli-12","progress":1}}"#

    // MARK: Protocol examples

    @Test func minimalFramesFromTheSpec() throws {
        let text = "id: s1-0\ndata:\n\nid: s1-1\ndata: \(Self.progress)\n\nretry: 3000\n\n"
        var parser = SSEParser()
        let primed = try parser.feed(bytes("id: s1-0\ndata:\n\n"))
        #expect(primed.isEmpty)
        #expect(parser.lastEventID == "s1-0")
        let rest = try parser.feed(bytes(text).dropFirst(16))
        #expect(rest == [SSEEvent(data: Self.progress, id: "s1-1")])
        #expect(parser.lastEventID == "s1-1")
        #expect(parser.retry == 3000)
        #expect(parser.finish().isEmpty)
    }

    @Test func officialSDKStream() throws {
        let first = #"{"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"2025-11-25","capabilities":{}}}"#
        let second = #"{"jsonrpc":"2.0","method":"notifications/message","params":{"level":"info","data":"é✓"}}"#
        let text = "event: message\ndata: \(first)\n\nevent: message\ndata: \(second)\n\n"
        let (events, parser) = try parse([bytes(text)])
        #expect(events == [SSEEvent(event: "message", data: first), SSEEvent(event: "message", data: second)])
        #expect(parser.lastEventID == nil)
        #expect(parser.retry == nil)
    }

    @Test func pymcpKitStream() throws {
        let stream = "445591af-ce68-43a9-94b8-57e8a17a4edb"
        let status = #"{"jsonrpc":"2.0","method":"notifications/tasks/status","params":{"status":"working"}}"#
        let done = #"{"jsonrpc":"2.0","method":"notifications/tasks/status","params":{"status":"completed"}}"#
        let text =
            ": connected\n\n: ping\n\nevent: message\nid: \(stream):1\ndata: \(status)\n\n"
            + ": ping\n\nevent: message\nid: \(stream):2\ndata: \(done)\n\n: ping\n\n"
        let (events, parser) = try parse([bytes(text)])
        #expect(
            events == [
                SSEEvent(event: "message", data: status, id: "\(stream):1"),
                SSEEvent(event: "message", data: done, id: "\(stream):2"),
            ])
        #expect(parser.lastEventID == "\(stream):2")
    }

    // MARK: Fields

    @Test func multiLineDataIsJoinedWithNewlines() throws {
        #expect(try events("data: one\ndata: two\ndata:\ndata: four\n\n") == [SSEEvent(data: "one\ntwo\n\nfour")])
    }

    @Test func eventNamesApplyToOneEvent() throws {
        let result = try events("event: a\ndata: 1\n\ndata: 2\n\nevent:\ndata: 3\n\n")
        #expect(result == [SSEEvent(event: "a", data: "1"), SSEEvent(data: "2"), SSEEvent(data: "3")])
    }

    @Test func commentsAreIgnored() throws {
        #expect(try events(": ping\ndata: x\n:\n: another\n\n: ping\n\n") == [SSEEvent(data: "x")])
    }

    @Test func fieldWithoutColonHasEmptyValue() throws {
        #expect(try events("data\ndata\n\n") == [SSEEvent(data: "\n")])
        #expect(try events("data\n\n").isEmpty)
        #expect(try events("id: 7\ndata: x\n\nid\ndata: y\n\n") == [SSEEvent(data: "x", id: "7"), SSEEvent(data: "y")])
    }

    @Test func onlyOneSpaceAfterTheColonIsRemoved() throws {
        let result = try events("data:x\n\ndata: x\n\ndata:  x\n\ndata:\tx\n\ndata: x \n\n")
        #expect(result.map(\.data) == ["x", "x", " x", "\tx", "x "])
    }

    @Test func fieldNamesAreExactAndCaseSensitive() throws {
        let result = try events("Data: no\ndata : no\nevent: e\nEVENT: no\nfoo: bar\ndata: yes\n\n")
        #expect(result == [SSEEvent(event: "e", data: "yes")])
    }

    @Test func idPersistsAcrossEventsAndEmptyIdResetsIt() throws {
        var parser = SSEParser()
        let result = try parser.feed(bytes("id: 1\ndata: a\n\ndata: b\n\nid:\ndata: c\n\n"))
        #expect(result == [SSEEvent(data: "a", id: "1"), SSEEvent(data: "b", id: "1"), SSEEvent(data: "c")])
        #expect(parser.lastEventID == nil)
    }

    @Test func idWithNulIsIgnored() throws {
        let (result, parser) = try parse([bytes("id: good\ndata: a\n\nid: b\u{0}d\ndata: b\n\n")])
        #expect(result == [SSEEvent(data: "a", id: "good"), SSEEvent(data: "b", id: "good")])
        #expect(parser.lastEventID == "good")
    }

    @Test func idWithoutDataStillCounts() throws {
        var parser = SSEParser()
        #expect(try parser.feed(bytes("id: 42\n")).isEmpty)
        #expect(parser.lastEventID == nil)  // not until the blank line dispatches the event
        #expect(try parser.feed(bytes("\n")).isEmpty)
        #expect(parser.lastEventID == "42")
    }

    @Test func retryMustBeAllDigits() throws {
        var parser = SSEParser()
        let input = "retry: 1500\ndata: a\n\nretry: 2x\nretry: -1\nretry:\nretry: 1.5\ndata: b\n\n"
        let result = try parser.feed(bytes(input))
        #expect(result == [SSEEvent(data: "a", retry: 1500), SSEEvent(data: "b")])
        #expect(parser.retry == 1500)
        _ = try parser.feed(bytes("retry: 99999999999999999999999\nretry:  10\n\n"))
        #expect(parser.retry == 1500)
        _ = try parser.feed(bytes("retry: 0\n\n"))
        #expect(parser.retry == 0)
    }

    @Test func eventIsNotDispatchedAtEndOfStreamWithoutBlankLine() throws {
        var parser = SSEParser()
        #expect(try parser.feed(bytes("data: a\n\nid: 9\ndata: lost\n")).map(\.data) == ["a"])
        #expect(parser.finish().isEmpty)
        #expect(parser.lastEventID == nil)
        #expect(try parser.feed(bytes("data: b")).isEmpty)
        #expect(parser.finish().isEmpty)
        #expect(parser.bufferedByteCount == 0)
    }

    @Test func finishedParserCanReadTheNextStream() throws {
        var parser = SSEParser()
        _ = try parser.feed(bytes("id: 3\nretry: 10\ndata: a\n\ndata: half"))
        _ = parser.finish()
        let next = try parser.feed(bytes("\u{FEFF}data: b\n\n"))
        #expect(next == [SSEEvent(data: "b", id: "3")])
        #expect(parser.retry == 10)
    }

    @Test func invalidUTF8IsReplaced() throws {
        let input: [UInt8] = bytes("event: e\u{FF}\ndata: a") + [0xFF, 0xC3] + bytes("\ndata: é\n\n")
        let (result, _) = try parse([input])
        #expect(result == [SSEEvent(event: "e\u{FF}", data: "a\u{FFFD}\u{FFFD}\né")])
    }

    // MARK: Line ends

    @Test(arguments: ["\r\n", "\n", "\r"])
    func lineEnds(_ newline: String) throws {
        let text = ["id: 1", "event: e", "data: a", "data: b", "", ": c", "data: c", "", ""].joined(separator: newline)
        let expected = [SSEEvent(event: "e", data: "a\nb", id: "1"), SSEEvent(data: "c", id: "1")]
        #expect(try events(text) == expected)
        #expect(try parse(bytes(text).map { [$0] }).0 == expected)
    }

    @Test func mixedLineEnds() throws {
        #expect(try events("data: a\r\ndata: b\rdata: c\n\r\n\r") == [SSEEvent(data: "a\nb\nc")])
        // CR CR is two line ends, LF CR is two line ends.
        #expect(try events("data: a\r\r") == [SSEEvent(data: "a")])
        #expect(try events("data: a\n\r") == [SSEEvent(data: "a")])
    }

    @Test func crlfSplitAcrossChunksIsOneLineEnd() throws {
        var parser = SSEParser()
        #expect(try parser.feed(bytes("data: a\r")).isEmpty)
        #expect(try parser.feed(bytes("\ndata: b\r")).isEmpty)
        #expect(try parser.feed([] as [UInt8]).isEmpty)
        #expect(try parser.feed(bytes("\n\r")) == [SSEEvent(data: "a\nb")])
        #expect(try parser.feed(bytes("\n")).isEmpty)  // the LF of the last CRLF, not a blank line
        #expect(try parser.feed(bytes("data: c\r")).isEmpty)
        #expect(try parser.feed(bytes("\r")) == [SSEEvent(data: "c")])
    }

    @Test func byteOrderMarkIsSkippedOnceAtTheStart() throws {
        #expect(try events("\u{FEFF}data: a\n\n") == [SSEEvent(data: "a")])
        #expect(try parse(bytes("\u{FEFF}data: a\n\n").map { [$0] }).0 == [SSEEvent(data: "a")])
        // A second BOM is part of the field name, so the line is an unknown field.
        #expect(try events("\u{FEFF}\u{FEFF}data: a\n\ndata: b\n\n") == [SSEEvent(data: "b")])
        #expect(try events("data: a\n\u{FEFF}data: b\n\n") == [SSEEvent(data: "a")])
    }

    // MARK: Size cap

    @Test func lineAndDataAtTheLimitAreAccepted() throws {
        let value = String(repeating: "x", count: 58)
        let line = "data: \(value)"  // 64 bytes
        #expect(try events("\(line)\n\n", maximumEventSize: 64) == [SSEEvent(data: value)])
        // Two 29-byte values plus the joining newline: 59 bytes of data.
        let half = String(repeating: "y", count: 29)
        let joined = "\(half)\n\(half)"
        let data = try events("data: \(half)\ndata: \(half)\n\n", maximumEventSize: 59)
        #expect(data == [SSEEvent(data: joined)])
    }

    @Test func overCapLineThrows() {
        let line = bytes("data: " + String(repeating: "x", count: 59))  // 65 bytes
        expectTooLarge([line + bytes("\n\n")], maximumEventSize: 64)
        expectTooLarge([line], maximumEventSize: 64)  // no line end yet
        expectTooLarge(line.map { [$0] }, maximumEventSize: 64)
        // Comments and unknown fields count too.
        expectTooLarge([bytes(": " + String(repeating: "p", count: 100) + "\n")], maximumEventSize: 64)
    }

    @Test func overCapMultiLineDataThrows() {
        let line = "data: " + String(repeating: "x", count: 20) + "\n"
        expectTooLarge([bytes(String(repeating: line, count: 4))], maximumEventSize: 64)
        expectTooLarge(bytes(String(repeating: line, count: 4)).map { [$0] }, maximumEventSize: 64)
        // Across events the data buffer starts over.
        let separate = try? events(String(repeating: line + "\n", count: 10), maximumEventSize: 64)
        #expect(separate?.count == 10)
    }

    @Test func errorMessageNamesTheLimit() {
        var parser = SSEParser(maximumEventSize: 1024 * 1024)
        let error = #expect(throws: TransportError.self) {
            _ = try parser.feed([UInt8](repeating: 0x61, count: 1024 * 1024 + 1))
        }
        #expect(error?.message.hasPrefix("the server sent an event larger than 1 MiB") == true)
    }

    // MARK: Chunking

    static let mixedStream: [UInt8] =
        [0xEF, 0xBB, 0xBF]
        + bytes(
            ": connected\r\n\r\nid: s1-0\r\ndata:\r\n\r\nevent: message\nid: s1-1\ndata: {\"a\":1}\n\n"
                + "retry: 3000\rdata: line one\rdata:  two é✓\r\rdata\r\nid: s1-2\n: ping\ndata:x\r\r\n"
                + "event: other\r\nfoo: bar\r\ndata: {\"b\":[1,2,3]}\r\n\r\nid: bad\u{0}\ndata: last\n\n"
                + "id: s1-3\n\ndata: never dispatched\n")

    static let mixedExpected = [
        SSEEvent(event: "message", data: #"{"a":1}"#, id: "s1-1"),
        SSEEvent(data: "line one\n two é✓", id: "s1-1", retry: 3000),
        SSEEvent(data: "\nx", id: "s1-2"),
        SSEEvent(event: "other", data: #"{"b":[1,2,3]}"#, id: "s1-2"),
        SSEEvent(data: "last", id: "s1-2"),
    ]

    @Test func mixedStreamAllAtOnce() throws {
        let (result, parser) = try parse([Self.mixedStream])
        #expect(result == Self.mixedExpected)
        #expect(parser.lastEventID == "s1-3")
        #expect(parser.retry == 3000)
    }

    @Test func mixedStreamOneByteAtATime() throws {
        let (result, parser) = try parse(Self.mixedStream.map { [$0] })
        #expect(result == Self.mixedExpected)
        #expect(parser.lastEventID == "s1-3")
    }

    @Test(arguments: [1, 7, 42, 1234, 99_999, 0xDEAD_BEEF] as [UInt64])
    func mixedStreamRandomSplits(seed: UInt64) throws {
        for maximumLength in [3, 9, 40] {
            let (result, parser) = try parse(randomChunks(Self.mixedStream, seed: seed, maximumLength: maximumLength))
            #expect(result == Self.mixedExpected)
            #expect(parser.lastEventID == "s1-3")
            #expect(parser.retry == 3000)
        }
    }

    @Test func nonContiguousCollectionsAreAccepted() throws {
        var parser = SSEParser()
        let chunk = bytes("data: a\n\n").lazy.map { $0 }
        #expect(try parser.feed(chunk) == [SSEEvent(data: "a")])
        #expect(try parser.feed(bytes("xxdata: b\n\n")[2...]) == [SSEEvent(data: "b")])
    }
}
