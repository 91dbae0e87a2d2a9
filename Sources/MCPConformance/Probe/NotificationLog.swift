import MCPCore
import Synchronization

/// Every notification the server sent during the check, parsed, in arrival order (the session's tap sees
/// them before anything else does).
package final class NotificationLog: Sendable {
    private let entries = Mutex<[JSONValue]>([])

    package init() {}

    /// Keeps one inbound notification frame; one that does not parse is kept as a string.
    package func record(_ frame: [UInt8]) {
        let message = (try? JSONParser.parse(frame)) ?? .string(String(decoding: frame, as: UTF8.self))
        entries.withLock { $0.append(message) }
    }

    package var all: [JSONValue] { entries.withLock { $0 } }

    /// The `notifications/tasks/status` messages about `taskID`.
    package func statuses(of taskID: String) -> [JSONValue] {
        all.filter {
            $0["method"]?.stringValue == "notifications/tasks/status"
                && $0["params"]?["taskId"]?.stringValue == taskID
        }
    }
}
