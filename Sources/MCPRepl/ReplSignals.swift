import LineEditor
import MCPCommandKit
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Ctrl-C (and SIGTERM, SIGHUP, SIGWINCH) in the REPL, routed by what is going on: a line being edited is
/// abandoned; a foreground command gets `soft` on the first press (a call cancels its task on the server,
/// a wait stops) and `hard` on the second (stop waiting at once); with neither, nothing happens.
package final class ReplSignals: Sendable {
    /// What a foreground command does on Ctrl-C.
    package final class Foreground: Sendable {
        package let soft = Trigger()
        package let hard = Trigger()
        private let presses = Mutex(0)
        /// Whether the first press is the hard one (a command with nothing gentler to do).
        package let hardAtOnce: Bool

        package init(hardAtOnce: Bool) { self.hardAtOnce = hardAtOnce }

        package func press() {
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
        /// SIGTERM or SIGHUP, when one ended the REPL.
        var terminatedBy: Int32?
    }

    private let state = Mutex(State())
    private let editor: LineEditor?
    /// Ends a plain (piped) read, where there is no editor.
    private let endPlainRead: @Sendable () -> Void
    /// Asked to quit (SIGTERM), at the next prompt.
    package let quit = Trigger()
    private let subscription = Mutex<SignalRouter.Subscription?>(nil)

    package init(router: SignalRouter, editor: LineEditor?, endPlainRead: @escaping @Sendable () -> Void) {
        self.editor = editor
        self.endPlainRead = endPlainRead
        let subscribed = router.subscribe([SIGINT, SIGTERM, SIGHUP, SIGWINCH]) { [weak self] in self?.deliver($0) }
        subscription.withLock { $0 = subscribed }
    }

    deinit { subscription.withLock { $0?.cancel() } }

    private func deliver(_ number: Int32) {
        switch number {
        case SIGWINCH:
            editor?.resized()
        case SIGTERM, SIGHUP:
            // Cannot wait for the person: a foreground call cancels its task (a watch stops at once), and the
            // REPL quits at the next prompt, its server torn down on the way out.
            state.withLock { $0.terminatedBy = $0.terminatedBy ?? number }
            quit.fire()
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

    /// The signal that ended the REPL (SIGTERM, SIGHUP), if one did: its exit status is 128 + it.
    package var terminatedBy: Int32? { state.withLock { $0.terminatedBy } }

    /// Nothing is in the foreground any more.
    package func endForeground() { state.withLock { $0.foreground = nil } }

    /// Runs `body` as the foreground command: Ctrl-C goes to its `Foreground`.
    package func foreground<Value>(hardAtOnce: Bool, _ body: (Foreground) async throws -> Value) async rethrows -> Value
    {
        let foreground = Foreground(hardAtOnce: hardAtOnce)
        state.withLock { $0.foreground = foreground }
        defer { state.withLock { $0.foreground = nil } }
        return try await body(foreground)
    }
}
