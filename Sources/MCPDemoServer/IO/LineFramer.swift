/// Splits a byte stream into lines (newline-delimited JSON), dropping any line longer than a cap.
///
/// Pure and incremental: feed chunks as they arrive, in any split; a trailing `\r` is removed and blank lines
/// are skipped.
struct LineFramer: Sendable {
    /// One line, or the size of a line that went over the cap (its bytes are thrown away).
    enum Frame: Sendable, Equatable {
        case line([UInt8])
        case oversized(byteCount: Int)
    }

    let maxLineBytes: Int
    private var buffer: [UInt8] = []
    /// Set while skipping the rest of an oversized line; counts its bytes.
    private var discarded: Int?

    init(maxLineBytes: Int) { self.maxLineBytes = maxLineBytes }

    mutating func feed(_ chunk: ArraySlice<UInt8>) -> [Frame] {
        var frames: [Frame] = []
        var rest = chunk
        while let newline = rest.firstIndex(of: 0x0A) {
            append(rest[..<newline])
            if let frame = takeFrame() { frames.append(frame) }
            rest = rest[(newline + 1)...]
        }
        append(rest)
        return frames
    }

    /// The last line when the stream ends without a newline.
    mutating func finish() -> [Frame] {
        takeFrame().map { [$0] } ?? []
    }

    private mutating func append(_ bytes: ArraySlice<UInt8>) {
        if let count = discarded {
            discarded = count + bytes.count
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count > maxLineBytes {
            discarded = buffer.count
            buffer = []
        }
    }

    private mutating func takeFrame() -> Frame? {
        defer {
            buffer.removeAll(keepingCapacity: buffer.count < 1 << 16)
            discarded = nil
        }
        if let count = discarded { return .oversized(byteCount: count) }
        if buffer.last == 0x0D { buffer.removeLast() }
        let isBlank = buffer.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
        return isBlank ? nil : .line(buffer)
    }
}
