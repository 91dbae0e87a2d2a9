import MCPCore

/// How a configured server is reached.
public enum ServerTransport: String, Sendable {
    case stdio
    case http
    /// The legacy HTTP+SSE transport (protocol 2024-11-05), which mcptask does not speak.
    case sse
}

/// A server entry as found in a config file, before anything in it is expanded.
public struct ConfiguredServer: Sendable {
    public var name: String
    public var source: ConfigSource
    public var entry: JSONValue
    /// The earlier file whose entry of the same name is used instead of this one.
    public var shadowedBy: ConfigSource?

    public init(name: String, source: ConfigSource, entry: JSONValue, shadowedBy: ConfigSource? = nil) {
        self.name = name
        self.source = source
        self.entry = entry
        self.shadowedBy = shadowedBy
    }

    /// The transport the entry names with `type`, else the one its keys imply: `command` is stdio; a URL is
    /// Streamable HTTP except Gemini CLI's `url`, which is its SSE key (`httpUrl` is its Streamable HTTP one).
    public var transport: Result<ServerTransport, ConfigError> {
        if let type = entry["type"]?.stringValue ?? entry["transport"]?.stringValue {
            switch type.lowercased() {
            case "stdio": return .success(.stdio)
            case "http", "streamable-http", "streamable_http", "streamablehttp": return .success(.http)
            case "sse": return .success(.sse)
            default: return .failure(ConfigError("has the type '\(type)', which is not stdio, http or sse"))
            }
        }
        if entry["command"]?.stringValue != nil { return .success(.stdio) }
        if entry["httpUrl"]?.stringValue != nil || entry["serverUrl"]?.stringValue != nil { return .success(.http) }
        if entry["url"]?.stringValue != nil { return .success(source.dialect == .gemini ? .sse : .http) }
        return .failure(ConfigError("needs a \"command\" (stdio) or a \"url\" (HTTP)"))
    }

    /// The entry's URL, under whichever key its client uses.
    public var rawURL: String? {
        entry["httpUrl"]?.stringValue ?? entry["serverUrl"]?.stringValue ?? entry["url"]?.stringValue
    }

    /// The entry with its variables expanded, ready to connect to.
    public func resolved(_ expansion: VariableExpansion) throws(ConfigError) -> ResolvedServer {
        let dialect = source.dialect
        func expand(_ text: String, _ field: String) throws(ConfigError) -> String {
            do {
                return try expansion.expand(text, dialect: dialect)
            } catch {
                throw ConfigError("\(field) " + error.message)
            }
        }
        func strings(_ key: String) throws(ConfigError) -> [(String, String)] {
            var result: [(String, String)] = []
            for (name, value) in (entry[key]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard let text = value.stringValue else { throw ConfigError("\(key) '\(name)' must be a string") }
                result.append((name, try expand(text, "\(key) '\(name)'")))
            }
            return result
        }
        switch transport {
        case .failure(let error): throw error
        case .success(.sse):
            throw ConfigError(
                "uses the legacy SSE transport, which mcptask does not support: mcptask speaks Streamable HTTP "
                    + "(if the server offers it too, give that URL with -s, often ending in /mcp)")
        case .success(.http):
            guard let url = rawURL else { throw ConfigError("has type http but no \"url\"") }
            return .http(url: try expand(url, "its url"), headers: try strings("headers"))
        case .success(.stdio):
            guard let command = entry["command"]?.stringValue, !command.isEmpty else {
                throw ConfigError("has type stdio but no \"command\"")
            }
            var arguments: [String] = []
            for value in entry["args"]?.arrayValue ?? [] {
                guard let text = value.stringValue else { throw ConfigError("\"args\" must be strings") }
                arguments.append(try expand(text, "an argument"))
            }
            var directory: String?
            if let cwd = entry["cwd"]?.stringValue { directory = try expand(cwd, "cwd") }
            return .stdio(
                command: try expand(command, "its command"), arguments: arguments,
                environment: try strings("env"), workingDirectory: directory)
        }
    }
}

/// A configured server with its variables expanded.
public enum ResolvedServer: Sendable, Equatable {
    case stdio(command: String, arguments: [String], environment: [(String, String)], workingDirectory: String?)
    case http(url: String, headers: [(String, String)])

    public static func == (left: ResolvedServer, right: ResolvedServer) -> Bool {
        switch (left, right) {
        case (.stdio(let a, let b, let c, let d), .stdio(let e, let f, let g, let h)):
            return a == e && b == f && c.elementsEqual(g) { $0 == $1 } && d == h
        case (.http(let a, let b), .http(let c, let d)): return a == c && b.elementsEqual(d) { $0 == $1 }
        default: return false
        }
    }
}
