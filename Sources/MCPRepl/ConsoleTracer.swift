import MCPClient
import MCPCommandKit
import MCPCore
import MCPRender

/// `trace on` in the REPL: every JSON-RPC message as `--trace -` writes it (one JSON object per line, with
/// time and direction), printed above the prompt; re-encoded, so a server's escape sequences never reach
/// the terminal.
package struct ConsoleTracer: MessageTracer {
    package let console: ReplConsole

    package func record(_ direction: TraceDirection, _ frame: [UInt8]) {
        var record: [String: JSONValue] = [
            "time": .string(Timestamps.format(console.base.now())), "dir": .string(direction.rawValue),
        ]
        if let message = try? JSONParser.parse(frame) {
            record["message"] = message
        } else {
            record["invalid"] = .string(Sanitizer.clean(String(decoding: frame, as: UTF8.self)))
        }
        console.printAbove(JSONWriter.compactString(.object(record)))
    }
}
