import MCPClient
import MCPCore

/// Turns a tool result into text for people: text content as is, structured content as pretty JSON,
/// other kinds summarised. Every server string is sanitised when it goes to a terminal.
public struct ResultRenderer: Sendable {
    public var sanitize: Bool

    public init(sanitize: Bool) { self.sanitize = sanitize }

    public func render(_ result: CallToolResult) -> String {
        var parts: [String] = []
        var texts: [String] = []
        for block in result.content {
            switch block {
            case .text(let text):
                texts.append(text)
                parts.append(clean(text))
            case .image(let mimeType, let size): parts.append("[image \(mimeType), \(bytes(size))]")
            case .audio(let mimeType, let size): parts.append("[audio \(mimeType), \(bytes(size))]")
            case .resourceLink(let uri, let name): parts.append("[link \(clean(name ?? uri)) \(clean(uri))]")
            case .resource(let uri, let text):
                parts.append(text.map(clean) ?? "[resource \(clean(uri))]")
            case .other(let type, _): parts.append("[\(clean(type)) content]")
            }
        }
        if let structured = result.structuredContent,
            !texts.contains(where: { (try? JSONParser.parse($0)) == structured })
        {
            parts.append(clean(JSONWriter.pretty(structured)))
        }
        return parts.joined(separator: "\n")
    }

    private func clean(_ text: String) -> String { sanitize ? Sanitizer.clean(text, multiline: true) : text }

    private func bytes(_ count: Int) -> String {
        count < 1024 ? "\(count) B" : count < 1_048_576 ? "\(count / 1024) KiB" : "\(count / 1_048_576) MiB"
    }
}
