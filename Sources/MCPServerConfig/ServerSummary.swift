import MCPCore

/// What `mcptask servers` and the completion of `-s` say about one configured server. Never a secret: a
/// URL loses its user info and query, a command its arguments (either may carry a credential), and headers
/// and environment variables are named, not shown.
public struct ServerSummary: Sendable {
    public var name: String
    /// stdio, http or sse; nil when the entry cannot be used (then `problem` says why).
    public var transport: ServerTransport?
    /// The URL or the program.
    public var address: String
    public var source: ConfigSource
    public var shadowedBy: ConfigSource?
    public var problem: String?

    public init(_ server: ConfiguredServer) {
        name = server.name
        source = server.source
        shadowedBy = server.shadowedBy
        switch server.transport {
        case .success(let transport):
            self.transport = transport
            address =
                transport == .stdio
                ? Self.program(server.entry["command"]?.stringValue ?? "") : Self.publicURL(server.rawURL ?? "")
            problem =
                transport == .sse ? "legacy SSE transport: mcptask speaks Streamable HTTP only" : nil
        case .failure(let error):
            transport = nil
            address = ""
            problem = error.message
        }
    }

    /// A few words for a completion menu.
    public var about: String {
        switch transport {
        case .stdio: return "stdio server: " + address
        case .http: return "HTTP server at " + address
        case .sse: return "SSE server (not supported) at " + address
        case nil: return "unusable: " + (problem ?? "")
        }
    }

    public var json: JSONValue {
        var object: [String: JSONValue] = [
            "name": .string(name), "client": .string(source.client), "path": .string(source.path),
            "scope": .string(source.scope.rawValue), "transport": transport.map { .string($0.rawValue) } ?? .null,
            "used": .bool(shadowedBy == nil && transport != nil && transport != .sse),
        ]
        object[transport == .stdio ? "command" : "url"] = .string(address)
        if let project = source.projectDirectory { object["project"] = .string(project) }
        if let shadowedBy {
            object["shadowedBy"] = ["client": .string(shadowedBy.client), "path": .string(shadowedBy.path)]
        }
        if let problem { object["problem"] = .string(problem) }
        return .object(object)
    }

    static func program(_ command: String) -> String {
        command.split(separator: "/").last.map(String.init) ?? command
    }

    static func publicURL(_ text: String) -> String {
        var url = text
        if let query = url.firstIndex(where: { $0 == "?" || $0 == "#" }) { url = String(url[..<query]) }
        if let scheme = url.firstRange(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@"),
            !url[scheme.upperBound..<at].contains("/")
        {
            url.removeSubrange(scheme.upperBound...at)
        }
        return url
    }
}
