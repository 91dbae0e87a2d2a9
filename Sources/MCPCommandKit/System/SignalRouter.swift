import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The one owner of the process's signals. The executable installs it once; commands, the REPL and the
/// prompter subscribe to the signals they react to and unsubscribe when done, so nothing else ever calls
/// `signal` or makes a dispatch source. A router that was never installed delivers only what `deliver`
/// is given, which is how tests send a signal without sending one to the process.
package final class SignalRouter: Sendable {
    /// The signals mcptask reacts to.
    package static let routed: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGWINCH]

    private struct State {
        var handlers: [Int: (signals: Set<Int32>, handler: @Sendable (Int32) -> Void)] = [:]
        var nextKey = 0
    }

    private let state = Mutex(State())
    nonisolated(unsafe) private var sources: [any DispatchSourceSignal] = []

    package init() {}

    /// Takes over SIGINT, SIGTERM, SIGHUP and SIGWINCH for the process (their default actions are replaced by
    /// delivery to subscribers) and ignores SIGPIPE, so a write to a server that has gone fails with EPIPE
    /// instead of ending mcptask. Call it once, before anything runs.
    package static func installed() -> SignalRouter {
        let router = SignalRouter()
        signal(SIGPIPE, SIG_IGN)
        for number in routed {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [router] in router.deliver(number) }
            source.resume()
            router.sources.append(source)
        }
        return router
    }

    /// A subscription; `cancel` ends it.
    package struct Subscription: Sendable {
        fileprivate let key: Int
        fileprivate let router: SignalRouter

        package func cancel() { router.state.withLock { _ = $0.handlers.removeValue(forKey: key) } }
    }

    /// Calls `handler` (on a global queue) for each of `signals` from now until the subscription is cancelled.
    @discardableResult
    package func subscribe(
        _ signals: Set<Int32>, _ handler: @escaping @Sendable (Int32) -> Void
    ) -> Subscription {
        let key = state.withLock { state in
            defer { state.nextKey += 1 }
            state.handlers[state.nextKey] = (signals, handler)
            return state.nextKey
        }
        return Subscription(key: key, router: self)
    }

    /// Hands `signal` to every subscriber of it.
    package func deliver(_ signal: Int32) {
        let handlers = state.withLock { state in
            state.handlers.sorted { $0.key < $1.key }.filter { $0.value.signals.contains(signal) }.map(\.value.handler)
        }
        for handler in handlers { handler(signal) }
    }
}
