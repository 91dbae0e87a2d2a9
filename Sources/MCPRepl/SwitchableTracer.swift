import MCPClient
import MCPCommandKit
import Synchronization

/// The REPL's wire trace: `--trace FILE` when the REPL was started with one, and `trace on|off` at the prompt
/// (on: every JSON-RPC message to stderr, one JSON object per line, as `--trace -` writes them).
package final class SwitchableTracer: MessageTracer {
    private let target = Mutex<(any MessageTracer)?>(nil)

    package init(initial: (any MessageTracer)?) { target.withLock { $0 = initial } }

    package var isOn: Bool { target.withLock { $0 != nil } }

    package func set(_ tracer: (any MessageTracer)?) { target.withLock { $0 = tracer } }

    package func record(_ direction: TraceDirection, _ frame: [UInt8]) {
        target.withLock { $0 }?.record(direction, frame)
    }
}
