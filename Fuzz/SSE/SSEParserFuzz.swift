import MCPCore

/// libFuzzer entry for `SSEParser`. Input: one byte choosing the cap, one seeding the chunk splits, then the
/// stream. Parsing it whole, in random chunks and a byte at a time must give the same events, the same last event
/// id and retry, and the same error; no event may be empty or over the cap, and nothing buffered may exceed it.
@_cdecl("LLVMFuzzerTestOneInput")
public func sseParserFuzz(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    var input = FuzzInput(start, count, controlByteCount: 2)
    // Mostly small caps, to reach the too-large error with short inputs; 255 stands for the default 16 MiB.
    let cap = input.control.first.map { $0 == 255 ? 16 * 1024 * 1024 : Int($0) % 96 + 1 } ?? 64

    let whole = parse([input.data[...]], cap: cap)
    let chunked = parse(input.chunks(largest: min(2 * cap + 3, 512)), cap: cap)
    fuzzCheck(chunked == whole, "split input: \(chunked) but whole: \(whole)")
    if input.data.count <= 4096 {
        let byByte = parse(input.data.map { [$0][...] }, cap: cap)
        fuzzCheck(byByte == whole, "a byte at a time: \(byByte) but whole: \(whole)")
    }
    return 0
}

/// What a parser made of a stream: its events until the end or the first error, and its state after.
private struct Outcome: Equatable {
    var events: [SSEEvent] = []
    var error: TransportError?
    var lastEventID: String?
    var retry: Int?
}

private func parse(_ chunks: [ArraySlice<UInt8>], cap: Int) -> Outcome {
    var parser = SSEParser(maximumEventSize: cap)
    var outcome = Outcome()
    for chunk in chunks {
        do {
            let events = try parser.feed(chunk)
            for event in events {
                fuzzCheck(!event.data.isEmpty, "an event with empty data was dispatched")
                fuzzCheck(event.data.utf8.count <= cap || hasReplacements(event.data), "event over the cap \(cap)")
            }
            outcome.events += events
        } catch {
            // After an error the parser is discarded, so events of the failing chunk are not compared: only that
            // every split fails, with the same message.
            outcome.error = error
            outcome.events = []
            return outcome
        }
        fuzzCheck(parser.bufferedByteCount <= cap, "keeps \(parser.bufferedByteCount) bytes, cap \(cap)")
    }
    fuzzCheck(parser.finish().isEmpty, "finish dispatched an unterminated event")
    outcome.lastEventID = parser.lastEventID
    outcome.retry = parser.retry
    return outcome
}

/// Lenient UTF-8 decoding turns each bad byte into U+FFFD (three bytes), so such data may read longer than the
/// bytes that were capped.
private func hasReplacements(_ text: String) -> Bool {
    text.unicodeScalars.contains("\u{FFFD}")
}
