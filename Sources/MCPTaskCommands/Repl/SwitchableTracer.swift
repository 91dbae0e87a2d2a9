import MCPClient
import Synchronization

/// The REPL's wire trace: `--trace FILE` when the REPL was started with one, and `trace on|off` at the prompt
/// (on: every JSON-RPC message to stderr, one JSON object per line, as `--trace -` writes them).
final class SwitchableTracer: MessageTracer {
    private let target = Mutex<(any MessageTracer)?>(nil)

    init(initial: (any MessageTracer)?) { target.withLock { $0 = initial } }

    var isOn: Bool { target.withLock { $0 != nil } }

    func set(_ tracer: (any MessageTracer)?) { target.withLock { $0 = tracer } }

    func record(_ direction: TraceDirection, _ frame: [UInt8]) {
        target.withLock { $0 }?.record(direction, frame)
    }
}
