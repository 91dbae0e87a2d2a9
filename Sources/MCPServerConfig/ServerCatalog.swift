import MCPCore

/// Every server of every config file in the search order, shadowed ones included, and the files that could
/// not be read. The first entry of a name is the one used.
public struct ServerCatalog: Sendable {
    /// What reading one file gave: its bytes, or nil when there is no such file.
    public typealias Reader = @Sendable (String) throws(ConfigError) -> [UInt8]?

    public var servers: [ConfiguredServer] = []
    /// Files that exist but cannot be used, and why; they are skipped.
    public var problems: [(source: ConfigSource, message: String)] = []

    public init(sources: [ConfigSource], read: Reader) {
        var parsed: [String: JSONValue] = [:]
        var firstSource: [String: ConfigSource] = [:]
        for source in sources {
            let document: JSONValue
            do {
                if let cached = parsed[source.path] {
                    document = cached
                } else {
                    guard let bytes = try read(source.path) else {
                        if source.scope == .explicit { problems.append((source, "does not exist")) }
                        continue
                    }
                    document = try Self.parse(bytes, path: source.path, dialect: source.dialect)
                    parsed[source.path] = document
                }
                for (name, entry) in try Self.entries(of: document, source: source) {
                    var server = ConfiguredServer(name: name, source: source, entry: entry)
                    if let earlier = firstSource[name] {
                        server.shadowedBy = earlier
                    } else {
                        firstSource[name] = source
                    }
                    servers.append(server)
                }
            } catch {
                problems.append((source, error.message))
            }
        }
    }

    /// The entry used for `name`: the first one in the search order.
    public func server(named name: String) -> ConfiguredServer? {
        servers.first { $0.name == name && $0.shadowedBy == nil }
    }

    private static func parse(_ bytes: [UInt8], path: String, dialect: ConfigDialect) throws(ConfigError) -> JSONValue {
        do {
            return try JSONParser.parse(dialect.allowsComments ? CommentedJSON.strip(bytes) : bytes)
        } catch {
            throw ConfigError("is not valid JSON: \(error)")
        }
    }

    /// The name-to-entry map of one source, sorted by name; a file without one has no servers (Gemini CLI's
    /// settings and `~/.claude.json` hold much else).
    private static func entries(of document: JSONValue, source: ConfigSource) throws(ConfigError) -> [(
        String, JSONValue
    )] {
        var holder = document
        if let project = source.projectDirectory {
            guard let entry = document["projects"]?[project] else { return [] }
            holder = entry
        }
        let key = source.scope == .explicit && holder["mcpServers"] == nil ? "servers" : source.dialect.serversKey
        guard let servers = holder[key] else {
            if source.scope == .explicit { throw ConfigError("has no \"mcpServers\" (or \"servers\") object") }
            return []
        }
        guard let map = servers.objectValue else { throw ConfigError("\"\(key)\" is not an object") }
        return map.sorted { $0.key < $1.key }
    }
}
