import Synchronization

/// While someone is asked a question on the terminal (an elicitation form), live views must not redraw
/// their line over it. `hold` marks such a span; a live view skips drawing while one is open and catches up
/// at its next tick.
public enum TerminalHold {
    private struct State {
        var holders = 0
        /// Diagnostic lines that came while held, printed when the question is answered.
        var deferred: [(stream: OutputStream, text: String)] = []
    }

    private static let state = Mutex(State())

    /// Whether a question is on the terminal now.
    public static var isHeld: Bool { state.withLock { $0.holders > 0 } }

    /// Runs `body` with the terminal held; the live line, if one is drawn, is cleared first.
    public static func hold<Value>(
        clearing stream: OutputStream = .standardError, _ body: () async throws -> Value
    ) async rethrows -> Value {
        state.withLock { $0.holders += 1 }
        defer {
            let lines = state.withLock { state -> [(stream: OutputStream, text: String)] in
                state.holders -= 1
                guard state.holders == 0 else { return [] }
                defer { state.deferred = [] }
                return state.deferred
            }
            for line in lines { line.stream.line(line.text) }
        }
        if stream.isTerminal { stream.write("\r\u{1B}[2K") }
        return try await body()
    }

    /// Writes a diagnostic line to `stream` (standard error), or keeps it until the question on the terminal
    /// is answered, so it does not land in the middle of the line being typed.
    public static func line(_ text: String, to stream: OutputStream = .standardError) {
        let now = state.withLock { state -> Bool in
            guard state.holders > 0 else { return true }
            state.deferred.append((stream, text))
            return false
        }
        if now { stream.line(text) }
    }
}
