import MCPCore

extension ClientSession {
    /// The transport, when it can send a request with changed HTTP headers (Streamable HTTP; not stdio, not
    /// a background session's socket).
    public var headerProbing: (any HeaderProbing)? { transport as? any HeaderProbing }
}
