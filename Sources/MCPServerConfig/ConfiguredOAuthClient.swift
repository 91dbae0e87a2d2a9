import MCPCore

/// A pre-registered OAuth client a config entry names for its server, in the form its client writes it:
///
/// - Claude Code (`.mcp.json`, `~/.claude.json`): `"oauth": {"clientId", "callbackPort", "scopes"}` with the
///   scopes one space-separated string; its secret lives in Claude Code's keychain, never in the file.
/// - Cursor: `"auth": {"CLIENT_ID", "CLIENT_SECRET", "scopes"}` with the scopes an array.
/// - Gemini CLI: `"oauth": {"enabled", "clientId", "clientSecret", "scopes"}`; `"enabled": false` turns it off.
/// - mcptask's own `servers.json`: `"oauth": {"clientId", "clientSecret", "scopes", "callbackPort"}`, the
///   scopes either way.
///
/// Claude Desktop, VS Code and Windsurf keep no client settings in their files (they ask, or register).
/// Strings are expanded like the entry's others, so a secret can stay in the environment. The secret is
/// never printed: `description` leaves it out.
public struct ConfiguredOAuthClient: Sendable, Equatable, CustomStringConvertible {
    public var clientID: String
    public var clientSecret: String?
    /// The scopes to ask for instead of the server's.
    public var scopes: [String]?
    /// The fixed loopback port the client is registered with (`http://127.0.0.1:PORT/callback`).
    public var callbackPort: Int?

    public init(clientID: String, clientSecret: String? = nil, scopes: [String]? = nil, callbackPort: Int? = nil) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.scopes = scopes
        self.callbackPort = callbackPort
    }

    public var description: String {
        "client \(clientID)" + (clientSecret == nil ? "" : " (with a secret)")
            + (callbackPort.map { ", callback port \($0)" } ?? "")
    }
}

extension ConfiguredServer {
    /// The pre-registered client of an HTTP entry, expanded; nil when the entry names none.
    public func oauthClient(_ expansion: VariableExpansion) throws(ConfigError) -> ConfiguredOAuthClient? {
        let dialect = source.dialect
        let keys: (block: String, id: String, secret: String?)
        switch dialect {
        case .claudeCode: keys = ("oauth", "clientId", nil)
        case .gemini, .mcptask: keys = ("oauth", "clientId", "clientSecret")
        case .cursor: keys = ("auth", "CLIENT_ID", "CLIENT_SECRET")
        case .claudeDesktop, .vsCode, .windsurf: return nil
        }
        guard let block = entry[keys.block], block.objectValue != nil else { return nil }
        if dialect == .gemini, block["enabled"]?.boolValue == false { return nil }
        func expand(_ key: String) throws(ConfigError) -> String? {
            guard let value = block[key] else { return nil }
            guard let text = value.stringValue else { throw ConfigError("\(keys.block).\(key) must be a string") }
            do {
                return try expansion.expand(text, dialect: dialect)
            } catch {
                throw ConfigError("\(keys.block).\(key) " + error.message)
            }
        }
        guard let clientID = try expand(keys.id), !clientID.isEmpty else { return nil }
        var client = ConfiguredOAuthClient(clientID: clientID)
        if let secretKey = keys.secret { client.clientSecret = try expand(secretKey).flatMap { $0.isEmpty ? nil : $0 } }
        switch block["scopes"] {
        case .some(.string(let text)):
            client.scopes = text.split(separator: " ").map(String.init)
        case .some(.array(let items)):
            client.scopes = items.compactMap(\.stringValue)
        default: break
        }
        if let port = block["callbackPort"] {
            guard let number = port.intValue, (1...65535).contains(number) else {
                throw ConfigError("\(keys.block).callbackPort must be a port number")
            }
            client.callbackPort = number
        }
        return client
    }
}
