import MCPCore

#if canImport(Glibc)
    import Glibc
#endif

/// What mcptask keeps after logging in to one MCP server: the authorization server that issued the tokens,
/// the client it is known as there, and the tokens themselves.
public struct StoredCredentials: Sendable, Equatable, Codable {
    /// The MCP server's canonical URL (the `resource` the tokens are for).
    public var resource: String
    public var issuer: String
    public var tokenEndpoint: String
    public var client: ClientIdentity
    public var tokens: TokenSet
    /// The scopes asked for at login.
    public var scopes: [String]
}

/// The private credential store: one file per MCP server URL in `$XDG_DATA_HOME/mcptask/credentials`
/// (else `~/.local/share/mcptask/credentials`), the directory 0700 and every file 0600, replaced atomically.
/// The only place a token is ever written.
public struct CredentialStore: Sendable {
    public let directory: String

    public init(environment: [String: String]) {
        let data =
            environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? "/tmp") + "/.local/share"
        directory = data + "/mcptask/credentials"
    }

    /// The file of `resource`: a hash of its canonical URL, so no URL needs escaping.
    func path(for resource: String) -> String {
        let digest = SHA256.hash(Array(Self.key(resource).utf8)).prefix(16)
        return directory + "/" + digest.map { String($0, radix: 16).leftPadded(2) }.joined() + ".json"
    }

    static func key(_ serverURL: String) -> String { WebURL(serverURL)?.canonical ?? serverURL }

    public func load(_ serverURL: String) -> StoredCredentials? {
        guard let bytes = PrivateFile.read(path(for: serverURL)), let json = try? JSONParser.parse(bytes) else {
            return nil
        }
        return try? JSONValueDecoder.decode(StoredCredentials.self, from: json)
    }

    /// Every stored login.
    public func all() -> [StoredCredentials] {
        guard let listing = opendir(directory) else { return [] }
        defer { closedir(listing) }
        var found: [StoredCredentials] = []
        while let entry = readdir(listing) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name.hasSuffix(".json"), let bytes = PrivateFile.read(directory + "/" + name),
                let json = try? JSONParser.parse(bytes),
                let stored = try? JSONValueDecoder.decode(StoredCredentials.self, from: json)
            else { continue }
            found.append(stored)
        }
        return found.sorted { $0.resource < $1.resource }
    }

    public func save(_ credentials: StoredCredentials) throws(AuthFailure) {
        try PrivateFile.makeDirectory(directory)
        let json: JSONValue
        do {
            json = try JSONValueEncoder.encode(credentials)
        } catch {
            throw AuthFailure(.invalidServer, "cannot encode the credentials: \(error)")
        }
        try PrivateFile.write(path(for: credentials.resource), bytes: Array(JSONWriter.pretty(json).utf8) + [0x0A])
    }

    /// Forgets the login for `serverURL`, and the client registration of its authorization server when no
    /// other login uses that server; false when there was no login.
    public func remove(_ serverURL: String) -> Bool {
        let issuer = load(serverURL)?.issuer
        unlink(path(for: serverURL) + ".lock")
        let removed = unlink(path(for: serverURL)) == 0
        if let issuer, !all().contains(where: { AuthorizationServerMetadata.sameIssuer($0.issuer, issuer) }) {
            removeRegistration(issuer: issuer)
        }
        return removed
    }

    /// Runs `body` holding the store's lock for `serverURL`, so two processes never refresh the same
    /// rotating refresh token at once (authorization-notes.md, 8).
    func withLock<Value>(_ serverURL: String, _ body: () async throws(AuthFailure) -> Value) async throws(AuthFailure)
        -> Value
    {
        try PrivateFile.makeDirectory(directory)
        let lock = open(path(for: serverURL) + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard lock >= 0 else { throw AuthFailure(.refused, "cannot open the credential store's lock in \(directory)") }
        defer { close(lock) }
        flock(lock, LOCK_EX)
        defer { flock(lock, LOCK_UN) }
        return try await body()
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
