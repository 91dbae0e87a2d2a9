import MCPCore

/// The client's reading of the shared line framer: a line over the cap breaks the connection, since skipping it
/// could lose a response and leave its request waiting for ever.
extension LineFramer {
    /// The message a frame holds; an oversized frame throws `messageTooLarge`.
    func message(in frame: Frame) throws(TransportError) -> [UInt8] {
        switch frame {
        case .line(let bytes): return bytes
        case .oversized: throw messageTooLarge
        }
    }

    /// Throws as soon as the line being read is known to be over the cap, so the client never reads on to its end.
    func refuseOversizedLineInProgress() throws(TransportError) {
        if isSkippingOversizedLine { throw messageTooLarge }
    }

    var messageTooLarge: TransportError {
        TransportError(
            .protocolViolation,
            "the server sent a message larger than \(ByteSize(maximumFrameSize)); "
                + "raise --max-frame-size if this server really sends such messages")
    }
}
