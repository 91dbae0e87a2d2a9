/// Receives every JSON-RPC frame in and out, for `--trace`.
public protocol MessageTracer: Sendable {
    func record(_ direction: TraceDirection, _ frame: [UInt8])
}

public enum TraceDirection: String, Sendable {
    case outbound = "send"
    case inbound = "recv"
}
