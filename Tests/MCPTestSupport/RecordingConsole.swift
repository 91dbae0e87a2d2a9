import MCPCommandKit
import MCPRender
import Synchronization

/// A console that keeps what is written to it, for tests of the command layer: standard output and
/// standard error as text, never a terminal, no prompter, and a clock the test sets.
package final class RecordingConsole: Sendable {
    /// The recorded text and the clock, shared with the console's streams.
    private final class Record: Sendable {
        let text = Mutex((stdout: "", stderr: ""))
        let clock: Mutex<Double>

        init(now: Double) { clock = Mutex(now) }
    }

    private let record: Record

    package init(now: Double = 1_800_000_000) { record = Record(now: now) }

    package var stdout: String { record.text.withLock { $0.stdout } }
    package var stderr: String { record.text.withLock { $0.stderr } }

    /// Moves the clock on.
    package func advance(seconds: Double) { record.clock.withLock { $0 += seconds } }

    package var console: Console {
        let record = record
        return Console(
            stdout: OutputStream { text in record.text.withLock { $0.stdout += text } },
            stderr: OutputStream { text in record.text.withLock { $0.stderr += text } },
            inputIsTerminal: false, now: { record.clock.withLock { $0 } })
    }
}
