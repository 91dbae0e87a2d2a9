import MCPCommandKit
import MCPCore
import Synchronization

/// Tab completion in the REPL, from what the session already knows (never a request while the person types):
/// verbs, tool names, a tool's argument names (`name=`) and their enum or boolean values, task ids and job
/// numbers, and each verb's flags.
package final class ReplCompletion: Sendable {
    package struct Known: Sendable {
        package var tools: [Tool] = []
        package var taskIDs: [String] = []
        package var jobNumbers: [Int] = []
    }

    private let known = Mutex(Known())

    package func update(_ change: (inout Known) -> Void) { known.withLock { change(&$0) } }

    package static let verbs = [
        "call", "cancel", "exit", "fg", "help", "jobs", "quit", "result", "status", "tasks", "tools", "trace", "watch",
    ]

    package static let flags: [String: [String]] = [
        "call": [
            "--answer", "--answers", "--args", "--detach", "--events", "--json", "--no-task", "--task", "--timeout",
            "--ttl",
        ],
        "watch": ["--events", "--json", "--result", "--timeout"],
        "result": ["--events", "--json", "--timeout"],
        "status": ["--json"],
        "cancel": ["--json"],
        "tasks": ["--json"],
        "tools": ["--json"],
    ]

    /// The verbs a word can begin; `call`, the verb used most, wins over others it shares a prefix with
    /// (`ca` completes to `call`; `can` to `cancel`).
    package static func verbs(completing word: String) -> [String] {
        let matches = verbs.filter { $0.hasPrefix(word) }
        return !word.isEmpty && matches.contains("call") ? ["call"] : matches
    }

    /// Flags followed by a value of their own, which is not completed.
    package static let valueFlags: Set<String> = ["--answer", "--answers", "--args", "--ttl", "--timeout"]

    /// Whole-word candidates for the word under the cursor, given the line up to the cursor.
    package func candidates(before: String) -> [String] {
        let split = ReplLine.split(before)
        guard split.openQuote == nil else { return [] }
        let words = split.words
        let current = split.current ?? ""
        guard let verb = words.first else { return Self.verbs(completing: current) }
        if let previous = words.last, Self.valueFlags.contains(previous) { return [] }
        if current.hasPrefix("-") { return (Self.flags[verb] ?? []).filter { $0.hasPrefix(current) } }
        let known = known.withLock { $0 }
        // Positional words so far, after the verb, leaving out flags and their values.
        var positional: [String] = []
        var skip = false
        for word in words.dropFirst() {
            if skip {
                skip = false
            } else if word.hasPrefix("-") {
                skip = Self.valueFlags.contains(word)
            } else {
                positional.append(word)
            }
        }
        switch verb {
        case "call":
            guard let toolName = positional.first else { return known.tools.map(\.name) }
            guard let tool = known.tools.first(where: { $0.name == toolName }) else { return [] }
            return arguments(of: tool, given: Array(positional.dropFirst()), current: current)
        case "watch", "status", "result", "cancel":
            guard positional.isEmpty else { return [] }
            return known.taskIDs + ["last"] + known.jobNumbers.map { "%\($0)" }
        case "fg":
            return positional.isEmpty ? known.jobNumbers.map(String.init) : []
        case "trace":
            return positional.isEmpty ? ["on", "off"] : []
        case "help":
            return positional.isEmpty ? Self.verbs : []
        default:
            return []
        }
    }

    /// `name=` for the tool's arguments not given yet; after `name=`, the values its schema allows.
    private func arguments(of tool: Tool, given: [String], current: String) -> [String] {
        let properties = tool.inputSchema["properties"]?.objectValue ?? [:]
        if let equals = current.firstIndex(of: "=") {
            let name = String(current[..<equals])
            guard let property = properties[name] else { return [] }
            return Self.values(of: property).map { "\(name)=\($0)" }
        }
        let used = Set(given.compactMap { word in word.firstIndex(of: "=").map { String(word[..<$0]) } })
        return properties.keys.sorted().filter { !used.contains($0) }.map { $0 + "=" }
    }

    /// What a property may be: its enum's values, or true and false.
    package static func values(of property: JSONValue) -> [String] {
        if let values = property["enum"]?.arrayValue {
            return values.map { $0.stringValue ?? JSONWriter.compactString($0) }
        }
        for key in ["oneOf", "anyOf"] {
            if let cases = property[key]?.arrayValue {
                let values = cases.compactMap { $0["const"].map { $0.stringValue ?? JSONWriter.compactString($0) } }
                if !values.isEmpty { return values }
            }
        }
        if property["type"]?.stringValue == "boolean" { return ["true", "false"] }
        return []
    }
}
