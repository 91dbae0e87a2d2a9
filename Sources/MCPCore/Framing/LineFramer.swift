/// Splits a byte stream into newline-delimited frames (MCP stdio framing: one JSON-RPC message per line), with a
/// size cap.
///
/// Pure and incremental: feed chunks as they arrive, split anywhere, and get back the frames they complete; the
/// frames never depend on where the splits fall. Only `\n` ends a frame, never U+2028 and friends; one `\r` before
/// it is dropped; blank lines (spaces, tabs and carriage returns only) are skipped.
///
/// A frame's size is its length without the line ending. A line over `maximumFrameSize` is not kept: its bytes are
/// skipped up to the next newline and it comes out as `.oversized(byteCount:)`, in its place among the lines, so the
/// caller decides what it means (end the connection, answer with an error, or just go on).
///
/// The newline search runs over the caller's buffer and never goes back: only the unfinished end of a line is
/// copied and kept, and the bytes kept hold no newline, so they are never searched again.
public struct LineFramer: Sendable {
    /// What one line of input turned out to be.
    public enum Frame: Sendable, Hashable {
        /// A line's bytes, without its line ending.
        case line([UInt8])
        /// A line longer than the cap, by its size without the line ending; its bytes were thrown away.
        case oversized(byteCount: Int)
    }

    /// The largest frame accepted, in bytes, not counting the line ending.
    public let maximumFrameSize: Int
    /// The start of the current line while it is within the cap (plus one byte, a `\r` that may yet turn out to
    /// be part of the line ending). Never holds a newline.
    private var pending: [UInt8] = []
    /// Set while the current line is over the cap and being skipped.
    private var skipped: SkippedLine?

    private struct SkippedLine: Sendable {
        var byteCount: Int
        var endsWithCarriageReturn: Bool
    }

    public init(maximumFrameSize: Int = 16 * 1024 * 1024) {
        self.maximumFrameSize = maximumFrameSize
    }

    /// Bytes held back waiting for a newline (none while an oversized line is skipped).
    public var bufferedByteCount: Int { pending.count }

    /// True from the moment the current line is known to be over the cap until its newline; its `.oversized` frame
    /// comes then. Lets a caller that treats an oversized frame as fatal give up without reading to the line's end.
    public var isSkippingOversizedLine: Bool { skipped != nil }

    /// Appends `bytes` and returns every frame they complete.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer) -> [Frame] {
        bytes.withMemoryRebound(to: UInt8.self) { buffer in feed(contiguous: buffer) }
    }

    /// Appends `bytes` and returns every frame they complete.
    public mutating func feed(_ bytes: some Collection<UInt8>) -> [Frame] {
        let frames = bytes.withContiguousStorageIfAvailable { buffer in feed(contiguous: buffer) }
        return frames ?? Array(bytes).withUnsafeBufferPointer { buffer in feed(contiguous: buffer) }
    }

    /// Called at end of input: a last line without a newline is still a frame.
    public mutating func finish() -> [Frame] {
        guard skipped != nil || !pending.isEmpty else { return [] }
        return endLine(with: UnsafeBufferPointer(start: nil, count: 0)).map { [$0] } ?? []
    }

    private mutating func feed(contiguous bytes: UnsafeBufferPointer<UInt8>) -> [Frame] {
        var frames: [Frame] = []
        var start = 0
        while let newline = ByteSearch.firstIndex(of: 0x0A, in: UnsafeRawBufferPointer(bytes), from: start) {
            if let frame = endLine(with: UnsafeBufferPointer(rebasing: bytes[start..<newline])) {
                frames.append(frame)
            }
            start = newline + 1
        }
        extendLine(with: UnsafeBufferPointer(rebasing: bytes[start...]))
        return frames
    }

    /// Ends the current line with `bytes`, the last of it before the newline.
    private mutating func endLine(with bytes: UnsafeBufferPointer<UInt8>) -> Frame? {
        if let line = skipped {
            skipped = nil
            let endsWithReturn = bytes.isEmpty ? line.endsWithCarriageReturn : bytes.last == 0x0D
            return .oversized(byteCount: line.byteCount + bytes.count - (endsWithReturn ? 1 : 0))
        }
        let endsWithReturn = bytes.isEmpty ? pending.last == 0x0D : bytes.last == 0x0D
        let size = pending.count + bytes.count - (endsWithReturn ? 1 : 0)
        guard size <= maximumFrameSize else {
            pending = []
            return .oversized(byteCount: size)
        }
        var line: [UInt8] = []
        if pending.isEmpty {
            line = Array(UnsafeBufferPointer(rebasing: bytes[..<size]))
        } else {
            // Hand the kept bytes over without copying them; the next line starts a new buffer.
            swap(&line, &pending)
            line.append(contentsOf: bytes)
            if endsWithReturn { line.removeLast() }
        }
        let isBlank = line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
        return isBlank ? nil : .line(line)
    }

    /// Adds `bytes`, which hold no newline, to the current line, or starts skipping it once it is over the cap.
    private mutating func extendLine(with bytes: UnsafeBufferPointer<UInt8>) {
        guard let last = bytes.last else { return }
        if var line = skipped {
            line.byteCount += bytes.count
            line.endsWithCarriageReturn = last == 0x0D
            skipped = line
            return
        }
        // A trailing `\r` is not counted yet: it is the line ending if a newline follows it.
        let byteCount = pending.count + bytes.count
        guard byteCount - (last == 0x0D ? 1 : 0) <= maximumFrameSize else {
            pending = []
            skipped = SkippedLine(byteCount: byteCount, endsWithCarriageReturn: last == 0x0D)
            return
        }
        pending.append(contentsOf: bytes)
    }
}
