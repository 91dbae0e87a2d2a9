import Dispatch
import LineEditor
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Ctrl-C (and SIGTERM, SIGWINCH) in the REPL, routed by what is going on: a line being edited is
/// abandoned; a foreground command gets `soft` on the first press (a call cancels its task on the server,
/// a wait stops) and `hard` on the second (stop waiting at once); with neither, nothing happens.
final class ReplSignals: Sendable {
    /// What a foreground command does on Ctrl-C.
    final class Foreground: Sendable {
        let soft = Trigger()
        let hard = Trigger()
        private let presses = Mutex(0)
        /// Whether the first press is the hard one (a command with nothing gentler to do).
        let hardAtOnce: Bool

        init(hardAtOnce: Bool) { self.hardAtOnce = hardAtOnce }

        func press() {
            let count = presses.withLock { count in
                count += 1
                return count
            }
            if count == 1 && !hardAtOnce { soft.fire() } else { hard.fire() }
        }
    }

    private struct State {
        var foreground: Foreground?
        var stopping = false
    }

    private let state = Mutex(State())
    private let editor: LineEditor?
    /// Ends a plain (piped) read, where there is no editor.
    private let endPlainRead: @Sendable () -> Void
    /// Asked to quit (SIGTERM), at the next prompt.
    let quit = Trigger()
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    init(editor: LineEditor?, endPlainRead: @escaping @Sendable () -> Void) {
        self.editor = editor
        self.endPlainRead = endPlainRead
        for number in [SIGINT, SIGTERM, SIGWINCH] {
            // Until the source is registered the default action must not end the program; but a handler
            // libdispatch has installed already (it routes the signal to its sources) must stay.
            var current = sigaction()
            if number != SIGWINCH, sigaction(number, nil, &current) == 0,
                current.__sigaction_handler.sa_handler == nil
            {
                signal(number, SIG_IGN)
            }
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.deliver(number) }
            source.resume()
            Self.sources.append(source)
        }
    }

    private func deliver(_ number: Int32) {
        switch number {
        case SIGWINCH:
            editor?.resized()
        case SIGTERM:
            quit.fire()
            state.withLock { $0.foreground }?.press()
            state.withLock { $0.foreground }?.press()
            if editor?.interrupt() != true { endPlainRead() }
        default:
            // A question or the prompt on the terminal takes Ctrl-C first: it dismisses just that.
            if editor?.interrupt() == true { return }
            if let foreground = state.withLock({ $0.foreground }) {
                foreground.press()
            } else if editor == nil {
                // Piped input and nothing running: Ctrl-C ends the script.
                quit.fire()
                endPlainRead()
            }
        }
    }

    /// Nothing is in the foreground any more.
    func endForeground() { state.withLock { $0.foreground = nil } }

    /// Runs `body` as the foreground command: Ctrl-C goes to its `Foreground`.
    func foreground<Value>(hardAtOnce: Bool, _ body: (Foreground) async throws -> Value) async rethrows -> Value {
        let foreground = Foreground(hardAtOnce: hardAtOnce)
        state.withLock { $0.foreground = foreground }
        defer { state.withLock { $0.foreground = nil } }
        return try await body(foreground)
    }
}
