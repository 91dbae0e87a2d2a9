import MCPCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One dispatched Server-Sent Event (WHATWG HTML "server-sent events", as used by MCP Streamable HTTP 2025-11-25).
public struct SSEEvent: Sendable, Equatable {
    /// The `event:` type, or nil when the server sent none (the default type, `message`).
    public var event: String?
    /// The `data:` lines joined with `\n`; never empty (events with empty data are not dispatched).
    public var data: String
    /// The last event id in effect when the event was dispatched: what to send as `Last-Event-ID`.
    public var id: String?
    /// The `retry:` value, in milliseconds, sent in this event's own block, if any.
    public var retry: Int?

    public init(event: String? = nil, data: String, id: String? = nil, retry: Int? = nil) {
        self.event = event
        self.data = data
        self.id = id
        self.retry = retry
    }
}

/// Parses a Server-Sent Events byte stream into events, with a size cap.
///
/// Pure and incremental: feed any chunks, get back the events they complete. Follows the WHATWG
/// EventSource parsing rules: CRLF, LF and CR line ends (a CRLF split across chunks is one line end), one
/// leading UTF-8 BOM skipped, `:` comments, one optional space after the colon, unknown fields ignored,
/// UTF-8 decoded leniently. Two MCP-friendly choices: an event whose data is empty (the priming event
/// `id: x` + `data:`) is not dispatched but its id still counts, and an empty `id:` resets the id to nil.
/// After a thrown error the parser must be discarded.
public struct SSEParser: Sendable {
    /// The largest line, and the largest event data, accepted, in bytes.
    public let maximumEventSize: Int
    /// The id of the last event seen (the `Last-Event-ID` to resume with); an `id` field with no data still
    /// updates it once its event's blank line arrives.
    public private(set) var lastEventID: String?
    /// The latest `retry:` value in milliseconds.
    public private(set) var retry: Int?

    /// Bytes of an unfinished line carried over from the previous chunk.
    private var pending: [UInt8] = []
    /// The previous chunk ended with CR: an LF at the start of the next one belongs to it.
    private var skipLeadingLineFeed = false
    private var isFirstLine = true
    private var dataBuffer: [UInt8] = []
    private var hasData = false
    private var eventType: String?
    private var idBuffer: String?
    private var blockRetry: Int?

    public init(maximumEventSize: Int = 16 * 1024 * 1024) {
        self.maximumEventSize = maximumEventSize
    }

    /// Bytes held back waiting for a line end.
    public var bufferedByteCount: Int { pending.count }

    /// Appends `bytes` and returns every event they complete.
    public mutating func feed(_ bytes: some Collection<UInt8>) throws(TransportError) -> [SSEEvent] {
        var events: [SSEEvent] = []
        let outcome = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(TransportError) in try self.scan(buffer, into: &events) }
        }
        switch outcome {
        case .success?: break
        case .failure(let error)?: throw error
        case nil:
            let copy = Array(bytes)
            try copy.withUnsafeBufferPointer { (buffer) throws(TransportError) in try scan(buffer, into: &events) }
        }
        return events
    }

    /// Called at end of input. An event without its closing blank line is discarded, as the spec says (so this
    /// returns no events). `lastEventID` and `retry` are kept, and the parser is ready for the next stream of
    /// the same source (a reconnect).
    public mutating func finish() -> [SSEEvent] {
        pending = []
        skipLeadingLineFeed = false
        isFirstLine = true
        idBuffer = lastEventID
        resetEvent()
        return []
    }

    private mutating func scan(_ buffer: UnsafeBufferPointer<UInt8>, into events: inout [SSEEvent])
        throws(TransportError)
    {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
        let end = buffer.count
        var start = 0
        if skipLeadingLineFeed {
            skipLeadingLineFeed = false
            if base[0] == 0x0A { start = 1 }
        }
        // Next CR and LF positions at or after `start`, found with memchr and reused until passed, so a
        // stream with only one kind of line end is still scanned once.
        var nextCR = -1
        var nextLF = -1
        while start < end {
            if nextCR < start { nextCR = Self.find(0x0D, base, from: start, to: end) }
            if nextLF < start { nextLF = Self.find(0x0A, base, from: start, to: end) }
            let lineEnd = min(nextCR, nextLF)
            if lineEnd == end { break }
            let line = UnsafeBufferPointer(start: base + start, count: lineEnd - start)
            if pending.isEmpty {
                try processLine(line, into: &events)
            } else {
                try processPending(adding: line, into: &events)
            }
            start = lineEnd + 1
            if lineEnd == nextCR {
                if start == end {
                    skipLeadingLineFeed = true
                } else if base[start] == 0x0A {
                    start += 1
                }
            }
        }
        if start < end {
            guard pending.count + (end - start) <= maximumEventSize else { throw tooLarge() }
            pending.append(contentsOf: UnsafeBufferPointer(start: base + start, count: end - start))
        }
    }

    /// The index of the first `byte` in `base[from..<to]`, or `to`.
    private static func find(_ byte: UInt8, _ base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
        guard let found = memchr(base + from, Int32(byte), to - from) else { return to }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    private mutating func processPending(adding tail: UnsafeBufferPointer<UInt8>, into events: inout [SSEEvent])
        throws(TransportError)
    {
        var line: [UInt8] = []
        swap(&line, &pending)
        line.append(contentsOf: tail)
        try line.withUnsafeBufferPointer { (buffer) throws(TransportError) in try processLine(buffer, into: &events) }
        line.removeAll(keepingCapacity: true)
        swap(&line, &pending)
    }

    private mutating func processLine(_ rawLine: UnsafeBufferPointer<UInt8>, into events: inout [SSEEvent])
        throws(TransportError)
    {
        guard rawLine.count <= maximumEventSize else { throw tooLarge() }
        var line = rawLine
        if isFirstLine {
            isFirstLine = false
            if line.count >= 3, line[0] == 0xEF, line[1] == 0xBB, line[2] == 0xBF {
                line = UnsafeBufferPointer(rebasing: line[3...])
            }
        }
        guard let base = line.baseAddress, !line.isEmpty else { return dispatch(into: &events) }
        if base[0] == 0x3A { return }  // a comment
        let colon = Self.find(0x3A, base, from: 0, to: line.count)
        let field = UnsafeBufferPointer(start: base, count: colon)
        var valueStart = min(colon + 1, line.count)
        if valueStart < line.count, base[valueStart] == 0x20 { valueStart += 1 }
        let value = UnsafeBufferPointer(start: base + valueStart, count: line.count - valueStart)
        if Self.field(field, is: "data") {
            try appendData(value)
        } else if Self.field(field, is: "event") {
            eventType = value.isEmpty ? nil : String(decoding: value, as: UTF8.self)
        } else if Self.field(field, is: "id") {
            if !value.contains(0) { idBuffer = value.isEmpty ? nil : String(decoding: value, as: UTF8.self) }
        } else if Self.field(field, is: "retry") {
            if let milliseconds = Self.parseDigits(value) {
                retry = milliseconds
                blockRetry = milliseconds
            }
        }  // other fields are ignored
    }

    private static func field(_ field: UnsafeBufferPointer<UInt8>, is name: StaticString) -> Bool {
        guard field.count == name.utf8CodeUnitCount, let base = field.baseAddress else { return false }
        return memcmp(base, name.utf8Start, field.count) == 0
    }

    private mutating func appendData(_ value: UnsafeBufferPointer<UInt8>) throws(TransportError) {
        let separator = hasData ? 1 : 0
        guard dataBuffer.count + separator + value.count <= maximumEventSize else { throw tooLarge() }
        if hasData { dataBuffer.append(0x0A) }
        dataBuffer.append(contentsOf: value)
        hasData = true
    }

    private mutating func dispatch(into events: inout [SSEEvent]) {
        lastEventID = idBuffer
        if !dataBuffer.isEmpty {
            let data = String(decoding: dataBuffer, as: UTF8.self)
            events.append(SSEEvent(event: eventType, data: data, id: lastEventID, retry: blockRetry))
        }
        resetEvent()
    }

    private mutating func resetEvent() {
        dataBuffer.removeAll(keepingCapacity: true)
        hasData = false
        eventType = nil
        blockRetry = nil
    }

    /// The value as a base-10 integer if it is one or more ASCII digits and fits in an `Int`.
    private static func parseDigits(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty else { return nil }
        var result = 0
        for byte in bytes {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            let (times10, overflow1) = result.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int(byte - 0x30))
            if overflow1 || overflow2 { return nil }
            result = sum
        }
        return result
    }

    private func tooLarge() -> TransportError {
        let size = HTTPFailure.byteSize(maximumEventSize)
        return TransportError(
            .protocolViolation,
            "the server sent an event larger than \(size); "
                + "raise --max-frame-size if this server really sends such events")
    }
}
