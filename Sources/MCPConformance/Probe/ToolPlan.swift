import MCPCore

/// One tool the check may call, with the arguments to call it with.
package struct ToolChoice: Sendable, Equatable {
    package var name: String
    package var arguments: [String: JSONValue]

    package init(name: String, arguments: [String: JSONValue] = [:]) {
        self.name = name
        self.arguments = arguments
    }
}

/// Which tools the check may call. Calling a user's tools has effects, so by default only the ones named on
/// the command line (`--tool`); `--call-any` adds every tool whose schema needs no argument.
package struct ToolPlan: Sendable, Equatable {
    package var named: [ToolChoice]
    package var callAny: Bool

    package init(named: [ToolChoice] = [], callAny: Bool = false) {
        self.named = named
        self.callAny = callAny
    }

    /// Whether the check may call `name`.
    package func allows(_ name: String, in tools: [Tool]) -> Bool {
        named.contains { $0.name == name }
            || (callAny && tools.first { $0.name == name }.map(Self.needsNoArguments) == true)
    }

    /// The arguments to call `name` with: the named ones, else none.
    package func arguments(for name: String) -> [String: JSONValue] {
        named.first { $0.name == name }?.arguments ?? [:]
    }

    /// The tools that may run as tasks and may be called, named ones first, each once. On the extension wire
    /// tools show no mode, so every allowed tool is a candidate.
    package func taskTools(in tools: [Tool], wire: WireKind) -> [ToolChoice] {
        let capable = { (name: String) -> Bool in
            guard wire == .core else { return true }
            guard let tool = tools.first(where: { $0.name == name }) else { return false }
            return tool.declaredTaskSupport == .optional || tool.declaredTaskSupport == .required
        }
        var chosen = named.filter { capable($0.name) }
        if callAny {
            for tool in tools where Self.needsNoArguments(tool) && capable(tool.name) {
                if !chosen.contains(where: { $0.name == tool.name }) { chosen.append(ToolChoice(name: tool.name)) }
            }
        }
        var seen: Set<String> = []
        return chosen.filter { seen.insert($0.name).inserted }
    }

    /// A tool whose input schema lists no required property.
    static func needsNoArguments(_ tool: Tool) -> Bool {
        (tool.inputSchema["required"]?.arrayValue ?? []).isEmpty
    }
}
