import MCPCore

/// libFuzzer entry for `LineFramer`. Input: one byte choosing the cap, one seeding the chunk splits, then the
/// stream. The frames must be exactly those of a plain model of the framing rules (so the same however the stream
/// is split), and no kept line or buffer may exceed the cap.
@_cdecl("LLVMFuzzerTestOneInput")
public func lineFramerFuzz(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    var input = FuzzInput(start, count, controlByteCount: 2)
    // Mostly small caps, which reach the oversized paths (and lines exactly at the cap) with short inputs; 255
    // stands for the default 16 MiB.
    let cap = input.control.first.map { $0 == 255 ? 16 * 1024 * 1024 : Int($0) % 64 } ?? 16
    let expected = modelFrames(input.data, cap: cap)

    var whole = LineFramer(maximumFrameSize: cap)
    let wholeFrames = whole.feed(input.data) + whole.finish()
    fuzzCheck(wholeFrames == expected, "whole input: \(wholeFrames) but the rules give \(expected)")

    var chunked = LineFramer(maximumFrameSize: cap)
    var chunkedFrames: [LineFramer.Frame] = []
    for chunk in input.chunks(largest: min(2 * cap + 3, 512)) {
        chunkedFrames += chunk.withUnsafeBytes { chunked.feed($0) }
        fuzzCheck(chunked.bufferedByteCount <= cap + 1, "keeps \(chunked.bufferedByteCount) bytes, cap \(cap)")
        fuzzCheck(
            !chunked.isSkippingOversizedLine || chunked.bufferedByteCount == 0, "keeps bytes of an oversized line")
    }
    chunkedFrames += chunked.finish()
    fuzzCheck(chunkedFrames == expected, "split input: \(chunkedFrames) but the rules give \(expected)")
    fuzzCheck(chunked.finish().isEmpty && chunked.bufferedByteCount == 0, "finish left something behind")
    return 0
}

/// The framing rules, written the obvious way: split at every `\n`, a last line without one still counts, one
/// `\r` before the end is dropped, a line over the cap becomes `.oversized`, and blank lines are skipped.
private func modelFrames(_ data: [UInt8], cap: Int) -> [LineFramer.Frame] {
    var lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
    if lines.last?.isEmpty == true { lines.removeLast() }
    return lines.compactMap { raw in
        let line = raw.last == 0x0D ? raw.dropLast() : raw
        if line.count > cap { return .oversized(byteCount: line.count) }
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return nil }
        return .line(Array(line))
    }
}
