import Synchronization

/// A flag set from any task (an elicitation declined for want of answers).
package final class DeclineFlag: Sendable {
    private let value = Mutex(false)
    package init() {}
    package func set() { value.withLock { $0 = true } }
    package var isSet: Bool { value.withLock { $0 } }
}
